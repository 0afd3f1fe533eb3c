// A secret never appears in any output: secrets of every kind, written every way that used to leak
// (a private key in a triple-quoted string or escaped on one line, escapes, concatenation, values with
// spaces, a credentials.csv, a weak default longer than a message shows, secrets on the context lines
// of a code frame, short secrets, lists of secrets), are planted in a repository, and every channel
// is checked for any 6 characters of any secret — the CLI's (text, JSON, SARIF files and stdout,
// stderr; scan, diff and history) and the Action's (every request sent to GitHub, the log, the job
// summary, outputs, the SARIF file).
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

/** A private key body, line by line: each line is a secret part. */
const PEM_BODY = ['EnIYdmhYBIEkOK5UZd7S7JagbRK6FSGiDlcvyKgAu0Z+23nc40kwr9r9o6T1CDBm', '3hjqJ8mcTMKY223EsqOvdQqoqc1XW2pR49Qcr6NgsCztMyRwgxxv/88R8IZ0UTn7', '3F8CzMrMn2uopHyCyqHWgeag/+qqw90SU968xEFUccxQscE6yAN2f/3hifdidDRA']
const ONE_LINE_BODY = '7N69jpcDC50LD78klq4WsQL8qZnQf/PpRK4UEvTO8vu5RoU03f4ZYJ2FjyU2SEZ7Wo+ls0CfGog+VnlFLg21og'
const JSON_KEY_BODY = 'Q29uZmlkZW50aWFsLXNlcnZpY2UtYWNjb3VudC1ib2R5LTAxMjM0NTY3ODk'

/** Secrets that are reported: each must be found (its masked form in a message) and never printed. */
const PLANTED: Record<string, string> = {
  weakDefault: `django-insecure-${'h7!kQ2@xL9#mW4$pN8%vB3^cT6&jZ1*rY5(sE0)'.repeat(3)}`,
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
  urlPassword: 'rabbit-Hole-42x',
  // a database URL whose password holds '/'
  slashPassword: 'Pg-s3cr/et-Url-77',
  // values with a space: a YAML plain scalar, a docker env-file
  spacedYaml: 'Tr0ub4dor wz 3 h0rsez',
  spacedEnv: 'Gl4ss h0use 9 w1ndowz',
  // written differently from the value: an escape, implicit and '+' concatenation
  escaped: "it's-Esc4ped-Pa55",
  concatenated: 'Imp1icit-Part0neImp1icit-PartTwo',
  added: 'Plus-Part0ne-x7QPlus-PartTwo-k2W',
  // an AWS credentials.csv: the secret on the line of the key id
  csvKeyId: 'AKIAQ7N3XW5TZP2LM4RK',
  csvSecret: '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',
  // shorter than 8 characters
  short: 'k9#xQ2',
  // an unchanged password (reported by scan) next to a new one
  unchanged: 'Old-Db-Pa55-2024x',
  fresh: 'New-Db-Pa55-2026y',
  // the default of a compose interpolation a production service gives the settings (a deployment world)
  composeDefault: 'Cq7vZ-mR2xP9-kW4nT8-hJ3yL6-bQ1'
}

/** Secrets that need not be reported but must never be printed either. */
const HIDDEN: Record<string, string> = {
  // only in the base, next to a finding the change fixes
  baseOnly: 'Base-Only-Sm7p-Pa55',
  // under a secret name, too weak to report, next to findings
  neighbour: 'harbor-violet-quartz',
  // in lists with no name saying what they are: neither may become the other's "name"
  rotatedFirst: 'q8v2lm7secret9rt4wx9kp3hs6',
  rotatedSecond: 'z5n1bc6secret8hd0jf8gs2ty4',
  ...Object.fromEntries(PEM_BODY.map((l, i) => [`pemLine${i}`, l])),
  oneLineKey: ONE_LINE_BODY,
  jsonKey: JSON_KEY_BODY
}

/** A password that equals a word of the path it is in: the path is shown whole, the value masked. */
const PATH_WORD = 'provider'
const PATH_WORD_FILE = 'cla/apps/provider/forms.py'

