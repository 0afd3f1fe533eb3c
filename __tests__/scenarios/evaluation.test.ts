// Change scenarios for what settings code really does (issue 9, point 2): project helpers, presence
// switches, settings classes, loops, many alternatives, literal worlds. Real git repositories, real
// Python, the whole review pipeline; each project is a small one of our own.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { classic, edit, lineOf, only, worsened } from './projects.js'

const SETTINGS = 'mysite/settings.py'

/** The classic project with `DEBUG = False` replaced, and imports added after `import os`. */
function withSettings(replacement: string, imports = ''): Record<string, string> {
  const files = classic()
  files[SETTINGS] = edit(files, SETTINGS, 'DEBUG = False\n', replacement).replace('import os\n', `import os\n${imports}`)
  return files
}

describe('project helpers', () => {
  const HELPER = `
def get_bool_env(name, default=False):
    return os.environ.get(name, str(default)).lower() in ("true", "1", "yes")

DEBUG = get_bool_env("DJANGO_DEBUG", False)
SESSION_COOKIE_SECURE = not DEBUG
`

  it('get_bool_env("DJANGO_DEBUG", True): the default flipped in the call is new', async () => {
    const base = withSettings(HELPER)
    const head = edit(base, SETTINGS, 'get_bool_env("DJANGO_DEBUG", False)', 'get_bool_env("DJANGO_DEBUG", True)')
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`debug-enabled@${SETTINGS}:${lineOf(head, 'DEBUG = get_bool_env')}`])
    expect(only(r, 'debug-enabled').message).toContain('a server with DJANGO_DEBUG unset gets')
  })

  it('the helper\'s own default changed from False to True is new for the call that relies on it', async () => {
    const base = withSettings(HELPER.replace('get_bool_env("DJANGO_DEBUG", False)', 'get_bool_env("DJANGO_DEBUG")'))
    const head = edit(base, SETTINGS, 'def get_bool_env(name, default=False):', 'def get_bool_env(name, default=True):')
    const r = await diffFiles(base, { [SETTINGS]: head })
    // at the line the change touched, saying where the value is set
    expect(worsened(r)).toEqual([`debug-enabled@${SETTINGS}:${lineOf(head, 'def get_bool_env')}`])
    expect(only(r, 'debug-enabled').notes.join('\n')).toContain(`The value comes from ${SETTINGS}:${lineOf(head, 'DEBUG = get_bool_env')}`)
  })

  it('DEBUG = False refactored to the helper with a False default stays silent: production still gets False', async () => {
    const r = await diffFiles(classic(), { [SETTINGS]: withSettings(HELPER)[SETTINGS] })
    expect(brief(r)).toEqual([])
    expect(r.settingChanges?.filter((c) => ['DEBUG', 'SESSION_COOKIE_SECURE'].includes(c.setting))).toEqual([])
  })
})

describe('presence switches', () => {
  it('DEBUG on unless a variable exists (`from os import environ`): new', async () => {
    const head = withSettings('DEBUG = "DJANGO_PRODUCTION" not in environ\n', 'from os import environ\n')
    const r = await diffFiles(classic(), { [SETTINGS]: head[SETTINGS] })
    expect(worsened(r)).toEqual([`debug-enabled@${SETTINGS}:${lineOf(head[SETTINGS], 'DJANGO_PRODUCTION')}`])
  })
})

describe('settings classes', () => {
  const CLASS = `
class Settings:
    DEBUG = False
    SESSION_COOKIE_SAMESITE = "Lax"

    @property
    def CSRF_COOKIE_SAMESITE(self):
        return self.SESSION_COOKIE_SAMESITE


def load_settings(settings, namespace):
    for name in dir(settings):
        if name.isupper():
            namespace[name] = getattr(settings, name)


load_settings(Settings(), globals())
`

  it('SameSite None set in a class whose attributes load_settings() makes module settings: new, at the class', async () => {
    const base = withSettings(CLASS)
    const head = edit(base, SETTINGS, 'SESSION_COOKIE_SAMESITE = "Lax"', 'SESSION_COOKIE_SAMESITE = "None"')
    const r = await diffFiles(base, { [SETTINGS]: head })
    // the session cookie at the class attribute; the CSRF cookie, through the property that copies
    // it, at the line the change touched too
    const changed = lineOf(head, 'SESSION_COOKIE_SAMESITE = "None"')
    expect(worsened(r)).toEqual([`cookie-samesite-none@${SETTINGS}:${changed}`, `cookie-samesite-none@${SETTINGS}:${changed}`])
    expect(r.findings.map((f) => f.message.split(' in production')[0])).toEqual(["SESSION_COOKIE_SAMESITE is 'None'", "CSRF_COOKIE_SAMESITE is 'None'"])
  })

  it('django-configurations: a values.BooleanValue default turned off in the production class is new', async () => {
    const files = classic()
    files[SETTINGS] = `from configurations import Configuration, values


class Base(Configuration):
    DEBUG = values.BooleanValue(False)
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = ["mysite.example.org"]
    INSTALLED_APPS = ["django.contrib.sessions"]
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_COOKIE_SECURE = True


class Dev(Base):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class Prod(Base):
    SESSION_COOKIE_SECURE = values.BooleanValue(True)
`
    const head = edit(files, SETTINGS, 'SESSION_COOKIE_SECURE = values.BooleanValue(True)', 'SESSION_COOKIE_SECURE = values.BooleanValue(False)')
    expect(brief(await diffFiles(files, { 'README.md': 'x\n' }))).toEqual([])
    const r = await diffFiles(files, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`session-cookie-insecure@${SETTINGS}:${lineOf(head, 'SESSION_COOKIE_SECURE = values.BooleanValue(False)')}`])
  })
})

