import { describe, expect, it } from '@jest/globals'
import { referrerPolicyWeakened } from '../../src/rules/referrer-policy-weakened.js'
import { brief, diffFiles, scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, CSRFM, MIDDLEWARE, SM, line, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`

ruleTester(referrerPolicyWeakened, {
  valid: [
    { name: "not set (Django default 'same-origin' since 3.1)", code: MIDDLEWARE },
    { name: 'same-origin', code: py(MW, 'SECURE_REFERRER_POLICY = "same-origin"') },
    { name: 'strict-origin-when-cross-origin', code: py(MW, 'SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"') },
    { name: 'comma list', code: py(MW, 'SECURE_REFERRER_POLICY = "strict-origin,origin"') },
    { name: 'comma list with spaces (Django strips each token)', code: py(MW, 'SECURE_REFERRER_POLICY = "strict-origin, origin"') },
    { name: 'list of tokens', code: py(MW, 'SECURE_REFERRER_POLICY = ["strict-origin", "origin"]') },
    { name: 'tuple of tokens', code: py(MW, 'SECURE_REFERRER_POLICY = ("strict-origin", "origin")') },
    { name: 'unsafe-url only as a fallback for old browsers: the last token wins', code: py(MW, 'SECURE_REFERRER_POLICY = "unsafe-url, strict-origin-when-cross-origin"') },
    { name: 'no SecurityMiddleware: Django hides W022/E023', code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_REFERRER_POLICY = None') },
    { name: 'no SecurityMiddleware, invalid value', code: py('MIDDLEWARE = []', 'SECURE_REFERRER_POLICY = "invalid-value"') },
    { name: 'env default same-origin', code: py('import os', MW, 'SECURE_REFERRER_POLICY = os.environ.get("REFERRER_POLICY", "same-origin")') },
    { name: 'django-environ list default', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_REFERRER_POLICY = env.list("REFERRER_POLICY", default=["no-referrer", "strict-origin-when-cross-origin"])') },
    { name: 'required env read (unknown)', code: py('import os', MW, 'SECURE_REFERRER_POLICY = os.environ["REFERRER_POLICY"]') },
    { name: 'list with an unknown element', code: py('import os', MW, 'SECURE_REFERRER_POLICY = ["same-origin", os.environ["EXTRA_POLICY"]]') },
    { name: 'unsafe-url only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/local.py': py('from .base import *', 'SECURE_REFERRER_POLICY = "unsafe-url"'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'None (W022)', code: py(MW, 'SECURE_REFERRER_POLICY = None'), findings: [{ line: 2, djangoCheck: 'security.W022', severity: 'low', message: ['no Referrer-Policy header'] }] },
    { name: 'invalid value (E023)', code: py(MW, 'SECURE_REFERRER_POLICY = "invalid-value"'), findings: [{ line: 2, djangoCheck: 'security.E023', message: ["'invalid-value' is not a Referrer-Policy value", 'strict-origin-when-cross-origin'] }] },
    { name: 'empty string is invalid ({""})', code: py(MW, 'SECURE_REFERRER_POLICY = ""'), findings: [{ line: 2, djangoCheck: 'security.E023' }] },
    { name: 'tokens are case-sensitive', code: py(MW, 'SECURE_REFERRER_POLICY = "Same-Origin"'), findings: [{ line: 2, djangoCheck: 'security.E023' }] },
    { name: 'one bad token in a comma list', code: py(MW, 'SECURE_REFERRER_POLICY = "no-referrer, strict_origin"'), findings: [{ line: 2, djangoCheck: 'security.E023', message: ["'strict_origin'"] }] },
    { name: 'one bad element in a list', code: py(MW, 'SECURE_REFERRER_POLICY = ["no-referrer", "bogus"]'), findings: [{ line: 2, djangoCheck: 'security.E023', message: ["'bogus'"] }] },
    { name: 'a list element is not split on commas', code: py(MW, 'SECURE_REFERRER_POLICY = ["no-referrer, origin"]'), findings: [{ line: 2, djangoCheck: 'security.E023' }] },
    { name: 'unsafe-url (valid for Django, loose)', code: py(MW, 'SECURE_REFERRER_POLICY = "unsafe-url"'), findings: [{ line: 2, severity: 'low', message: ['full URL', 'even over plain HTTP'] }] },
    { name: 'no-referrer-when-downgrade', code: py(MW, 'SECURE_REFERRER_POLICY = "no-referrer-when-downgrade"'), findings: [{ line: 2, message: ['every other HTTPS site'] }] },
    { name: 'loose token last in a list', code: py(MW, 'SECURE_REFERRER_POLICY = ["same-origin", "unsafe-url"]'), findings: [{ line: 2, message: ["'unsafe-url'"] }] },
    { name: 'empty list: valid for Django, but no header is sent', code: py(MW, 'SECURE_REFERRER_POLICY = []'), findings: [{ line: 2, message: ['no Referrer-Policy header at all'] }] },
    { name: 'env default None', code: py('import os', MW, 'SECURE_REFERRER_POLICY = os.environ.get("REFERRER_POLICY")'), findings: [{ line: 3, djangoCheck: 'security.W022', message: ['REFERRER_POLICY unset gets None'] }] },
    { name: 'django-environ default unsafe-url', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_REFERRER_POLICY = env("DJANGO_REFERRER_POLICY", default="unsafe-url")'), findings: [{ line: 4, message: ['DJANGO_REFERRER_POLICY unset gets'] }] },
    {
      name: 'loosened in production',
      code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_REFERRER_POLICY = "same-origin"'), 'proj/settings/production.py': py('from .base import *', 'SECURE_REFERRER_POLICY = "no-referrer-when-downgrade"  # analytics wants full URLs') },
      findings: [{ path: 'proj/settings/production.py', line: 2 }]
    },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_REFERRER_POLICY = None'), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 3, djangoCheck: 'security.W022' }] }
  ]
})

describe('referrer-policy-weakened beyond Django', () => {
  it('reports valid-but-loose policies and the empty list without a Django check id', async () => {
    for (const value of ['"unsafe-url"', '"no-referrer-when-downgrade"', '[]']) {
      const result = await scanFiles({ 'mysite/settings.py': py(MW, `SECURE_REFERRER_POLICY = ${value}`) })
      const got = result.findings.filter((f) => f.ruleId === referrerPolicyWeakened.meta.id)
      expect(got).toHaveLength(1)
      expect(got[0].djangoCheck).toBeUndefined()
    }
  })
})

describe('referrer-policy-weakened in a diff', () => {
  const loosened = CLEAN + 'SECURE_REFERRER_POLICY = "unsafe-url"  # partner analytics\n'

  it('a pull request that adds the line gets a new finding on it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': loosened })
    expect(brief(result)).toEqual([`referrer-policy-weakened@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].djangoCheck).toBe(undefined)
  })

  it("a valid policy that sends other sites more than before (Django's default 'same-origin' to strict-origin-when-cross-origin) is new; the reverse, or no change, is silent", async () => {
    const strictOrigin = CLEAN + 'SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"\n'
    const result = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': strictOrigin })
    expect(brief(result)).toEqual([`referrer-policy-weakened@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].message).toContain("loosened from 'same-origin' to 'strict-origin-when-cross-origin'")
    expect(result.findings[0].severity).toBe('low')
    expect(brief(await diffFiles({ 'mysite/settings.py': strictOrigin }, { 'mysite/settings.py': CLEAN }))).toEqual([])
    expect(brief(await diffFiles({ 'mysite/settings.py': strictOrigin }, { 'mysite/settings.py': CLEAN.replace('DEBUG', '# a comment\nDEBUG') + 'SECURE_REFERRER_POLICY = "strict-origin"\n' }))).toEqual([])
    // the scan of the loosened tree stays silent: strict-origin-when-cross-origin is a sound policy
    expect(brief(await scanFiles({ 'mysite/settings.py': strictOrigin }))).toEqual([])
  })

  it('a pull request that removes it fixes it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': loosened }, { 'mysite/settings.py': CLEAN })
    expect(brief(result)).toEqual([`referrer-policy-weakened@mysite/settings.py:${line(1)}[absent]`])
  })
})
