import { sslRedirectDisabled } from '../../src/rules/ssl-redirect-disabled.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, SM, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`

ruleTester(sslRedirectDisabled, {
  valid: [
    { name: 'True', code: py(MW, 'SECURE_SSL_REDIRECT = True') },
    { name: 'no SecurityMiddleware: the setting is inert and Django does not check it', code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_SSL_REDIRECT = False') },
    { name: 'django-environ default True', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)') },
    { name: 'python-decouple "true" cast to bool', code: py('from decouple import config', MW, 'SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", default="true", cast=bool)') },
    { name: 'string comparison with a true default', code: py('import os', MW, 'SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "True") == "True"') },
    { name: 'not DEBUG, with DEBUG off', code: py('DEBUG = False', MW, 'SECURE_SSL_REDIRECT = not DEBUG') },
    { name: 'required env read (unknown)', code: py('import os', MW, 'SECURE_SSL_REDIRECT = os.environ["SECURE_SSL_REDIRECT"] == "1"') },
    { name: 'off only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_SSL_REDIRECT = True'), 'proj/settings/local.py': py('from .base import *', 'SECURE_SSL_REDIRECT = False'), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'SecurityMiddleware removed in production (the W001 rule reports that)', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE.remove("${SM}")`) } }
  ],
  invalid: [
    { name: 'not set (default False)', code: py(MW), findings: [{ line: 1, djangoCheck: 'security.W008', severity: 'medium', message: ['SECURE_SSL_REDIRECT is False', 'not set'] }] },
    { name: 'False', code: py(MW, 'SECURE_SSL_REDIRECT = False'), findings: [{ line: 2, djangoCheck: 'security.W008', message: ['plain-HTTP requests are served'] }] },
    { name: '1 is not True (Django: is True)', code: py(MW, 'SECURE_SSL_REDIRECT = 1'), findings: [{ line: 2, djangoCheck: 'security.W008', severity: 'low', message: ['not the boolean True'] }] },
    { name: 'a string from the environment', code: py('import os', MW, 'SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "True")'), findings: [{ line: 3, djangoCheck: 'security.W008', severity: 'low', message: ["'True', not the boolean True"] }] },
    { name: 'django-environ default False', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)'), findings: [{ line: 4, djangoCheck: 'security.W008', severity: 'medium', message: ['SECURE_SSL_REDIRECT unset gets False'] }] },
    { name: 'django-environ scheme: the string default is not parsed', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", default="True")'), findings: [{ line: 4, severity: 'low' }] },
    { name: 'python-decouple default False', code: py('from decouple import config', MW, 'SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", default=False, cast=bool)'), findings: [{ line: 3 }] },
    { name: 'turned off in production', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_SSL_REDIRECT = True'), 'proj/settings/production.py': py('from .base import *', 'SECURE_SSL_REDIRECT = False') }, findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W008' }] },
    { name: 'only when an env var is set', code: py('import os', MW, 'if os.environ.get("FORCE_HTTPS"):', '    SECURE_SSL_REDIRECT = True'), findings: [{ line: 1, message: ['not set'] }] }
  ]
})
