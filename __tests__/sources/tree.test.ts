// The working-tree source: each file is read once as bytes and scanned for secrets then; the scan
// of a tree must find exactly what a scan of the same files held in memory finds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { defaultConfig } from '../../src/config/config.js'
import { initPython } from '../../src/python/parser.js'
import { scan } from '../../src/review.js'
import { detectSecrets, isSecretsCandidate } from '../../src/secrets/detect.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import { MAX_FILE_BYTES } from '../../src/sources/limits.js'
import { treeFiles } from '../../src/sources/tree.js'
import { readTreeFile } from '../../src/sources/tree-file.js'

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'
const FILES: Record<string, string | Buffer> = {
  'shop/settings/base.py': `DEBUG = False\nSECRET_KEY = "${KEY}"\nALLOWED_HOSTS = ["shop.example.com"]\n`,
  'shop/settings/production.py': 'from .base import *\nSECURE_SSL_REDIRECT = True\n',
  'shop/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n',
  'shop/views.py': 'def index(request):\n    return None\n',
  // a suppression that silences a finding, and one that silences nothing (reported in a scan)
  'tools/seed.py': 'API_TOKEN = "ghp_Qw8ErTy6UiOp4AsDf2GhJk0LzXcVbNm13579"  # django-security: ignore[hardcoded-credential] -- revoked, kept for the fixture\n',
  'tools/old.py': '# django-security: ignore[debug-enabled] -- the old debug switch\nX = 1\n',
  '.env': 'DB_PASSWORD=Xk9vQ2mW7pLs4Rt8\n',
  'deploy/k8s.yaml': '- name: DJANGO_SECRET_KEY\n  value: "Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2x"\n',
  'docs/setup.md': 'Set GITHUB_TOKEN=ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2 in CI.\r\nÜmlauts stay text: schlüssel = "wert"\n',
  // odd length and a key in the last line without a newline
  'config/app.json': '{\n  "name": "shop",\n  "api_key": "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"\n}',
  'static/blob.dat': Buffer.from([0x50, 0x4b, 0, 0, 1, 2, 3]),
  'static/huge.txt': `password = "${'q'.repeat(MAX_FILE_BYTES)}"\n`,
  'node_modules/pkg/index.js': `const token = "ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2"\n`
}

let root: string
beforeAll(async () => {
  await initPython()
  root = mkdtempSync(join(tmpdir(), 'dsr-tree-'))
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const select = (paths: string[]): string[] => paths.filter(isSecretsCandidate)

describe('treeFiles', () => {
  it('reads text files once, skips binaries, large files (with a notice) and vendored folders', () => {
    const { files, notices } = treeFiles(root, select)
    expect([...files.secrets.keys()]).toEqual(['.env', 'config/app.json', 'deploy/k8s.yaml', 'docs/setup.md', 'shop/settings/base.py', 'shop/settings/production.py', 'shop/views.py', 'shop/wsgi.py', 'tools/old.py', 'tools/seed.py'])
    expect(notices).toEqual([{ path: 'static/huge.txt', message: `skipped: ${MAX_FILE_BYTES + 14} bytes is over the ${MAX_FILE_BYTES}-byte limit` }])
    expect(files.read('static/blob.dat')).toBeUndefined()
    expect(files.read('node_modules/pkg/index.js')).toBeUndefined()
  })

  it('finds in the bytes what the detector finds in the text, and reads any text file on demand', () => {
    const { files } = treeFiles(root, select)
    for (const [path, hits] of files.secrets) {
      expect(files.read(path)).toBe(FILES[path].toString())
      expect(hits).toEqual(detectSecrets(path, FILES[path].toString()))
    }
    expect(files.secrets.get('config/app.json')?.map((h) => [h.kind, h.line])).toEqual([['google-api-key', 3]])
  })

  it('gives the same scan as the same files in memory', async () => {
    const { files } = treeFiles(root, select)
    const inMemory = new MapFileSet(new Map([...files.secrets.keys()].map((p) => [p, FILES[p].toString()])), files.paths)
    const fromTree = await scan(files, defaultConfig())
    const fromMemory = await scan(inMemory, defaultConfig())
    expect(fromTree.findings.length).toBeGreaterThan(3)
    expect(fromTree.findings).toEqual(fromMemory.findings)
    expect(fromTree.notices).toEqual(fromMemory.notices)
    // the tree knows from its one read which files hold a suppression; the scan reads no other file again
    expect([...files.suppressing]).toEqual(['tools/old.py', 'tools/seed.py'])
    expect(fromTree.findings.some((f) => f.path === 'tools/seed.py')).toBe(false)
    expect(fromTree.notices).toContainEqual(expect.objectContaining({ path: 'tools/old.py', line: 1 }))
  })
})

describe('a hostile tree', () => {
  let hostile: string
  beforeAll(() => {
    hostile = mkdtempSync(join(tmpdir(), 'dsr-hostile-tree-'))
    writeFileSync(join(hostile, 'real.env'), 'A=1\n')
    symlinkSync('/dev/zero', join(hostile, 'zero.env'))
    symlinkSync('/etc/hostname', join(hostile, 'outside.env'))
    symlinkSync('real.env', join(hostile, 'inside.env'))
    execFileSync('mkfifo', [join(hostile, 'pipe.env')])
    writeFileSync(Buffer.from(`${hostile}/keys-\xff\xfe.env`, 'latin1'), 'DB_PASSWORD=Xk9vQ2mW7pLs4Rt8\n')
    mkdirSync(Buffer.from(`${hostile}/dir-\xff`, 'latin1'))
    writeFileSync(Buffer.from(`${hostile}/dir-\xff/tokens.py`, 'latin1'), 'TOKEN = "ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2"\n')
  })
  afterAll(() => rmSync(hostile, { recursive: true, force: true }))

  // a file listed as regular can be swapped for one of these before it is read
  it.each([
    ['pipe.env', 'not a regular file (a directory, device, FIFO or socket)'],
    ['zero.env', 'a symbolic link out of the tree'],
    ['outside.env', 'a symbolic link out of the tree']
  ])('reading %s is refused at once: %s', (name, why) => {
    expect(readTreeFile(hostile, join(hostile, name), name, true)).toEqual({ kind: 'refused', why })
  })

  it('a link that stays in the tree is read', () => {
    expect(readTreeFile(hostile, join(hostile, 'inside.env'), 'inside.env', true)).toMatchObject({ kind: 'text', text: 'A=1\n' })
  })

  it('files whose names are not UTF-8 are read and reported, outside git and inside it', async () => {
    for (const inGit of [false, true]) {
      if (inGit) execFileSync('git', ['init', '-q'], { cwd: hostile })
      const { files, notices } = treeFiles(hostile, (paths) => paths.filter((p) => !p.includes('pipe')))
      const result = await scan(files, defaultConfig())
      expect(notices).toEqual([])
      expect(result.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => f.path).sort()).toEqual(['dir-\ufffd/tokens.py', 'keys-\ufffd\ufffd.env'])
    }
  })
})
