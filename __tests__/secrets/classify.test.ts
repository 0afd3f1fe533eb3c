// What names and values say: secret-sounding names, placeholders, dummies, hashes, prose, randomness.
import { describe, expect, it } from '@jest/globals'
import { entropy, isDummy, isKnownExample, isPasswordHash, isPlaceholder, isProse, isWords, looksLikeCredential, namedKind } from '../../src/secrets/classify.js'

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6h'

describe('namedKind', () => {
  it.each([
    ['SECRET_KEY', 'django-secret-key'],
    ['DJANGO_SECRET_KEY', 'django-secret-key'],
    ['SECRET_KEY_FALLBACKS', 'django-secret-key'],
    ['settings.SECRET_KEY', 'django-secret-key'],
    ['secretKey', 'django-secret-key'],
    ['secret-key', 'django-secret-key'],
    ['DB_PASSWORD', 'password'],
    ['EMAIL_HOST_PASSWORD', 'password'],
    ['PASSWORD', 'password'],
    ['password1', 'password'],
    ['RABBITMQ_DEFAULT_PASS', 'password'],
    ['PGPASSWORD', 'password'],
    ['requirepass', 'password'],
    ['--password', 'password'],
    ['SOCIAL_AUTH_GITHUB_SECRET', 'secret'],
    ['client_secret', 'secret'],
    ['STRIPE_WEBHOOK_SECRET', 'secret'],
    ['SLACK_BOT_TOKEN', 'token'],
    ['_authToken', 'token'],
    ['npmAuthToken', 'token'],
    ['X-Auth-Token', 'token'],
    ['OPENAI_API_KEY', 'api-key'],
    ['apiKey', 'api-key'],
    ['X-Api-Key', 'api-key'],
    ['AWS_SECRET_ACCESS_KEY', 'api-key'],
    ['AccountKey', 'api-key'],
    ['NEW_RELIC_LICENSE_KEY', 'api-key'],
    ['SIGNING_KEY', 'signing-key'],
    ['FIELD_ENCRYPTION_KEY', 'signing-key'],
    ['FERNET_KEYS', 'signing-key'],
    ['HASHIDS_SALT', 'signing-key'],
    ['RECAPTCHA_PRIVATE_KEY', 'signing-key']
  ])('%s → %s', (key, kind) => {
    expect(namedKind(key)).toBe(kind)
  })

  it.each(['CSRF_COOKIE_NAME', 'PASSWORD_RESET_TIMEOUT', 'AUTH_PASSWORD_VALIDATORS', 'PASSWORD_HASHERS', 'SECRET_KEY_FILE', 'ACCESS_TOKEN_LIFETIME', 'TOKEN_URL', 'token_uri', 'API_KEY_CUSTOM_HEADER', 'API_KEY_ID', 'private_key_id', 'secretName', 'hashed_token', 'token_hash', 'STRIPE_PUBLISHABLE_KEY', 'RECAPTCHA_PUBLIC_KEY', 'GOOGLE_RECAPTCHA_SITE_KEY', 'ALGOLIA_SEARCH_API_KEY', 'passwordConfirm', 'password_mismatch', 'OIDC_OP_TOKEN_ENDPOINT', 'CACHE_KEY', 'key', 'name', 'x'.repeat(200)])('%s is not a secret name', (key) => {
    expect(namedKind(key)).toBeUndefined()
  })
})

describe('isPlaceholder', () => {
  it.each(['', 'changeme', 'CHANGE_ME', 'your-secret-key-here', '<your-secret-key>', 'xxx', 'xxxxxxxxxxxx', '********', '${SECRET_KEY}', '$SECRET_KEY', '${{ secrets.X }}', '{{ vault_db_password }}', '{password}', '{self.token}', '%(DB_PASSWORD)s', '%s', '$(cat /run/secrets/db)', 'ENC[AES256_GCM,data:abc,type:str]', '/run/secrets/db_password', './keys/jwt.pem', 'https://example.com/token', 'aaaaaaaa', 'abcdefgh', '0123456789abcdef', 'null', '~', 'sk-...'])('%s', (v) => {
    expect(isPlaceholder(v)).toBe(true)
  })

  it.each([KEY, `django-insecure-${KEY}`.slice(16), 'Xk9vQ2mW7pLs4Rt8', '/eB4+kQ9zLm2Xv7Wn1Rp5Ts8Yu3Io6Pa0Sd4Fg7Hj2', '$x!k2@9q#m4z8^w1', '%(ab!k2@9q#m4z8^w1'])('%s is not one', (v) => {
    expect(isPlaceholder(v)).toBe(false)
  })
})

