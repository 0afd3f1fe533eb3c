// What the configuration's keys do to a review: which settings are production, which paths are reported.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../src/cli-run.js'
import { parseConfig } from '../src/config/config.js'
import { namesModule } from '../src/settings/discovery.js'
import { scanFiles } from './helpers/project.js'

const LOCAL = {
  'config/settings/base.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["x.example"]\nDEBUG = False\n',
  'config/settings/local.py': 'from .base import *\nDEBUG = True\n',
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")\n'
}

describe('settings: production and non-production', () => {
  it('names a module by path or dotted name, from the root or below it', () => {
    expect(namesModule('config/settings/local.py', 'config/settings/local.py')).toBe(true)
    expect(namesModule('config.settings.local', 'src/config/settings/local.py')).toBe(true)
    expect(namesModule('config.settings', 'config/settings/__init__.py')).toBe(true)
    expect(namesModule('settings.local', 'config/settings/local_eu.py')).toBe(false)
  })

  it('a module the heuristics call development is production when the config says so, with the reason "config"', async () => {
    const before = await scanFiles(LOCAL)
    expect(before.findings.filter((f) => f.ruleId === 'debug-enabled')).toEqual([])
    const after = await scanFiles(LOCAL, parseConfig('settings:\n  production: [config/settings/local.py]\n', 'c.yml'))
    const debug = after.findings.filter((f) => f.ruleId === 'debug-enabled')
    expect(debug.map((f) => `${f.path}:${f.line}:${f.severity}`)).toEqual(['config/settings/local.py:2:critical'])
    expect(debug[0].notes.join(' ')).toContain('config/settings/local.py (config)')
    expect(after.entries.find((e) => e.path === 'config/settings/local.py')).toMatchObject({ production: true, reason: 'config' })
  })

  it('a module the heuristics call production is not when the config says so', async () => {
    const files = { 'mysite/settings.py': 'DEBUG = True\nALLOWED_HOSTS = ["*"]\n' }
    expect((await scanFiles(files)).findings.map((f) => f.ruleId)).toContain('debug-enabled')
    const r = await scanFiles(files, parseConfig('settings:\n  non-production: [mysite.settings]\n', 'c.yml'))
    expect(r.findings.map((f) => f.ruleId)).not.toContain('debug-enabled')
    expect(r.entries).toEqual([expect.objectContaining({ path: 'mysite/settings.py', production: false, reason: 'config' })])
  })
})

describe('paths', () => {
  const SETTINGS = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = True\n'
  const FILES = { 'app/settings.py': SETTINGS, 'legacy/settings.py': SETTINGS }
  it('include reports only matching paths, exclude drops matching ones', async () => {
    const all = (await scanFiles(FILES)).findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => f.path)
    expect(all).toEqual(['app/settings.py', 'legacy/settings.py'])
    const included = await scanFiles(FILES, parseConfig('paths:\n  include: ["app/**"]\n', 'c.yml'))
    expect(included.findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => f.path)).toEqual(['app/settings.py'])
    const excluded = await scanFiles(FILES, parseConfig('paths:\n  exclude: ["app/**"]\n', 'c.yml'))
    expect(excluded.findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => f.path)).toEqual(['legacy/settings.py'])
  })
})

describe('the CLI with a configuration that has problems', () => {
  it('exits 2 with one line per problem, each naming the file, and reviews nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsr-badconfig-'))
    try {
      mkdirSync(join(dir, '.github'))
      writeFileSync(join(dir, 'settings.py'), 'DEBUG = True\n')
      writeFileSync(join(dir, '.github/django-security.yml'), 'rules:\n  debug-enabeld: off\nreport: hihg\n')
      let out = ''
      let err = ''
      const code = await runCli(['scan', '.'], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, cwd: dir })
      expect(code).toBe(2)
      expect(out).toBe('')
      const file = join(dir, '.github/django-security.yml')
      expect(err.split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^django-security-review: ${file}:2:3: unknown rule "debug-enabeld" — did you mean "debug-enabled"\\? \\(rules: `)),
        `django-security-review: ${file}:3:9: report must be one of critical, high, medium, low, not "hihg" — did you mean "high"?`,
        ''
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
