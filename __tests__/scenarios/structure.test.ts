// Change scenarios about the shape of the project: renamed, added and deleted settings modules,
// which module production loads, lines that only move, half-written code, optional local settings.
import { describe, expect, it } from '@jest/globals'
import { failing } from '../../src/report/outcome.js'
import { brief, diffFiles } from '../helpers/project.js'
import { CC_BASE, CC_PRODUCTION, CC_WSGI, CLASSIC_SETTINGS, CLASSIC_WSGI, PKG_BASE, classic, cookiecutter, edit, lineOf, only, worsened } from './projects.js'

const PROD = 'config/settings/production.py'
const CC_DEBUG = 'DEBUG = env.bool("DJANGO_DEBUG", False)'
const PRELOAD = 'SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)'

/** cookiecutter with one pre-existing, low-severity problem in production.py: HSTS preload off. */
function withPreloadOff(): Record<string, string> {
  const files = cookiecutter()
  files[PROD] = edit(files, PROD, PRELOAD, 'SECURE_HSTS_PRELOAD = False  # not on the preload list yet')
  return files
}

describe('renamed and moved settings', () => {
  it('production.py renamed to prod.py (wsgi.py updated): the existing problem is unchanged, nothing new', async () => {
    const base = withPreloadOff()
    const r = await diffFiles(base, {
      [PROD]: null,
      'config/settings/prod.py': base[PROD],
      'config/wsgi.py': edit(base, 'config/wsgi.py', 'config.settings.production', 'config.settings.prod')
    })
    expect(brief(r)).toEqual([`hsts-weakened@config/settings/prod.py:${lineOf(base[PROD], 'SECURE_HSTS_PRELOAD')}[unchanged]`])
    expect(worsened(r)).toEqual([])
  })

  it('renamed and weakened in the same change: the lowered HSTS is new in the renamed file', async () => {
    const base = cookiecutter()
    const r = await diffFiles(base, {
      [PROD]: null,
      'config/settings/prod.py': edit(base, PROD, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 300'),
      'config/wsgi.py': edit(base, 'config/wsgi.py', 'config.settings.production', 'config.settings.prod')
    })
    expect(brief(r)).toEqual([`hsts-weakened@config/settings/prod.py:${lineOf(CC_PRODUCTION, 'SECURE_HSTS_SECONDS')}[new]`])
    expect(only(r, 'hsts-weakened').message).toContain('lowered from 31536000 to 300')
  })

  it('settings reordered and a list reformatted: the existing problem is unchanged and does not fail', async () => {
    const base = classic()
    base['mysite/settings.py'] = CLASSIC_SETTINGS + 'X_FRAME_OPTIONS = "SAMEORIGIN"\n'
    // Move the security block (with X_FRAME_OPTIONS) above the apps, and put ALLOWED_HOSTS on several lines.
    const block = CLASSIC_SETTINGS.slice(CLASSIC_SETTINGS.indexOf('# Security\n')) + 'X_FRAME_OPTIONS = "SAMEORIGIN"\n'
    let head = CLASSIC_SETTINGS.slice(0, CLASSIC_SETTINGS.indexOf('# Security\n'))
    head = head.replace('INSTALLED_APPS = [', `${block}\nINSTALLED_APPS = [`)
    head = head.replace('ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = [\n    "mysite.example.org",\n    "www.mysite.example.org",\n]')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@mysite/settings.py:${lineOf(head, 'X_FRAME_OPTIONS')}[unchanged]`])
    expect(failing(r.findings, 'low')).toEqual([])
  })

  it('a problem line moved from production.py to base.py is unchanged, and a good line moved there stays silent', async () => {
    const base = withPreloadOff()
    const preload = 'SECURE_HSTS_PRELOAD = False  # not on the preload list yet\n'
    let prod = edit(base, PROD, preload, '')
    prod = edit({ [PROD]: prod }, PROD, 'SESSION_COOKIE_SECURE = True\n', '')
    const moved = edit(base, 'config/settings/base.py', 'X_FRAME_OPTIONS = "DENY"\n', `X_FRAME_OPTIONS = "DENY"\nSESSION_COOKIE_SECURE = True\n${preload}`)
    const r = await diffFiles(base, { [PROD]: prod, 'config/settings/base.py': moved })
    expect(brief(r)).toEqual([`hsts-weakened@config/settings/base.py:${lineOf(moved, 'SECURE_HSTS_PRELOAD')}[unchanged]`])
    expect(worsened(r)).toEqual([])
  })

  it('line endings converted to CRLF: every line changed, nothing new, the existing problem unchanged', async () => {
    const base = withPreloadOff()
    const r = await diffFiles(base, { [PROD]: base[PROD].replace(/\n/g, '\r\n') })
    expect(brief(r)).toEqual([`hsts-weakened@${PROD}:${lineOf(base[PROD], 'SECURE_HSTS_PRELOAD')}[unchanged]`])
    expect(only(r, 'hsts-weakened').evidence).toBe('SECURE_HSTS_PRELOAD = False  # not on the preload list yet')
  })

  it('settings.py split into a settings package: the existing problem moves with its line and stays unchanged', async () => {
    const base = classic()
    base['mysite/settings.py'] = CLASSIC_SETTINGS + 'X_FRAME_OPTIONS = "SAMEORIGIN"\n'
    const split = CLASSIC_SETTINGS.indexOf('# Security\n')
    const shared = CLASSIC_SETTINGS.slice(0, split).replace('BASE_DIR = Path(__file__).resolve().parent.parent', 'BASE_DIR = Path(__file__).resolve().parent.parent.parent')
    const production = 'from .base import *  # noqa: F403\n\n' + CLASSIC_SETTINGS.slice(split) + 'X_FRAME_OPTIONS = "SAMEORIGIN"\n'
    const r = await diffFiles(base, {
      'mysite/settings.py': null,
      'mysite/settings/__init__.py': '',
      'mysite/settings/base.py': shared,
      'mysite/settings/production.py': production,
      'mysite/settings/local.py': 'from .base import *  # noqa: F403\n\nDEBUG = True\nSECRET_KEY = "local"\nALLOWED_HOSTS = ["*"]\n',
      'mysite/wsgi.py': CLASSIC_WSGI.replace('"mysite.settings"', '"mysite.settings.production"')
    })
    // Nothing got worse: the same value reaches production from a new place. Not new, not fixed.
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@mysite/settings/production.py:${lineOf(production, 'X_FRAME_OPTIONS')}[unchanged]`])
  })

  it('a comment-only edit of production.py reports its existing problem as unchanged', async () => {
    const base = withPreloadOff()
    const head = edit(base, PROD, '# SECURITY\n', '# SECURITY (reviewed 2025-03, see docs/security.md)\n')
    const r = await diffFiles(base, { [PROD]: head })
    expect(brief(r)).toEqual([`hsts-weakened@${PROD}:${lineOf(head, 'SECURE_HSTS_PRELOAD')}[unchanged]`])
    expect(failing(r.findings, 'low')).toEqual([])
  })

  it('a PR touching only views.py reports nothing, not even the existing problem', async () => {
    const base = withPreloadOff()
    const views = base['shop/orders/views.py'] + '\n\n@login_required\ndef order_list(request):\n    return render(request, "orders/list.html", {"orders": request.user.orders.all()})\n'
    const r = await diffFiles(base, { 'shop/orders/views.py': views })
    expect(brief(r)).toEqual([])
    expect(r.notices).toEqual([])
  })
})

