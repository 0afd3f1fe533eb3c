// The bundled CLI, run as a child process on real git repositories.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../helpers/cli.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const BASE = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/base.py':
    'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n',
  'config/settings/production.py':
    'from .base import *\n\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n'
}
const SECRET = 'kq8#v!2mZx@R7pL0w$Tn4yB6cE9hJ3uF5sD1gA-=+)(*&^%_Qe'

let repo: Repo
let base: string
let head: string

beforeAll(async () => {
  repo = await makeRepo()
  base = await repo.commit(BASE, 'base')
  head = await repo.commit(
    {
      'config/settings/production.py': BASE['config/settings/production.py'].replace('SESSION_COOKIE_SECURE = True\n', '') + `DEBUG = True\nSECRET_KEY = "${SECRET}"\n`
    },
    'weaken'
  )
})
afterAll(() => repo.cleanup())

describe('diff', () => {
  it('reports what the change made worse and exits 1 at the default fail-on', async () => {
    const r = await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--no-color'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('config/settings/production.py:8  CRITICAL  debug-enabled (security.W018)  [new]')
    expect(r.stdout).toContain('session-cookie-insecure (security.W012)  [new]')
    expect(r.stdout).toContain('This change removed `SESSION_COOKIE_SECURE = True`')
    expect(r.stdout).not.toContain(SECRET)
  })

  it('writes JSON and SARIF with masked secrets', async () => {
    const json = await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--format', 'json'])
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; baselineState: string; fingerprint: string }[]; failed: boolean }
    expect(report.failed).toBe(true)
    expect(report.findings.map((f) => `${f.ruleId}:${f.baselineState}`).sort()).toEqual(['debug-enabled:new', 'secret-key-hardcoded:new', 'session-cookie-insecure:new'])
    expect(json.stdout).not.toContain(SECRET)
    const out = join(repo.dir, 'out.sarif')
    const sarif = await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--format', 'sarif', '--output', out])
    expect(sarif.code).toBe(1)
    const text = readFileSync(out, 'utf8')
    expect(text).not.toContain(SECRET)
    const doc = JSON.parse(text) as { version: string; runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: Record<string, unknown>[] }[] }
    expect(doc.version).toBe('2.1.0')
    const run = doc.runs[0]
    const debug = run.results.find((r) => r.ruleId === 'debug-enabled') as Record<string, unknown>
    expect(debug).toMatchObject({ level: 'error', baselineState: 'new', properties: { djangoCheck: 'security.W018' } })
    expect(debug.partialFingerprints).toHaveProperty(['djangoSecurityReview/v1'])
    expect(run.tool.driver.rules.find((r) => r.id === 'debug-enabled')?.properties['security-severity']).toBe('9.5')
  })

  it('--sarif-output writes SARIF beside a JSON report in one run, with the same findings, masked', async () => {
    const json = join(repo.dir, 'both.json')
    const sarifPath = join(repo.dir, 'both.sarif')
    const r = await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--format', 'json', '--output', json, '--sarif-output', sarifPath])
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(json, 'utf8')) as { findings: { ruleId: string }[] }
    const sarifText = readFileSync(sarifPath, 'utf8')
    const doc = JSON.parse(sarifText) as { runs: { results: { ruleId: string }[] }[] }
    expect(doc.runs[0].results.map((x) => x.ruleId).sort()).toEqual(report.findings.map((f) => f.ruleId).sort())
    expect(sarifText).not.toContain(SECRET)
  })

  it('works in a bare clone, without a working tree', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'dsr-bare-'))
    try {
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare])
      const r = await runCli(['diff', '--repo', bare, '--base', base, '--head', head, '--format', 'json'])
      expect(r.stderr).toBe('')
      expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toHaveLength(3)
    } finally {
      rmSync(bare, { recursive: true, force: true })
    }
  })

  it('passes with --fail-on never and with a config that turns the rules off', async () => {
    expect((await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--fail-on', 'never'])).code).toBe(0)
    const config = join(repo.dir, 'cfg.yml')
    writeFileSync(config, 'rules:\n  debug-enabled: off\n  secret-key-hardcoded: off\n  hardcoded-credential: off\n  session-cookie-insecure: medium\n')
    const r = await runCli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--config', config, '--format', 'json'])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string }[] }).findings).toEqual([expect.objectContaining({ ruleId: 'session-cookie-insecure', severity: 'medium' })])
  })
})

describe('scan', () => {
  it('scans a revision from git objects and a working tree', async () => {
    const rev = await runCli(['scan', repo.dir, '--rev', base, '--format', 'json'])
    expect(rev.code).toBe(0)
    const tree = await runCli(['scan', repo.dir, '--format', 'json'])
    expect(tree.code).toBe(1)
    expect((JSON.parse(tree.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('debug-enabled')
  })

  it('scans the HEAD of a repository from git objects with --repo, a bare clone too; PATH and --repo together are refused', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'dsr-bare-'))
    try {
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare])
      const r = await runCli(['scan', '--repo', bare, '--format', 'json'])
      expect(r.stderr).toBe('')
      expect((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('debug-enabled')
      const atBase = await runCli(['scan', '--repo', bare, '--rev', base, '--format', 'json'])
      expect((JSON.parse(atBase.stdout) as { findings: unknown[] }).findings).toEqual([])
      const both = await runCli(['scan', repo.dir, '--repo', bare])
      expect(both).toMatchObject({ code: 2, stderr: 'django-security-review: scan takes either PATH or --repo PATH, not both\n' })
    } finally {
      rmSync(bare, { recursive: true, force: true })
    }
  })

  it('colours output only when asked or on a terminal', async () => {
    const plain = await runCli(['scan', repo.dir])
    expect(plain.stdout).not.toContain('\u001b[')
    const colour = await runCli(['scan', repo.dir, '--color'])
    expect(colour.stdout).toContain('\u001b[')
  })
})

describe('errors: one line on stderr, exit 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['unknown command', ['audit'], /unknown command "audit"/],
    ['unknown flag', ['scan', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['bad format', ['scan', '.', '--format', 'xml'], /--format must be text, json or sarif/],
    ['bad fail-on', ['scan', '.', '--fail-on', 'severe'], /--fail-on must be one of/],
    ['diff without base', ['diff'], /diff needs --base/],
    ['missing directory', ['scan', '/nonexistent/dir'], /no such directory/]
  ]
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args)
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('unknown revision and non-repository', async () => {
    const bad = await runCli(['diff', '--repo', repo.dir, '--base', 'no-such-branch'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/unknown revision "no-such-branch"/)
    const dir = mkdtempSync(join(tmpdir(), 'dsr-plain-'))
    try {
      const notRepo = await runCli(['diff', '--repo', dir, '--base', 'main'])
      expect(notRepo.code).toBe(2)
      expect(notRepo.stderr).toMatch(/not a git repository/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a bad config names the file, line and column, and a close match', async () => {
    const config = join(repo.dir, 'bad.yml')
    writeFileSync(config, 'rules:\n  debug-enabled: off\n  ssl-redirect-disabld: high\n')
    const r = await runCli(['scan', repo.dir, '--config', config])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toMatch(`django-security-review: ${config}:3:3: unknown rule "ssl-redirect-disabld" — did you mean "ssl-redirect-disabled"? (rules: `)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})
