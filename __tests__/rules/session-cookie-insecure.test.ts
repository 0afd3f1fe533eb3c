import { sessionCookieInsecure } from '../../src/rules/session-cookie-insecure.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, INSTALLED_APPS, MIDDLEWARE, SESSM, SM, py } from './fixtures.js'

/** startproject apps and middleware: sessions app and SessionMiddleware both present (W012). */
const SITE = INSTALLED_APPS + MIDDLEWARE
const SITE_LINES = SITE.split('\n').length - 1

ruleTester(sessionCookieInsecure, {
  valid: [
    { name: 'True', code: SITE + 'SESSION_COOKIE_SECURE = True\n' },
    { name: 'django-environ default True', code: py('import environ', 'env = environ.Env()') + SITE + 'SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)\n' },
    { name: 'python-decouple default True cast to bool', code: py('from decouple import config') + SITE + 'SESSION_COOKIE_SECURE = config("SESSION_COOKIE_SECURE", default=True, cast=bool)\n' },
    { name: 'not DEBUG, with DEBUG off', code: py('DEBUG = False') + SITE + 'SESSION_COOKIE_SECURE = not DEBUG\n' },
    { name: 'required env read (unknown)', code: py('import os') + SITE + 'SESSION_COOKIE_SECURE = os.environ["SESSION_COOKIE_SECURE"] == "1"\n' },
    { name: 'no sessions at all: nothing to protect (Django is silent too)', code: py('INSTALLED_APPS = ["django.contrib.staticfiles"]', `MIDDLEWARE = ["${SM}", "${CSRFM}"]`, 'SESSION_COOKIE_SECURE = False') },
    { name: 'Django defaults: no apps, no middleware', code: py('DEBUG = False', 'SESSION_COOKIE_SECURE = False') },
    { name: 'an AppConfig path is not the exact app string Django looks for', code: py('INSTALLED_APPS = ["django.contrib.sessions.apps.SessionsConfig"]', 'MIDDLEWARE = []') },
    { name: 'set in production over an insecure base', code: { 'proj/settings/base.py': py('DEBUG = False') + SITE, 'proj/settings/production.py': py('from .base import *', 'SESSION_COOKIE_SECURE = True') } },
    { name: 'insecure only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False') + SITE + 'SESSION_COOKIE_SECURE = True\n', 'proj/settings/local.py': py('from .base import *', 'SESSION_COOKIE_SECURE = False'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'not set (default False), sessions app and middleware', code: py('DEBUG = False') + SITE, findings: [{ line: 1, djangoCheck: 'security.W012', severity: 'high', message: ['SESSION_COOKIE_SECURE is False', 'not set'] }] },
    { name: 'False', code: SITE + 'SESSION_COOKIE_SECURE = False\n', findings: [{ line: SITE_LINES + 1, djangoCheck: 'security.W012', message: ['plain HTTP'] }] },
    { name: 'app only (W010)', code: py('INSTALLED_APPS = ["django.contrib.sessions"]', 'MIDDLEWARE = []', 'SESSION_COOKIE_SECURE = False'), findings: [{ line: 3, djangoCheck: 'security.W010' }] },
    { name: 'middleware only (W011)', code: py('INSTALLED_APPS = []', `MIDDLEWARE = ["${SESSM}"]`, 'SESSION_COOKIE_SECURE = False'), findings: [{ line: 3, djangoCheck: 'security.W011' }] },
    { name: 'the string "1": Django 4.1+ wants True', code: py('INSTALLED_APPS = ["django.contrib.sessions"]', 'MIDDLEWARE = []', 'SESSION_COOKIE_SECURE = "1"'), findings: [{ line: 3, djangoCheck: 'security.W010', severity: 'low', message: ["'1', not the boolean True", 'accepts only True'] }] },
    { name: 'string from os.environ.get: truthy, not True', code: py('import os') + SITE + 'SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "True")\n', findings: [{ line: SITE_LINES + 2, djangoCheck: 'security.W012', severity: 'low', message: ['cannot be switched off'] }] },
    { name: 'django-environ default False', code: py('import environ', 'env = environ.Env()') + SITE + 'SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)\n', findings: [{ line: SITE_LINES + 3, djangoCheck: 'security.W012', severity: 'high', message: ['DJANGO_SESSION_COOKIE_SECURE unset gets False'] }] },
    { name: 'python-decouple default', code: py('from decouple import config') + SITE + 'SESSION_COOKIE_SECURE = config("SESSION_COOKIE_SECURE", default="off", cast=bool)\n', findings: [{ line: SITE_LINES + 2 }] },
    { name: 'comparison with an unset variable', code: py('import os') + SITE + 'SESSION_COOKIE_SECURE = os.environ.get("HTTPS") == "on"\n', findings: [{ line: SITE_LINES + 2, djangoCheck: 'security.W012' }] },
    {
      name: 'production turns it off',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'SESSION_COOKIE_SECURE = True') + SITE, 'proj/settings/production.py': py('from .base import *', 'SESSION_COOKIE_SECURE = False') },
      findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W012' }]
    },
    {
      name: 'inherited from base, production silent about it',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'SESSION_COOKIE_SECURE = False') + SITE, 'proj/settings/production.py': py('from .base import *', 'ALLOWED_HOSTS = ["example.com"]') },
      findings: [{ path: 'proj/settings/base.py', line: 2, message: ['in proj/settings/base.py:2, imported by proj/settings/production.py'] }]
    },
    {
      name: 'sessions app appended in production',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'INSTALLED_APPS = ["django.contrib.auth"]', 'MIDDLEWARE = []'), 'proj/settings/production.py': py('from .base import *', 'INSTALLED_APPS += ["django.contrib.sessions"]') },
      findings: [{ path: 'proj/settings/production.py', line: 1, djangoCheck: 'security.W010' }]
    }
  ]
})
