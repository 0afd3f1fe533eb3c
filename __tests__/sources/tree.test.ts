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

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'
const FILES: Record<string, string | Buffer> = {
  'shop/settings/base.py': `DEBUG = False\nSECRET_KEY = "${KEY}"\nALLOWED_HOSTS = ["shop.example.com"]\n`,
  'shop/settings/production.py': 'from .base import *\nSECURE_SSL_REDIRECT = True\n',
  'shop/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n',
  'shop/views.py': 'def index(request):\n    return None\n',
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
    expect([...files.secrets.keys()]).toEqual(['.env', 'config/app.json', 'deploy/k8s.yaml', 'docs/setup.md', 'shop/settings/base.py', 'shop/settings/production.py', 'shop/views.py', 'shop/wsgi.py'])
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
  })
})

describe('treeFiles on a hostile tree', () => {
  let hostile: string
  const SETTINGS = 'DEBUG = True\n'
  beforeAll(() => {
    hostile = mkdtempSync(join(tmpdir(), 'dsr-hostile-tree-'))
    mkdirSync(join(hostile, 'mysite'))
    mkdirSync(join(hostile, 'shared'))
    writeFileSync(join(hostile, 'shared/production.py'), SETTINGS)
    symlinkSync('../shared/production.py', join(hostile, 'mysite/settings.py'))
    symlinkSync('/dev/zero', join(hostile, 'zero.env'))
    symlinkSync('/etc/hostname', join(hostile, 'outside.env'))
    execFileSync('mkfifo', [join(hostile, 'pipe.env')])
    symlinkSync('pipe.env', join(hostile, 'to-pipe.env'))
    writeFileSync(Buffer.from(`${hostile}/keys-\xff\xfe.env`, 'latin1'), 'DB_PASSWORD=Xk9vQ2mW7pLs4Rt8\n')
    mkdirSync(Buffer.from(`${hostile}/dir-\xff`, 'latin1'))
    writeFileSync(Buffer.from(`${hostile}/dir-\xff/tokens.py`, 'latin1'), 'TOKEN = "ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2"\n')
  })
  afterAll(() => rmSync(hostile, { recursive: true, force: true }))

  it('follows a link inside the tree, never one out of it, never a device or a FIFO, and says which it left out', () => {
    const { files, notices } = treeFiles(hostile, (paths) => paths)
    expect(files.read('mysite/settings.py')).toBe(SETTINGS)
    expect(files.read('zero.env')).toBeUndefined()
    expect(notices).toEqual([
      { path: 'outside.env', message: 'not read: a symbolic link out of the tree' },
      { path: 'to-pipe.env', message: 'not read: not a regular file (a directory, device, FIFO or socket)' },
      { path: 'zero.env', message: 'not read: a symbolic link out of the tree' }
    ])
  })

  it('reads files whose names are not UTF-8, and reports what is in them', async () => {
    const { files, notices } = treeFiles(hostile, (paths) => paths)
    const result = await scan(files, defaultConfig())
    expect(notices.map((n) => n.path)).not.toContain('keys-\ufffd\ufffd.env')
    expect(result.findings.map((f) => `${f.ruleId}@${f.path}`)).toEqual(
      expect.arrayContaining(['debug-enabled@mysite/settings.py', 'hardcoded-credential@dir-\ufffd/tokens.py', 'hardcoded-credential@keys-\ufffd\ufffd.env'])
    )
  })
})
