import { allowedHostsWildcard } from '../../src/rules/allowed-hosts-wildcard.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { py } from './fixtures.js'

ruleTester(allowedHostsWildcard, {
  valid: [
    { name: 'explicit hosts', code: py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com", "www.example.com"]') },
    { name: 'a leading dot is a subdomain pattern, not a wildcard', code: py('ALLOWED_HOSTS = [".example.com"]') },
    { name: '"*.example.com" is matched literally by Django (no wildcard)', code: py('ALLOWED_HOSTS = ["*.example.com"]') },
    { name: 'required env read split on commas', code: py('import os', 'ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")') },
    { name: 'django-environ list without a default', code: py('import environ', 'env = environ.Env()', 'ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")') },
    { name: 'python-decouple Csv with a real default', code: py('from decouple import config, Csv', 'ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="example.com", cast=Csv())') },
    { name: "wildcard only when DEBUG, and DEBUG is off", code: py('DEBUG = False', 'ALLOWED_HOSTS = ["*"] if DEBUG else ["example.com"]') },
    { name: 'computed elsewhere (unknown)', code: py('from .hosts import load_hosts', 'ALLOWED_HOSTS = load_hosts()') },
    {
      name: 'wildcard only in local.py',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]'), 'proj/settings/local.py': py('from .base import *', 'ALLOWED_HOSTS = ["*"]'), 'proj/settings/production.py': py('from .base import *') }
    },
    {
      name: 'base wildcard replaced in production',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]'), 'proj/settings/production.py': py('from .base import *', 'ALLOWED_HOSTS = ["example.com"]') }
    },
    {
      name: 'wildcard filtered out in production',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*", "example.com"]'), 'proj/settings/production.py': py('from .base import *', 'ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h != "*"]') }
    }
  ],
  invalid: [
    { name: 'literal wildcard', code: py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]'), findings: [{ line: 2, message: ["contains '*'", 'any Host header'] }] },
    { name: 'points at the element of a multi-line list', code: py('ALLOWED_HOSTS = [', '    "example.com",', '    "*",', ']'), findings: [{ line: 3 }] },
    { name: 'django-environ list default', code: py('import environ', 'env = environ.Env()', 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])'), findings: [{ line: 3, message: ['ALLOWED_HOSTS unset gets'] }] },
    { name: 'os.getenv default split on commas', code: py('import os', 'ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "*").split(",")'), findings: [{ line: 2, message: ["ALLOWED_HOSTS unset gets '*'"] }] },
    { name: 'python-decouple Csv default', code: py('from decouple import config, Csv', 'ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost,*", cast=Csv())'), findings: [{ line: 2 }] },
    { name: 'django-environ scheme default (points where the "*" is written)', code: py('import environ', 'env = environ.Env(ALLOWED_HOSTS=(list, ["*"]))', 'ALLOWED_HOSTS = env("ALLOWED_HOSTS")'), findings: [{ line: 2, message: ['at line 3'] }] },
    { name: 'a string, checked character by character', code: py('import os', 'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*")'), findings: [{ line: 2, message: ["the string '*'", 'not a list', 'each character'] }] },
    { name: 'a literal string that holds a wildcard', code: py('ALLOWED_HOSTS = "example.com,*"'), findings: [{ line: 1, message: ['not a list'] }] },
    { name: 'tuple', code: py('ALLOWED_HOSTS = ("example.com", "*")'), findings: [{ line: 1 }] },
    {
      name: 'inherited from base by production',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]'), 'proj/settings/production.py': py('from .base import *', 'DEBUG = False') },
      findings: [{ path: 'proj/settings/base.py', line: 2 }]
    },
    {
      name: 'appended in production',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]'), 'proj/settings/production.py': py('from .base import *', '', 'ALLOWED_HOSTS += ["*"]') },
      findings: [{ path: 'proj/settings/production.py', line: 3 }]
    },
    {
      name: 'dev module is silent but production inherits the same base',
      code: {
        'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]'),
        'proj/settings/dev.py': py('from .base import *', 'DEBUG = True'),
        'proj/settings/production.py': py('from .base import *')
      },
      findings: [{ path: 'proj/settings/base.py', line: 2 }]
    },
    {
      name: "behind Heroku's router (every production deployment on Heroku): low",
      code: { 'Procfile': 'web: gunicorn mysite.wsgi\n', 'mysite/wsgi.py': py('import os', 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")'), 'mysite/settings.py': py('import os', 'DEBUG = False', 'if "DYNO" in os.environ:', '    ALLOWED_HOSTS = ["*"]', 'else:', '    ALLOWED_HOSTS = ["localhost"]') },
      findings: [{ path: 'mysite/settings.py', line: 4, severity: 'low', message: ["Heroku or Render, whose router only forwards requests for the app's own domains"] }]
    },
    {
      name: 'only on branches named for Heroku and Render (their routers forward only the app\'s domains): low',
      code: py('import os', 'DEBUG = False', 'if "ON_HEROKU" in os.environ:', '    ALLOWED_HOSTS = ["*"]', 'elif "ON_RENDER" in os.environ:', '    ALLOWED_HOSTS = ["*"]', 'else:', '    ALLOWED_HOSTS = ["localhost"]'),
      findings: [{ line: 4, severity: 'low', message: ['Heroku or Render'] }]
    },
    {
      name: 'also on a branch named for no such platform: high',
      code: py('import os', 'DEBUG = False', 'if "ON_HEROKU" in os.environ:', '    ALLOWED_HOSTS = ["*"]', 'elif "IN_DOCKER" in os.environ:', '    ALLOWED_HOSTS = ["*"]', 'else:', '    ALLOWED_HOSTS = ["localhost"]'),
      findings: [{ line: 4, severity: 'high' }]
    },
    {
      name: "a project middleware that raises DisallowedHost validates hosts itself: low",
      code: {
        'mysite/settings.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]', 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "mysite.middleware.EventDomainMiddleware"]'),
        'mysite/middleware.py': py('from django.core.exceptions import DisallowedHost', '', 'class EventDomainMiddleware:', '    def __call__(self, request):', '        if request.get_host() not in known_domains():', '            raise DisallowedHost("unknown host")', '        return self.get_response(request)')
      },
      findings: [{ path: 'mysite/settings.py', line: 2, severity: 'low', message: ['mysite.middleware.EventDomainMiddleware raises DisallowedHost'] }]
    },
    {
      name: 'a project middleware that does not raise DisallowedHost: high',
      code: {
        'mysite/settings.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]', 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "mysite.middleware.EventDomainMiddleware"]'),
        'mysite/middleware.py': py('class EventDomainMiddleware:', '    def __call__(self, request):', '        return self.get_response(request)')
      },
      findings: [{ path: 'mysite/settings.py', line: 2, severity: 'high' }]
    },
    {
      name: 'on Heroku but trusting X-Forwarded-Host: high',
      code: { 'Procfile': 'web: gunicorn mysite.wsgi\n', 'mysite/wsgi.py': py('import os', 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")'), 'mysite/settings.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]', 'USE_X_FORWARDED_HOST = True') },
      findings: [{ path: 'mysite/settings.py', line: 2, severity: 'high' }]
    }
  ]
})
