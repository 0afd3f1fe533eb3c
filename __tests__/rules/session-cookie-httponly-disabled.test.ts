import { sessionCookieHttponlyDisabled } from '../../src/rules/session-cookie-httponly-disabled.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { INSTALLED_APPS, MIDDLEWARE, SESSM, py } from './fixtures.js'

const SITE = INSTALLED_APPS + MIDDLEWARE
const SITE_LINES = SITE.split('\n').length - 1

ruleTester(sessionCookieHttponlyDisabled, {
  valid: [
    { name: 'not set (Django default True)', code: SITE },
    { name: 'True', code: SITE + 'SESSION_COOKIE_HTTPONLY = True\n' },
    { name: 'env default True', code: py('import environ', 'env = environ.Env()') + SITE + 'SESSION_COOKIE_HTTPONLY = env.bool("SESSION_COOKIE_HTTPONLY", default=True)\n' },
    { name: 'unknown', code: py('import os') + SITE + 'SESSION_COOKIE_HTTPONLY = os.environ["SESSION_COOKIE_HTTPONLY"] == "true"\n' },
    { name: 'no sessions', code: py('INSTALLED_APPS = []', 'MIDDLEWARE = []', 'SESSION_COOKIE_HTTPONLY = False') },
    { name: 'AppConfig path does not count', code: py('INSTALLED_APPS = ["django.contrib.sessions.apps.SessionsConfig"]', 'SESSION_COOKIE_HTTPONLY = False') },
    { name: 'off only in test settings', code: { 'proj/settings.py': py('DEBUG = False') + SITE, 'proj/settings_test.py': py('from .settings import *', 'SESSION_COOKIE_HTTPONLY = False') } }
  ],
  invalid: [
    { name: 'False with app and middleware (W015)', code: SITE + 'SESSION_COOKIE_HTTPONLY = False\n', findings: [{ line: SITE_LINES + 1, djangoCheck: 'security.W015', severity: 'medium', message: ['XSS'] }] },
    { name: 'app only (W013)', code: py('INSTALLED_APPS = ["django.contrib.sessions"]', 'MIDDLEWARE = []', 'SESSION_COOKIE_HTTPONLY = False'), findings: [{ line: 3, djangoCheck: 'security.W013' }] },
    { name: 'middleware only (W014)', code: py('INSTALLED_APPS = []', `MIDDLEWARE = ["${SESSM}"]`, 'SESSION_COOKIE_HTTPONLY = False'), findings: [{ line: 3, djangoCheck: 'security.W014' }] },
    { name: 'None', code: SITE + 'SESSION_COOKIE_HTTPONLY = None\n', findings: [{ line: SITE_LINES + 1, djangoCheck: 'security.W015', severity: 'medium' }] },
    { name: '"1": Django 4.1+ wants True', code: py('INSTALLED_APPS = ["django.contrib.sessions"]', 'MIDDLEWARE = []', 'SESSION_COOKIE_HTTPONLY = "1"'), findings: [{ line: 3, djangoCheck: 'security.W013', severity: 'low', message: ['not the boolean True'] }] },
    { name: 'django-environ default False', code: py('import environ', 'env = environ.Env()') + SITE + 'SESSION_COOKIE_HTTPONLY = env.bool("SESSION_COOKIE_HTTPONLY", False)\n', findings: [{ line: SITE_LINES + 3, djangoCheck: 'security.W015', message: ['SESSION_COOKIE_HTTPONLY unset gets False'] }] },
    {
      name: 'turned off in production for a JS client',
      code: { 'proj/settings/base.py': py('DEBUG = False') + SITE, 'proj/settings/production.py': py('from .base import *', '', 'SESSION_COOKIE_HTTPONLY = False  # the SPA reads it') },
      findings: [{ path: 'proj/settings/production.py', line: 3, djangoCheck: 'security.W015' }]
    }
  ]
})