const BASE_FILES = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/production.py': ['import os', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'DEBUG = True', `EMAIL_HOST_PASSWORD = "${HIDDEN.baseOnly}"`, ''].join('\n'),
  'app/db.py': `OLD_DB_PASSWORD = "${PLANTED.unchanged}"\n`
}

const FILES = {
  'config/settings/production.py': [
    'import os',
    `SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${PLANTED.weakDefault}")`,
    `SECRET_KEY_FALLBACKS = ["${PLANTED.djangoInsecure}"]`,
    'DEBUG = False',
    `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "${PLANTED.dbPassword}"}}`,
    `EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "${PLANTED.emailPassword}")`,
    `CELERY_BROKER_URL = "amqp://shop:${PLANTED.urlPassword}@mq.internal:5672//"`,
    `DATABASE_URL = "postgres://shop:${PLANTED.slashPassword}@db.internal:5432/shop"`,
    ''
  ].join('\n'),
  'config/settings/local.py': `from .production import *\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${PLANTED.fallback}")\n`,
  '.env.production': `AWS_ACCESS_KEY_ID=${PLANTED.aws}\nAWS_SECRET_ACCESS_KEY=${PLANTED.awsSecret}\nJWT_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n${ONE_LINE_BODY}\\n-----END PRIVATE KEY-----\\n"\n`,
  'deploy/k8s.yaml': `env:\n  - name: GITHUB_TOKEN\n    value: "${PLANTED.github}"\n  - name: STRIPE_API_KEY\n    value: ${PLANTED.stripe}\n`,
  // two production services: web runs production.py, api runs api.py, whose key the compose default supplies
  'docker-compose.yml': [
    'services:',
    '  web:',
    '    image: shop/web:2',
    '    command: gunicorn config.wsgi',
    '    environment:',
    '      - DJANGO_SETTINGS_MODULE=config.settings.production',
    '  api:',
    '    image: shop/web:2',
    '    command: gunicorn config.wsgi --bind 0.0.0.0:8001',
    '    environment:',
    '      - DJANGO_SETTINGS_MODULE=config.settings.api',
    `      - API_SECRET_KEY=\${API_SECRET_KEY:-${PLANTED.composeDefault}}`,
    ''
  ].join('\n'),
  'config/settings/api.py': 'import os\nfrom .production import *\nSECRET_KEY = os.environ["API_SECRET_KEY"]\n',
  'deploy/mail.yaml': `mail:\n  smtp_password: ${PLANTED.spacedYaml}\n`,
  'deploy/app.env': `SMTP_RELAY_PASSWORD=${PLANTED.spacedEnv}\n`,
  'deploy/service-account.json': `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${JSON_KEY_BODY}\\n-----END PRIVATE KEY-----\\n", "client_email": "ci@shop.iam.gserviceaccount.com"}\n`,
  'app/notify.py': `SLACK_BOT_TOKEN = "${PLANTED.slack}"\nLEGACY_API_KEY = "${HIDDEN.neighbour}"\nSENDGRID_API_KEY = "${PLANTED.sendgrid}"\nMAPS_KEY = "${PLANTED.google}"\n`,
  'app/fixtures.json': `{"session": "${PLANTED.jwt}"}\n`,
  'app/keys.py': `SIGNING_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----"""\n`,
  'app/escapes.py': [`ESCAPED_PASSWORD = 'it\\'s-Esc4ped-Pa55'`, 'CONCAT_SECRET = "Imp1icit-Part0ne" "Imp1icit-PartTwo"', 'PLUS_TOKEN = "Plus-Part0ne-x7Q" + "Plus-PartTwo-k2W"', ''].join('\n'),
  'ops/credentials.csv': `User name,Password,Access key ID,Secret access key,Console login link\nci-deploy,,${PLANTED.csvKeyId},${PLANTED.csvSecret},https://123456789012.signin.aws.amazon.com/console\n`,
  'app/cache.py': `REDIS_PASSWORD = "${PLANTED.short}"\n`,
  'app/rotated.py': `ROTATED = [\n    "${HIDDEN.rotatedFirst}",\n    "${HIDDEN.rotatedSecond}",\n]\n`,
  'app/db.py': `OLD_DB_PASSWORD = "${PLANTED.unchanged}"\nNEW_DB_PASSWORD = "${PLANTED.fresh}"\n`,
  [PATH_WORD_FILE]: `SMTP_PASSWORD = "${PATH_WORD}"\n`
}

