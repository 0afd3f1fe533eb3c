import { defaultConfig } from '../../src/config/config.js'
import { describe, expect, it } from '@jest/globals'
import { envFileCommitted, secretsFileReason } from '../../src/rules/env-file-committed.js'
import { diffFiles, scanFiles } from '../helpers/project.js'
import { classifyFile } from '../../src/files/classify.js'

describe('env-file-committed', () => {
  it.each([
    ['.env', 'DB_PASSWORD=Xk9vQ2mW7pLs4Rt8\n', 'an environment file'],
    ['deploy/.env.production', 'DATABASE_URL=postgres://shop:Pg-Pr0d-2026@db/shop\n', 'an environment file'],
    ['shop/local_settings.py', 'DEBUG = True\n', 'a local settings module, meant to stay on one machine'],
    ['config/secrets.json', '{}', 'a secrets file'],
    ['keys/server.pem', '-----BEGIN PRIVATE KEY-----\nMII\n', 'a private key file'],
    ['.ssh/id_rsa', 'x', 'an SSH private key'],
    ['certs/store.p12', 'x', 'a key store']
  ])('reports %s', (path, text, reason) => {
    expect(secretsFileReason(path, text)).toBe(reason)
    expect(envFileCommitted.checkFile({ path, text, added: true, fileClass: classifyFile(path) })).toHaveLength(1)
  })

  it.each([
    ['.env.example', 'A=\n'],
    ['.env.sample', 'A=\n'],
    ['.env.template', 'A=\n'],
    ['env.dist', ''],
    ['certs/public.pem', '-----BEGIN CERTIFICATE-----\nMII\n'],
    ['settings.py', 'DEBUG = False\n'],
    ['docs/local_settings.example.py', 'DEBUG = True\n']
  ])('does not report %s', (path, text) => {
    expect(secretsFileReason(path, text)).toBeUndefined()
  })

  it('reports a secrets file when a change adds it, not when it only edits one already there', async () => {
    const added = await diffFiles({ 'README.md': '# x\n' }, { '.env.production': 'DEBUG=0\nEMAIL_HOST_PASSWORD=Sm7p-Pr0d-Pa55\n' })
    expect(added.findings.filter((f) => f.ruleId === 'env-file-committed').map((f) => `${f.ruleId}@${f.path}:${f.line}[${f.baselineState}]`)).toEqual(['env-file-committed@.env.production:2[new]'])
    const edited = await diffFiles({ '.env.production': 'DEBUG=0\nEMAIL_HOST_PASSWORD=Sm7p-Pr0d-Pa55\n' }, { '.env.production': 'DEBUG=0\nEMAIL_HOST_PASSWORD=Sm7p-Pr0d-Pa55\nLOG_LEVEL=info\n' })
    expect(edited.findings.filter((f) => f.ruleId === 'env-file-committed')).toEqual([])
  })

  it('an added .env whose every value the repository already held (a settings default) adds no secret: unchanged, with a note', async () => {
    const settings = 'import os\nDATABASES = {"default": {"PASSWORD": os.environ.get("POSTGRES_PASSWORD", "Jn7-Pg-Pa55w0rd")}}\n'
    const r = await diffFiles({ 'mysite/settings.py': settings }, { 'mysite/settings.py': settings, '.env': 'DEBUG=0\nPOSTGRES_PASSWORD=Jn7-Pg-Pa55w0rd\n' })
    const env = r.findings.filter((f) => f.ruleId === 'env-file-committed')
    expect(env.map((f) => f.baselineState)).toEqual(['unchanged'])
    expect(env[0].notes.join(' ')).toContain('already in mysite/settings.py')
    expect(JSON.stringify(env)).not.toContain('Jn7-Pg-Pa55w0rd')
  })

  it('reports a committed secrets file in a scan', async () => {
    const r = await scanFiles({ '.env': 'DEBUG=0\nSECRET_KEY=q7@l0v!3x$e9m#2t^8k&1z*5w(4r)6y-b_n+c=j%u0h1g2f3\n', '.env.example': 'SECRET_KEY=\n' })
    expect(r.findings.filter((f) => f.ruleId === 'env-file-committed').map((f) => `${f.ruleId}@${f.path}:${f.line}`)).toEqual(['env-file-committed@.env:2'])
  })
})

describe('a committed .env is judged by what it holds', () => {
  it.each([
    ['only hosts, ports, flags and empty values', 'WO_HOST=localhost\nWO_PORT=8000\nWO_SSL=NO\nWO_SSL_KEY=\nWO_BROKER=redis://broker\n'],
    ['build flags', 'COMPOSE_PROJECT_NAME=job-server\n\n# enable modern docker build features\nDOCKER_BUILDKIT=1\nBROWSER=none\n'],
    ['placeholders', 'SECRET_KEY=12345\nASSETS_DEV_MODE=False\nJOBSERVER_GITHUB_TOKEN=\nRAP_API_TOKEN=rap_token\nDB_PASSWORD=changeme\n'],
    ['comments and settings for development', '# heroku local\nENVIRONMENT="development"\nPYTHONUNBUFFERED=1\n']
  ])('%s: not reported', async (_, text) => {
    const r = await scanFiles({ '.env': text })
    expect(r.findings.filter((f) => f.ruleId === 'env-file-committed')).toEqual([])
  })

  it('names the variables that hold credentials, and points at the first; passwords of databases the project runs itself are low and set aside', async () => {
    const local = 'POSTGRES_DB=scancodeio\nPOSTGRES_USER=scancodeio\nPOSTGRES_PASSWORD=scancodeio\nSCANCODEIO_DB_HOST=db\nBROKER_URL=amqp://shop:Rabb1t-Pa55@mq:5672//\n'
    const remote = local.replace('SCANCODEIO_DB_HOST=db', 'SCANCODEIO_DB_HOST=scancode.cluster-c9.eu-west-1.rds.amazonaws.com')
    const r = await scanFiles({ 'docker.env': local, 'deploy/prod.env': remote }, { ...defaultConfig(), includeTests: true })
    const [f, g] = r.findings.filter((x) => x.ruleId === 'env-file-committed')
    expect(g.line).toBe(3)
    expect(g.message).toBe('docker.env is an environment file and is committed, with values for POSTGRES_PASSWORD, BROKER_URL: its values are readable by everyone with access to the repository and stay in its history. It is reported at low severity because it only holds passwords of databases the project runs itself.')
    expect(g.severity).toBe('low')
    expect(`${f.path}:${f.line}:${f.severity}`).toBe('deploy/prod.env:3:high')
    expect((await scanFiles({ 'docker.env': local })).findings).toEqual([])
  })
})
