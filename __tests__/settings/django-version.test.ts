// Defaults that follow the Django version in use: the same settings judged under 2.2, 3.2, 4.2 and
// 5.2 pins; the version from each kind of pin; --django-version and the config overriding the pins.
import { describe, expect, it } from '@jest/globals'
import { defaultConfig, parseConfig } from '../../src/config/config.js'
import { runCli } from '../../src/cli-run.js'
import { djangoVersion } from '../../src/deps/django-version.js'
import { show } from '../../src/python/values.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import { analyzeSide } from '../../src/settings/side.js'
import { initPython } from '../../src/python/parser.js'
import { makeRepo, scanFiles, type Files } from '../helpers/project.js'
import { CLEAN, cleanWith, py } from '../rules/fixtures.js'

const SETTINGS = 'mysite/settings.py'
const pinned = (version: string, settings = CLEAN): Files => ({ [SETTINGS]: settings, 'requirements.txt': `Django==${version}\n` })

async function defaultsUnder(files: Files, option?: string): Promise<Record<string, string>> {
  await initPython()
  const view = analyzeSide(new MapFileSet(new Map(Object.entries(files))), undefined, { djangoVersion: option }).views.get(SETTINGS)
  if (!view) throw new Error('no settings view')
  const names = ['X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY', 'SESSION_COOKIE_SAMESITE']
  return Object.fromEntries(names.map((n) => [n, show(view.get(n).value)]))
}

const settingsRules = (ids: string[]): string[] => ids.filter((id) => !id.startsWith('django-'))

