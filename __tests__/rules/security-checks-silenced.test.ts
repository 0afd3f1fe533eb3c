import { describe, expect, it } from '@jest/globals'
import { securityChecksSilenced } from '../../src/rules/index.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, SM, XFM, line, py } from './fixtures.js'

ruleTester(securityChecksSilenced, {
  valid: [
    { name: 'not set', code: py('DEBUG = False') },
    { name: 'other checks silenced', code: py('SILENCED_SYSTEM_CHECKS = ["fields.W342", "urls.W002", "admin.E408"]') },
    { name: 'security check silenced only in test settings', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/test.py': py('from .base import *', 'SILENCED_SYSTEM_CHECKS = ["security.W004"]'), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'required env list (unknown)', code: py('import os', 'SILENCED_SYSTEM_CHECKS = os.environ["SILENCED"].split(",")') }
  ],
  invalid: [
    { name: 'HSTS warning silenced', code: py('SILENCED_SYSTEM_CHECKS = ["security.W004"]', `MIDDLEWARE = ["${SM}"]`), findings: [{ line: 1, severity: 'high', message: ['hides security.W004', 'SECURE_HSTS_SECONDS not set', 'check --deploy'] }] },
    {
      name: 'one finding per security id, on its line; other ids ignored',
      code: py('SILENCED_SYSTEM_CHECKS = [', '    "fields.W342",', '    "security.W008",  # TLS ends at the load balancer', '    "security.W018",', ']', `MIDDLEWARE = ["${SM}"]`, 'DEBUG = True'),
      findings: [
        { line: 3, message: ['security.W008', 'SECURE_SSL_REDIRECT'] },
        { line: 4, message: ['security.W018', 'DEBUG on'] }
      ]
    },
    { name: 'a pattern silences nothing: low', code: py('SILENCED_SYSTEM_CHECKS = ["security.*"]'), findings: [{ line: 1, severity: 'low', message: ["'security.*'", 'silences nothing'] }] },
    { name: 'added in production to the base list', code: { 'proj/settings/base.py': py('DEBUG = False', 'SILENCED_SYSTEM_CHECKS = ["fields.W342"]'), 'proj/settings/production.py': py('from .base import *', 'SILENCED_SYSTEM_CHECKS += ["security.W012"]') }, findings: [{ path: 'proj/settings/production.py', line: 2, message: ['SESSION_COOKIE_SECURE'] }] },
    {
      name: 'a check production passes today hides nothing yet: low, and set aside in a scan',
      code: py('SILENCED_SYSTEM_CHECKS = ["security.W018", "security.W019", "security.W004"]', 'DEBUG = False', `MIDDLEWARE = ["${SM}", "${XFM}"]`, 'X_FRAME_OPTIONS = "SAMEORIGIN"', 'SECURE_HSTS_SECONDS = 3600'),
      findings: [
        { line: 1, severity: 'low', message: ['security.W018', 'today it passes'] },
        { line: 1, severity: 'low', message: ['security.W019', 'today it passes'] },
        { line: 1, severity: 'low', message: ['security.W004', 'today it passes'] }
      ]
    },
    { name: 'on one branch only', code: py('import os', 'if os.environ["BEHIND_PROXY"]:', '    SILENCED_SYSTEM_CHECKS = ["security.W001"]'), findings: [{ line: 3, message: ['can hide security.W001'] }] }
  ]
})

describe('security-checks-silenced in a diff', () => {
  it('silencing another check is new; the one silenced before is unchanged', async () => {
    const before = CLEAN + 'SILENCED_SYSTEM_CHECKS = ["security.W021"]\n'
    const after = CLEAN + 'SILENCED_SYSTEM_CHECKS = ["security.W021", "security.W004"]\n'
    const result = await diffFiles({ 'mysite/settings.py': before }, { 'mysite/settings.py': after })
    expect(brief(result).filter((b) => b.startsWith('security-checks-silenced')).sort()).toEqual([`security-checks-silenced@mysite/settings.py:${line(1)}[new]`, `security-checks-silenced@mysite/settings.py:${line(1)}[unchanged]`])
    expect(result.findings.find((f) => f.baselineState === 'new')?.message).toContain('security.W004')
  })
})