describe('loops and alternatives', () => {
  it('SecurityMiddleware removed in a loop over a literal tuple: new', async () => {
    const base = classic()
    const head = base[SETTINGS] + '\nfor middleware in ("django.middleware.security.SecurityMiddleware",):\n    MIDDLEWARE.remove(middleware)\n'
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`security-middleware-missing@${SETTINGS}:${lineOf(head, 'MIDDLEWARE.remove(middleware)')}`])
  })

  it('MIDDLEWARE grown by several optional features (16 alternatives) still has SecurityMiddleware in every one: HSTS turned off is new', async () => {
    const features = ['SENTRY', 'SILK', 'CORS', 'WHITENOISE'].map((f) => `if os.environ.get("ENABLE_${f}", "") == "1" or feature_flags().${f.toLowerCase()}:\n    MIDDLEWARE += ["${f.toLowerCase()}.middleware.Middleware"]\n`).join('')
    const base = classic()
    base[SETTINGS] += `\n${features}`
    const head = edit(base, SETTINGS, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 0')
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`hsts-weakened@${SETTINGS}:${lineOf(head, 'SECURE_HSTS_SECONDS = 0')}`])
  })

  it('an opaque MIDDLEWARE assignment in a test-only branch does not silence the header checks', async () => {
    const base = classic()
    base[SETTINGS] = base[SETTINGS].replace('import os\n', 'import os\nimport sys\n') + '\nif "test" in sys.argv:\n    MIDDLEWARE = testing.strip_middleware(MIDDLEWARE)\n'
    const head = edit(base, SETTINGS, 'SECURE_SSL_REDIRECT = True', 'SECURE_SSL_REDIRECT = False')
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`ssl-redirect-disabled@${SETTINGS}:${lineOf(head, 'SECURE_SSL_REDIRECT = False')}`])
  })
})

describe('values Python gives that the review did not', () => {
  it('DEBUG from ast.literal_eval of an env default "True": new', async () => {
    const head = withSettings('DEBUG = ast.literal_eval(os.environ.get("DJANGO_DEBUG", "True"))\n', 'import ast\n')
    const r = await diffFiles(classic(), { [SETTINGS]: head[SETTINGS] })
    expect(worsened(r)).toEqual([`debug-enabled@${SETTINGS}:${lineOf(head[SETTINGS], 'literal_eval')}`])
  })

  it('SESSION_COOKIE_SAMESITE = False (no attribute at all): new', async () => {
    const base = classic()
    const head = base[SETTINGS] + 'SESSION_COOKIE_SAMESITE = False\n'
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`cookie-samesite-none@${SETTINGS}:${lineOf(head, 'SESSION_COOKIE_SAMESITE')}`])
    expect(only(r, 'cookie-samesite-none').message).toContain('no SameSite attribute')
  })

  it('DEBUG turned on in the branch only taken when STAGE is "production": new, as a possibility', async () => {
    const base = classic()
    base[SETTINGS] += '\nif os.environ.get("STAGE", "local") == "production":\n    CONN_MAX_AGE = 60\n'
    const head = edit(base, SETTINGS, '    CONN_MAX_AGE = 60\n', '    CONN_MAX_AGE = 60\n    DEBUG = True\n')
    const r = await diffFiles(base, { [SETTINGS]: head })
    expect(worsened(r)).toEqual([`debug-enabled@${SETTINGS}:${lineOf(head, '    DEBUG = True')}`])
    expect(only(r, 'debug-enabled').message).toContain('DEBUG can be True in production')
  })
})