describe('Django defaults by version', () => {
  it.each([
    ['2.2.28', { X_FRAME_OPTIONS: "'SAMEORIGIN'", SECURE_REFERRER_POLICY: 'None', SECURE_CROSS_ORIGIN_OPENER_POLICY: 'None', SESSION_COOKIE_SAMESITE: "'Lax'" }],
    ['3.2.25', { X_FRAME_OPTIONS: "'DENY'", SECURE_REFERRER_POLICY: "'same-origin'", SECURE_CROSS_ORIGIN_OPENER_POLICY: 'None', SESSION_COOKIE_SAMESITE: "'Lax'" }],
    ['4.2.16', { X_FRAME_OPTIONS: "'DENY'", SECURE_REFERRER_POLICY: "'same-origin'", SECURE_CROSS_ORIGIN_OPENER_POLICY: "'same-origin'", SESSION_COOKIE_SAMESITE: "'Lax'" }],
    ['5.2.1', { X_FRAME_OPTIONS: "'DENY'", SECURE_REFERRER_POLICY: "'same-origin'", SECURE_CROSS_ORIGIN_OPENER_POLICY: "'same-origin'", SESSION_COOKIE_SAMESITE: "'Lax'" }]
  ])('Django %s', async (version, want) => {
    expect(await defaultsUnder(pinned(version))).toEqual(want)
  })

  it('3.0 still had SECURE_REFERRER_POLICY None; 2.0 had no SameSite setting', async () => {
    expect((await defaultsUnder(pinned('3.0.14'))).SECURE_REFERRER_POLICY).toBe('None')
    expect((await defaultsUnder(pinned('2.0.13'))).SESSION_COOKIE_SAMESITE).toBe('None')
  })

  it('the same clean settings: under 2.2 X_FRAME_OPTIONS (SAMEORIGIN by default), SECURE_CONTENT_TYPE_NOSNIFF and SECURE_BROWSER_XSS_FILTER (False by default) are found (SAMEORIGIN and the XSS filter set aside in a scan listing), under 3.0 SECURE_REFERRER_POLICY (None by default); 3.2, 4.2, 5.2 are clean', async () => {
    expect(settingsRules((await scanFiles(pinned('2.2.28'))).findings.map((f) => f.ruleId)).sort()).toEqual(['content-type-nosniff-disabled'])
    const ids = async (v: string) => settingsRules((await scanFiles(pinned(v), { ...defaultConfig(), includeTests: true })).findings.map((f) => `${f.ruleId}${f.djangoCheck ? ` ${f.djangoCheck}` : ''}`)).sort()
    expect(await ids('2.2.28')).toEqual(['clickjacking-protection-weakened security.W019', 'content-type-nosniff-disabled security.W006', 'xss-filter-off security.W007'])
    expect(await ids('3.0.14')).toEqual(['referrer-policy-weakened security.W022'])
    expect(await ids('3.2.25')).toEqual([])
    expect(await ids('4.2.16')).toEqual([])
    expect(await ids('5.2.1')).toEqual([])
  })

  it('SECURE_REFERRER_POLICY unset: W022 under 3.0 (default None), silent from 3.1 and before 3.0 (no such setting)', async () => {
    const referrer = async (v: string) => (await scanFiles(pinned(v))).findings.filter((f) => f.ruleId === 'referrer-policy-weakened').map((f) => f.djangoCheck)
    expect(await referrer('3.0.14')).toEqual(['security.W022'])
    expect(await referrer('3.1.14')).toEqual([])
    expect(await referrer('2.2.28')).toEqual([])
  })

  it('SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none" is reported from 4.0 only', async () => {
    const files = (v: string) => pinned(v, cleanWith('SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"\n'))
    const coop = async (v: string) => (await scanFiles(files(v))).findings.filter((f) => f.ruleId === 'cross-origin-opener-policy-weakened').length
    expect(await coop('3.2.25')).toBe(0)
    expect(await coop('4.2.16')).toBe(1)
    expect(await coop('5.2.1')).toBe(1)
  })

  it('SameSite: the string "None" means SameSite=None from 3.1; before 2.1 the setting does not exist', async () => {
    const samesite = async (v: string, value: string) => (await scanFiles(pinned(v, cleanWith(`SESSION_COOKIE_SAMESITE = ${value}\n`)))).findings.filter((f) => f.ruleId === 'cookie-samesite-none').length
    expect(await samesite('5.2.1', '"None"')).toBe(1)
    expect(await samesite('3.1.14', '"None"')).toBe(1)
    expect(await samesite('3.0.14', '"None"')).toBe(0)
    expect(await samesite('2.2.28', 'None')).toBe(1)
    expect(await samesite('2.2.28', 'False')).toBe(1)
    expect(await samesite('2.0.13', 'None')).toBe(0)
  })

  it('MIDDLEWARE_CLASSES counts before 2.0 and is ignored from 2.0', async () => {
    const legacy = CLEAN.replace('MIDDLEWARE = [', 'MIDDLEWARE_CLASSES = [')
    const missing = async (v: string) => (await scanFiles(pinned(v, legacy))).findings.filter((f) => f.ruleId === 'security-middleware-missing')
    expect(await missing('1.11.29')).toEqual([])
    const from2 = await missing('2.2.28')
    expect(from2).toHaveLength(1)
    expect(from2[0].message).toContain('the MIDDLEWARE_CLASSES it sets is ignored since Django 2.0, and this project runs Django 2.2.28 from requirements.txt:1')
  })

  it('a long key with the django-insecure- prefix: weak everywhere, Django\'s W009 from 3.2 (the prefix rule came with 3.2)', async () => {
    const files = (v: string) => pinned(v, CLEAN.replace('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', `SECRET_KEY = "django-insecure-${'k7#p2q!z9m@w4e$r8t%y6u^i1o&p3a(s5d)f0g'}"`))
    const weak = async (v: string) => (await scanFiles(files(v))).findings.filter((f) => f.ruleId === 'secret-key-weak').map((f) => f.djangoCheck ?? 'no Django id')
    expect(await weak('3.1.14')).toEqual(['no Django id'])
    expect(await weak('3.2.25')).toEqual(['security.W009'])
  })

  it('a weak SECRET_KEY_FALLBACKS entry matters from 4.1', async () => {
    const files = (v: string) => pinned(v, cleanWith('SECRET_KEY_FALLBACKS = [os.environ.get("OLD_KEY", "")]\n'))
    const weak = async (v: string) => (await scanFiles(files(v))).findings.filter((f) => f.ruleId === 'secret-key-weak' && f.message.includes('FALLBACKS')).length
    expect(await weak('4.0.10')).toBe(0)
    expect(await weak('4.2.16')).toBe(1)
  })

  it('the checks Django removed: W007 (SECURE_BROWSER_XSS_FILTER) before 3.0 only, E100 (DEFAULT_HASHING_ALGORITHM) in 3.1–3.2 only', async () => {
    const files = (v: string) => pinned(v, cleanWith('SECURE_BROWSER_XSS_FILTER = False\nDEFAULT_HASHING_ALGORITHM = "md5"\n'))
    const ids = async (v: string) => (await scanFiles(files(v), { ...defaultConfig(), includeTests: true })).findings.filter((f) => f.ruleId === 'xss-filter-off' || f.ruleId === 'hashing-algorithm-invalid').map((f) => f.djangoCheck)
    expect(await ids('2.2.28')).toEqual(['security.W007'])
    expect(await ids('3.2.25')).toEqual(['security.E100'])
    expect(await ids('4.2.16')).toEqual([])
    expect(await ids('5.2.1')).toEqual([])
  })
})

