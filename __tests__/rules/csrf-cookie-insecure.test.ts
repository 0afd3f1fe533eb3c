import { csrfCookieInsecure } from '../../src/rules/csrf-cookie-insecure.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, MIDDLEWARE, SM, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`

ruleTester(csrfCookieInsecure, {
  valid: [
    { name: 'True', code: py(MW, 'CSRF_COOKIE_SECURE = True') },
    { name: 'no CSRF middleware (csrf-middleware-missing reports that)', code: py(`MIDDLEWARE = ["${SM}"]`, 'CSRF_COOKIE_SECURE = False') },
    { name: 'Django defaults: empty MIDDLEWARE', code: py('DEBUG = False') },
    { name: 'token kept in the session', code: py(MW, 'CSRF_USE_SESSIONS = True', 'CSRF_COOKIE_SECURE = False') },
    { name: 'CSRF_USE_SESSIONS is tested for truthiness', code: py(MW, 'CSRF_USE_SESSIONS = 1') },
    { name: 'django-environ default True', code: py('import environ', 'env = environ.Env()', MW, 'CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)') },
    { name: 'python-decouple default "true" cast to bool', code: py('from decouple import config', MW, 'CSRF_COOKIE_SECURE = config("CSRF_COOKIE_SECURE", default="true", cast=bool)') },
    { name: 'lower() compared with a true default', code: py('import os', MW, 'CSRF_COOKIE_SECURE = os.getenv("CSRF_COOKIE_SECURE", "True").lower() == "true"') },
    { name: 'unknown', code: py('import os', MW, 'CSRF_COOKIE_SECURE = os.environ["CSRF_COOKIE_SECURE"] == "1"') },
    { name: 'CSRF_USE_SESSIONS unknown', code: py('import os', MW, 'CSRF_USE_SESSIONS = os.environ["CSRF_USE_SESSIONS"] == "1"') },
    { name: 'off only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'CSRF_COOKIE_SECURE = True'), 'proj/settings/local.py': py('from .base import *', 'CSRF_COOKIE_SECURE = False'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'not set (default False)', code: MIDDLEWARE, findings: [{ line: 1, djangoCheck: 'security.W016', severity: 'medium', message: ['CSRF_COOKIE_SECURE is False', 'not set'] }] },
    { name: 'False', code: py(MW, 'CSRF_COOKIE_SECURE = False'), findings: [{ line: 2, djangoCheck: 'security.W016', message: ['plain HTTP'] }] },
    { name: '"1": Django 4.1+ wants True', code: py(MW, 'CSRF_COOKIE_SECURE = "1"'), findings: [{ line: 2, djangoCheck: 'security.W016', severity: 'low', message: ['not the boolean True', 'security.W016'] }] },
    { name: 'CSRF_USE_SESSIONS explicitly off', code: py(MW, 'CSRF_USE_SESSIONS = False', 'CSRF_COOKIE_SECURE = False'), findings: [{ line: 3 }] },
    { name: 'CSRF_USE_SESSIONS from an unset variable', code: py('import os', MW, 'CSRF_USE_SESSIONS = os.environ.get("CSRF_USE_SESSIONS")', 'CSRF_COOKIE_SECURE = False'), findings: [{ line: 4 }] },
    { name: 'django-environ default False', code: py('import environ', 'env = environ.Env(CSRF_COOKIE_SECURE=(bool, False))', MW, 'CSRF_COOKIE_SECURE = env("CSRF_COOKIE_SECURE")'), findings: [{ line: 4, message: ['CSRF_COOKIE_SECURE unset gets False'] }] },
    { name: 'python-decouple default False', code: py('from decouple import config', MW, 'CSRF_COOKIE_SECURE = config("CSRF_COOKIE_SECURE", default=False, cast=bool)'), findings: [{ line: 3, severity: 'medium' }] },
    { name: 'turned off in production', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'CSRF_COOKIE_SECURE = True'), 'proj/settings/production.py': py('from .base import *', 'CSRF_COOKIE_SECURE = False') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'inherited default from base', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/production.py': py('from .base import *', 'SESSION_COOKIE_SECURE = True') }, findings: [{ path: 'proj/settings/production.py', line: 1, message: ['not set in proj/settings/production.py or the modules it imports'] }] }
  ]
})
