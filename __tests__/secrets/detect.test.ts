// detectSecrets over whole files: which files and lines it reads, multi-line constructs, diff and
// history (one line at a time) modes, file contexts, and the rule built on it.
import { describe, expect, it } from '@jest/globals'
import { detectSecrets, isCodeFile, isDocsFile, isSecretsCandidate, isSkippedFile, isTranslationFile } from '../../src/secrets/detect.js'
import { scanFiles } from '../helpers/project.js'

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'
const found = (path: string, text: string, lines?: Set<number>): [string, number, string][] => detectSecrets(path, text, lines).map((h) => [h.kind, h.line, h.value])

describe('which files', () => {
  it('skips lock files and binaries, reads everything else', () => {
    expect(isSkippedFile('frontend/package-lock.json')).toBe(true)
    expect(isSkippedFile('poetry.lock')).toBe(true)
    expect(isSecretsCandidate('static/logo.png')).toBe(false)
    expect(isSecretsCandidate('.env.production')).toBe(true)
    expect(isSecretsCandidate('Procfile')).toBe(true)
    expect(found('poetry.lock', `password = "${KEY}"`)).toEqual([])
  })

  it('knows docs, translation catalogs and source code', () => {
    expect(isDocsFile('docs/deploy.md')).toBe(true)
    expect(isTranslationFile('locale/fr/LC_MESSAGES/django.po')).toBe(true)
    expect(isTranslationFile('frontend/src/locales/de.json')).toBe(true)
    expect(isTranslationFile('config/settings.py')).toBe(false)
    expect(isCodeFile('shop/views.py')).toBe(true)
    expect(isCodeFile('docker-compose.yml')).toBe(false)
  })

  it('in docs and translations, reads self-identifying formats only', () => {
    const token = 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'
    expect(found('docs/deploy.md', `SECRET_KEY=${KEY}\nGITHUB_TOKEN=${token}`)).toEqual([['github-token', 2, token]])
    expect(found('frontend/src/locales/de.json', `"password": "Passwort", "token": "${token}"`)).toEqual([['github-token', 1, token]])
  })
})

describe('multi-line constructs', () => {
  it('reports the value’s line and remembers the line of the name', () => {
    const hits = detectSecrets('config/settings/local.py', `SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)\n`)
    expect(hits.map((h) => [h.kind, h.key, h.line, h.keyLine, h.value])).toEqual([['django-secret-key', 'SECRET_KEY', 3, 1, KEY]])
  })

  it('in a diff, finds an added value whose name is on an unchanged line', () => {
    const text = `SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)\n`
    expect(found('config/settings/local.py', text, new Set([3]))).toEqual([['django-secret-key', 3, KEY]])
    expect(found('config/settings/local.py', text, new Set([1, 2, 4]))).toEqual([])
  })

  it('reads a private key block from its header and the body on the next line', () => {
    const block = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\n-----END OPENSSH PRIVATE KEY-----\n'
    expect(found('deploy/id_ed25519', block)).toEqual([['private-key', 1, '-----BEGIN OPENSSH PRIVATE KEY-----']])
    expect(found('docs/sso.md', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n')).toEqual([])
  })
})

describe('one line at a time (what the history scanner feeds)', () => {
  it('reports a private key header alone on its line: the body is on lines not seen', () => {
    expect(found('deploy/id_rsa', '-----BEGIN RSA PRIVATE KEY-----')).toEqual([['private-key', 1, '-----BEGIN RSA PRIVATE KEY-----']])
  })

  it('still reads single-line secrets of every kind', () => {
    expect(found('.env', `SECRET_KEY=${KEY}`)).toEqual([['django-secret-key', 1, KEY]])
    expect(found('config/settings.py', `SECRET_KEY = os.environ.get("SECRET_KEY", "${KEY}")`)).toEqual([['django-secret-key', 1, KEY]])
  })
})

describe('file contexts', () => {
  it('does not read ciphertext under a sealed secret’s encryptedData', () => {
    const sealed = `spec:\n  encryptedData:\n    POSTGRES_PASSWORD: AgBy3i4OJSWK+PiTySYZZA${'q'.repeat(300)}\n  template:\n    metadata:\n      name: db\n`
    expect(found('k8s/sealed.yaml', sealed)).toEqual([])
    expect(found('k8s/secret.yaml', 'stringData:\n  POSTGRES_PASSWORD: Xk9vQ2mW7pLs4Rt8\n')).toEqual([['password', 2, 'Xk9vQ2mW7pLs4Rt8']])
  })

  it('reads .pgpass lines and the Python inside notebook cells', () => {
    expect(found('deploy/.pgpass', 'db.internal:5432:shop:shop:Xk9vQ2mW7pLs4Rt8\n')).toEqual([['password', 1, 'Xk9vQ2mW7pLs4Rt8']])
    expect(found('notebooks/a.ipynb', `    "os.environ[\\"DJANGO_SECRET_KEY\\"] = \\"${KEY}\\"\\n",\n`)).toEqual([['django-secret-key', 1, KEY]])
  })

  it('gives the column of each value', () => {
    const text = `x = 1\nDB_PASSWORD = "Xk9vQ2mW7pLs4Rt8"  # prod\n`
    const [hit] = detectSecrets('config/settings.py', text)
    const line = text.split('\n')[hit.line - 1]
    expect(line.slice(hit.column, hit.column + hit.value.length)).toBe(hit.value)
  })

  it('reports a value once even when a name and a format both see it', () => {
    const token = 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'
    expect(found('.env', `GITHUB_TOKEN=${token}`)).toEqual([['github-token', 1, token]])
    expect(found('scripts/clone.sh', `git clone https://x-access-token:${token}@github.com/shop/web.git`)).toEqual([['github-token', 1, token]])
  })
})

describe('the hardcoded-credential rule on these hits', () => {
  it('locates a black-formatted key from the name’s line, so secret-key-hardcoded and it never report the same key twice', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `import os\nSECRET_KEY = os.environ.get(\n    "DJANGO_SECRET_KEY",\n    "${KEY}",\n)\nDEBUG = False\n` })
    const keyFindings = r.findings.filter((f) => f.ruleId === 'secret-key-hardcoded' || f.ruleId === 'hardcoded-credential')
    expect(keyFindings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['secret-key-hardcoded:2'])
    expect(JSON.stringify(r.findings)).not.toContain(KEY)
  })

  it('reports a k8s name/value secret masked, at the name’s line', async () => {
    const r = await scanFiles({ 'k8s/deployment.yaml': `spec:\n  containers:\n    - name: web\n      env:\n        - name: DJANGO_SECRET_KEY\n          value: "${KEY}"\n` })
    const f = r.findings.find((x) => x.ruleId === 'hardcoded-credential')
    expect([f?.line, f?.endLine]).toEqual([5, 6])
    expect(JSON.stringify(r.findings)).not.toContain(KEY)
  })
})

describe('URL passwords of documentation', () => {
  it('takes a short number for an example', () => {
    expect(detectSecrets('README.md', '    http://bobby:123@openprescribing.net/anymail/mailgun/tracking/\n')).toEqual([])
  })

  it('takes a password of under four characters for a test vector; four and more are reported', () => {
    const vectors = '    ("http://us:pa@ex.co:42/http://ex.co:19/a?_d=4#-a=2.3", []),\n'
    expect(detectSecrets('app/util.py', vectors)).toEqual([])
    expect(detectSecrets('app/util.py', 'BROKER = "amqp://app:Qz7v@broker.example.org:5672//"\n').map((h) => h.kind)).toEqual(['url-credentials'])
  })
})
