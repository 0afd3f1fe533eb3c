// The git source on real repositories: statuses, renames, binaries, size limits, merge-base.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { analyzeSide, wantedPaths } from '../../src/review.js'
import { initPython } from '../../src/python/parser.js'
import { gitChangeSet, parseNameStatus, parseUnifiedDiff } from '../../src/sources/git.js'
import { makeRepo, type Repo } from '../helpers/project.js'

let repo: Repo

beforeAll(async () => {
  await initPython()
  repo = await makeRepo()
  await repo.commit({
    'proj/settings/base.py': 'DEBUG = False\nSECRET_KEY = "x"\n',
    'proj/settings/production.py': 'from .base import *\nSECURE_SSL_REDIRECT = True\n',
    'proj/old_name.py': 'A = 1\nB = 2\nC = 3\nD = 4\n',
    'proj/gone.py': 'X = 1\n',
    'static/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]).toString('latin1'),
    'proj/views.py': 'def v(r):\n    return 1\n'
  })
  await repo.git.checkoutLocalBranch('feature')
  await repo.commit({
    'proj/settings/production.py': 'from .base import *\n\nSECURE_SSL_REDIRECT = False\n',
    'proj/old_name.py': null,
    'proj/new_name.py': 'A = 1\nB = 2\nC = 3\nD = 4\n',
    'proj/gone.py': null,
    'proj/added.py': 'NEW = True\n',
    'static/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 9, 9]).toString('latin1'),
    'proj/big.py': `X = "${'a'.repeat(2000)}"\n`
  })
  // main moves on after the branch point: its commit must not count as part of the change
  await repo.git.checkout('main')
  await repo.commit({ 'proj/views.py': 'def v(r):\n    return 2\n' })
})
afterAll(() => repo.cleanup())

const want = (b: Parameters<typeof analyzeSide>[0], h: Parameters<typeof analyzeSide>[0]) => ({ base: wantedPaths(analyzeSide(b)), head: wantedPaths(analyzeSide(h)) })

describe('gitChangeSet', () => {
  it('reads both sides from the merge-base, with statuses, renames and hunks', async () => {
    const change = await gitChangeSet({ repo: repo.dir, base: 'main', head: 'feature', maxFileBytes: 1000 }, want)
    const byPath = Object.fromEntries(change.changes.map((c) => [c.path, c]))
    expect(Object.keys(byPath).sort()).toEqual(['proj/added.py', 'proj/big.py', 'proj/gone.py', 'proj/new_name.py', 'proj/settings/production.py', 'static/logo.png'])
    expect(byPath['proj/new_name.py']).toMatchObject({ status: 'renamed', oldPath: 'proj/old_name.py' })
    expect(byPath['proj/gone.py'].status).toBe('deleted')
    expect(byPath['proj/added.py'].status).toBe('added')
    expect(byPath['proj/settings/production.py'].hunks).toEqual([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }])
    expect(byPath['static/logo.png'].binary).toBe(true)
    // views.py changed only on main after the branch point: not part of the change, base side is the merge-base
    expect(byPath['proj/views.py']).toBeUndefined()
    expect(change.base.read('proj/views.py')).toBeUndefined()
    expect(change.head.read('proj/settings/production.py')).toContain('SECURE_SSL_REDIRECT = False')
    expect(change.base.read('proj/settings/production.py')).toContain('SECURE_SSL_REDIRECT = True')
    expect(change.head.read('proj/settings/base.py')).toContain('DEBUG = False')
    expect(change.head.read('proj/big.py')).toBeUndefined()
    expect(change.notices).toEqual(
      expect.arrayContaining([
        { path: 'static/logo.png', message: 'skipped: binary file' },
        { path: 'proj/big.py', message: expect.stringMatching(/over the 1000-byte limit/) as unknown as string }
      ])
    )
  })
})

describe('parsers', () => {
  it('parses -z name-status with renames and odd file names', () => {
    expect(parseNameStatus('M\0a b.py\0R095\0old.py\0new.py\0D\0x.py\0')).toEqual([
      { path: 'a b.py', status: 'modified', hunks: [] },
      { path: 'new.py', oldPath: 'old.py', status: 'renamed', hunks: [] },
      { path: 'x.py', status: 'deleted', hunks: [] }
    ])
  })

  it('parses -U0 diffs, quoted paths and binary markers', () => {
    const out = ['diff --git a/x.py b/x.py', '--- a/x.py', '+++ b/x.py', '@@ -1 +1 @@', '-A = 1', '+A = 2', 'diff --git "a/\\303\\251.py" "b/\\303\\251.py"', '--- "a/\\303\\251.py"', '+++ "b/\\303\\251.py"', '@@ -2,0 +3,1 @@', '+B', 'diff --git a/i.png b/i.png', 'Binary files a/i.png and b/i.png differ'].join('\n')
    const { hunks, binary } = parseUnifiedDiff(out)
    expect(hunks.get('x.py')).toEqual([{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }])
    expect(hunks.get('é.py')).toEqual([{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 1 }])
    expect([...binary]).toEqual(['i.png'])
  })
})