describe('settings modules added and deleted', () => {
  it('a staging module added in the PR with a debug default of True is new', async () => {
    const base = cookiecutter()
    const staging = '"""Staging: production settings, with debug on for QA."""\nfrom .production import *  # noqa: F403\nfrom .base import env\n\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\nALLOWED_HOSTS = ["staging.shop.example.com"]\n'
    const r = await diffFiles(base, { 'config/settings/staging.py': staging })
    expect(brief(r)).toEqual([`debug-enabled@config/settings/staging.py:${lineOf(staging, 'DEBUG =')}[new]`])
    expect(only(r, 'debug-enabled').notes.join('\n')).toContain('staging.py is named as a production module')
  })

  it('a CI settings module added with DEBUG = True stays silent', async () => {
    const base = cookiecutter()
    const r = await diffFiles(base, { 'config/settings/ci.py': 'from .test import *  # noqa: F403\n\nDEBUG = True\nSECRET_KEY = "ci-not-secret"\nALLOWED_HOSTS = ["*"]\n' })
    expect(brief(r)).toEqual([])
  })

  it('deleting a legacy heroku.py that had DEBUG on marks the finding absent', async () => {
    const base = cookiecutter()
    const heroku = 'from .production import *  # noqa: F403\n\n# Review apps\nDEBUG = True\n'
    base['config/settings/heroku.py'] = heroku
    const r = await diffFiles(base, { 'config/settings/heroku.py': null })
    expect(brief(r)).toEqual([`debug-enabled@config/settings/heroku.py:${lineOf(heroku, 'DEBUG = True')}[absent]`])
  })

  it('deleting security.py that production.py star-imported: the lost settings are new, pointing where the import was', async () => {
    const base = cookiecutter()
    const security =
      '# Transport security, shared by every deployed environment\nSECURE_SSL_REDIRECT = True\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n'
    const start = CC_PRODUCTION.indexOf('SECURE_SSL_REDIRECT')
    const end = CC_PRODUCTION.indexOf('SECURE_CONTENT_TYPE_NOSNIFF')
    const lines = CC_PRODUCTION.slice(start, end).split('\n').filter((l) => l.startsWith('SESSION_COOKIE_NAME') || l.startsWith('CSRF_COOKIE_NAME'))
    base[PROD] = CC_PRODUCTION.slice(0, start) + 'from .security import *  # noqa: F403\n' + lines.join('\n') + '\n' + CC_PRODUCTION.slice(end)
    base['config/settings/security.py'] = security
    // The PR deletes security.py and its import, meaning to inline the settings, and forgets to.
    const head = edit(base, PROD, 'from .security import *  # noqa: F403\n', '')
    const r = await diffFiles(base, { 'config/settings/security.py': null, [PROD]: head })
    const importAt = lineOf(base[PROD], 'from .security import *')
    const expected = ['csrf-cookie-insecure', 'hsts-weakened', 'session-cookie-insecure', 'ssl-redirect-disabled'].map((id) => `${id}@${PROD}:${importAt - 1}[new]`)
    expect(brief(r)).toEqual(expected)
    // Each says what was lost: the deleted module (or its import) and the setting it provided.
    for (const f of r.findings) expect(f.notes.join('\n')).toContain('config/settings/security.py')
  })
})