describe('isDummy', () => {
  it.each(['testpass123', 'password123', 'P@ssw0rd!', 'Passw0rd', 'defaultpassword', 'wrong-password', 'mock-access-token', 'test-api-key', 'fake-api-key', 'not-so-secret', 'admin123', 'jwt-secret', '!!!SET DJANGO_SECRET_KEY!!!', 'please-change-this-in-production'])('%s', (v) => {
    expect(isDummy(v)).toBe(true)
  })

  it.each(['Cobalt-lantern49*', 'Maple.orbit7731!', KEY, 'Xk9vQ2mW7pLs4Rt8', 'hunter', 'x'.repeat(100)])('%s is not one', (v) => {
    expect(isDummy(v)).toBe(false)
  })
})

describe('isPasswordHash', () => {
  it.each(['pbkdf2_sha256$870000$Qm4kZ2xV9pLs$nW3eR5tY7uI9oP1aS3dF5gH7jK9=', 'argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA', 'bcrypt_sha256$$2b$12$abc', 'md5$salt$0123456789abcdef0123456789abcdef', '$2y$10$abcdefghijklmnopqrstuv', '$argon2id$v=19$m=65536', '{SSHA}abcdef==', `!${'A1b2C3d4E5'.repeat(4)}`])('%s', (v) => {
    expect(isPasswordHash(v)).toBe(true)
  })

  it('does not take a password that starts with ! for the unusable-password marker', () => {
    expect(isPasswordHash('!Xk9vQ2mW7pLs')).toBe(false)
  })
})

describe('isProse and isWords', () => {
  it('recognises labels and sentences in any language, but not Google app passwords', () => {
    expect(isProse('Mot de passe')).toBe(true)
    expect(isProse('¿Olvidaste tu contraseña?')).toBe(true)
    expect(isProse('Token de acceso')).toBe(true)
    expect(isProse('abcd efgh ijkl mnop')).toBe(false)
    expect(isProse('Xk9v Q2mW')).toBe(false)
    expect(isProse('single')).toBe(false)
  })

  it('recognises a name made of words', () => {
    expect(isWords('integration')).toBe(true)
    expect(isWords('local-dev-key')).toBe(true)
    expect(isWords('hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh')).toBe(false)
    expect(isWords('Xk9vQ2mW')).toBe(false)
  })
})

describe('isKnownExample', () => {
  it('knows the values published in provider documentation', () => {
    expect(isKnownExample('AKIAIOSFODNN7EXAMPLE')).toBe(true)
    expect(isKnownExample('sk_test_4eC39HqLyjWDarjtT1zdp7dc')).toBe(true)
    expect(isKnownExample('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')).toBe(true)
    expect(isKnownExample('sk_test_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')).toBe(false)
  })
})

describe('entropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(entropy('aaaa')).toBe(0)
    expect(entropy('abcd')).toBe(2)
  })
})

