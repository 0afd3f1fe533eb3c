// The history scan on a real repository: add, remove, re-add; a renamed file; a merge; --since.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
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