let repo: Repo
let base: string
let head: string

beforeAll(async () => {
  repo = await makeRepo()
  await repo.commit({ 'README.md': '# shop\n' }, 'empty')
  base = await repo.commit(BASE_FILES, 'legacy settings')
  head = await repo.commit(FILES, 'plant secrets')
})
afterAll(() => repo.cleanup())

/** Prefixes every key of a kind shares: public, not part of the secret. */
const PUBLIC_PREFIX = /^(django-insecure-|sk_live_|ghp_|xoxb-|AKIA|AIza|SG\.|eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.)/

/** A word that names secrets in every message: a piece of a secret that is only this word tells nothing. */
const NAMING_WORD = 'secret'

/** Neither the whole secret nor any 6 characters of its secret part (a cut-off snippet leaks too). */
function expectMasked(output: string, label: string): void {
  for (const [name, secret] of Object.entries({ ...PLANTED, ...HIDDEN })) {
    if (output.includes(secret)) throw new Error(`${label} prints the ${name} secret in full`)
    const secretPart = secret.replace(PUBLIC_PREFIX, '')
    for (let i = 0; i + 6 <= secretPart.length; i++) {
      const piece = secretPart.slice(i, i + 6)
      if (piece !== NAMING_WORD && output.includes(piece)) throw new Error(`${label} prints part of the ${name} secret: ${mask(piece)}`)
    }
  }
}

/** The planted secrets whose masked form is not in `published`. */
const unpublished = (published: string, names = Object.keys(PLANTED)): string[] => names.filter((name) => !published.includes(mask(PLANTED[name])))

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
        // the masked form is what people see, and a path is shown whole even when a password is a word of it
        expect(toStdout.stdout).toContain(mask(PLANTED.stripe))
        expect(toStdout.stdout).toContain(mask(PLANTED.github))
        expect(toStdout.stdout).toContain(PATH_WORD_FILE)
      })

  it('every planted secret is found (so masking is tested on real findings)', async () => {
    const r = await runCli(['scan', repo.dir, '--include-tests', '--format', 'json'])
    const findings = (JSON.parse(r.stdout) as { findings: { path: string; message: string }[] }).findings
    expect(unpublished(findings.map((f) => f.message).join('\n'))).toEqual([])
    expect(findings.find((f) => f.path === PATH_WORD_FILE)?.message).toContain(`${PATH_WORD_FILE} contains password in SMTP_PASSWORD (${mask(PATH_WORD)})`)
  })

  it('the code frames of a diff show the context lines masked: a base-side password by a fixed finding, an unchanged one by a new one', async () => {
    const r = await runCli(['diff', '--base', base, '--head', head, '--repo', repo.dir])
    expect(r.stdout).toContain(`EMAIL_HOST_PASSWORD = "${mask(HIDDEN.baseOnly)}"`)
    expect(r.stdout).toContain(`OLD_DB_PASSWORD = "${mask(PLANTED.unchanged)}"`)
    expect(r.stdout).toContain(`LEGACY_API_KEY = "${mask(HIDDEN.neighbour)}"`)
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
    expect(api.reviewComments.length).toBeGreaterThanOrEqual(Object.keys(PLANTED).length - 2)
    expect(api.checkRuns).toHaveLength(1)
    expectActionMasked(r, 'pull_request')
    // every secret the change added was reported (so every one was masked, not missed): the low ones
    // (the development module's fallback) in the job summary, since comments list medium and above
    const published = api.reviewComments.map((c) => c.body).join('\n') + api.issueComments.map((c) => c.body).join('\n') + r.summary
    expect(unpublished(published, Object.keys(PLANTED).filter((n) => n !== 'unchanged'))).toEqual([])
    // the summary's table of production settings shows the new SECRET_KEY, masked
    expect(api.issueComments.map((c) => c.body).join('\n')).toContain('| `config/settings/production.py` | `SECRET_KEY` |')
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
