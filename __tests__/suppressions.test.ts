import { describe, expect, it } from '@jest/globals'
import { parseSuppression } from '../src/suppressions.js'
import { scanFiles } from './helpers/project.js'

describe('suppressions', () => {
  it('parses ids and the reason', () => {
    expect(parseSuppression('X = 1  # django-security: ignore[debug-enabled, hsts-weakened] -- proxy does it')).toEqual({ rules: ['debug-enabled', 'hsts-weakened'], reason: 'proxy does it' })
    expect(parseSuppression('X = 1  # django-security: ignore[debug-enabled]')).toEqual({ error: expect.stringMatching(/needs a reason/) as unknown as string })
    expect(parseSuppression('X = 1  # unrelated')).toBeUndefined()
  })

  it('drops a finding suppressed on its line or the line above, with a reason only', async () => {
    const result = await scanFiles({
      'mysite/settings.py': [
        'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
        '# django-security: ignore[ssl-redirect-disabled] -- nginx redirects every request to HTTPS',
        'SECURE_SSL_REDIRECT = False',
        'DEBUG = True  # django-security: ignore[debug-enabled]',
        'SECURE_HSTS_SECONDS = 0  # django-security: ignore[debug-enabled] -- wrong rule id'
      ].join('\n')
    })
    const ids = result.findings.map((f) => `${f.ruleId}:${f.line}`)
    expect(ids).not.toContain('ssl-redirect-disabled:3')
    expect(ids).toContain('debug-enabled:4')
    expect(ids).toContain('hsts-weakened:5')
    expect(result.notices).toContainEqual({ path: 'mysite/settings.py', line: 4, message: expect.stringMatching(/needs a reason/) as unknown as string })
  })
})
