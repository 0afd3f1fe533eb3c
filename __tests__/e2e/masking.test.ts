// A secret never appears in full in any output: secrets of every kind are planted in a repository,
// and every channel is checked byte for byte — the CLI's (text, JSON, SARIF files and stdout, stderr)
// and the Action's (every request sent to GitHub, the log, the job summary, outputs, the SARIF file).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import { pullFiles } from '../../__fixtures__/pull-files.js'
import { runAction, type RunResult } from '../../__fixtures__/runner.js'
import { mask } from '../../src/rules/helpers.js'
import { runCli } from '../helpers/cli.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const PLANTED: Record<string, string> = {
  django: 'q8#v!2mZx@R7pL0w$Tn4yB6cE9hJ3uF5sD1gA-=+)(*&^%_Qe',
  djangoInsecure: 'django-insecure-7x!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=',
  fallback: 'Zr4!kQ9@xL2#mW7$pN5%vB8^cT1&hJ6*',
  dbPassword: 'Pg-Pr0d-Pa55word-2026!',
  emailPassword: 'M4ilgun-S3cr3t-Pa55',
  aws: 'AKIAZ3MSJV4TLWQ7PHXN',
  awsSecret: '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',
  github: 'ghp_R2d2C3poBb8Kx7Yw6Vu5Ts4Rq3Po2Nm1Lk0Ji',
  stripe: 'sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r',
  slack: 'xoxb-2048-4096-aBcDeFgHiJkLmNoPqR',
  sendgrid: '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',
  google: 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  urlPassword: 'rabbit-Hole-42x'
}

const FILES = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/production.py': [
    'import os',
    `SECRET_KEY = "${PLANTED.django}"`,
    `SECRET_KEY_FALLBACKS = ["${PLANTED.djangoInsecure}"]`,
    'DEBUG = False',
    `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "${PLANTED.dbPassword}"}}`,
    `EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "${PLANTED.emailPassword}")`,
    `CELERY_BROKER_URL = "amqp://shop:${PLANTED.urlPassword}@mq.internal:5672//"`,
    ''
  ].join('\n'),
  'config/settings/local.py': `from .production import *\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${PLANTED.fallback}")\n`,
  '.env.production': `AWS_ACCESS_KEY_ID=${PLANTED.aws}\nAWS_SECRET_ACCESS_KEY=${PLANTED.awsSecret}\n`,
  'deploy/k8s.yaml': `env:\n  - name: GITHUB_TOKEN\n    value: "${PLANTED.github}"\n  - name: STRIPE_API_KEY\n    value: ${PLANTED.stripe}\n`,
  'app/notify.py': `SLACK_BOT_TOKEN = "${PLANTED.slack}"\nSENDGRID_API_KEY = "${PLANTED.sendgrid}"\nMAPS_KEY = "${PLANTED.google}"\n`,
  'app/fixtures.json': `{"session": "${PLANTED.jwt}"}\n`
}

let repo: Repo
let base: string
let head: string

beforeAll(async () => {
  repo = await makeRepo()
  base = await repo.commit({ 'README.md': '# shop\n' }, 'empty')
  head = await repo.commit(FILES, 'plant secrets')
})
afterAll(() => repo.cleanup())

/** Prefixes every key of a kind shares: public, not part of the secret. */
const PUBLIC_PREFIX = /^(django-insecure-|sk_live_|ghp_|xoxb-|AKIA|AIza|SG\.|eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.)/

/** Neither the whole secret nor any 8 characters of its secret part (a cut-off snippet leaks too). */
function expectMasked(output: string, label: string): void {
  for (const [name, secret] of Object.entries(PLANTED)) {
    if (output.includes(secret)) throw new Error(`${label} prints the ${name} secret in full`)
    const secretPart = secret.replace(PUBLIC_PREFIX, '')
    for (let i = 0; i + 8 <= secretPart.length; i++)
      if (output.includes(secretPart.slice(i, i + 8))) throw new Error(`${label} prints part of the ${name} secret: ${mask(secretPart.slice(i, i + 8))}`)
  }
}

