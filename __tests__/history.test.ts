// The history scan on a real repository: add, remove, re-add; a renamed file; a merge; --since.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { defaultConfig } from '../src/config/config.js'
import { historyScan } from '../src/history.js'
import { runCli } from './helpers/cli.js'
import { makeRepo, type Repo } from './helpers/project.js'

const GITHUB = 'ghp_' + 'Zy9XwVuTsRqPoNmLkJiHgFeDcBa0123456789'.slice(0, 36)
const STRIPE = 'sk_live_' + '51HxQaZ2eZvKYlo2C8bT9kqWmN3r'
const DB = 'Tr0ub4dor-xk29Q!'
const DJANGO = 'k#9!x@l2v$z%q^w&e*r(t)y-u_i=o+p1a2s3d4f5g6h7j8k9l0'

let repo: Repo
const commits: Record<string, string> = {}

beforeAll(async () => {
  repo = await makeRepo()
  commits.first = await repo.commit({ '.env.production': `DB_PASSWORD=${DB}\n`, 'app/api.py': 'import os\n' }, 'add env file')
  commits.removed = await repo.commit({ '.env.production': null }, 'remove env file')
  commits.readded = await repo.commit({ 'deploy/.env': `DB_PASSWORD=${DB}\n` }, 're-add the same password elsewhere')
  commits.token = await repo.commit({ 'app/api.py': `import os\nGITHUB_TOKEN = "${GITHUB}"\n` }, 'token')
  await repo.git.checkoutLocalBranch('feature')
  commits.stripe = await repo.commit({ 'app/billing.py': `STRIPE_KEY = "${STRIPE}"\n` }, 'stripe on a branch')
  await repo.git.checkout('main')
  await repo.git.mv('app/api.py', 'app/client.py')
  await repo.git.commit('rename api.py')
  await repo.git.merge(['--no-edit', '--no-ff', 'feature'])
  commits.settings = await repo.commit({ 'shop/settings.py': `SECRET_KEY = "${DJANGO}"\n` }, 'settings')
})
afterAll(() => repo.cleanup())

describe('history', () => {
  it('reports each secret once, at the first commit that added it, and whether HEAD still holds it', async () => {
    const r = await historyScan(repo.dir, undefined, defaultConfig())
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, f]))
    expect(Object.keys(byPath).sort()).toEqual(['.env.production', 'app/api.py', 'app/billing.py', 'shop/settings.py'])
    // added, removed, re-added elsewhere: one finding, first commit, still in HEAD through the re-added copy
    expect(byPath['.env.production'].message).toContain(commits.first.slice(0, 12))
    expect(byPath['.env.production'].message).toContain('HEAD still holds it in deploy/.env')
    expect(byPath['.env.production'].notes).toEqual(['Seen 2 times in .env.production, deploy/.env.'])
    // renamed afterwards: followed to its name at HEAD
    expect(byPath['app/api.py'].message).toContain(`${commits.token.slice(0, 12)}`)
    expect(byPath['app/api.py'].message).toContain('HEAD still holds it in app/client.py')
    // committed on a branch that was merged
    expect(byPath['app/billing.py'].message).toContain(commits.stripe.slice(0, 12))
    expect(byPath['shop/settings.py'].message).toContain('Django secret key')
    for (const f of r.findings) expect(f.message).toContain('must be rotated')
    expect(r.commits).toBeGreaterThanOrEqual(7)
  })

  it('says when a secret was removed but stays in history', async () => {
    const since = await historyScan(repo.dir, commits.readded, defaultConfig())
    // --since: only commits after it are scanned
    expect(since.findings.map((f) => f.path).sort()).toEqual(['app/api.py', 'app/billing.py', 'shop/settings.py'])
  })

  it('runs from the CLI with every value masked in text, JSON and SARIF', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(['history', '--repo', repo.dir, '--format', format])
      expect(r.code).toBe(1)
      for (const secret of [GITHUB, STRIPE, DB, DJANGO]) expect(r.stdout).not.toContain(secret)
      expect(r.stdout).toContain(`${GITHUB.slice(0, 2)}****${GITHUB.slice(-2)}`)
    }
  })
})

