// Change scenarios about MIDDLEWARE: removed in production only, deleted from the base list,
// filtered by a comprehension, guarded by DEBUG, reformatted, and X-Frame-Options changes.
import { describe, expect, it } from '@jest/globals'
import { failing } from '../../src/report/outcome.js'
import { brief, diffFiles } from '../helpers/project.js'
import { CC_BASE, CC_PRODUCTION, CLASSIC_SETTINGS, classic, cookiecutter, edit, lineOf, only } from './projects.js'

const SECURITY = '    "django.middleware.security.SecurityMiddleware",\n'
const XFRAME = '    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n'

describe('middleware removed in production only', () => {
  it('MIDDLEWARE.remove(CsrfViewMiddleware) appended to production.py is new at that line; local/test are not involved', async () => {
    const base = cookiecutter()
    const head = CC_PRODUCTION + '\n# The payment provider posts webhooks without a CSRF token\nMIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")  # noqa: F405\n'
    const r = await diffFiles(base, { 'config/settings/production.py': head })
    const line = lineOf(head, 'MIDDLEWARE.remove(')
    expect(brief(r)).toEqual([`csrf-middleware-missing@config/settings/production.py:${line}[new]`])
    const f = only(r, 'csrf-middleware-missing')
    expect(f.severity).toBe('critical')
    expect(f.djangoCheck).toBe('security.W003')
    expect(f.message).toContain('CsrfViewMiddleware is not in MIDDLEWARE for production')
    expect(f.affected).toEqual(['config/settings/production.py'])
  })

  it('a comprehension that filters XFrameOptionsMiddleware out in production.py is new at that line', async () => {
    const base = cookiecutter()
    const head = CC_PRODUCTION + '\n# Embedded in the partner portal\nMIDDLEWARE = [m for m in MIDDLEWARE if "clickjacking" not in m]  # noqa: F405\n'
    const r = await diffFiles(base, { 'config/settings/production.py': head })
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@config/settings/production.py:${lineOf(head, 'MIDDLEWARE = [m for m')}[new]`])
    expect(only(r, 'clickjacking-protection-weakened').djangoCheck).toBe('security.W002')
  })

  it('production.py replacing MIDDLEWARE with its own list without CSRF is new at the assignment', async () => {
    const base = cookiecutter()
    const list = CC_BASE.slice(CC_BASE.indexOf('MIDDLEWARE = ['), CC_BASE.indexOf(']\n', CC_BASE.indexOf('MIDDLEWARE = [')) + 2).replace('    "django.middleware.csrf.CsrfViewMiddleware",\n', '')
    const head = CC_PRODUCTION + '\n# API-only deployment: token auth, no forms\n' + list
    const r = await diffFiles(base, { 'config/settings/production.py': head })
    expect(brief(r)).toEqual([`csrf-middleware-missing@config/settings/production.py:${lineOf(head, 'MIDDLEWARE = [')}[new]`])
  })

  it('a removal guarded by `if DEBUG:` (DEBUG is off in production) stays silent', async () => {
    const base = cookiecutter()
    const head = CC_PRODUCTION + '\nif DEBUG:  # noqa: F405\n    MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")  # noqa: F405\n'
    const r = await diffFiles(base, { 'config/settings/production.py': head })
    expect(brief(r)).toEqual([])
  })

  it('inserting WhiteNoise after SecurityMiddleware in production stays silent', async () => {
    const base = classic()
    const head = CLASSIC_SETTINGS + '\nMIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")\n'
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([])
  })
})

describe('middleware deleted from a list', () => {
  it('SecurityMiddleware deleted from base.py: new, at the nearest remaining line, naming production.py', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/settings/base.py', SECURITY, '')
    const r = await diffFiles(base, { 'config/settings/base.py': head })
    const removedAt = lineOf(CC_BASE, 'django.middleware.security.SecurityMiddleware')
    // It was the first element: the nearest remaining line is `MIDDLEWARE = [` just above it.
    expect(lineOf(head, 'MIDDLEWARE = [')).toBe(removedAt - 1)
    expect(brief(r)).toEqual([`security-middleware-missing@config/settings/base.py:${removedAt - 1}[new]`])
    const f = only(r, 'security-middleware-missing')
    expect(f.djangoCheck).toBe('security.W001')
    expect(f.notes).toContain(`This change removed \`'django.middleware.security.SecurityMiddleware'\` (line ${removedAt} of config/settings/base.py before the change).`)
    expect(f.notes).toContain('Affects config/settings/production.py, which imports config/settings/base.py.')
    // The header settings production.py sets are now ignored; the message says which.
    expect(f.message).toContain('SECURE_HSTS_SECONDS')
    expect(f.message).toContain('SECURE_SSL_REDIRECT')
  })

  it('XFrameOptionsMiddleware deleted from the classic settings.py list: new, at the line before the gap', async () => {
    const base = classic()
    const head = edit(base, 'mysite/settings.py', XFRAME, '')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    const removedAt = lineOf(CLASSIC_SETTINGS, 'XFrameOptionsMiddleware')
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@mysite/settings.py:${removedAt - 1}[new]`])
    expect(only(r, 'clickjacking-protection-weakened').notes).toContain(`This change removed \`'django.middleware.clickjacking.XFrameOptionsMiddleware'\` (line ${removedAt} of mysite/settings.py before the change).`)
  })

  it('the list reformatted, reordered and commented, with every entry kept: silent', async () => {
    const base = classic()
    const start = CLASSIC_SETTINGS.indexOf('MIDDLEWARE = [')
    const end = CLASSIC_SETTINGS.indexOf(']\n', start) + 2
    const reformatted =
      'MIDDLEWARE = [\n' +
      "    'django.middleware.security.SecurityMiddleware',  # first: HTTPS redirect and headers\n" +
      "    'django.contrib.sessions.middleware.SessionMiddleware',\n" +
      "    'django.middleware.common.CommonMiddleware',\n" +
      "    'django.middleware.csrf.CsrfViewMiddleware',\n" +
      "    'django.contrib.auth.middleware.AuthenticationMiddleware',\n" +
      "    'django.middleware.clickjacking.XFrameOptionsMiddleware',\n" +
      "    'django.contrib.messages.middleware.MessageMiddleware',\n" +
      ']\n'
    const r = await diffFiles(base, { 'mysite/settings.py': CLASSIC_SETTINGS.slice(0, start) + reformatted + CLASSIC_SETTINGS.slice(end) })
    expect(brief(r)).toEqual([])
  })
})

