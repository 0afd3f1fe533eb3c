// scan --history (what each job of the organisation-wide scan runs): the tree's findings plus the
// secrets only the history holds, each dated — by the commit that added the secret, or by git blame.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { makeRepo, type Repo } from './helpers/project.js'

const cli = (args: string[], cwd: string) => runCliInProcess(args, cwd)

const SECRET = 'kq8#v!2mZx@R7pL0w$Tn4yB6cE9hJ3uF5sD1gA-=+)(*&^%_Qe'
interface Report {
  findings: { ruleId: string; path: string; line: number; since?: { commit: string; date: string } }[]
  notices: { message: string }[]
}

let repo: Repo
let added: string
let debugCommit: string
let shallow: string
beforeAll(async () => {
  repo = await makeRepo()
  await repo.commit({ 'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["K"]\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\n' }, 'base')
  added = await repo.commit({ 'mysite/settings.py': `import os\nSECRET_KEY = "${SECRET}"\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\n` }, 'key')
  await repo.commit({ 'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["K"]\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\n' }, 'unkey')
  debugCommit = await repo.commit({ 'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["K"]\nDEBUG = True\nALLOWED_HOSTS = ["example.com"]\n' }, 'debug')
  shallow = mkdtempSync(join(tmpdir(), 'dsr-shallow-'))
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow])
})
afterAll(() => {
  repo.cleanup()
  rmSync(shallow, { recursive: true, force: true })
})

describe('scan --history', () => {
  it('adds the secret only the history holds, dated by its commit, and dates the tree findings by git blame', async () => {
    const r = await cli(['scan', repo.dir, '--history', '--format', 'json', '--fail-on', 'never'], repo.dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(report.findings.map((f) => [f.ruleId, f.path, f.line, f.since?.commit])).toEqual(
      expect.arrayContaining([
        ['debug-enabled', 'mysite/settings.py', 3, debugCommit],
        ['hardcoded-credential', 'mysite/settings.py', 2, added]
      ])
    )
    for (const f of report.findings) expect(Number.isNaN(Date.parse(f.since?.date ?? ''))).toBe(false)
    expect(r.stdout).not.toContain(SECRET)
    // without --history: the tree only, no dates
    const plain = JSON.parse((await cli(['scan', repo.dir, '--format', 'json', '--fail-on', 'never'], repo.dir)).stdout) as Report
    expect(plain.findings.map((f) => f.ruleId)).not.toContain('hardcoded-credential')
    expect(plain.findings.every((f) => f.since === undefined)).toBe(true)
  })

  it('a baseline written by the baseline command quiets both', async () => {
    const file = join(repo.dir, 'baseline.json')
    expect((await cli(['baseline', repo.dir, '--output', file], repo.dir)).code).toBe(0)
    const r = await cli(['scan', repo.dir, '--history', '--baseline', file, '--format', 'json'], repo.dir)
    expect((JSON.parse(r.stdout) as Report).findings).toEqual([])
    expect(r.code).toBe(0)
  })

  it('in a shallow clone: says the history was cut, and dates nothing the boundary commit holds', async () => {
    const report = JSON.parse((await cli(['scan', shallow, '--history', '--format', 'json', '--fail-on', 'never'], shallow)).stdout) as Report
    expect(report.notices.map((n) => n.message)).toContain('the clone is shallow: commits before its boundary were not scanned (fetch with fetch-depth: 0 for the whole history)')
    expect(report.findings.find((f) => f.ruleId === 'debug-enabled')?.since).toBeUndefined()
  })

  it.each([
    [['scan', '--history', '--rev', 'HEAD'], 'scan --history reviews HEAD and its history: it takes no --rev'],
    [['diff', '--base', 'HEAD~1', '--history'], '--history is for scan (the history command lists only the history)'],
    [['history', '--history'], '--history is for scan (the history command lists only the history)']
  ])('%j is refused', async (args, message) => {
    expect(await cli([...args, '--repo', repo.dir], repo.dir)).toEqual({ code: 2, stdout: '', stderr: `django-security-review: ${message}\n` })
  })

  it('needs a git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'dsr-plain-'))
    try {
      expect(await cli(['scan', plain, '--history'], plain)).toEqual({ code: 2, stdout: '', stderr: `django-security-review: scan --history needs a git repository: ${plain} is not one\n` })
    } finally {
      rmSync(plain, { recursive: true, force: true })
    }
  })
})
