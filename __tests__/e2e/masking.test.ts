// A secret never appears in full in any output: secrets of every kind are planted in a repository,
// and every channel the CLI has (text, JSON, SARIF files and stdout, stderr) is checked byte for byte.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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

function expectMasked(output: string, label: string): void {
  for (const [name, secret] of Object.entries(PLANTED)) {
    if (output.includes(secret)) throw new Error(`${label} prints the ${name} secret in full`)
  }
}

describe('masking in every channel', () => {
  const commands = {
    scan: () => ['scan', repo.dir],
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
    const r = await runCli(['scan', repo.dir, '--format', 'json'])
    const messages = (JSON.parse(r.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message).join('\n')
    expect(Object.entries(PLANTED).filter(([, secret]) => !messages.includes(mask(secret))).map(([name]) => name)).toEqual([])
  })
})