describe('which module production loads', () => {
  it('wsgi.py pointing at a module named like a development one does not make it production: the name wins', async () => {
    const files: Record<string, string> = {
      'manage.py': 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.development")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
      'mysite/__init__.py': '',
      'mysite/settings/__init__.py': '',
      'mysite/settings/common.py': PKG_BASE.replace('DEBUG = True', 'DEBUG = False').replace('ROOT_URLCONF = "blogsite.urls"', 'ROOT_URLCONF = "mysite.urls"'),
      'mysite/settings/development.py': 'from .common import *\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["mysite.example.org"]\n\nSECURE_SSL_REDIRECT = True\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n',
      // wsgi.py defaults to "development" settings; a development name is stronger evidence than a default.
      'mysite/wsgi.py': CLASSIC_WSGI.replace('"mysite.settings"', '"mysite.settings.development"')
    }
    const head = files['mysite/settings/development.py'].replace('ALLOWED_HOSTS = ["mysite.example.org"]\n', 'ALLOWED_HOSTS = ["mysite.example.org"]\nDEBUG = True  # show errors while we test the new checkout\n')
    const r = await diffFiles(files, { 'mysite/settings/development.py': head })
    expect(brief(r)).toEqual([])
    expect(r.entries.find((e) => e.path === 'mysite/settings/development.py')).toMatchObject({ production: false, reason: 'development.py is named as a development or test module' })
  })

  it('a settings package whose __init__.py star-imports base.py: a base.py change is new and names __init__.py', async () => {
    const files: Record<string, string> = {
      'manage.py': classic()['manage.py'],
      'mysite/__init__.py': '',
      'mysite/wsgi.py': CLASSIC_WSGI,
      // The per-server overrides in local.py are not in the repository (.gitignore).
      'mysite/settings/__init__.py': 'from .base import *  # noqa: F403\n\ntry:\n    from .local import *  # noqa: F403\nexcept ImportError:\n    pass\n',
      'mysite/settings/base.py': CLASSIC_SETTINGS.replace('BASE_DIR = Path(__file__).resolve().parent.parent', 'BASE_DIR = Path(__file__).resolve().parent.parent.parent'),
      '.gitignore': 'mysite/settings/local.py\n*.pyc\n'
    }
    const head = edit(files, 'mysite/settings/base.py', 'CSRF_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = False')
    const r = await diffFiles(files, { 'mysite/settings/base.py': head })
    expect(brief(r)).toEqual([`csrf-cookie-insecure@mysite/settings/base.py:${lineOf(head, 'CSRF_COOKIE_SECURE')}[new]`])
    const f = only(r, 'csrf-cookie-insecure')
    expect(f.affected).toEqual(['mysite/settings/__init__.py'])
    expect(f.notes).toContain('Affects mysite/settings/__init__.py, which imports mysite/settings/base.py.')
    expect(f.notes.join('\n')).toContain(`mysite/wsgi.py:${lineOf(CLASSIC_WSGI, 'DJANGO_SETTINGS_MODULE')} sets DJANGO_SETTINGS_MODULE to it`)
  })

  it('a module named production that nothing loads, while the deployment is given another module, is stale: silent', async () => {
    const files = {
      'manage.py': classic()['manage.py'],
      'mysite/__init__.py': '',
      'mysite/wsgi.py': CLASSIC_WSGI.replace('mysite.settings', 'mysite.settings'),
      'uwsgi.ini': '[uwsgi]\nmodule = mysite.wsgi:application\nenv = DJANGO_SETTINGS_MODULE=mysite.settings\n',
      'mysite/settings/__init__.py': CLASSIC_SETTINGS.replace('BASE_DIR = Path(__file__).resolve().parent.parent', 'BASE_DIR = Path(__file__).resolve().parent.parent.parent')
    }
    const r = await diffFiles(files, { 'mysite/settings/production.py': 'from . import *  # noqa: F403\n\nDEBUG = True\nSECRET_KEY = "x"\n' })
    expect(brief(r)).toEqual([])
    expect(r.entries.find((e) => e.path === 'mysite/settings/production.py')).toMatchObject({ production: false, reason: expect.stringContaining('nothing loads it: the production processes are given mysite/settings/__init__.py') as unknown as string })
  })

  it('a neutrally named module that only pytest.ini loads is a test module: silent', async () => {
    const base = cookiecutter()
    const r = await diffFiles(base, {
      'config/settings/integration.py': 'from .base import *  # noqa: F403\n\nDEBUG = True\nSECRET_KEY = "integration"\nALLOWED_HOSTS = ["*"]\nMIDDLEWARE = [m for m in MIDDLEWARE if "csrf" not in m]  # noqa: F405\n',
      'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = config.settings.integration\naddopts = --reuse-db\npython_files = tests.py test_*.py\n'
    })
    expect(brief(r)).toEqual([])
    expect(r.entries.find((e) => e.path === 'config/settings/integration.py')).toMatchObject({ production: false, reason: 'only pytest.ini:2 uses it, and it is test configuration' })
  })

  it('a change in base.py that two production modules import is one finding naming both', async () => {
    const base = cookiecutter()
    base['config/settings/staging.py'] = 'from .production import *  # noqa: F403\n\nALLOWED_HOSTS = ["staging.shop.example.com"]\n'
    const head = edit(base, 'config/settings/base.py', 'X_FRAME_OPTIONS = "DENY"', 'X_FRAME_OPTIONS = "ALLOWALL"  # the shop is embedded by partners')
    const r = await diffFiles(base, { 'config/settings/base.py': head })
    expect(brief(r)).toEqual([`clickjacking-protection-weakened@config/settings/base.py:${lineOf(CC_BASE, 'X_FRAME_OPTIONS')}[new]`])
    const f = only(r, 'clickjacking-protection-weakened')
    expect(f.affected).toEqual([PROD, 'config/settings/staging.py'])
    expect(f.notes).toContain(`Affects ${PROD}, config/settings/staging.py, which import config/settings/base.py.`)
  })
})

