import { describe, expect, it } from '@jest/globals'
import { cookieSamesiteNone } from '../../src/rules/cookie-samesite-none.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

ruleTester(cookieSamesiteNone, {
  valid: [
    { name: 'defaults (Lax)', code: py('DEBUG = False') },
    { name: 'Lax and Strict', code: py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "Lax"', 'CSRF_COOKIE_SAMESITE = "Strict"') },
    { name: 'env default Lax', code: py('import os', 'DEBUG = False', 'SESSION_COOKIE_SAMESITE = os.environ.get("SESSION_COOKIE_SAMESITE", "Lax")') },
    { name: 'required env read (unknown)', code: py('import os', 'DEBUG = False', 'SESSION_COOKIE_SAMESITE = os.environ["SESSION_COOKIE_SAMESITE"]') },
    { name: 'None only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *', 'SESSION_COOKIE_SAMESITE = "None"'), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'None in base, Lax in production', code: { 'proj/settings/base.py': py('DEBUG = False', 'CSRF_COOKIE_SAMESITE = None'), 'proj/settings/production.py': py('from .base import *', 'CSRF_COOKIE_SAMESITE = "Lax"') } }
  ],
  invalid: [
    { name: 'session cookie "None"', code: py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "None"'), findings: [{ line: 2, message: ["SESSION_COOKIE_SAMESITE is 'None'", 'requests from other sites'] }] },
    { name: 'CSRF cookie None: no attribute, the browser decides', code: py('DEBUG = False', 'CSRF_COOKIE_SAMESITE = None'), findings: [{ line: 2, message: ['CSRF_COOKIE_SAMESITE is None', 'no SameSite attribute'] }] },
    { name: 'SameSite False: no attribute either', code: py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = False'), findings: [{ line: 2, message: ['SESSION_COOKIE_SAMESITE is False', 'no SameSite attribute'] }] },
    { name: 'set in a settings class loaded into the module', code: py('class Settings:', '    SESSION_COOKIE_SAMESITE = "None"', 'for name in dir(Settings):', '    if name.isupper():', '        globals()[name] = getattr(Settings, name)'), findings: [{ line: 2, message: ["SESSION_COOKIE_SAMESITE is 'None'"] }] },
    { name: 'lower case "none"', code: py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "none"'), findings: [{ line: 2 }] },
    { name: 'both, one finding each', code: py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "None"', 'CSRF_COOKIE_SAMESITE = "None"'), findings: [{ line: 2, message: ['SESSION_COOKIE_SAMESITE'] }, { line: 3, message: ['CSRF_COOKIE_SAMESITE'] }] },
    { name: 'env default "None"', code: py('import os', 'DEBUG = False', 'SESSION_COOKIE_SAMESITE = os.getenv("SESSION_COOKIE_SAMESITE", "None")'), findings: [{ line: 3, message: ['SESSION_COOKIE_SAMESITE unset gets'] }] },
    { name: 'django-environ default "None"', code: py('import environ', 'env = environ.Env()', 'DEBUG = env.bool("DEBUG", default=False)', 'CSRF_COOKIE_SAMESITE = env("CSRF_COOKIE_SAMESITE", default="None")'), findings: [{ line: 4 }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "None"  # embedded widget'), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] },
    { name: 'loosened in production', code: { 'proj/settings/base.py': py('DEBUG = False', 'SESSION_COOKIE_SAMESITE = "Strict"'), 'proj/settings/production.py': py('from .base import *', 'SESSION_COOKIE_SAMESITE = "None"') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] }
  ]
})

describe('cookie-samesite-none in a diff: magnitude', () => {
  const withSameSite = (value?: string): Record<string, string> => ({ 'mysite/settings.py': CLEAN + (value === undefined ? '' : `SESSION_COOKIE_SAMESITE = ${value}\n`) })

  it('Strict to Lax is a new low finding', async () => {
    const result = await diffFiles(withSameSite('"Strict"'), withSameSite('"Lax"'))
    expect(brief(result)).toEqual([`cookie-samesite-none@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0]).toMatchObject({ severity: 'low', message: expect.stringContaining("loosened from 'Strict' to 'Lax'") })
  })

  it('removing Strict (the default is Lax) is the same low finding', async () => {
    const result = await diffFiles(withSameSite('"Strict"'), withSameSite())
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.baselineState])).toEqual([['cookie-samesite-none', 'low', 'new']])
  })

  it('Lax to None is a new medium finding', async () => {
    const result = await diffFiles(withSameSite('"Lax"'), withSameSite('"None"'))
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.baselineState])).toEqual([['cookie-samesite-none', 'medium', 'new']])
  })

  it('Lax to Strict is no finding', async () => {
    expect(brief(await diffFiles(withSameSite('"Lax"'), withSameSite('"Strict"')))).toEqual([])
  })
})
