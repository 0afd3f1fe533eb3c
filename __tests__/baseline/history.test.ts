// The baseline on a real git history, through the CLI: recorded at commit 1, quiet when lines move,
// a new regression reported, a fix of a recorded finding said to be fixed; no secret in the file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../../src/cli-run.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const SECRET = 'kq8#v!2mZx@R7pL0w$Tn4yB6cE9hJ3uF5sD1gA-=+)(*&^%_Qe'
const STRIPE = 'sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r'
const BASE = 'import os\nALLOWED_HOSTS = ["shop.example.com"]\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n'
const PROD_LINES = [
  'from .base import *',
  '',
  'SESSION_COOKIE_SECURE = True',
  'CSRF_COOKIE_SECURE = True',
  'SECURE_SSL_REDIRECT = True',
  'SECURE_HSTS_SECONDS = 31536000',
  'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
  'SECURE_HSTS_PRELOAD = True',
  'DEBUG = True',
  `SECRET_KEY = "${SECRET}"`
]
const FILES = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/base.py': BASE,
  'config/settings/production.py': PROD_LINES.join('\n') + '\n',
  'shop/payments.py': `import stripe\nstripe.api_key = "${STRIPE}"\n`,
  '.github/django-security.yml': 'baseline: .github/django-security-baseline.json\n'
}

interface Json {
  findings: { ruleId: string; path: string; line: number; baselineState?: string }[]
  notices: { path?: string; message: string }[]
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, cwd })
  return { code, out, err }
}

let repo: Repo
const commits: string[] = []
let baselineText = ''
let written: { code: number; out: string; err: string }

beforeAll(async () => {
  repo = await makeRepo()
  await repo.commit(FILES, 'project')
  written = await cli(['baseline', repo.dir], repo.dir)
  baselineText = readFileSync(join(repo.dir, '.github/django-security-baseline.json'), 'utf8')
  commits.push(await repo.commit({}, '1: baseline'))
  // 2: lines move (a header, the two settings swapped, a setting added between), and an unrelated edit elsewhere in the file
  const moved = ['"""Production settings."""', '# deployed by the ops team', ...PROD_LINES.slice(0, 8), `SECRET_KEY = "${SECRET}"`, 'TIME_ZONE = "UTC"', 'DEBUG = True']
  commits.push(await repo.commit({ 'config/settings/production.py': moved.join('\n') + '\n', 'shop/payments.py': `"""Payments."""\nimport stripe\n\nstripe.api_key = "${STRIPE}"\n` }, '2: move lines'))
  // 3: a new regression
  commits.push(await repo.commit({ 'config/settings/production.py': moved.join('\n').replace('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = False') + '\n' }, '3: regression'))
  // 4: a recorded finding fixed
  commits.push(await repo.commit({ 'config/settings/production.py': moved.join('\n').replace('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = False').replace('DEBUG = True', 'DEBUG = False') + '\n' }, '4: fix DEBUG'))
})
afterAll(() => repo.cleanup())

const scanAt = async (rev: string): Promise<Json & { code: number }> => {
  const r = await cli(['scan', '--repo', repo.dir, '--rev', rev, '--format', 'json'], repo.dir)
  expect(r.err).toBe('')
  return { ...(JSON.parse(r.out) as Json), code: r.code }
}
const diff = async (base: string, head: string): Promise<Json & { code: number }> => {
  const r = await cli(['diff', '--repo', repo.dir, '--base', base, '--head', head, '--format', 'json'], repo.dir)
  expect(r.err).toBe('')
  return { ...(JSON.parse(r.out) as Json), code: r.code }
}
const brief = (j: Json): string[] => j.findings.map((f) => `${f.ruleId}@${f.path}${f.baselineState ? `[${f.baselineState}]` : ''}`)

