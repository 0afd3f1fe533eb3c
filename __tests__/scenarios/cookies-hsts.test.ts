// Change scenarios about transport security: HSTS, the HTTPS redirect, cookie flags, SameSite and
// ALLOWED_HOSTS, in cookiecutter-django production settings and a classic settings.py.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CC_PRODUCTION, CLASSIC_SETTINGS, classic, cookiecutter, edit, lineOf, only } from './projects.js'

const PROD = 'config/settings/production.py'

/** Reviews a cookiecutter project where the PR replaces one line of production.py. */
async function changeProduction(from: string, to: string) {
  const base = cookiecutter()
  const head = edit(base, PROD, from, to)
  return { head, r: await diffFiles(base, { [PROD]: head }) }
}

describe('HSTS', () => {
  it('SECURE_HSTS_SECONDS lowered from a year to an hour is new', async () => {
    const { r } = await changeProduction('SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 3600')
    expect(brief(r)).toEqual([`hsts-weakened@${PROD}:${lineOf(CC_PRODUCTION, 'SECURE_HSTS_SECONDS')}[new]`])
    const f = only(r, 'hsts-weakened')
    expect(f.message).toContain('lowered from 31536000 to 3600')
    expect(f.fix?.replacement).toBe('SECURE_HSTS_SECONDS = 31536000')
  })

  it('SECURE_HSTS_SECONDS set to 0 "while we debug the CDN" is new (W004)', async () => {
    const { r } = await changeProduction('SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 0  # TODO: restore after the CDN migration')
    expect(brief(r)).toEqual([`hsts-weakened@${PROD}:${lineOf(CC_PRODUCTION, 'SECURE_HSTS_SECONDS')}[new]`])
    expect(only(r, 'hsts-weakened').djangoCheck).toBe('security.W004')
  })

  it.each([
    ['an arithmetic expression', 'SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365  # one year'],
    ['digit separators', 'SECURE_HSTS_SECONDS = 31_536_000'],
    ['an env read with the same default', 'SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)']
  ])('the same year written as %s stays silent', async (_name, line) => {
    const { r } = await changeProduction('SECURE_HSTS_SECONDS = 31536000', line)
    expect(brief(r)).toEqual([])
  })

  it('include-subdomains turned off through its env default is new, at medium', async () => {
    const { r } = await changeProduction(
      'SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)',
      'SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)'
    )
    expect(brief(r)).toEqual([`hsts-weakened@${PROD}:${lineOf(CC_PRODUCTION, 'SECURE_HSTS_INCLUDE_SUBDOMAINS')}[new]`])
    const f = only(r, 'hsts-weakened')
    expect(f).toMatchObject({ severity: 'medium', djangoCheck: 'security.W005' })
    expect(f.message).toContain('is turned off')
  })

  it('HSTS switched on in a classic settings.py that had 0 is a fix', async () => {
    const base = classic()
    base['mysite/settings.py'] = edit(base, 'mysite/settings.py', 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 0')
    const r = await diffFiles(base, { 'mysite/settings.py': CLASSIC_SETTINGS })
    expect(brief(r)).toEqual([`hsts-weakened@mysite/settings.py:${lineOf(CLASSIC_SETTINGS, 'SECURE_HSTS_SECONDS')}[absent]`])
  })
})

describe('HTTPS redirect', () => {
  it('SECURE_SSL_REDIRECT turned off through its env default is new', async () => {
    const { r } = await changeProduction(
      'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)',
      'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)'
    )
    expect(brief(r)).toEqual([`ssl-redirect-disabled@${PROD}:${lineOf(CC_PRODUCTION, 'SECURE_SSL_REDIRECT')}[new]`])
    const f = only(r, 'ssl-redirect-disabled')
    expect(f.djangoCheck).toBe('security.W008')
    expect(f.message).toContain('is turned off')
    expect(f.message).toContain('a server with DJANGO_SECURE_SSL_REDIRECT unset gets False')
  })

  it('SECURE_SSL_REDIRECT = True → False in a classic settings.py is new', async () => {
    const head = edit(classic(), 'mysite/settings.py', 'SECURE_SSL_REDIRECT = True', 'SECURE_SSL_REDIRECT = False  # the load balancer redirects')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`ssl-redirect-disabled@mysite/settings.py:${lineOf(CLASSIC_SETTINGS, 'SECURE_SSL_REDIRECT')}[new]`])
  })

  it('if/else on an env var whose default keeps the redirect on stays silent', async () => {
    const { r } = await changeProduction(
      'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)',
      'if env.bool("DJANGO_TLS_TERMINATED_UPSTREAM", default=False):\n    SECURE_SSL_REDIRECT = False\nelse:\n    SECURE_SSL_REDIRECT = True'
    )
    expect(brief(r)).toEqual([])
  })
})

