import { describe, expect, it } from '@jest/globals'
import { corsAllowAllOrigins, regexProblem } from '../../src/rules/cors-allow-all-origins.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { py } from './fixtures.js'

const APPS = 'INSTALLED_APPS = ["django.contrib.sessions", "corsheaders"]'

ruleTester(corsAllowAllOrigins, {
  valid: [
    { name: 'exact origins', code: py(APPS, 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]', 'CORS_ALLOW_CREDENTIALS = True') },
    { name: 'allow-all off', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = False') },
    { name: 'anchored subdomain regex', code: py(APPS, 'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com$"]') },
    { name: 'env read that defaults to off', code: py('import os', APPS, 'CORS_ALLOW_ALL_ORIGINS = os.environ.get("CORS_ALLOW_ALL", "") == "1"') },
    { name: 'django-cors-headers is not installed', code: py('INSTALLED_APPS = ["django.contrib.admin"]', 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]', 'CORS_ALLOW_ALL_ORIGINS = True') },
    { name: 'the new name switched off wins over the old one', code: py(APPS, 'CORS_ORIGIN_ALLOW_ALL = True', 'CORS_ALLOW_ALL_ORIGINS = False') },
    {
      name: 'allow-all only in the development module',
      code: { 'proj/settings/base.py': py('DEBUG = False', APPS), 'proj/settings/dev.py': py('from .base import *', 'CORS_ALLOW_ALL_ORIGINS = True'), 'proj/settings/production.py': py('from .base import *') }
    }
  ],
  invalid: [
    { name: 'allow all', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = True'), findings: [{ line: 2, severity: 'high', message: ['CORS_ALLOW_ALL_ORIGINS is True', "read your API's responses"] }] },
    { name: 'with credentials: critical', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = True', 'CORS_ALLOW_CREDENTIALS = True'), findings: [{ line: 2, severity: 'critical', message: ["with the visitor's cookies"] }] },
    { name: 'limited by CORS_URLS_REGEX to a public API, without credentials: low', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = True', 'CORS_URLS_REGEX = r"^/api/.*$"'), findings: [{ line: 2, severity: 'low', message: ["URLs matching '^/api/.*$'", 'no cookies are sent'] }] },
    { name: 'limited by CORS_URLS_REGEX but with credentials: critical', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = True', 'CORS_URLS_REGEX = r"^/api/.*$"', 'CORS_ALLOW_CREDENTIALS = True'), findings: [{ line: 2, severity: 'critical' }] },
    { name: 'CORS_URLS_REGEX that matches every URL limits nothing', code: py(APPS, 'CORS_ALLOW_ALL_ORIGINS = True', 'CORS_URLS_REGEX = r"^.*$"'), findings: [{ line: 2, severity: 'high' }] },
    { name: 'the old name', code: py(APPS, 'CORS_ORIGIN_ALLOW_ALL = True'), findings: [{ line: 2, message: ['CORS_ORIGIN_ALLOW_ALL is True'] }] },
    { name: 'middleware only, app unknown', code: py('from .apps import INSTALLED_APPS', 'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]', 'CORS_ALLOW_ALL_ORIGINS = True'), findings: [{ line: 3 }] },
    { name: 'env default on', code: py('import environ', 'env = environ.Env()', APPS, 'CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL", default=True)'), findings: [{ line: 4, message: ['CORS_ALLOW_ALL unset gets True'] }] },
    { name: 'any-origin regex', code: py(APPS, 'CORS_ALLOWED_ORIGIN_REGEXES = [', '    r"^https://\\w+\\.example\\.com$",', '    r"^https?://.*$",', ']'), findings: [{ line: 4, message: ['matches any origin'] }] },
    { name: 'unanchored regex', code: py(APPS, 'CORS_ORIGIN_REGEX_WHITELIST = [r"^https://app\\.example\\.com"]'), findings: [{ line: 2, severity: 'high', message: ['has no $ at the end', '.evil.net'] }] },
    {
      name: 'inherited by production from base',
      code: { 'proj/settings/base.py': py('DEBUG = False', APPS, 'CORS_ALLOW_ALL_ORIGINS = True'), 'proj/settings/production.py': py('from .base import *') },
      findings: [{ path: 'proj/settings/base.py', line: 3 }]
    }
  ]
})

describe('regexProblem', () => {
  it.each([
    ['.*', 'any'],
    ['^.*$', 'any'],
    ['^https?://.*$', 'any'],
    ['https://.+', 'any'],
    ['^(https?://)?(.*)$', 'any'],
    ['^https://[^/]+$', 'any'],
    ['^https?://', 'any'],
    ['^https?:\\/\\/.*$', 'any'],
    ['^https://app\\.example\\.com', 'unanchored'],
    ['^https://\\w+\\.example\\.com$', undefined],
    ['^https://app\\.example\\.com\\Z', undefined],
    ['^$', undefined],
    ['^https://example\\.com\\$', 'unanchored'],
    // a glob written as a regex: Python refuses it, so it admits nothing
    ['*.code4.ro', undefined],
    ['^*.example.com', undefined]
  ])('%s → %s', (pattern, expected) => {
    expect(regexProblem(pattern)).toBe(expected)
  })
})
