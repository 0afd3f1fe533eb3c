import { securityMiddlewareMissing } from '../../src/rules/security-middleware-missing.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, MIDDLEWARE, SESSM, SM, XFM, py } from './fixtures.js'

const BASE = py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["SECRET_KEY"]') + MIDDLEWARE

ruleTester(securityMiddlewareMissing, {
  valid: [
    { name: 'startproject middleware', code: MIDDLEWARE },
    { name: 'a tuple', code: py(`MIDDLEWARE = ("${SM}", "${CSRFM}")`) },
    { name: 'added with += in production', code: { 'proj/settings/base.py': py('DEBUG = False', `MIDDLEWARE = ["${CSRFM}"]`), 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE += ["${SM}"]`) } },
    { name: 'inserted first in production', code: { 'proj/settings/base.py': py('DEBUG = False', `MIDDLEWARE = ["${CSRFM}"]`), 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE.insert(0, "${SM}")`) } },
    { name: 'built from two lists', code: py(`_SECURITY = ["${SM}"]`, `MIDDLEWARE = _SECURITY + ["${SESSM}", "${CSRFM}"]`) },
    { name: 'unknown elements may hold it', code: py('from .extra import EXTRA_MIDDLEWARE', `MIDDLEWARE = [*EXTRA_MIDDLEWARE, "${CSRFM}"]`) },
    { name: 'computed (unknown)', code: py('from .middleware import build_middleware', 'MIDDLEWARE = build_middleware()') },
    { name: 'a slice assignment is not followed (unknown, not missing)', code: py('DEBUG = False', `MIDDLEWARE = ["${CSRFM}"]`, `MIDDLEWARE[0:0] = ["${SM}"]`) },
    { name: 'globals() may set it (dynamic)', code: py('import os', 'DEBUG = False', 'for key, value in os.environ.items():', '    if key.startswith("DJANGO_"):', '        globals()[key[7:]] = value') },
    { name: 'star import from outside the repository may set it', code: py('from company_defaults.django_settings import *', 'DEBUG = False') },
    { name: 'removed only in the test settings', code: { 'proj/settings/base.py': BASE, 'proj/settings/test.py': py('from .base import *', `MIDDLEWARE.remove("${SM}")`), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'kept under DEBUG-off guard', code: py('DEBUG = False', `MIDDLEWARE = ["${CSRFM}"]`, 'if not DEBUG:', `    MIDDLEWARE.insert(0, "${SM}")`) }
  ],
  invalid: [
    { name: 'not in the list', code: py('DEBUG = False', 'MIDDLEWARE = [', `    "${SESSM}",`, `    "${CSRFM}",`, ']'), findings: [{ line: 2, djangoCheck: 'security.W001', message: ['SecurityMiddleware is not in MIDDLEWARE', 'set at line 2'] }] },
    { name: 'MIDDLEWARE not set (Django default [])', code: py('DEBUG = False', 'SECRET_KEY = "x"'), findings: [{ line: 1, djangoCheck: 'security.W001', message: ['does not set MIDDLEWARE'] }] },
    { name: 'empty list', code: py('MIDDLEWARE = []'), findings: [{ line: 1, djangoCheck: 'security.W001' }] },
    { name: 'a subclass under another path does not count', code: py(`MIDDLEWARE = ["myproject.middleware.SecurityMiddleware", "${CSRFM}"]`), findings: [{ line: 1, djangoCheck: 'security.W001' }] },
    {
      name: "a project subclass of SecurityMiddleware: the headers are sent, but Django does not count it (low)",
      code: {
        'mysite/settings.py': py('DEBUG = False', 'MIDDLEWARE = [', '    "mysite.middleware.SecurityMiddleware",', `    "${CSRFM}",`, ']', 'SECURE_HSTS_SECONDS = 0'),
        'mysite/middleware.py': py('from django.middleware.security import SecurityMiddleware as DjangoSecurityMiddleware', '', 'class SecurityMiddleware(DjangoSecurityMiddleware):', '    def process_response(self, request, response):', '        response = super().process_response(request, response)', '        response["Permissions-Policy"] = "camera=()"', '        return response')
      },
      findings: [{ line: 3, djangoCheck: 'security.W001', severity: 'low', message: ["'mysite.middleware.SecurityMiddleware' in MIDDLEWARE subclasses Django's SecurityMiddleware", 'W004–W008', 'nothing checks those settings'] }]
    },
    {
      name: 'a subclass through another class of the same module, by module attribute',
      code: {
        'mysite/settings.py': py(`MIDDLEWARE = ["${CSRFM}", "core.mw.Headers"]`),
        'core/mw.py': py('from django.middleware import security', '', 'class Base(security.SecurityMiddleware):', '    pass', '', 'class Headers(Base):', '    pass')
      },
      findings: [{ line: 1, djangoCheck: 'security.W001', severity: 'low' }]
    },
    {
      name: 'a project class named SecurityMiddleware that is no subclass stays high',
      code: {
        'mysite/settings.py': py(`MIDDLEWARE = ["mysite.middleware.SecurityMiddleware", "${CSRFM}"]`),
        'mysite/middleware.py': py('from django.utils.deprecation import MiddlewareMixin', '', 'class SecurityMiddleware(MiddlewareMixin):', '    def process_response(self, request, response):', '        return response')
      },
      findings: [{ line: 1, djangoCheck: 'security.W001', severity: 'high', message: ['SecurityMiddleware is not in MIDDLEWARE'] }]
    },
    { name: 'exact string: trailing space', code: py(`MIDDLEWARE = ["${SM} ", "${CSRFM}"]`), findings: [{ line: 1 }] },
    { name: 'exact string: case', code: py(`MIDDLEWARE = ["${SM.toLowerCase()}"]`), findings: [{ line: 1 }] },
    { name: 'removed in production', code: { 'proj/settings/base.py': BASE, 'proj/settings/production.py': py('from .base import *', '', `MIDDLEWARE.remove("${SM}")`) }, findings: [{ path: 'proj/settings/production.py', line: 3, message: ['changed at line 3'] }] },
    { name: 'filtered out by a comprehension in production', code: { 'proj/settings/base.py': BASE, 'proj/settings/production.py': py('from .base import *', 'MIDDLEWARE = [m for m in MIDDLEWARE if "security" not in m]') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'production replaces the list', code: { 'proj/settings/base.py': BASE, 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE = ["${SESSM}", "${CSRFM}", "${XFM}"]`) }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', `MIDDLEWARE = ["${CSRFM}"]`), 'proj/settings/prod.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] },
    {
      name: 'names the header settings it silences',
      code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_SSL_REDIRECT = True', 'SECURE_CONTENT_TYPE_NOSNIFF = True'),
      findings: [{ line: 1, message: ['SECURE_HSTS_SECONDS, SECURE_SSL_REDIRECT are set but ignored'] }]
    },
    { name: 'removed only when an env var is unset', code: py('import os', `MIDDLEWARE = ["${SM}", "${CSRFM}"]`, 'if not os.environ.get("BEHIND_PROXY"):', `    MIDDLEWARE.remove("${SM}")`), findings: [{ line: 4 }] }
  ]
})
