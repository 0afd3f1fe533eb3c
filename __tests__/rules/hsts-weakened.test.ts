import { describe, expect, it } from '@jest/globals'
import { hstsWeakened } from '../../src/rules/hsts-weakened.js'
import { scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, SM, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`
const FULL = ['SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_PRELOAD = True']

ruleTester(hstsWeakened, {
  valid: [
    { name: 'a year, subdomains, preload', code: py(MW, 'SECURE_HSTS_SECONDS = 31536000', ...FULL) },
    { name: 'arithmetic', code: py(MW, 'SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365', ...FULL) },
    { name: 'a numeric string from the environment is sent as is', code: py('import os', MW, 'SECURE_HSTS_SECONDS = os.environ.get("SECURE_HSTS_SECONDS", "31536000")', ...FULL) },
    { name: 'SecurityMiddleware absent: Django hides these checks (W001 instead)', code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_HSTS_SECONDS = 0') },
    { name: 'Django defaults: empty MIDDLEWARE', code: py(`MIDDLEWARE = []`, 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False') },
    { name: 'django-environ int with a year default', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)', ...FULL) },
    { name: 'int() of an env default', code: py('import os', MW, 'SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))', ...FULL) },
    { name: 'python-decouple bool casts', code: py('from decouple import config', MW, 'SECURE_HSTS_SECONDS = config("HSTS", default=3600, cast=int)', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = config("HSTS_SUB", default=True, cast=bool)', 'SECURE_HSTS_PRELOAD = config("HSTS_PRELOAD", default="yes", cast=bool)') },
    { name: 'required env read (unknown)', code: py('import os', MW, 'SECURE_HSTS_SECONDS = int(os.environ["SECURE_HSTS_SECONDS"])', ...FULL) },
    { name: 'off only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_HSTS_SECONDS = 31536000', ...FULL), 'proj/settings/local.py': py('from .base import *', 'SECURE_HSTS_SECONDS = 0'), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'production turns on what base leaves off', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/production.py': py('from .base import *', 'SECURE_HSTS_SECONDS = 31536000', ...FULL) } }
  ],
  invalid: [
    { name: 'not set (default 0)', code: py(MW), findings: [{ line: 1, djangoCheck: 'security.W004', message: ['SECURE_HSTS_SECONDS is 0', 'not set'] }] },
    { name: 'zero', code: py(MW, 'SECURE_HSTS_SECONDS = 0'), findings: [{ line: 2, djangoCheck: 'security.W004', severity: 'medium' }] },
    { name: 'None', code: py(MW, 'SECURE_HSTS_SECONDS = None'), findings: [{ line: 2, djangoCheck: 'security.W004' }] },
    { name: 'django-environ default 0', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)'), findings: [{ line: 4, djangoCheck: 'security.W004', message: ['SECURE_HSTS_SECONDS unset gets 0'] }] },
    { name: 'int() of an env default "0"', code: py('import os', MW, 'SECURE_HSTS_SECONDS = int(os.getenv("HSTS_SECONDS", "0"))'), findings: [{ line: 3, djangoCheck: 'security.W004' }] },
    { name: 'W004 alone: subdomains and preload wait for HSTS', code: py(MW, 'SECURE_HSTS_SECONDS = 0', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False'), findings: [{ line: 2, djangoCheck: 'security.W004' }] },
    {
      name: 'HSTS on, subdomains and preload not set',
      code: py(MW, 'SECURE_HSTS_SECONDS = 3600'),
      findings: [
        { line: 1, djangoCheck: 'security.W005', severity: 'medium', message: ['SECURE_HSTS_INCLUDE_SUBDOMAINS is False'] },
        { line: 1, djangoCheck: 'security.W021', severity: 'low', message: ['SECURE_HSTS_PRELOAD is False'] }
      ]
    },
    { name: 'subdomains off', code: py(MW, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False', 'SECURE_HSTS_PRELOAD = True'), findings: [{ line: 3, djangoCheck: 'security.W005' }] },
    { name: 'preload off', code: py(MW, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_PRELOAD = False'), findings: [{ line: 4, djangoCheck: 'security.W021' }] },
    {
      name: 'truthy but not True: 1 and "True"',
      code: py(MW, 'SECURE_HSTS_SECONDS = 3600', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = 1', 'SECURE_HSTS_PRELOAD = "True"'),
      findings: [
        { line: 3, djangoCheck: 'security.W005', severity: 'low', message: ['not the boolean True'] },
        { line: 4, djangoCheck: 'security.W021', severity: 'low', message: ['cannot be switched off'] }
      ]
    },
    {
      name: 'django-environ bool defaults False',
      code: py('import environ', 'env = environ.Env()', MW, 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_SUBDOMAINS", default=False)', 'SECURE_HSTS_PRELOAD = True'),
      findings: [{ line: 5, djangoCheck: 'security.W005', message: ['HSTS_SUBDOMAINS unset gets False'] }]
    },
    {
      name: '"0" passes Django\'s W004 (a non-empty string) but sends max-age=0',
      code: py('import os', MW, 'SECURE_HSTS_SECONDS = os.environ.get("SECURE_HSTS_SECONDS", "0")', ...FULL),
      findings: [{ line: 3, severity: 'medium', message: ['`max-age=0`', 'forget HSTS', 'SECURE_HSTS_SECONDS unset gets'] }]
    },
    { name: '-1 passes W004 but is not a max-age', code: py(MW, 'SECURE_HSTS_SECONDS = -1', ...FULL), findings: [{ line: 2, message: ['`max-age=-1`', 'browsers ignore the header'] }] },
    { name: 'a float is written as 31536000.0', code: py(MW, 'SECURE_HSTS_SECONDS = 365 * 24 * 3600.0', ...FULL), findings: [{ line: 2, message: ['`max-age=31536000.0`'] }] },
    {
      name: 'production zeroes HSTS set in base',
      code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_HSTS_SECONDS = 31536000', ...FULL), 'proj/settings/production.py': py('from .base import *', 'SECURE_HSTS_SECONDS = 0  # behind CloudFront') },
      findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W004' }]
    },
    {
      name: 'inherited from base',
      code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_HSTS_SECONDS = 0'), 'proj/settings/production.py': py('from .base import *') },
      findings: [{ path: 'proj/settings/base.py', line: 3, djangoCheck: 'security.W004' }]
    }
  ]
})

describe('hsts-weakened beyond Django', () => {
  it('reports a max-age browsers cannot use without a Django check id (Django passes any true value)', async () => {
    for (const value of ['"0"', '-1', 'True']) {
      const result = await scanFiles({ 'mysite/settings.py': py(MW, `SECURE_HSTS_SECONDS = ${value}`, ...FULL) })
      const got = result.findings.filter((f) => f.ruleId === hstsWeakened.meta.id)
      expect(got.map((f) => [f.line, f.djangoCheck])).toEqual([[2, undefined]])
    }
  })
})
