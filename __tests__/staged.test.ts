// `diff --staged`: the index against HEAD, what `git commit` would record, in a real repository.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { runCli } from '../src/cli-run.js'
import { makeRepo, type Repo } from './helpers/project.js'

const PROD = 'config/settings/production.py'
const FILES = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  [PROD]: 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["shop.example.com"]\nDEBUG = False\n'
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, cwd })
  return { code, out, err }
}
/** What the staged change introduces (the settings here lack middleware the review reports as unchanged). */
const ids = (out: string): string[] =>
  (JSON.parse(out) as { findings: { ruleId: string; baselineState: string }[] }).findings.filter((f) => f.baselineState !== 'unchanged').map((f) => `${f.ruleId}[${f.baselineState}]`)

let repo: Repo
beforeEach(async () => {
  repo = await makeRepo()
  await repo.commit(FILES, 'base')
})
afterEach(() => repo.cleanup())

describe('diff --staged', () => {
  it('reviews what is staged, not what is only in the working tree', async () => {
    writeFileSync(join(repo.dir, PROD), FILES[PROD].replace('DEBUG = False', 'DEBUG = True'))
    expect(ids((await cli(['diff', '--staged', '--format', 'json'], repo.dir)).out)).toEqual([])
    await repo.git.add([PROD])
    const r = await cli(['diff', '--staged', '--format', 'json'], repo.dir)
    expect(r.err).toBe('')
    expect(r.code).toBe(1)
    expect(ids(r.out)).toEqual(['debug-enabled[new]'])
    // staged, then put back in the working tree: the index is what counts
    writeFileSync(join(repo.dir, PROD), FILES[PROD])
    expect((await cli(['diff', '--staged', '--repo', repo.dir], tmpdir())).code).toBe(1)
  })

  it('a reasoned suppression staged on the line lets it pass, and is listed', async () => {
    writeFileSync(join(repo.dir, PROD), FILES[PROD].replace('DEBUG = False', 'DEBUG = True  # django-security: ignore[debug-enabled] -- demo box behind a VPN'))
    await repo.git.add([PROD])
    const r = await cli(['diff', '--staged', '--format', 'json'], repo.dir)
    expect(r.code).toBe(0)
    expect((JSON.parse(r.out) as { suppressed: { reason: string }[] }).suppressed.map((s) => s.reason)).toEqual(['demo box behind a VPN'])
  })

  it('uses the staged configuration (a commit on one\'s own machine), and names only the files given', async () => {
    writeFileSync(join(repo.dir, PROD), FILES[PROD].replace('DEBUG = False', 'DEBUG = True'))
    writeFileSync(join(repo.dir, 'other.py'), 'x = 1\n')
    await repo.git.add(['-A'])
    expect((await cli(['diff', '--staged', 'other.py'], repo.dir)).code).toBe(0)
    expect((await cli(['diff', '--staged', PROD], repo.dir)).code).toBe(1)
    const cfg = join(repo.dir, '.github', 'django-security.yml')
    await repo.commit({ '.github/django-security.yml': 'fail-on: high\n' }, 'config')
    writeFileSync(cfg, 'fail-on: never\n')
    await repo.git.add(['-A'])
    expect((await cli(['diff', '--staged'], repo.dir)).code).toBe(0)
  })

  it('works before the first commit, and refuses --base or a bare repository in one line', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'dsr-fresh-'))
    try {
      const git = simpleGit(fresh)
      await git.init(['-q'])
      writeFileSync(join(fresh, 'settings.py'), 'DEBUG = True\nALLOWED_HOSTS = ["*"]\n')
      await git.add(['settings.py'])
      const r = await cli(['diff', '--staged', '--format', 'json'], fresh)
      expect(r.err).toBe('')
      expect(ids(r.out)).toEqual(expect.arrayContaining(['debug-enabled[new]', 'allowed-hosts-wildcard[new]']))
      expect(await cli(['diff', '--staged', '--base', 'HEAD'], fresh)).toMatchObject({ code: 2, err: 'django-security-review: diff --staged reviews the index against HEAD: it takes no --base or --head\n' })
      const bare = join(fresh, 'bare.git')
      await simpleGit(fresh).raw(['init', '-q', '--bare', bare])
      const b = await cli(['diff', '--staged', '--repo', bare], fresh)
      expect(b.code).toBe(2)
      expect(b.err).toMatch(/^django-security-review: cannot read the index \(.*\): --staged needs a repository with a working tree\n$/)
    } finally {
      rmSync(fresh, { recursive: true, force: true })
    }
  })
})