describe('history: constructs over several added lines', () => {
  const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'
  const OLD_KEY = 'Qm2#vL9$xR4!tZ7@kW1&pN6*sJ3(yB8)dF5-gH0_cV2=aT9+e'
  const K8S = 'Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2x'
  const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\nc2gtZWQyNTUxOQAAACBkWl0xXzZ9m3t5q7p8r2s4u6v8w0y2z4A6C8E0G2I4KA\n-----END OPENSSH PRIVATE KEY-----\n'
  let multi: Repo
  const shas: Record<string, string> = {}

  beforeAll(async () => {
    multi = await makeRepo()
    shas.settings = await multi.commit({ 'config/settings/local.py': `import environ\n\nenv = environ.Env()\nSECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)\n` }, 'black-formatted env default')
    // the same value again later, elsewhere: still one finding, at the first commit
    shas.copy = await multi.commit({ 'config/settings/ci.py': `SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)\n` }, 'copy')
    shas.fallbacks = await multi.commit({ 'config/settings/local.py': `import environ\n\nenv = environ.Env()\nSECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${KEY}",\n)\nSECRET_KEY_FALLBACKS = [\n    "${OLD_KEY}",\n]\n` }, 'fallbacks')
    shas.k8s = await multi.commit({ 'deploy/k8s/web.yaml': `env:\n  - name: DJANGO_SECRET_KEY\n    value: "${K8S}"\n` }, 'k8s')
    shas.pem = await multi.commit({ 'deploy/id_ed25519': PEM, 'docs/sso.md': 'Paste the key:\n\n-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n' }, 'keys')
  })
  afterAll(() => multi.cleanup())

  it('finds values on the lines after their names, once each, at the name’s line in the first commit', async () => {
    const r = await historyScan(multi.dir, undefined, defaultConfig())
    const at = r.findings.map((f) => `${f.path}:${f.line} ${f.message.split(' was committed in ')[0]} ${f.message.includes(shas.settings.slice(0, 12)) ? 'first' : ''}`)
    expect(at).toEqual([
      `config/settings/local.py:4 Django secret key in SECRET_KEY (x7****6h) first`,
      `config/settings/local.py:8 Django secret key in SECRET_KEY_FALLBACKS (Qm****+e) `,
      'deploy/id_ed25519:1 A private key block ',
      `deploy/k8s/web.yaml:2 Django secret key in DJANGO_SECRET_KEY (Zq****2x) `
    ])
    const key = r.findings[0]
    expect(key.notes).toEqual(['Seen 2 times in config/settings/local.py, config/settings/ci.py.'])
    expect(r.findings[1].message).toContain(shas.fallbacks.slice(0, 12))
    expect(r.findings[3].message).toContain(shas.k8s.slice(0, 12))
  })

  it('masks every value in the CLI output', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(['history', '--repo', multi.dir, '--format', format])
      expect(r.code).toBe(1)
      for (const secret of [KEY, OLD_KEY, K8S, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ']) expect(r.stdout).not.toContain(secret)
    }
  })
})

