import { csrfMiddlewareMissing } from '../../src/rules/csrf-middleware-missing.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, MIDDLEWARE, SESSM, SM, py } from './fixtures.js'

const BASE = py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["SECRET_KEY"]') + MIDDLEWARE

ruleTester(csrfMiddlewareMissing, {
  valid: [
    { name: 'startproject middleware', code: MIDDLEWARE },
    { name: 'a tuple', code: py(`MIDDLEWARE = ("${SM}", "${CSRFM}")`) },
    { name: 'django-session-csrf', code: py(`MIDDLEWARE = ["${SM}", "session_csrf.CsrfMiddleware"]`) },
    { name: 'appended in production', code: { 'proj/settings/base.py': py('DEBUG = False', `MIDDLEWARE = ["${SM}"]`), 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE.append("${CSRFM}")`) } },
    { name: 'unknown list', code: py('import json, os', 'MIDDLEWARE = json.loads(os.environ["MIDDLEWARE_JSON"])') },
    { name: 'open list without it (may hold it)', code: py('from .extra import MORE', `MIDDLEWARE = ["${SM}"] + MORE`) },
    { name: 'removed only in local.py', code: { 'proj/settings/base.py': BASE, 'proj/settings/local.py': py('from .base import *', `MIDDLEWARE.remove("${CSRFM}")`), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'removed only under a DEBUG that is off', code: py('DEBUG = False', MIDDLEWARE, 'if DEBUG:', `    MIDDLEWARE.remove("${CSRFM}")`) },
    { name: 'dynamic settings (exec)', code: py('DEBUG = False', 'exec(open("/etc/django/extra.py").read())') },
    {
      name: "a project middleware that sets the flag only for some requests (a choice the review cannot weigh)",
      code: {
        'mysite/settings.py': py('MIDDLEWARE = [', `    "${SM}",`, '    "mysite.middleware.ApiTokenCsrfExempt",', `    "${CSRFM}",`, ']'),
        'mysite/middleware.py': py('class ApiTokenCsrfExempt:', '    def __init__(self, get_response):', '        self.get_response = get_response', '    def __call__(self, request):', '        if request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META:', '            request._dont_enforce_csrf_checks = True', '        return self.get_response(request)')
      }
    }
  ],
  invalid: [
    { name: 'a replacement only in some environments', code: py('import os', `MIDDLEWARE = ["${SM}"]`, 'if os.environ.get("LEGACY"):', '    MIDDLEWARE.append("session_csrf.CsrfMiddleware")'), findings: [{ line: 2 }] },
    { name: 'not in the list', code: py(`MIDDLEWARE = ["${SM}", "${SESSM}"]`), findings: [{ line: 1, djangoCheck: 'security.W003', message: ['CsrfViewMiddleware is not in MIDDLEWARE'] }] },
    { name: 'MIDDLEWARE not set', code: py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]'), findings: [{ line: 1, djangoCheck: 'security.W003', message: ['does not set MIDDLEWARE'] }] },
    { name: 'exact string: trailing space', code: py(`MIDDLEWARE = ["${SM}", "${CSRFM} "]`), findings: [{ line: 1, djangoCheck: 'security.W003' }] },
    { name: 'a subclass under another path does not count', code: py(`MIDDLEWARE = ["${SM}", "core.middleware.CsrfViewMiddleware"]`), findings: [{ line: 1 }] },
    { name: 'removed in production', code: { 'proj/settings/base.py': BASE, 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE.remove("${CSRFM}")`) }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'filtered out in production', code: { 'proj/settings/base.py': BASE, 'proj/settings/production.py': py('from .base import *', '# API only', `MIDDLEWARE = [m for m in MIDDLEWARE if m != "${CSRFM}"]`) }, findings: [{ path: 'proj/settings/production.py', line: 3 }] },
    { name: 'removed when the env var is unset', code: py('import os', MIDDLEWARE, 'if os.environ.get("ENABLE_CSRF", "") != "1":', `    MIDDLEWARE.remove("${CSRFM}")`), findings: [{ line: 13 }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', `MIDDLEWARE = ["${SM}"]`), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] },
    {
      name: "a project middleware that switches the check off on every request (Kiwi's CsrfDisableMiddleware)",
      code: {
        'mysite/settings.py': py('MIDDLEWARE = [', `    "${SM}",`, '    "mysite.middleware.CsrfDisableMiddleware",', `    "${CSRFM}",`, ']'),
        'mysite/middleware.py': py('from django.utils.deprecation import MiddlewareMixin', 'class CsrfDisableMiddleware(MiddlewareMixin):', '    def process_view(self, request, callback, callback_args, callback_kwargs):', "        setattr(request, '_dont_enforce_csrf_checks', True)")
      },
      findings: [{ line: 3, severity: 'critical', message: ["'mysite.middleware.CsrfDisableMiddleware' is in MIDDLEWARE", '_dont_enforce_csrf_checks', 'checks nothing'] }]
    },
    {
      name: 'the same by assignment in __call__',
      code: {
        'mysite/settings.py': py('MIDDLEWARE = [', `    "${SM}",`, `    "${CSRFM}",`, '    "mysite.disable.DisableCSRF",', ']'),
        'mysite/disable.py': py('class DisableCSRF:', '    def __init__(self, get_response):', '        self.get_response = get_response', '    def __call__(self, request):', '        request._dont_enforce_csrf_checks = True', '        return self.get_response(request)')
      },
      findings: [{ line: 4 }]
    },
    { name: 'commented out in the list', code: py('MIDDLEWARE = [', `    "${SM}",`, `    # "${CSRFM}",`, ']'), findings: [{ line: 1 }] }
  ]
})
