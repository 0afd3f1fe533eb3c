// The git source on real repositories: statuses, renames, binaries, size limits, merge-base.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyzeSide, wantedPaths } from '../../src/review.js'
import { initPython } from '../../src/python/parser.js'
import { gitChangeSet, gitRevisionFiles, parseRawDiff, parseUnifiedDiff } from '../../src/sources/git.js'
import { brief, makeRepo, reviewRepo, type Repo } from '../helpers/project.js'

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
  it('parses -z raw diffs with object ids, renames and odd file names', () => {
    const a = 'a'.repeat(40)
    const b = 'b'.repeat(40)
    const z = '0'.repeat(40)
    expect(parseRawDiff(`:100644 100644 ${a} ${b} M\0a b.py\0:100644 100644 ${a} ${a} R095\0old.py\0new\nline.py\0:100644 000000 ${a} ${z} D\0x.py\0`)).toEqual([
      { path: 'a b.py', status: 'modified', hunks: [], oldOid: a, newOid: b },
      { path: 'new\nline.py', oldPath: 'old.py', status: 'renamed', hunks: [], oldOid: a, newOid: a },
      { path: 'x.py', status: 'deleted', hunks: [], oldOid: a, newOid: z }
    ])
  })

  it('parses -U0 diffs, quoted paths, and names with a space (git ends those with a tab)', () => {
    const out = ['diff --git a/x.py b/x.py', '--- a/x.py', '+++ b/x.py', '@@ -1 +1 @@', '-A = 1', '+A = 2', 'diff --git "a/\\303\\251.py" "b/\\303\\251.py"', '--- "a/\\303\\251.py"', '+++ "b/\\303\\251.py"', '@@ -2,0 +3,1 @@', '+B', 'diff --git a/a b.py b/a b.py', '--- a/a b.py\t', '+++ b/a b.py\t', '@@ -0,0 +1 @@', '+C'].join('\n')
    const hunks = parseUnifiedDiff(out)
    expect(hunks.get('x.py')).toEqual([{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }])
    expect(hunks.get('é.py')).toEqual([{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 1 }])
    expect(hunks.get('a b.py')).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 }])
  })
})

const TOKEN = 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'

describe('hostile file names and unreadable objects, in a real repository', () => {
  let odd: Repo
  let base: string
  let head: string
  beforeAll(async () => {
    odd = await makeRepo()
    base = await odd.commit({ 'mysite/settings.py': 'DEBUG = False\n', 'README.md': '# x\n' })
    head = await odd.commit({
      'a\nb.py': 'X = 1\n',
      'with space.env': `GITHUB_TOKEN=${TOKEN}\n`,
      'z-after.py': `TOKEN = "${TOKEN.replace('Zq7', 'Yq7')}"\n`,
      '.gitattributes': 'mysite/settings.py -diff\n',
      'mysite/settings.py': 'DEBUG = True\n'
    })
  })
  afterAll(() => odd.cleanup())

  it('a name with a newline keeps every later file in step, a name with a space gets its hunks, a -diff attribute hides nothing', async () => {
    const change = await gitChangeSet({ repo: odd.dir, base, head }, want)
    expect(change.head.read('a\nb.py')).toBe('X = 1\n')
    expect(change.head.read('z-after.py')).toContain('Yq7')
    const byPath = Object.fromEntries(change.changes.map((c) => [c.path, c]))
    expect(byPath['with space.env'].hunks).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 }])
    expect(byPath['mysite/settings.py'].hunks).toEqual([{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }])
    expect(byPath['mysite/settings.py'].binary).toBeUndefined()
    const result = await reviewRepo(odd.dir, base, head)
    expect(brief(result)).toEqual(expect.arrayContaining(['debug-enabled@mysite/settings.py:1[new]', 'hardcoded-credential@with space.env:1[new]', 'hardcoded-credential@z-after.py:1[new]']))
  })

  it('a blob deleted from .git/objects: the change is reviewed without it, the notices name it, renames fall back', async () => {
    const repo = await makeRepo()
    try {
      const b = await repo.commit({ 'mysite/settings.py': 'DEBUG = False\n', 'old/name.py': 'A = 1\nB = 2\nC = 3\n' })
      const h = await repo.commit({ 'mysite/settings.py': 'DEBUG = True\n', 'lost.env': `GITHUB_TOKEN=${TOKEN}\n`, 'kept.env': `GITHUB_TOKEN=${TOKEN.replace('Zq7', 'Wq7')}\n`, 'old/name.py': null, 'new/name.py': 'A = 1\nB = 2\nC = 4\n' })
      const lost = (await repo.git.revparse([`${h}:lost.env`])).trim()
      const renamed = (await repo.git.revparse([`${h}:new/name.py`])).trim()
      for (const oid of [lost, renamed]) rmSync(join(repo.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)))
      const change = await gitChangeSet({ repo: repo.dir, base: b, head: h }, want)
      expect(change.notices).toEqual(
        expect.arrayContaining([
          { path: 'lost.env', message: expect.stringContaining(`not reviewed (head side): git cannot read it (object ${lost} is missing`) as unknown as string },
          { path: 'new/name.py', message: expect.stringContaining('not reviewed (head side)') as unknown as string },
          { message: expect.stringMatching(/^rename detection failed \(.*\): files are compared by path/) as unknown as string }
        ])
      )
      const result = await reviewRepo(repo.dir, b, h)
      expect(brief(result)).toEqual(expect.arrayContaining(['debug-enabled@mysite/settings.py:1[new]', 'hardcoded-credential@kept.env:1[new]']))
      const scanned = await gitRevisionFiles(repo.dir, h, (paths) => paths)
      expect(scanned.notices).toEqual(expect.arrayContaining([{ path: 'lost.env', message: expect.stringContaining(`object ${lost} is missing`) as unknown as string }]))
      expect(scanned.files.read('kept.env')).toContain('Wq7')
    } finally {
      repo.cleanup()
    }
  })

  it('a truncated object (git cat-file dies on it): named, and every other file still read', async () => {
    const repo = await makeRepo()
    try {
      const h = await repo.commit({ 'a.env': 'A=1\n', 'b.env': `B=${'x'.repeat(5000)}\n`, 'c.env': 'C=3\n' })
      const oid = (await repo.git.revparse([`${h}:b.env`])).trim()
      const file = join(repo.dir, '.git/objects', oid.slice(0, 2), oid.slice(2))
      const bytes = readFileSync(file)
      chmodSync(file, 0o644)
      writeFileSync(file, bytes.subarray(0, bytes.length - 20))
      const { files, notices } = await gitRevisionFiles(repo.dir, h, (paths) => paths)
      expect(files.read('a.env')).toBe('A=1\n')
      expect(files.read('c.env')).toBe('C=3\n')
      expect(notices).toEqual([{ path: 'b.env', message: expect.stringContaining('not reviewed: git cannot read it') as unknown as string }])
    } finally {
      repo.cleanup()
    }
  })
})