describe('half-written code', () => {
  it('a syntax error at the end of production.py: base.py findings still come, with a notice', async () => {
    const base = cookiecutter()
    const prod = CC_PRODUCTION + '\n# Sentry\nSENTRY_DSN = env("SENTRY_DSN")\nsentry_sdk.init(dsn=SENTRY_DSN, integrations=[DjangoIntegration(\n'
    const r = await diffFiles(base, { 'config/settings/base.py': edit(base, 'config/settings/base.py', CC_DEBUG, 'DEBUG = True'), [PROD]: prod })
    expect(brief(r)).toEqual([`debug-enabled@config/settings/base.py:${lineOf(CC_BASE, CC_DEBUG)}[new]`])
    const notice = r.notices.find((n) => n.path === PROD)
    expect(notice?.message).toContain('syntax error')
    expect(notice?.line).toBeGreaterThanOrEqual(lineOf(prod, 'sentry_sdk.init('))
  })

  it('a half-written assignment, and the lines the parser swallows after it, are not read as Django\'s defaults', async () => {
    const base = cookiecutter()
    const prod = edit(base, PROD, 'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)', 'SECURE_SSL_REDIRECT = env.bool(')
    const r = await diffFiles(base, { [PROD]: prod })
    // The statement cannot run, and SESSION_COOKIE_SECURE = True, CSRF_COOKIE_SECURE = True and the
    // HSTS settings below it are still in the file: nothing here may be reported as "not set".
    expect(brief(r)).toEqual([])
    expect(r.notices).toContainEqual({ path: PROD, line: lineOf(prod, 'SECURE_SSL_REDIRECT = env.bool('), message: expect.stringContaining('syntax error') })
  })
})