describe('the cookie flags of W010–W016 by version: is True from 4.1, truthiness before', () => {
  const SESSIONS = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]\n'
  const ids = async (v: string, extra: string) => (await scanFiles(pinned(v, py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'ALLOWED_HOSTS = ["example.com"]') + SESSIONS + extra))).findings.filter((f) => /^security\.W01[0-6]$/.test(f.djangoCheck ?? '')).map((f) => `${f.djangoCheck} ${f.severity}`)

  it.each([
    ['SESSION_COOKIE_SECURE = 1\nCSRF_COOKIE_SECURE = True\n', ['security.W012 low'], []],
    ['SESSION_COOKIE_SECURE = True\nSESSION_COOKIE_HTTPONLY = "1"\nCSRF_COOKIE_SECURE = True\n', ['security.W015 low'], []],
    ['SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = "False"\n', ['security.W016 low'], []],
    ['SESSION_COOKIE_SECURE = 0\nCSRF_COOKIE_SECURE = ""\n', ['security.W012 high', 'security.W016 medium'], ['security.W012 high', 'security.W016 medium']]
  ])('%j: 4.2 %j, 4.0 and 3.2 %j', async (extra, from41, before) => {
    expect(await ids('4.2.16', extra)).toEqual(from41)
    expect(await ids('4.1.13', extra)).toEqual(from41)
    expect(await ids('4.0.10', extra)).toEqual(before)
    expect(await ids('3.2.25', extra)).toEqual(before)
  })
})

describe('which Django version', () => {
  const version = (files: Files, option?: string) => djangoVersion(new MapFileSet(new Map(Object.entries(files))), option)

  it('a lock wins, then exact pins, then the newest series a range admits (what a fresh install gets)', () => {
    expect(version({ 'requirements.txt': 'Django>=4.2,<5\n', 'poetry.lock': '[[package]]\nname = "django"\nversion = "4.2.7"\n' })).toMatchObject({ version: '4.2.7', source: 'lock' })
    expect(version({ 'requirements.txt': 'Django==3.2.4\n' })).toMatchObject({ version: '3.2.4', series: '3.2', source: 'pin', why: 'Django 3.2.4 from requirements.txt:1' })
    expect(version({ 'pyproject.toml': '[project]\ndependencies = ["django~=3.2.0"]\n' })).toMatchObject({ version: '3.2', why: 'Django 3.2, the newest series `django~=3.2.0` admits (pyproject.toml:2)' })
    // dpaste: `django>=2.2` installs today's Django, whose X_FRAME_OPTIONS default is DENY, not 2.2's SAMEORIGIN
    expect(version({ 'setup.cfg': '[options]\ninstall_requires =\n    django>=2.2\n' })).toMatchObject({ series: '6.0' })
    expect(version({ 'requirements.txt': 'Django<3\n' })).toMatchObject({ version: '2.2', series: '2.2' })
    expect(version({ 'requirements-dev.txt': 'Django==2.2\n' })).toMatchObject({ source: 'assumed', version: '6.0' })
  })

  it('the option wins over the pins', () => {
    expect(version({ 'requirements.txt': 'Django==3.2.4\n' }, '2.2')).toMatchObject({ version: '2.2', series: '2.2', source: 'option' })
  })

  it('the config takes django-version, and refuses what is not a version', () => {
    expect(parseConfig('django-version: "3.2"\n', 'c.yml').djangoVersion).toBe('3.2')
    expect(() => parseConfig('django-version: three\n', 'c.yml')).toThrow('c.yml:1:17: django-version must be a version like "4.2" or "5.1.3", not "three"')
  })

  it('with no pin the output says which version was assumed', async () => {
    const r = await scanFiles({ [SETTINGS]: CLEAN })
    expect(r.notices.map((n) => n.message)).toContain('no Django pin found: settings are judged by the defaults of Django 6.0, the newest series this review knows (name the version with --django-version or django-version in the config)')
    const pinnedScan = await scanFiles(pinned('5.2.1'))
    expect(pinnedScan.notices.filter((n) => n.message.startsWith('no Django pin'))).toEqual([])
  })

  it('--django-version on the CLI overrides the pins of a real repository', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit(pinned('5.2.1', cleanWith('SESSION_COOKIE_SAMESITE = "None"\n')))
      const run = async (...args: string[]): Promise<{ code: number; ids: string[] }> => {
        const out: string[] = []
        const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), isTTY: false, cwd: repo.dir }
        const code = await runCli(['scan', '.', '--format', 'json', ...args], io)
        return { code, ids: code === 2 ? out : (JSON.parse(out.join('')) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId) }
      }
      expect((await run()).ids).toEqual(['cookie-samesite-none'])
      // under 3.0 the string "None" is no SameSite=None
      expect((await run('--django-version', '3.0')).ids.filter((id) => id === 'cookie-samesite-none')).toEqual([])
      expect(await run('--django-version', 'latest')).toEqual({ code: 2, ids: ['django-security-review: --django-version must be a Django version such as 4.2 or 3.2.25, not "latest"\n'] })
    } finally {
      repo.cleanup()
    }
  })
})