describe('masking in every channel', () => {
  const commands = {
    // --include-tests: the fallback planted in the development module is listed too, so it is masked too
    scan: () => ['scan', repo.dir, '--include-tests'],
    diff: () => ['diff', '--base', base, '--head', head, '--repo', repo.dir],
    history: () => ['history', '--repo', repo.dir]
  }
  for (const [command, argsOf] of Object.entries(commands))
    for (const format of ['text', 'json', 'sarif'])
      it(`${command} --format ${format}`, async () => {
        const resolved = argsOf()
        const out = join(repo.dir, `${command}.${format}`)
        const toStdout = await runCli([...resolved, '--format', format, '--color'])
        const toFile = await runCli([...resolved, '--format', format, '--output', out])
        expect(toStdout.code).toBe(1)
        expect(toFile.code).toBe(1)
        expectMasked(toStdout.stdout, `${command} ${format} stdout`)
        expectMasked(toStdout.stderr, `${command} ${format} stderr`)
        expectMasked(readFileSync(out, 'utf8'), `${command} ${format} file`)
        // the masked form is what people see
        expect(toStdout.stdout).toContain(mask(PLANTED.stripe))
        expect(toStdout.stdout).toContain(mask(PLANTED.github))
      })

  it('every planted secret is found (so masking is tested on real findings)', async () => {
    const r = await runCli(['scan', repo.dir, '--include-tests', '--format', 'json'])
    const messages = (JSON.parse(r.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message).join('\n')
    expect(Object.entries(PLANTED).filter(([, secret]) => !messages.includes(mask(secret))).map(([name]) => name)).toEqual([])
  })
})

describe('masking in every channel of the Action', () => {
  const actionDir = new URL('../..', import.meta.url).pathname
  const require = createRequire(import.meta.url)
  const examples = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Record<string, unknown>[] }[]
  let api: FakeGitHub
  let workspace: string
  beforeAll(async () => {
    api = await new FakeGitHub().start()
    workspace = mkdtempSync(join(tmpdir(), 'dsr-mask-'))
    execFileSync('git', ['clone', '-q', repo.dir, workspace])
  })
  afterAll(async () => {
    await api.close()
    rmSync(workspace, { recursive: true, force: true })
  })

  function expectActionMasked(r: RunResult, label: string): void {
    expectMasked(r.stdout, `${label} log`)
    expectMasked(r.stderr, `${label} stderr`)
    expectMasked(r.summary, `${label} job summary`)
    expectMasked(JSON.stringify(r.outputs), `${label} outputs`)
    expectMasked(readFileSync(r.outputs['sarif-file'], 'utf8'), `${label} SARIF file`)
    for (const q of api.requests) expectMasked(JSON.stringify(q.body ?? ''), `${label} ${q.operationId ?? q.path} request`)
  }

  it('pull_request: inline comments, the summary comment, the check run and its annotations', async () => {
    const pr = structuredClone(examples.find((e) => e.name === 'pull_request')!.examples.find((x) => x.action === 'opened')!) as { pull_request: { head: { sha: string }; base: { sha: string } } }
    pr.pull_request.head.sha = head
    pr.pull_request.base.sha = base
    execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: workspace })
    api.pull = { number: 2, head, base }
    api.files = pullFiles(workspace, base, head)
    const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: pr, env: api.env(), inputs: { 'max-inline-comments': '100' } })
    expect(r.exitCode).toBe(1)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    expect(api.reviewComments.length).toBeGreaterThanOrEqual(Object.keys(PLANTED).length - 1)
    expect(api.checkRuns).toHaveLength(1)
    expectActionMasked(r, 'pull_request')
    // every planted secret was reported (so every one was masked, not missed)
    const published = api.reviewComments.map((c) => c.body).join('\n') + api.issueComments.map((c) => c.body).join('\n')
    expect(Object.entries(PLANTED).filter(([, secret]) => !published.includes(mask(secret))).map(([name]) => name)).toEqual([])
  })

  it('schedule with a tracking issue: the issue, the history findings, the log and the job summary', async () => {
    const schedule = { schedule: '30 5 * * 1', repository: { full_name: 'octo/repo', name: 'repo', owner: { login: 'octo' } } }
    const r = await runAction({ actionDir, workspace, eventName: 'schedule', event: schedule, env: api.env(), inputs: { 'tracking-issue': 'true' } })
    expect(r.exitCode).toBe(1)
    expect(api.issues).toHaveLength(1)
    expectActionMasked(r, 'schedule')
    expectMasked(api.issues[0].body, 'tracking issue')
    expect(api.issues[0].body).toContain(mask(PLANTED.sendgrid))
  })
})
