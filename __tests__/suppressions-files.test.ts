// Suppressions in every kind of file a finding can be in, and the ones a scan reports (no reason, unused).
import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../src/config/config.js'
import { parseSuppression } from '../src/suppressions.js'
import { scanFiles } from './helpers/project.js'

const STRIPE = 'sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r'
const SETTINGS = [
  'import os',
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  'ALLOWED_HOSTS = ["x.example"]',
  'SECURE_SSL_REDIRECT = True',
  'SECURE_HSTS_SECONDS = 31536000',
  'CSRF_COOKIE_SECURE = True',
  'MIDDLEWARE = [',
  '    "django.middleware.security.SecurityMiddleware",',
  '    "django.middleware.csrf.CsrfViewMiddleware",',
  '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
  ']',
  'DEBUG = False'
]
const FILES: Record<string, string> = {
  'config/settings.py': SETTINGS.join('\n') + '\n',
  'shop/templates/shop/pay.html': `<script>\nvar stripe = Stripe("${STRIPE}");\n</script>\n`,
  'deploy/docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "Pg-Pr0d-2026-xQ"\n',
  'deploy/.env': 'API_TOKEN=Tk-Pr0d-9921-zzQ8\n',
  Dockerfile: `FROM python:3.12\nENV STRIPE_KEY=${STRIPE}\nCMD ["gunicorn", "config.wsgi"]\n`
}

/** Inserts `line` before line `n` (1-based) of a file. */
const before = (text: string, n: number, line: string): string => {
  const lines = text.split('\n')
  lines.splice(n - 1, 0, line)
  return lines.join('\n')
}

/** The findings, but HSTS's subdomain and preload advice, which the settings here do not care about. */
const list = (r: Awaited<ReturnType<typeof scanFiles>>): string[] => r.findings.filter((f) => f.ruleId !== 'hsts-weakened').map((f) => `${f.ruleId}@${f.path}:${f.line}`)

describe('suppressions in every file type', () => {
  it('parses template and HTML comments without their closer in the reason, and only in comments', () => {
    expect(parseSuppression('{# django-security: ignore[hardcoded-credential] -- test-mode key #}')).toEqual({ rules: ['hardcoded-credential'], reason: 'test-mode key' })
    expect(parseSuppression('<!-- django-security: ignore[hardcoded-credential] -- public key -->')).toEqual({ rules: ['hardcoded-credential'], reason: 'public key' })
    expect(parseSuppression('X = "django-security: ignore[debug-enabled] -- in a string, not a comment"')).toBeUndefined()
  })

  it('each file has its finding without a suppression', async () => {
    expect(list(await scanFiles(FILES))).toEqual([
      'env-file-committed@deploy/.env:1',
      'hardcoded-credential@deploy/.env:1',
      'hardcoded-credential@deploy/docker-compose.yml:4',
      'hardcoded-credential@Dockerfile:2',
      'hardcoded-credential@shop/templates/shop/pay.html:2'
    ])
  })

  it('a reasoned suppression on the line above silences it: Python, template, YAML, .env, Dockerfile', async () => {
    const r = await scanFiles({
      'config/settings.py': before(FILES['config/settings.py'].replace('DEBUG = False', 'DEBUG = True'), 12, '# django-security: ignore[debug-enabled] -- this box is a VPN-only staging host'),
      'shop/templates/shop/pay.html': before(FILES['shop/templates/shop/pay.html'], 2, '{# django-security: ignore[hardcoded-credential] -- a revoked key kept for the docs screenshot #}'),
      'deploy/docker-compose.yml': before(FILES['deploy/docker-compose.yml'], 4, '      # django-security: ignore[hardcoded-credential] -- throwaway database of the demo stack'),
      'deploy/.env': before(FILES['deploy/.env'], 1, '# django-security: ignore[env-file-committed, hardcoded-credential] -- sandbox token of the public demo'),
      Dockerfile: before(FILES.Dockerfile, 2, '# django-security: ignore[hardcoded-credential] -- revoked; rotation tracked in SEC-12')
    })
    expect(list(r)).toEqual([])
    expect(r.notices.filter((n) => /suppression/.test(n.message))).toEqual([])
  })

  it('on the same line too (a trailing comment is about its own line only)', async () => {
    const r = await scanFiles({
      'config/settings.py': FILES['config/settings.py'].replace('DEBUG = False', 'DEBUG = True  # django-security: ignore[debug-enabled] -- staging\nSECURE_SSL_REDIRECT = False'),
      'deploy/docker-compose.yml': FILES['deploy/docker-compose.yml'].replace('"Pg-Pr0d-2026-xQ"', '"Pg-Pr0d-2026-xQ"  # django-security: ignore[hardcoded-credential] -- demo stack')
    })
    expect(list(r).filter((x) => /debug|credential/.test(x))).toEqual([])
  })

  it('a trailing comment on the line above does not silence the next line', async () => {
    const r = await scanFiles({ 'config/settings.py': FILES['config/settings.py'].replace('DEBUG = False', 'X = 1  # django-security: ignore[debug-enabled] -- about X only\nDEBUG = True') })
    expect(list(r)).toContain('debug-enabled@config/settings.py:13')
  })

  it('without a reason it does not suppress, and is reported', async () => {
    const r = await scanFiles({ ...FILES, Dockerfile: before(FILES.Dockerfile, 2, '# django-security: ignore[hardcoded-credential]') })
    expect(list(r)).toContain('hardcoded-credential@Dockerfile:3')
    expect(r.notices).toContainEqual({ path: 'Dockerfile', line: 2, message: expect.stringMatching(/^a suppression needs a reason, so it does not suppress/) as unknown as string })
  })

  it('a scan reports suppressions that no longer silence anything, and ones naming an unknown or switched-off rule', async () => {
    const settings = [
      ...SETTINGS.slice(0, 11),
      '# django-security: ignore[debug-enabled] -- staging box (DEBUG is False now)',
      'DEBUG = False',
      'X = 1  # django-security: ignore[hsts-weakend] -- CDN',
      'Y = 2  # django-security: ignore[ssl-redirect-disabled] -- nginx',
      'Z = 3  # django-security: ignore[debug-enabled]',
      ''
    ].join('\n')
    const r = await scanFiles({ 'config/settings.py': settings, 'shop/tests/test_x.py': '# django-security: ignore[debug-enabled] -- test files are set aside\n' }, parseConfig('rules:\n  ssl-redirect-disabled: off\n', 'c.yml'))
    expect(r.notices.filter((n) => n.path === 'config/settings.py' || n.path === 'shop/tests/test_x.py')).toEqual([
      { path: 'config/settings.py', line: 12, message: 'unused suppression of debug-enabled: nothing is reported on the next line any more; remove the comment' },
      { path: 'config/settings.py', line: 14, message: 'suppression of an unknown rule "hsts-weakend" — did you mean "hsts-weakened"?: it silences nothing' },
      { path: 'config/settings.py', line: 15, message: 'unused suppression of ssl-redirect-disabled: the rule is off in the configuration; remove the comment' },
      { path: 'config/settings.py', line: 16, message: expect.stringMatching(/^a suppression needs a reason/) as unknown as string }
    ])
  })
})
