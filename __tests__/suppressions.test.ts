import { describe, expect, it } from '@jest/globals'
import { parseSuppression } from '../src/suppressions.js'
import { brief, diffFiles, scanFiles } from './helpers/project.js'

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

describe('suppressions in a diff come from the trusted side', () => {
  const BASE = { 'mysite/settings.py': 'ALLOWED_HOSTS = ["x.example"]\n# django-security: ignore[hsts-weakened] -- HSTS is set by the CDN\nSECURE_HSTS_SECONDS = 31536000\nDEBUG = False\n' }

  it('a suppression the change adds on the line it suppresses works, and is listed for reviewers', async () => {
    const r = await diffFiles(BASE, { 'mysite/settings.py': BASE['mysite/settings.py'].replace('DEBUG = False', 'DEBUG = True  # django-security: ignore[debug-enabled] -- staging box, behind a VPN') })
    expect(brief(r)).not.toContain('debug-enabled@mysite/settings.py:4[new]')
    expect(r.suppressed?.map((s) => `${s.finding.ruleId}@${s.finding.path}:${s.finding.line} ${s.reason}`)).toEqual(['debug-enabled@mysite/settings.py:4 staging box, behind a VPN'])
  })

  it('one the change adds on the line above a new finding is not honoured, and says so', async () => {
    const r = await diffFiles(BASE, { 'mysite/settings.py': BASE['mysite/settings.py'].replace('DEBUG = False', '# django-security: ignore[debug-enabled] -- fine\nDEBUG = True') })
    expect(brief(r)).toContain('debug-enabled@mysite/settings.py:5[new]')
    expect(r.suppressed).toEqual([])
    expect(r.notices).toContainEqual({ path: 'mysite/settings.py', line: 4, message: expect.stringContaining('not honoured for the new debug-enabled finding') as unknown as string })
  })

  it('one the base already had still silences a finding the change makes new, without a listing', async () => {
    const r = await diffFiles(BASE, { 'mysite/settings.py': BASE['mysite/settings.py'].replace('31536000', '0') })
    expect(brief(r).filter((b) => b.startsWith('hsts-weakened'))).toEqual([])
    expect(r.suppressed).toEqual([])
  })
})

describe('suppressions in template comments', () => {
  it('reads the reason without the comment closer', () => {
    expect(parseSuppression('{{ x|safe }} {# django-security: ignore[template-unescaped-output] -- sanitised with nh3 #}')).toEqual({ rules: ['template-unescaped-output'], reason: 'sanitised with nh3' })
    expect(parseSuppression('<!-- django-security: ignore[template-unescaped-output] -- static markup -->')).toEqual({ rules: ['template-unescaped-output'], reason: 'static markup' })
    expect(parseSuppression('{# django-security: ignore[template-unescaped-output] -- #}')).toEqual({ error: expect.stringContaining('needs a reason') })
  })
})
