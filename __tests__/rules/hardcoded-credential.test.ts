import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { diffFiles, scanFiles } from '../helpers/project.js'

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6hQ'

describe('hardcoded-credential', () => {
  it('reports credentials in any file at high severity, masked, with where it is', async () => {
    const r = await scanFiles({
      'deploy/docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "Pg-Pr0d-2026-xQ"\n',
      'app/clients.py': 'import stripe\nstripe.api_key = "sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r"\n'
    })
    expect(r.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}:${f.severity}`)).toEqual(['hardcoded-credential@app/clients.py:2:high', 'hardcoded-credential@deploy/docker-compose.yml:4:high'])
    expect(r.findings[0].message).toBe('app/clients.py contains Stripe secret key (sk****3r): anyone with access to the repository can use it, and removing it later does not take it out of git history.')
    expect(r.findings[1].evidence).toBe('POSTGRES_PASSWORD: "Pg****xQ"')
  })

  const NON_PRODUCTION = {
    'shop/tests/test_payments.py': 'PAYMENT_API_SECRET = "Pay-t3st-s3cret-9Qz"\nSTRIPE_SECRET = "sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r"\n',
    '.github/workflows/ci.yml': 'env:\n  DB_PASSWORD: "Ci-pa55-w0rd-xY"\n',
    'config/settings/base.py': 'DEBUG = False\nINSTALLED_APPS = []\n',
    'config/settings/local.py': `from .base import *\nEMAIL_HOST_PASSWORD = "Sm7p-l0cal-pa55"\n`
  }

  it('sets aside findings in tests, CI and development settings in a scan, with one coverage line; a live provider key stays high', async () => {
    const r = await scanFiles(NON_PRODUCTION)
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.line}:${f.severity}`)).toEqual(['shop/tests/test_payments.py:2:high'])
    expect(r.notices.map((n) => n.message)).toContain(
      '3 findings set aside (1 in CI configuration, 1 in development-only files and settings, 1 in test code and fixtures); --include-tests lists them'
    )
  })

  it('with --include-tests, lists them at low and says why', async () => {
    const r = await scanFiles(NON_PRODUCTION, { ...defaultConfig(), includeTests: true })
    const bySeverity = r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.line}:${f.severity}`)
    expect(bySeverity).toEqual(['.github/workflows/ci.yml:2:low', 'config/settings/local.py:2:low', 'shop/tests/test_payments.py:1:low', 'shop/tests/test_payments.py:2:high'])
    expect(r.findings.find((f) => f.path === 'shop/tests/test_payments.py')?.message).toContain('because it is in test code (shop/tests/)')
    expect(r.findings.find((f) => f.path === 'config/settings/local.py')?.message).toContain('development or test settings module')
    expect(r.findings.find((f) => f.path === 'config/settings/local.py')?.fileClass?.kind).toBe('development')
  })

  it('a private key in test code or named as a development key is a fixture: set aside; in a production path it stays high', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n'
    const r = await scanFiles({ 'tests/nginx-proxy/localhost.key': pem, 'app/keys/diversity_dev_private.key': pem, 'deploy/server.key': pem })
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.severity}`)).toEqual(['deploy/server.key:high'])
  })

  it('reads only self-identifying formats on a minified line of JavaScript: its names are code, not credentials', async () => {
    const minified = `var a=${'1,'.repeat(300)}0;function t(e){var token="identifierTokenizer",key="keyword.operator";return e}var k="AKIAZ3MSJV4TLWQ7PHXN";\n`
    const r = await scanFiles({ 'app/static/app/editor/ace.js': minified, 'app/static/app/editor/short.js': 'var token = "identifierTokenizer9x";\n' })
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.message.includes('AWS') ? 'aws' : 'pair'}`)).toEqual(['app/static/app/editor/ace.js:aws', 'app/static/app/editor/short.js:pair'])
  })

  it('sets aside the password of a database the project runs itself (a compose container, a local host); a remote database password stays high', async () => {
    const r = await scanFiles({
      'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: scancodeio-pw\n',
      'shop/settings.py': 'DATABASES = {"default": {"HOST": os.environ.get("DB_HOST", "db"), "PASSWORD": os.environ.get("POSTGRES_PASSWORD", "junction-pw")}}\nDEBUG = False\n',
      'deploy/prod.py': 'DATABASES = {"default": {"HOST": "shop.cluster-c9.eu-west-1.rds.amazonaws.com", "PASSWORD": os.environ.get("DB_PASSWORD", "Rds-Pr0d-9x!q")}}\n'
    })
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.severity}`)).toEqual(['deploy/prod.py:high'])
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('2 passwords for a database the project runs itself'))
    const all = await scanFiles({ 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: scancodeio-pw\n' }, { ...defaultConfig(), includeTests: true })
    expect(all.findings.map((f) => `${f.ruleId}:${f.severity}:${f.message.includes('runs next to itself')}`)).toEqual(['hardcoded-credential:low:true'])
  })

  it('also when a script runs the database container, the host is a private address, or the password is the user name (a local default); a bare PASSWORD in a database block', async () => {
    const r = await scanFiles({
      'etc/scripts/spin-db.sh': 'docker run -d \\\n  -e POSTGRES_USER=shop \\\n  -e POSTGRES_PASSWORD=Sh0p-l0cal-pw \\\n  postgres:17 || exit 1\n',
      'Makefile': 'SHOP_DB_NAME=shop\nSHOP_DB_USER=shopdb\nSHOP_DB_PASSWORD=shopdb\n\npostgresdb:\n\tcreateuser ${SHOP_DB_USER}\n',
      'shop/settings.py': 'ALLOWED_HOSTS = ["host.docker.internal", "172.17.0.1"]\n# FETCH_AUTH="host=user,password;"\nDATABASES = {"default": {"HOST": "10.0.3.7", "PASSWORD": os.environ.get("DB_PASSWORD", "Pr1vate-net-pw")}}\nDEBUG = False\n',
      'deploy/remote.env': 'DB_HOST=db.example.org\nDB_USER=shop\nDB_PASSWORD=Rem0te-Db-pw7\n',
      'deploy/other.env': 'DB_USER=shop\nDB_PASSWORD=Pr0d-Db-pw8x\n',
      'shop/database.py': 'DATABASES = {\n    "default": {\n        "NAME": "shop",\n        "PASSWORD": "D0cker-db-pw",\n        "HOST": "db",\n    }\n}\n',
      'src/shop.prod.cfg': '[database]\nname = shop\npassword = Cfg-db-pw-7\nhost = db\n\n[mail]\nhost = localhost\npassword = Ma1l-pw-9x\n'
    })
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.line}:${f.severity}`)).toEqual(['deploy/other.env:2:high', 'deploy/remote.env:3:high', 'src/shop.prod.cfg:8:high'])
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('5 passwords for a database the project runs itself'))
  })

  it('an example in a JSON Schema document is set aside; a provider key in it stays high', async () => {
    const schema = '"$schema": "https://json-schema.org/draft/2020-12/schema"\nproperties:\n  NAPALM_ARGS:\n    details: |-\n      NAPALM_ARGS = {\n          "api_key": "472071a93b60a1bd1fafb401d9f8ef41",\n      }\n'
    const r = await scanFiles({ 'app/settings.yaml': schema })
    expect(r.findings.filter((f) => f.ruleId === 'hardcoded-credential')).toEqual([])
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('1 example value in a JSON Schema'))
    const live = await scanFiles({ 'app/settings.yaml': schema + '      token: "ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"\n' })
    expect(live.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => f.severity)).toEqual(['high'])
  })

  it('never reports the same line as secret-key-hardcoded', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `SECRET_KEY = "${KEY}"\nDEBUG = False\n` })
    const secretRules = r.findings.filter((f) => f.ruleId === 'secret-key-hardcoded' || f.ruleId === 'hardcoded-credential')
    expect(secretRules.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['secret-key-hardcoded:1'])
  })

  it('in a diff, looks at added lines only', async () => {
    const base = { 'app/payments.py': 'LEGACY_TOKEN = "tok-9f8e7d6c5b4a3F2E1D"\n' }
    const r = await diffFiles(base, { 'app/payments.py': 'LEGACY_TOKEN = "tok-9f8e7d6c5b4a3F2E1D"\nSLACK_BOT_TOKEN = "xoxb-2048-4096-aBcDeFgHiJkLmNoPqR"\n' })
    expect(r.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}[${f.baselineState}]`)).toEqual(['hardcoded-credential@app/payments.py:2[new]'])
  })
})