describe('cookies', () => {
  it('SESSION_COOKIE_SECURE weakened through an env default of False is new (W012: app and middleware)', async () => {
    const { r } = await changeProduction('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)')
    expect(brief(r)).toEqual([`session-cookie-insecure@${PROD}:${lineOf(CC_PRODUCTION, 'SESSION_COOKIE_SECURE')}[new]`])
    const f = only(r, 'session-cookie-insecure')
    expect(f).toMatchObject({ severity: 'high', djangoCheck: 'security.W012' })
    expect(f.message).toContain('a server with DJANGO_SESSION_COOKIE_SECURE unset gets False')
  })

  it('SESSION_COOKIE_SECURE moved to an env read with a True default stays silent', async () => {
    const { r } = await changeProduction('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=True)')
    expect(brief(r)).toEqual([])
  })

  it('CSRF_COOKIE_SECURE deleted from production.py is new, at the nearest remaining line, saying what was removed', async () => {
    const { head, r } = await changeProduction('CSRF_COOKIE_SECURE = True\n', '')
    const removedAt = lineOf(CC_PRODUCTION, 'CSRF_COOKIE_SECURE')
    expect(lineOf(head, 'SESSION_COOKIE_NAME')).toBe(removedAt - 1)
    expect(brief(r)).toEqual([`csrf-cookie-insecure@${PROD}:${removedAt - 1}[new]`])
    const f = only(r, 'csrf-cookie-insecure')
    expect(f.notes).toContain(`This change removed \`CSRF_COOKIE_SECURE = True\` (line ${removedAt} of ${PROD} before the change).`)
    expect(f.message).toContain("Django's default applies")
  })

  it('SESSION_COOKIE_SAMESITE = "None" added for an embedded widget is new', async () => {
    const { head, r } = await changeProduction('CSRF_COOKIE_SECURE = True\n', 'CSRF_COOKIE_SECURE = True\n# The booking widget is embedded on partner sites\nSESSION_COOKIE_SAMESITE = "None"\n')
    expect(brief(r)).toEqual([`cookie-samesite-none@${PROD}:${lineOf(head, 'SESSION_COOKIE_SAMESITE')}[new]`])
  })

  it('SESSION_COOKIE_SECURE moved from production.py to `= not DEBUG` in base.py keeps its value: silent', async () => {
    const base = cookiecutter()
    const prod = edit(base, PROD, 'SESSION_COOKIE_SECURE = True\n', '')
    const shared = edit(base, 'config/settings/base.py', 'SESSION_COOKIE_HTTPONLY = True\n', 'SESSION_COOKIE_HTTPONLY = True\nSESSION_COOKIE_SECURE = not DEBUG\n')
    const r = await diffFiles(base, { [PROD]: prod, 'config/settings/base.py': shared })
    expect(brief(r)).toEqual([])
  })

  it('a weak value added to base.py but overridden in production.py stays silent', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/settings/base.py', 'SESSION_COOKIE_HTTPONLY = True\n', 'SESSION_COOKIE_HTTPONLY = True\nSESSION_COOKIE_SECURE = False  # runserver has no TLS\nCSRF_COOKIE_SECURE = False\n')
    const r = await diffFiles(base, { 'config/settings/base.py': head })
    expect(brief(r)).toEqual([])
  })
})

describe('ALLOWED_HOSTS', () => {
  it('env.list default changed to ["*"] is new', async () => {
    const { r } = await changeProduction(
      'ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["shop.example.com"])',
      'ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["*"])'
    )
    expect(brief(r)).toEqual([`allowed-hosts-wildcard@${PROD}:${lineOf(CC_PRODUCTION, 'ALLOWED_HOSTS')}[new]`])
    const f = only(r, 'allowed-hosts-wildcard')
    expect(f.severity).toBe('high')
    expect(f.message).toContain("a server with DJANGO_ALLOWED_HOSTS unset gets ['*']")
  })

  it('a required env read split on commas stays silent', async () => {
    const head = edit(classic(), 'mysite/settings.py', 'ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([])
  })

  it('os.getenv with a "*" default split on commas is new', async () => {
    const head = edit(classic(), 'mysite/settings.py', 'ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = os.getenv("DJANGO_ALLOWED_HOSTS", "*").split(",")')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`allowed-hosts-wildcard@mysite/settings.py:${lineOf(head, 'ALLOWED_HOSTS')}[new]`])
  })
})

describe('CORS', () => {
  // django-cors-headers added at the end of the startproject settings
  const cors = (allowAll: string) => `${CLASSIC_SETTINGS}\nINSTALLED_APPS += ["corsheaders"]\nCORS_ALLOW_CREDENTIALS = True\n${allowAll}\n`

  it('allow-all switched on next to credentials is new and critical; switching it back off fixes it', async () => {
    const before = cors('CORS_ALLOWED_ORIGINS = ["https://app.example.org"]')
    const after = cors('CORS_ALLOW_ALL_ORIGINS = True  # the mobile app needs it')
    const r = await diffFiles({ ...classic(), 'mysite/settings.py': before }, { 'mysite/settings.py': after })
    expect(brief(r)).toEqual([`cors-allow-all-origins@mysite/settings.py:${lineOf(after, 'CORS_ALLOW_ALL_ORIGINS')}[new]`])
    expect(only(r, 'cors-allow-all-origins').severity).toBe('critical')
    expect(only(r, 'cors-allow-all-origins').fix?.replacement).toBe('CORS_ALLOW_ALL_ORIGINS = False  # the mobile app needs it')
    const back = await diffFiles({ ...classic(), 'mysite/settings.py': after }, { 'mysite/settings.py': before })
    expect(brief(back)).toEqual([`cors-allow-all-origins@mysite/settings.py:${lineOf(before, 'CORS_ALLOWED_ORIGINS')}[absent]`])
  })
})