describe('looksLikeCredential', () => {
  it('accepts generated keys and real-looking passwords', () => {
    expect(looksLikeCredential('django-secret-key', KEY, { quoted: true })).toBe(true)
    expect(looksLikeCredential('password', 'Cobalt-lantern49*', { quoted: true })).toBe(true)
    expect(looksLikeCredential('token', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh', { quoted: true })).toBe(true)
    expect(looksLikeCredential('django-secret-key', 'si(c%fz_7xd0gr8j=a98+evn90tz^3a6', { quoted: false })).toBe(true)
  })

  it('rejects placeholders, dummies, hashes, prose, words, names, code and short values', () => {
    const no: [Parameters<typeof looksLikeCredential>[0], string, boolean][] = [
      ['django-secret-key', 'changeme', true],
      ['django-secret-key', 'integration', true],
      ['django-secret-key', '!!!SET DJANGO_SECRET_KEY!!!', true],
      ['password', 'testpass123', true],
      ['password', 'pass', true],
      ['password', 'pbkdf2_sha256$870000$salt$hash', true],
      ['password', 'Mot de passe', true],
      ['password', 'DB_PASSWORD', true],
      ['password', 'process.env.DB_PASSWORD', false],
      ['api-key', 'settings.STRIPE_SECRET_KEY', false],
      ['api-key', 'get_key(name)', false],
      ['token', 'whsec_test', true],
      ['token', '-----BEGIN PRIVATE KEY-----\\n<your key here>', true],
      ['secret', 'django.contrib.auth.hashers.Argon2PasswordHasher', true]
    ]
    for (const [kind, value, quoted] of no) expect([kind, value, looksLikeCredential(kind, value, { quoted })]).toEqual([kind, value, false])
  })

  it('rejects a value that names its own key', () => {
    expect(looksLikeCredential('api-key', 'YOUR_MAILGUN_API_KEY_GOES_HERE', { quoted: true, key: 'MAILGUN_API_KEY' })).toBe(false)
  })
})

describe('what real code holds under secret names', () => {
  it.each(['UNDEFINED', 'not-real-password-123', 'registry_password', 'db-secret', 'tiger', 'something', 'will_be_replaced', 'asdfasdfasdf', '$$REDIS_PASSWORD', '"$REDIS_PASSWORD"', 'abcabcabcabc', '012345678901234567890123456789', '0123456789abcdef0123456789abcdef01234567', 'user-guide/platform-functionality/secret.md'])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true)
  })

  it('rejects values public by design, structure, code fields, templates and salts named after a purpose', () => {
    expect(looksLikeCredential('token', 'pk.eyJ1Ijoic2hvcCIsImEiOiJjbGZ4N2QxYjAwMDF6M3BwbmZ0ZzVwZ3ZkIn0.-g_vE53SD2WrJ6tFX7QHmA', { quoted: true })).toBe(false)
    expect(looksLikeCredential('api-key', 'pk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3rFj', { quoted: true })).toBe(false)
    expect(looksLikeCredential('api-key', '6LcT8aUUAAAAAJx2Hq9bKf3mN7pR4sV1wY6zC0eD', { quoted: true, key: 'RECAPTCHA_API_KEY' })).toBe(false)
    expect(looksLikeCredential('signing-key', '6LcT8aUUAAAAAJx2Hq9bKf3mN7pR4sV1wY6zC0eD', { quoted: true, key: 'RECAPTCHA_PRIVATE_KEY' })).toBe(true)
    expect(looksLikeCredential('secret', '{"value":"mV1b4nP7BC1G4pY9wlo3IWArn3a5y7w9","salt":"QN6A8ckQ0o02"}', { quoted: true })).toBe(false)
    expect(looksLikeCredential('password', 'mail_settings', { quoted: true, key: 'smtp_password', code: true })).toBe(false)
    expect(looksLikeCredential('token', 'Bearer-{self.token}-x9Qz7', { quoted: true, template: true })).toBe(false)
    expect(looksLikeCredential('signing-key', 'shop-orders-v2', { quoted: true, key: 'HASHIDS_SALT' })).toBe(false)
  })

  it('accepts short passwords and 12-character hex API keys', () => {
    expect(looksLikeCredential('password', 'k9#x', { quoted: true })).toBe(true)
    expect(looksLikeCredential('api-key', 'a4c9e14a9c0e', { quoted: true })).toBe(true)
    expect(looksLikeCredential('api-key', 'deadbeefcafe', { quoted: true })).toBe(false)
  })

  it('keeps nginx upstreams and cache and lock names out of secret names', () => {
    expect(['uwsgi_pass', 'proxy_pass', 'SECRET_CACHE_KEY', 'TOKEN_REFRESH_LOCK'].map(namedKind)).toEqual([undefined, undefined, undefined, undefined])
  })
})

describe('names and values of real code that look like passwords', () => {
  it('does not take passwordless options, short numbers or shell arguments for passwords', () => {
    expect(namedKind('webAuthnPolicyPasswordlessSignatureAlgorithms')).toBeUndefined()
    expect(looksLikeCredential('password', '5020', { quoted: true, key: 'INVALID_PASSWORD' })).toBe(false)
    expect(isPlaceholder('"$2"')).toBe(true)
  })
})

describe('placeholders of real deploy files', () => {
  it('reads "thisisapassword" as words', () => {
    expect(looksLikeCredential('password', 'thisisapassword', { quoted: true })).toBe(false)
  })
})
