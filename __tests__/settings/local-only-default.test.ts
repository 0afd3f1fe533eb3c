// A module whose unset variables leave ALLOWED_HOSTS with local hosts only cannot serve the public as
// it is: production sets those variables, so what only their absence gives is not reported; what
// stays the same once they are set still is.
import { describe, expect, it } from '@jest/globals'
import { scanFiles } from '../helpers/project.js'
import { py } from '../rules/fixtures.js'

const UNICODEX = py(
  'import environ',
  'env = environ.Env()',
  'SECRET_KEY = env("SECRET_KEY")',
  'DEBUG = env("DEBUG", default=False)',
  'CURRENT_HOST = env.list("CURRENT_HOST", default=None)',
  'if CURRENT_HOST:',
  '    ALLOWED_HOSTS = [h.split("//")[-1] for h in CURRENT_HOST]',
  'else:',
  '    ALLOWED_HOSTS = ["localhost"]',
  'if "localhost" not in ALLOWED_HOSTS:',
  '    SECURE_SSL_REDIRECT = True',
  '    SECURE_HSTS_SECONDS = 3600',
  '    SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
  '    SECURE_HSTS_PRELOAD = True',
  '    SESSION_COOKIE_SECURE = True',
  '    CSRF_COOKIE_SECURE = True',
  'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]'
)

const ids = async (settings: string): Promise<string[]> => (await scanFiles({ 'mysite/settings.py': settings })).findings.map((f) => `${f.ruleId}:${f.line}`)

describe('a module that serves only localhost with its variables unset', () => {
  it('is judged by what production, which must set them, gets: the secure branch', async () => {
    expect(await ids(UNICODEX)).toEqual([])
  })

  it('still reports what setting the variables does not change', async () => {
    expect(await ids(UNICODEX + 'SECURE_CONTENT_TYPE_NOSNIFF = False\nDEBUG = True\n')).toEqual(['content-type-nosniff-disabled:18', 'debug-enabled:19'])
  })

  it('a public host in the fallback keeps the unset world as production', async () => {
    expect(await ids(UNICODEX.replace('ALLOWED_HOSTS = ["localhost"]', 'ALLOWED_HOSTS = ["localhost", "shop.example.org"]'))).toEqual(expect.arrayContaining(['ssl-redirect-disabled:1', 'hsts-weakened:1']))
  })
})

describe('a module whose hosts are local whatever the environment says', () => {
  it('is judged as it is (cookiecutter local.py loaded by a deploy file)', async () => {
    const local = py('import environ', 'env = environ.Env()', 'DEBUG = False', 'SECRET_KEY = env("DJANGO_SECRET_KEY", default="kN3rT8vQ2xW7yZ5aB1cD4eF6gH9jL0mP3qR5sT7uV9wX1yZ3aB")', 'ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]')
    expect(await ids(local)).toEqual(expect.arrayContaining(['secret-key-hardcoded:4']))
  })

  it('production is given the variables that open ALLOWED_HOSTS, not every variable: a DEBUG defaulting to True stays on', async () => {
    // scancode.io: the operator's env file sets ALLOWED_HOSTS; nothing sets SCANCODEIO_DEBUG
    const scancode = py(
      'import environ',
      'env = environ.Env()',
      'SECRET_KEY = env.str("SECRET_KEY")',
      'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[".localhost", "127.0.0.1", "[::1]"])',
      'DEBUG = env.bool("SCANCODEIO_DEBUG", default=True)'
    )
    expect(await ids(scancode)).toEqual(expect.arrayContaining(['debug-enabled:5']))
    expect(await ids(scancode.replace('default=True', 'default=False'))).not.toContain('debug-enabled:5')
  })
})
