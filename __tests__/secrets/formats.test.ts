// Self-identifying credential formats, wherever they appear in a line.
import { describe, expect, it } from '@jest/globals'
import { FORMATS, formatMatches } from '../../src/secrets/formats.js'

const m = (line: string, following?: (n: number) => string | undefined): [string, string][] => formatMatches(line, following).map((x) => [x.format.kind, x.value])

describe('provider formats', () => {
  it.each([
    ['aws-access-key-id', 'AKIAZ2XQ7LM4NRT5VW3Y'],
    ['aws-access-key-id', 'ASIAZ2XQ7LM4NRT5VW3Y'],
    ['github-token', 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'],
    ['github-token', 'ghs_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'],
    ['github-token', 'github_pat_11ABCDEFG0123456789ab_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3H'],
    ['stripe-key', 'sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r'],
    ['stripe-key', 'rk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r'],
    ['slack-token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['slack-token', 'xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['slack-webhook', 'https://hooks.slack.com/services/T0AB12CD3/B0AB12CD34E/AbCdEfGhIjKlMnOpQrStUvWx'],
    ['sendgrid-key', 'SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE'],
    ['google-api-key', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
    ['openai-api-key', 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl'],
    ['django-secret-key', 'django-insecure-x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2'],
    ['jwt', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjo0Mn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg']
  ])('%s: %s', (kind, value) => {
    expect(m(`X = "${value}"`)).toEqual([[kind, value]])
  })

  it('flags Stripe test-mode keys for a lower severity', () => {
    const [live] = formatMatches('sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')
    const [test] = formatMatches('sk_test_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')
    expect([live.format.lowSeverity?.(live.value), test.format.lowSeverity?.(test.value)]).toEqual([false, true])
  })

  it('needs the whole token: no match inside a longer word or on a short prefix', () => {
    expect(m('XAKIAZ2XQ7LM4NRT5VW3Y')).toEqual([])
    expect(m('ghp_short')).toEqual([])
    expect(m('sk_test_123')).toEqual([])
    expect(m('pk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')).toEqual([])
    expect(m('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.')).toEqual([]) // no signature
  })

  it('takes a whole django-insecure- token, even with characters outside Django’s alphabet', () => {
    expect(m("SECRET_KEY = 'django-insecure-Ab3!k2@9q#m4$z8^w1&e6*r3(t5)y0'")).toEqual([['django-secret-key', 'django-insecure-Ab3!k2@9q#m4$z8^w1&e6*r3(t5)y0']])
  })

  it('keeps every pattern free of nested quantifiers (linear matching)', () => {
    for (const f of FORMATS) expect([f.kind, /\([^()]*[+*}]\)[+*{]/.test(f.re.source)]).toEqual([f.kind, false])
  })
})

describe('passwords in URLs', () => {
  it.each([
    ['postgres://shop:Xk9vQ2mW7pLs@db.internal:5432/shop', 'Xk9vQ2mW7pLs'],
    ['redis://:Xk9vQ2mW7pLs@redis:6379/0', 'Xk9vQ2mW7pLs'],
    ['mongodb+srv://shop:Xk9vQ2mW7pLs@cluster0.ab1cd.mongodb.net/shop', 'Xk9vQ2mW7pLs'],
    ['smtp+tls://alerts%40shop.example.com:Xk9v%21Q2mW@smtp.mailgun.org:587', 'Xk9v%21Q2mW'],
    ['postgresql+psycopg2://etl:Xk9vQ2mW7pLs@[::1]:5432/x', 'Xk9vQ2mW7pLs']
  ])('%s', (url, password) => {
    expect(m(`DATABASE_URL=${url}`)).toEqual([['url-credentials', password]])
    expect(formatMatches(url)[0].column).toBe(url.indexOf(password))
  })

  it('keeps the user, for demo pairs such as guest:guest', () => {
    expect(formatMatches('amqp://guest:guest@localhost//')[0].user).toBe('guest')
  })

  it('ignores URLs without a password, and package pins with @', () => {
    expect(m('https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.min.js')).toEqual([])
    expect(m('git+https://github.com/shop/lib.git@v1.2#egg=lib')).toEqual([])
    expect(m('https://abc123@o1.ingest.sentry.io/42')).toEqual([])
    expect(m('ssh://git@github.com:22/shop/web.git')).toEqual([])
  })

  it('reports a token used as a URL password once, as the token', () => {
    expect(m('https://x-access-token:ghs_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2@github.com/shop/web.git')).toEqual([['github-token', 'ghs_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2']])
  })
})

describe('private key blocks', () => {
  const BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'

  it('counts a header followed by a base64 body: on the next line, or after \\n escapes in a string', () => {
    expect(m('-----BEGIN RSA PRIVATE KEY-----', (n) => [BODY][n])).toEqual([['private-key', '-----BEGIN RSA PRIVATE KEY-----']])
    expect(m(`"private_key": "-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----\\n"`)).toEqual([['private-key', '-----BEGIN PRIVATE KEY-----']])
    expect(m('-----BEGIN PGP PRIVATE KEY BLOCK-----', (n) => ['Version: GnuPG v2', '', BODY][n])).toEqual([['private-key', '-----BEGIN PGP PRIVATE KEY BLOCK-----']])
    expect(m('-----BEGIN RSA PRIVATE KEY-----', (n) => ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,0123', '', BODY][n])).toEqual([['private-key', '-----BEGIN RSA PRIVATE KEY-----']])
  })

  it('counts a header alone on its line when the next lines are unknown (one diff line)', () => {
    expect(m('-----BEGIN OPENSSH PRIVATE KEY-----')).toEqual([['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----']])
  })

  it('does not count a header in a sentence, or with an elided or placeholder body', () => {
    expect(m('The file starts with `-----BEGIN RSA PRIVATE KEY-----`; never commit it.')).toEqual([])
    expect(m('-----BEGIN PRIVATE KEY-----', (n) => ['...'][n])).toEqual([])
    expect(m('KEY="-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----"')).toEqual([])
  })

  it('ignores public keys and certificates', () => {
    expect(m('-----BEGIN PUBLIC KEY-----', (n) => [BODY][n])).toEqual([])
    expect(m('-----BEGIN CERTIFICATE-----', (n) => [BODY][n])).toEqual([])
  })
})

describe('JWTs', () => {
  it('needs three segments, the first two JSON, and a signature', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjo0Mn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'
    expect(m(`Authorization: Bearer ${jwt}`)).toEqual([['jwt', jwt]])
    expect(m('eyJhbGciOiJIUzI1NiJ9')).toEqual([])
    expect(m('eyJ'.repeat(10))).toEqual([])
  })
})
