import { describe, expect, it } from '@jest/globals'
import { crossOriginOpenerPolicyWeakened } from '../../src/rules/cross-origin-opener-policy-weakened.js'
import { brief, diffFiles, scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, CSRFM, MIDDLEWARE, SM, line, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`

ruleTester(crossOriginOpenerPolicyWeakened, {
  valid: [
    { name: "not set (Django default 'same-origin')", code: MIDDLEWARE },
    { name: 'same-origin', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"') },
    { name: 'same-origin-allow-popups', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"') },
    { name: 'no SecurityMiddleware: Django hides E024', code: py('MIDDLEWARE = []', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "bogus"') },
    { name: 'no SecurityMiddleware, unsafe-none', code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"') },
    { name: 'env default same-origin', code: py('import os', MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = os.getenv("COOP", "same-origin")') },
    { name: 'required env read (unknown)', code: py('import os', MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = os.environ["COOP"]') },
    { name: 'unsafe-none only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/local.py': py('from .base import *', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'invalid value (E024)', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "invalid-value"'), findings: [{ line: 2, djangoCheck: 'security.E024', severity: 'low', message: ['not a Cross-Origin-Opener-Policy value', 'same-origin-allow-popups'] }] },
    { name: 'no comma lists', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin, unsafe-none"'), findings: [{ line: 2, djangoCheck: 'security.E024' }] },
    { name: 'no stripping', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin "'), findings: [{ line: 2, djangoCheck: 'security.E024' }] },
    { name: 'case-sensitive', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "Same-Origin"'), findings: [{ line: 2, djangoCheck: 'security.E024' }] },
    { name: 'empty string', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = ""'), findings: [{ line: 2, djangoCheck: 'security.E024' }] },
    { name: 'unsafe-none (valid for Django)', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"'), findings: [{ line: 2, message: ["is 'unsafe-none'", 'cross-origin window'] }] },
    { name: 'None: no header, browsers use unsafe-none', code: py(MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = None'), findings: [{ line: 2, message: ['no Cross-Origin-Opener-Policy header is sent'] }] },
    { name: 'django-environ default unsafe-none', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_CROSS_ORIGIN_OPENER_POLICY = env("COOP", default="unsafe-none")'), findings: [{ line: 4, message: ['COOP unset gets'] }] },
    {
      name: 'turned off in production for an OAuth pop-up',
      code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/production.py': py('from .base import *', '', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"') },
      findings: [{ path: 'proj/settings/production.py', line: 3 }]
    }
  ]
})

describe('cross-origin-opener-policy-weakened beyond Django', () => {
  it('reports unsafe-none and None without a Django check id', async () => {
    for (const value of ['"unsafe-none"', 'None']) {
      const result = await scanFiles({ 'mysite/settings.py': py(MW, `SECURE_CROSS_ORIGIN_OPENER_POLICY = ${value}`) })
      const got = result.findings.filter((f) => f.ruleId === crossOriginOpenerPolicyWeakened.meta.id)
      expect(got).toHaveLength(1)
      expect(got[0].djangoCheck).toBeUndefined()
    }
  })
})

describe('cross-origin-opener-policy-weakened in a diff', () => {
  const loosened = CLEAN + 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"  # OAuth pop-up\n'

  it('a pull request that adds the line gets a new finding on it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': loosened })
    expect(brief(result)).toEqual([`cross-origin-opener-policy-weakened@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].djangoCheck).toBe(undefined)
  })

  it('a pull request that removes it fixes it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': loosened }, { 'mysite/settings.py': CLEAN })
    expect(brief(result)).toEqual([`cross-origin-opener-policy-weakened@mysite/settings.py:${line(1)}[absent]`])
  })
})