describe('legacy MIDDLEWARE_CLASSES', () => {
  it('SecurityMiddleware deleted from MIDDLEWARE_CLASSES of an old project is new', async () => {
    // Django before 2.0 reads MIDDLEWARE_CLASSES when MIDDLEWARE is not set
    const base = classic()
    base['requirements.txt'] = 'Django==1.11.29\n'
    base['mysite/settings.py'] = CLASSIC_SETTINGS.replace('MIDDLEWARE = [', 'MIDDLEWARE_CLASSES = [')
    const head = edit(base, 'mysite/settings.py', SECURITY, '')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    const removedAt = lineOf(base['mysite/settings.py'], 'SecurityMiddleware')
    // X_FRAME_OPTIONS defaulted to SAMEORIGIN before 3.0: W019 fired by default, as it did before the change
    expect(brief(r)).toEqual(['clickjacking-protection-weakened@mysite/settings.py:1[unchanged]', `security-middleware-missing@mysite/settings.py:${removedAt - 1}[new]`])
    expect(only(r, 'security-middleware-missing').message).toContain('MIDDLEWARE_CLASSES')
  })

  it('from Django 2.0 MIDDLEWARE_CLASSES is ignored: with no pin (the newest assumed) its middleware is missing, and the message says why', async () => {
    const base = classic()
    base['mysite/settings.py'] = CLASSIC_SETTINGS.replace('MIDDLEWARE = [', 'MIDDLEWARE_CLASSES = [')
    const r = await diffFiles(base, { 'mysite/settings.py': edit(base, 'mysite/settings.py', SECURITY, '') })
    expect(brief(r)).toEqual(['clickjacking-protection-weakened@mysite/settings.py:1[unchanged]', 'csrf-middleware-missing@mysite/settings.py:1[unchanged]', 'security-middleware-missing@mysite/settings.py:1[unchanged]'])
    expect(only(r, 'security-middleware-missing').message).toContain('the MIDDLEWARE_CLASSES it sets is ignored since Django 2.0, and this project runs Django 6.0, the newest series this review knows')
    expect(r.notices.map((n) => n.message)).toContain('no Django pin found: settings are judged by the defaults of Django 6.0, the newest series this review knows (name the version with --django-version or django-version in the config)')
  })
})

describe('X_FRAME_OPTIONS', () => {
  it('SAMEORIGIN → an invalid ALLOW-FROM value is updated (low → medium) and fails at medium', async () => {
    const base = classic()
    base['mysite/settings.py'] = CLASSIC_SETTINGS + 'X_FRAME_OPTIONS = "SAMEORIGIN"\n'
    const head = CLASSIC_SETTINGS + 'X_FRAME_OPTIONS = "ALLOW-FROM https://partner.example.com"\n'
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    const line = lineOf(head, 'X_FRAME_OPTIONS')
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@mysite/settings.py:${line}[updated]`])
    const f = only(r, 'clickjacking-protection-weakened')
    expect(f.severity).toBe('medium')
    expect(f.djangoCheck).toBe('security.W019')
    expect(failing(r.findings, 'medium')).toHaveLength(1)
  })
})