describe('baseline on a real history', () => {
  it('records rule, path, severity and fingerprint, and no byte of a secret, even masked', () => {
    expect(written).toMatchObject({ code: 0, err: '' })
    // the tree's 3 findings, and the 2 secrets as the history scan (the Action's scheduled one) sees them
    expect(written.out).toMatch(/^wrote 5 findings \(2 from the history\) to \.github\/django-security-baseline\.json/)
    const doc = JSON.parse(baselineText) as { findings: Record<string, string>[] }
    const doc2 = JSON.parse(baselineText) as { findings: Record<string, string | boolean>[] }
    expect(doc2.findings.map((f) => `${String(f.rule)}@${String(f.path)}${f.history ? ' (history)' : ''}`)).toEqual([
      'debug-enabled@config/settings/production.py',
      'hardcoded-credential@config/settings/production.py (history)',
      'secret-key-hardcoded@config/settings/production.py',
      'hardcoded-credential@shop/payments.py',
      'hardcoded-credential@shop/payments.py (history)'
    ])
    for (const f of doc.findings) expect(Object.keys(f).filter((k) => k !== 'history').sort()).toEqual(['fingerprint', 'path', 'rule', 'severity'])
    for (const secret of [SECRET, STRIPE]) {
      for (let i = 0; i + 4 <= secret.length; i++) expect(baselineText).not.toContain(secret.slice(i, i + 4))
      expect(baselineText).not.toContain(`${secret.slice(0, 2)}****`)
    }
  })

  it('commit 1: the recorded findings are not listed, and the scan passes', async () => {
    const r = await scanAt(commits[0])
    expect(brief(r)).toEqual([])
    expect(r.code).toBe(0)
    expect(r.notices.map((n) => n.message)).toContain('3 findings recorded in the baseline .github/django-security-baseline.json not listed')
  })

  it('commit 2: lines moved and unrelated edits stay quiet, in a scan and in the diff', async () => {
    const s = await scanAt(commits[1])
    expect(brief(s)).toEqual([])
    expect(s.code).toBe(0)
    expect(s.notices.filter((n) => n.message.startsWith('fixed since the baseline'))).toEqual([])
    const d = await diff(commits[0], commits[1])
    expect(brief(d).filter((b) => !b.endsWith('[unchanged]'))).toEqual([])
    expect(d.code).toBe(0)
  })

  it('commit 3: a new regression is reported, alone', async () => {
    const s = await scanAt(commits[2])
    expect(brief(s)).toEqual(['session-cookie-insecure@config/settings/production.py'])
    expect(s.code).toBe(1)
    const d = await diff(commits[1], commits[2])
    expect(brief(d)).toEqual(['session-cookie-insecure@config/settings/production.py[new]'])
    expect(d.code).toBe(1)
  })

  it('commit 4: a recorded finding fixed is said to be fixed', async () => {
    const s = await scanAt(commits[3])
    expect(brief(s)).toEqual(['session-cookie-insecure@config/settings/production.py'])
    expect(s.notices).toContainEqual({ path: 'config/settings/production.py', message: expect.stringMatching(/^fixed since the baseline: debug-enabled \(critical\) is gone/) as unknown as string })
    const d = await diff(commits[2], commits[3])
    // the regression of commit 3 is not in the baseline: still listed, as unchanged
    expect(brief(d)).toEqual(['session-cookie-insecure@config/settings/production.py[unchanged]', 'debug-enabled@config/settings/production.py[absent]'])
    expect(d.notices).toContainEqual({ path: 'config/settings/production.py', message: expect.stringMatching(/^fixed since the baseline: debug-enabled/) as unknown as string })
  })

  it('a change cannot baseline its own findings: the diff reads the baseline of its base', async () => {
    const head = await repo.commit({ 'config/settings/production.py': readFileSync(join(repo.dir, 'config/settings/production.py'), 'utf8').replace('CSRF_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = False') }, '5: regression')
    const rebaselined = await cli(['baseline', repo.dir], repo.dir)
    expect(rebaselined.code).toBe(0)
    const sneaky = await repo.commit({}, '6: baseline it')
    const d = await diff(commits[3], sneaky)
    expect(brief(d)).toEqual(['session-cookie-insecure@config/settings/production.py[unchanged]', 'csrf-cookie-insecure@config/settings/production.py[new]'])
    expect((await scanAt(sneaky)).findings).toEqual([])
    await repo.git.reset(['--hard', commits[3]])
    expect(head).toMatch(/^[0-9a-f]{40}$/)
  })

  it('--baseline FILE names one explicitly; a file that is not a baseline is a one-line error', async () => {
    const r = await cli(['scan', '--repo', repo.dir, '--rev', commits[3], '--baseline', join(repo.dir, '.github/django-security.yml')], repo.dir)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^django-security-review: .*django-security\.yml: not a baseline file: .*\n$/)
  })
})

describe('baseline of a history that still holds a removed secret', () => {
  const SENDGRID = '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'
  it('records it (by where it was committed, not its value), and history then lists only new ones', async () => {
    const r = await makeRepo()
    try {
      await r.commit(FILES, 'project')
      await r.commit({ 'deploy/.env.production': `SENDGRID_API_KEY=${SENDGRID}\n` }, 'oops')
      await r.commit({ 'deploy/.env.production': null }, 'remove it')
      const written = await cli(['baseline', r.dir], r.dir)
      // the tree's 3, and the history's 3 secrets: the two HEAD still holds and the removed one
      expect(written.out).toMatch(/^wrote 6 findings \(3 from the history\) to /)
      const text = readFileSync(join(r.dir, '.github/django-security-baseline.json'), 'utf8')
      expect((JSON.parse(text) as { findings: { path: string; history?: boolean }[] }).findings.filter((f) => f.history).map((f) => f.path)).toEqual(['config/settings/production.py', 'deploy/.env.production', 'shop/payments.py'])
      for (const secret of [SENDGRID, SECRET, STRIPE]) for (let i = 0; i + 4 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 4))
      await r.commit({}, 'baseline')
      const before = await cli(['history', '--repo', r.dir, '--format', 'json'], r.dir)
      expect((JSON.parse(before.out) as Json).findings).toEqual([])
      expect(before.code).toBe(0)
      // a scan does not see the history: its entry is neither matched nor called fixed there
      const s = await cli(['scan', r.dir, '--format', 'json'], r.dir)
      expect((JSON.parse(s.out) as Json).notices.filter((n) => n.message.startsWith('fixed since'))).toEqual([])
      await r.commit({ 'deploy/.env.production': `SENDGRID_API_KEY=${SENDGRID.replace('Tw', 'Xy')}\n` }, 'again')
      await r.commit({ 'deploy/.env.production': null }, 'remove it again')
      const after = await cli(['history', '--repo', r.dir, '--format', 'json'], r.dir)
      expect((JSON.parse(after.out) as Json).findings.map((f) => f.path)).toEqual(['deploy/.env.production'])
      expect(after.code).toBe(1)
    } finally {
      r.cleanup()
    }
  })
})