describe('optional local settings', () => {
  const OPTIONAL = '\ntry:\n    from .local_settings import *  # noqa: F403 (per-server overrides, not in git)\nexcept ImportError:\n    pass\n'

  it('try/except ImportError of a local_settings module that is not in the repository stays silent', async () => {
    const base = classic()
    const r = await diffFiles(base, { 'mysite/settings.py': CLASSIC_SETTINGS + OPTIONAL })
    expect(brief(r)).toEqual([])
  })

  it('committing local_settings.py with DEBUG = True reaches production through that import: new', async () => {
    const base = classic()
    base['mysite/settings.py'] = CLASSIC_SETTINGS + OPTIONAL
    const local = '# My laptop\nDEBUG = True\nALLOWED_HOSTS = ["localhost"]\n'
    const r = await diffFiles(base, { 'mysite/local_settings.py': local })
    // the committed local settings file is itself reported (env-file-committed), and what it turns on
    expect(brief(r)).toEqual([`env-file-committed@mysite/local_settings.py:1[new]`, `debug-enabled@mysite/local_settings.py:2[new]`])
    const f = only(r, 'debug-enabled')
    expect(f.affected).toEqual(['mysite/settings.py'])
    expect(f.notes).toContain('Affects mysite/settings.py, which imports mysite/local_settings.py.')
  })
})

describe('a deploy entry point added', () => {
  it('asgi.py added with DJANGO_SETTINGS_MODULE = config.settings.docker makes docker.py production', async () => {
    const base = cookiecutter()
    base['config/settings/docker.py'] = base['config/settings/local.py']
    const asgi = CC_WSGI.replace('WSGI config', 'ASGI config').replace('config.settings.production', 'config.settings.docker').replace('from django.core.wsgi import get_wsgi_application', 'from django.core.asgi import get_asgi_application').replace('application = get_wsgi_application()', 'application = get_asgi_application()')
    const r = await diffFiles(base, { 'config/asgi.py': asgi })
    const local = base['config/settings/docker.py']
    expect(r.entries.find((e) => e.path === 'config/settings/docker.py')).toMatchObject({ production: true })
    const debug = r.findings.find((f) => f.ruleId === 'debug-enabled')
    expect(debug).toMatchObject({ path: 'config/settings/docker.py', line: lineOf(local, 'DEBUG = True'), baselineState: 'new' })
    expect(debug?.notes.join('\n')).toContain(`config/asgi.py:${lineOf(asgi, 'DJANGO_SETTINGS_MODULE')} sets DJANGO_SETTINGS_MODULE to it`)
    // Everything docker.py leaves weak is new now that production may load it; nothing is unchanged.
    expect(r.findings.every((f) => f.baselineState === 'new')).toBe(true)
    // local.py's debug toolbar keeps its default callback: it shows only with DEBUG on, which debug-enabled reports
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['csrf-cookie-insecure', 'debug-enabled', 'hsts-weakened', 'secret-key-hardcoded', 'session-cookie-insecure', 'ssl-redirect-disabled'])
  })
})
