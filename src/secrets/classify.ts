// What a name says about its value, and what a value says about itself: placeholders, references
// to somewhere else, example data, and how random it looks.

export type NamedKind = 'django-secret-key' | 'password' | 'secret' | 'token' | 'api-key' | 'signing-key'

// Names that mention a secret word but hold configuration about it.
const NOT_SECRET_SUFFIXES = ['_FILE', '_PATH', '_URL', '_URI', '_NAME', '_HEADER', '_FIELD', '_LENGTH', '_AGE', '_EXPIRY', '_EXPIRES', '_EXPIRATION', '_LIFETIME', '_TTL', '_ENV', '_VAR', '_TYPE', '_BACKEND', '_CLASS', '_CLASSES', '_VALIDATORS', '_HASHERS', '_REGEX', '_PATTERN', '_ALGORITHM', '_PREFIX', '_TIMEOUT', '_SIZE', '_COUNT', '_POLICY', '_ID', '_KEY_ID', '_MODE', '_ENABLED', '_REQUIRED', '_ROTATION', '_FORMAT', '_LOCATION', '_DIR', '_CHANGE', '_RESET', '_MIN', '_MAX', '_FALLBACKS']

/** Classifies a key by its name (`DB_PASSWORD`, `stripeSecret`, `"api-key"`…), or undefined. */
export function namedKind(rawKey: string): NamedKind | undefined {
  // camelCase and dashes to SNAKE: apiKey → API_KEY
  const key = rawKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.\s]/g, '_').toUpperCase()
  if (NOT_SECRET_SUFFIXES.some((s) => key.endsWith(s))) return undefined
  if (key === 'SECRET_KEY' || key.endsWith('_SECRET_KEY') && key.startsWith('DJANGO')) return 'django-secret-key'
  if (/(^|_)(PASSWORD|PASSWD|PWD|PASS|PASSPHRASE)$/.test(key) || key.includes('PASSWORD')) return key.includes('PASSWORD_') && !key.endsWith('PASSWORD') ? undefined : 'password'
  if (key.endsWith('SIGNING_KEY') || key.endsWith('PRIVATE_KEY') || key.endsWith('ENCRYPTION_KEY') || key.endsWith('HMAC_KEY') || key.endsWith('SALT')) return 'signing-key'
  if (/(^|_)(API_?KEY|ACCESS_KEY|APP_KEY|MASTER_KEY|LICENSE_KEY|AUTH_KEY|CLIENT_KEY)$/.test(key) || key.endsWith('APIKEY')) return 'api-key'
  if (key.includes('SECRET')) return 'secret'
  if (/(^|_)(TOKEN|AUTH_TOKEN|ACCESS_TOKEN|REFRESH_TOKEN|BEARER)$/.test(key)) return 'token'
  return undefined
}

const PLACEHOLDER_WORDS = ['changeme', 'change_me', 'change-me', 'changethis', 'replaceme', 'replace_me', 'replace-me', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'notsecret', 'not-secret', 'not_secret', 'not-a-secret', 'not_a_secret', 'insecure', 'your_', 'your-', 'yourpassword', 'yoursecret', 'xxxx', '****', 'redacted', 'todo', 'fixme', 'secret_here', 'key_here', 'password_here', 'mysecret', 'mypassword', 'supersecret', 'lorem', 'development-only', 'dev-only', 'test-only', 'testing-only', 'tests-only', 'local-only', 'not-for-prod', 'for-testing', 'insecure-']
const PLACEHOLDER_VALUES = new Set(['password', 'passwd', 'secret', 'token', 'test', 'testing', 'dev', 'development', 'local', 'admin', 'root', 'postgres', 'mysql', 'django', 'user', 'guest', 'default', 'none', 'null', 'nil', 'true', 'false', 'empty', 'pass', 'qwerty', '123456', '12345678', 'letmein', 'abc123', 'secretkey', 'secret_key', 'apikey', 'api_key', 'key', 'value', 'string', 'str', 'foo', 'bar', 'foobar', 'baz', 'hunter2'])

/** A value that is not a secret: a placeholder, a reference to another source, a template variable. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim()
  if (v.length === 0) return true
  const lower = v.toLowerCase()
  if (PLACEHOLDER_VALUES.has(lower)) return true
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true
  if (v.startsWith('<') && v.endsWith('>')) return true
  // references: $VAR, ${VAR}, ${{ secrets.X }}, {{ var }}, %(var)s, %VAR%, @VAR@, <VAR>
  if (v.startsWith('$') || v.includes('${') || v.includes('{{') || v.includes('%(') || /^%[A-Z_]+%$/.test(v) || /^@[A-Za-z_]+@$/.test(v)) return true
  if (lower.startsWith('os.environ') || lower.startsWith('env(') || lower.startsWith('vault:') || lower.startsWith('ref+') || lower.startsWith('arn:aws:') || lower.startsWith('projects/') || lower.startsWith('secretsmanager:')) return true
  // file paths (/run/secrets/db, ./key.pem) and URLs without credentials hold no secret themselves
  if ((v.startsWith('/') || v.startsWith('./') || v.startsWith('~/')) && !v.includes(' ')) return true
  if (/^https?:\/\/[^@\s]*$/.test(v)) return true
  // one repeated character, or a plain run like abcdef / 123456
  if (new Set(v).size <= 2) return true
  if (isSequential(lower)) return true
  return false
}

function isSequential(s: string): boolean {
  if (s.length < 4) return false
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== 1) return false
  return true
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

/** Whether a value stored under a secret-sounding name looks like a real credential. */
export function looksLikeCredential(kind: NamedKind, value: string): boolean {
  if (isPlaceholder(value)) return false
  const v = value.trim()
  // code, not a literal: a function call, an attribute chain, a variable name
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\(.*\))?$/.test(v) && !/\d/.test(v) && v.length < 40 && kind !== 'password') return false
  if (kind === 'password') return v.length >= 6 && !/^[A-Za-z_]+\.[A-Za-z_.]+$/.test(v)
  if (kind === 'django-secret-key') return v.length >= 8
  // tokens, API keys, secrets: long and random-looking
  return v.length >= 12 && entropy(v) >= 3
}