describe('history: what the stream could be mistaken about', () => {
  const PEM = (body: string) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`
  const BODY_A = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz'
  const BODY_B = 'b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBx'
  const DB = 'Pg-Pr0d-Pa55word-2026!'
  const OLD_MAC = 'Mq7-Hx2!vL9-pT4zK8wB'
  let repo: Repo
  const shas: Record<string, string> = {}

  beforeAll(async () => {
    repo = await makeRepo()
    shas.a = await repo.commit({ 'deploy/id_ed25519': PEM(BODY_A) }, 'one key')
    shas.b = await repo.commit({ 'ops/backup_key': PEM(BODY_B) }, 'another key with the same header')
    await repo.commit({ 'deploy/id_ed25519': null }, 'remove the first key')
    // an added line whose content starts with "++ b/" reads as "+++ b/…" in the patch
    shas.patch = await repo.commit({ 'tools/patching.py': 'EXAMPLE = """\n++ b/logo.png\n"""\nDB_PASSWORD = "' + DB + '"\n' }, 'a patch in a docstring')
    // a lone \r is not a line break for git (split there, the rest would read as a hunk header)
    shas.mac = await repo.commit({ 'legacy/settings.py': `A = 1\r@@ -0,0 +90 @@\nEMAIL_HOST_PASSWORD = "${OLD_MAC}"\n` }, 'old Mac line ending')
  })
  afterAll(() => repo.cleanup())

  it('two private keys with the same header are two secrets; HEAD holds only the second', async () => {
    const r = await historyScan(repo.dir, undefined, defaultConfig())
    const keys = r.findings.filter((f) => f.message.startsWith('A private key block'))
    expect(keys.map((f) => f.path)).toEqual(['deploy/id_ed25519', 'ops/backup_key'])
    expect(keys[0].message).toContain('was removed later')
    expect(keys[1].message).toContain('HEAD still holds it in ops/backup_key')
    expect(new Set(keys.map((f) => f.fingerprint)).size).toBe(2)
    const out = await runCli(['history', '--repo', repo.dir, '--format', 'json'])
    for (const body of [BODY_A, BODY_B]) expect(out.stdout).not.toContain(body.slice(0, 20))
  })

  it('an added line that reads "+++ b/…" is content, not a file header', async () => {
    const r = await historyScan(repo.dir, undefined, defaultConfig())
    expect(r.findings.filter((f) => f.path === 'tools/patching.py').map((f) => `${f.line} ${f.message.includes(shas.patch.slice(0, 12))}`)).toEqual(['4 true'])
  })

  it('line numbers count \\n only, as git does', async () => {
    const r = await historyScan(repo.dir, undefined, defaultConfig())
    expect(r.findings.filter((f) => f.path === 'legacy/settings.py').map((f) => f.line)).toEqual([2])
  })
})

describe('history: hostile names and unreadable objects', () => {
  it('follows names with a space, a newline or a quote, and a file hidden by a -diff attribute', async () => {
    const r2 = await makeRepo()
    try {
      await r2.commit({ '.gitattributes': '*.env -diff\n', 'deploy/my app.env': `DB_PASSWORD=${DB}\n`, 'odd\n"name".py': `GITHUB_TOKEN = "${GITHUB}"\n` }, 'secrets under odd names')
      await r2.git.mv('odd\n"name".py', 'renamed\n"name".py')
      await r2.git.commit('rename')
      const r = await historyScan(r2.dir, undefined, defaultConfig())
      expect(r.findings.map((f) => f.path).sort()).toEqual(['deploy/my app.env', 'odd\n"name".py'])
      expect(r.findings.find((f) => f.path.startsWith('odd'))?.message).toContain('HEAD still holds it in renamed\n"name".py')
    } finally {
      r2.cleanup()
    }
  })

  it('a blob deleted from .git/objects: the rest of the history is scanned, the file is named', async () => {
    const r2 = await makeRepo()
    try {
      const first = await r2.commit({ 'deploy/.env': `DB_PASSWORD=${DB}\n`, 'app/api.py': `GITHUB_TOKEN = "${GITHUB}"\n` }, 'two secrets')
      await r2.commit({ 'deploy/.env': null }, 'remove the env file')
      const oid = (await r2.git.revparse([`${first}:deploy/.env`])).trim()
      rmSync(join(r2.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)))
      const r = await historyScan(r2.dir, undefined, defaultConfig())
      expect(r.findings.map((f) => f.path)).toEqual(['app/api.py'])
      expect(r.notices).toEqual([{ path: 'deploy/.env', message: expect.stringContaining(`history not scanned for secrets: git cannot read it (object ${oid} is missing`) as unknown as string }])
    } finally {
      r2.cleanup()
    }
  })
})
