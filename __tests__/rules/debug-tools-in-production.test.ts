import { describe, expect, it } from '@jest/globals'
import { debugToolsInProduction } from '../../src/rules/debug-tools-in-production.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

const TOOLBAR_MW = '"debug_toolbar.middleware.DebugToolbarMiddleware"'
const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]'
const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]'
const CALLBACK = 'DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": "shop.toolbar.show_to_staff"}'

ruleTester(debugToolsInProduction, {
  valid: [
    { name: 'no tools', code: py(APPS, MW) },
    { name: 'debug_toolbar under if DEBUG, DEBUG False (near miss)', code: py('DEBUG = False', APPS, MW, 'if DEBUG:', '    INSTALLED_APPS += ["debug_toolbar"]', `    MIDDLEWARE += [${TOOLBAR_MW}]`) },
    { name: 'under if DEBUG, DEBUG from a required env read', code: py('import os', 'DEBUG = os.environ["DJANGO_DEBUG"] == "1"', APPS, MW, 'if DEBUG:', '    INSTALLED_APPS.append("debug_toolbar")', `    MIDDLEWARE.insert(0, ${TOOLBAR_MW})`) },
    { name: 'under if DEBUG, django-environ bool without default', code: py('import environ', 'env = environ.Env()', 'DEBUG = env.bool("DJANGO_DEBUG")', APPS, 'if DEBUG:', '    INSTALLED_APPS += ["debug_toolbar", "silk"]') },
    { name: 'toolbar only in local.py (cookiecutter)', code: { 'config/settings/base.py': py('DEBUG = False', APPS, MW), 'config/settings/local.py': py('from .base import *', 'INSTALLED_APPS += ["debug_toolbar"]', `MIDDLEWARE += [${TOOLBAR_MW}]`), 'config/settings/production.py': py('from .base import *') } },
    { name: 'debug_toolbar unconditionally, its default callback (DEBUG on and INTERNAL_IPS) never shows it with DEBUG off', code: py('DEBUG = False', 'INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar"]', `MIDDLEWARE = [${TOOLBAR_MW}]`) },
    { name: 'silk behind login and staff checks', code: py(APPS, 'INSTALLED_APPS += ["silk"]', 'SILKY_AUTHENTICATION = True', 'SILKY_AUTHORISATION = True') },
    { name: 'django_extensions only adds management commands', code: py('INSTALLED_APPS = ["django_extensions"]') },
    { name: 'added in base, removed again in production', code: { 'config/settings/base.py': py('DEBUG = False', 'INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar"]'), 'config/settings/production.py': py('from .base import *', 'INSTALLED_APPS.remove("debug_toolbar")') } }
  ],
  invalid: [
    { name: 'debug_toolbar app and middleware unconditionally, with a custom callback', code: py('DEBUG = False', 'INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar"]', `MIDDLEWARE = [${TOOLBAR_MW}]`, CALLBACK), findings: [{ line: 2, severity: 'medium', message: ["'debug_toolbar' (django-debug-toolbar) is in INSTALLED_APPS", 'outside any DEBUG guard', 'SHOW_TOOLBAR_CALLBACK', 'SQL'] }, { line: 3, message: ['is in MIDDLEWARE'] }] },
    { name: 'silk', code: py(APPS, 'INSTALLED_APPS += ["silk"]', 'MIDDLEWARE = ["silk.middleware.SilkyMiddleware"]'), findings: [{ line: 2, message: ['django-silk', '/silk/', 'no login is needed'] }, { line: 3 }] },
    { name: 'silk with authentication but no staff check', code: py(APPS, 'INSTALLED_APPS += ["silk"]', 'SILKY_AUTHENTICATION = True'), findings: [{ line: 2 }] },
    { name: 'an AppConfig path', code: py('INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar.apps.DebugToolbarConfig"]', CALLBACK), findings: [{ line: 1, message: ['django-debug-toolbar'] }] },
    { name: 'outside the guard although DEBUG comes from the environment', code: py('import os', 'DEBUG = os.environ["DJANGO_DEBUG"] == "1"', 'INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar"]', CALLBACK), findings: [{ line: 3, message: ['is in INSTALLED_APPS'] }] },
    { name: 'under if DEBUG while DEBUG is on in production', code: py('DEBUG = True', APPS, 'if DEBUG:', '    INSTALLED_APPS += ["debug_toolbar"]', CALLBACK), findings: [{ line: 4 }] },
    { name: 'behind a feature flag, not DEBUG: possible, names the condition', code: py('import os', 'DEBUG = False', APPS, 'if os.environ["ENABLE_PROFILING"]:', '    INSTALLED_APPS += ["silk"]'), findings: [{ line: 5, message: ['can be in INSTALLED_APPS', 'condition at mysite/settings.py:4'] }] },
    { name: 'inherited from base', code: { 'config/settings/base.py': py('DEBUG = False', 'INSTALLED_APPS = ["django.contrib.auth", "debug_toolbar"]', CALLBACK), 'config/settings/production.py': py('from .base import *') }, findings: [{ path: 'config/settings/base.py', line: 2 }] }
  ]
})

describe('debug-tools-in-production in a diff', () => {
  it('moving the toolbar out of the DEBUG guard is new; adding it under the guard is silent', async () => {
    const guarded = CLEAN + 'if DEBUG:\n    INSTALLED_APPS += ["silk"]\n'
    const unguarded = CLEAN + 'INSTALLED_APPS += ["silk"]\n'
    expect(brief(await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': guarded }))).toEqual([])
    expect(brief(await diffFiles({ 'mysite/settings.py': guarded }, { 'mysite/settings.py': unguarded }))).toEqual([`debug-tools-in-production@mysite/settings.py:${line(1)}[new]`])
  })
})
