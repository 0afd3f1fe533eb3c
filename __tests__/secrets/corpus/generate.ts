// Deterministic generators for the secrets corpus: a seeded PRNG and the shapes real credentials
// have (Django keys from get_random_secret_key's alphabet, provider tokens, JWTs, PEM blocks…).
// Nothing here is a real credential: every value is drawn from the PRNG below.

/** mulberry32: a small, fast, seeded PRNG; the same seed always gives the same corpus. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Django's `get_random_secret_key()` alphabet (django/core/management/utils.py). */
export const DJANGO_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)'
export const LOWER = 'abcdefghijklmnopqrstuvwxyz'
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const DIGITS = '0123456789'
export const ALNUM = LOWER + UPPER + DIGITS
export const HEX = '0123456789abcdef'
export const B64 = ALNUM + '+/'
export const B64URL = ALNUM + '-_'
/** AWS access key ids are base32 after the 4-letter prefix. */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
/** What password managers draw from when symbols are allowed (no quotes, spaces or backslashes). */
export const PASSWORD_CHARS = ALNUM + '!@#%^&*-_=+.?'
/** Characters safe inside a URL's userinfo without percent-encoding. */
export const URL_SAFE = ALNUM + '-_.~'

/** Neutral words for human-made passwords and passphrases (none of them a placeholder word). */
const WORDS = ['maple', 'orbit', 'canyon', 'falcon', 'harbor', 'violet', 'pepper', 'quartz', 'ember', 'willow', 'cobalt', 'summit', 'lantern', 'meadow', 'saffron', 'tundra', 'juniper', 'marble', 'raven', 'copper', 'glacier', 'thistle', 'paprika', 'walrus', 'nebula', 'basalt', 'cricket', 'mango', 'pelican', 'sequoia']

export class Gen {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }
  str(alphabet: string, n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)]
    return s
  }
  /** A string that has at least one upper, one lower and one digit, as real random tokens of this length do. */
  token(alphabet: string, n: number): string {
    for (;;) {
      const s = this.str(alphabet, n)
      if (/[A-Z]/.test(s) === /[A-Z]/.test(alphabet) && /[a-z]/.test(s) === /[a-z]/.test(alphabet) && /\d/.test(s) === /\d/.test(alphabet)) return s
    }
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n)
    for (let i = 0; i < n; i++) b[i] = this.int(256)
    return b
  }
  word(): string {
    return this.pick(WORDS)
  }
  uuid(): string {
    const h = this.str(HEX, 32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${this.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
  sha1(): string {
    return this.str(HEX, 40)
  }
}

export type DjangoKeyStyle = 'startproject' | 'insecure' | 'urlsafe' | 'hex' | 'ascii64' | 'base64'

/**
 * A Django SECRET_KEY as people generate them: `get_random_secret_key()` (50 chars with `!@#$%^&*(-_=+)`),
 * the `django-insecure-` form startproject writes, `secrets.token_urlsafe(50)`, `openssl rand -hex 32`,
 * cookiecutter-django's `random_ascii_string(64)`, `openssl rand -base64 48`.
 */
export function djangoKey(g: Gen, style: DjangoKeyStyle): string {
  switch (style) {
    case 'startproject':
      return g.str(DJANGO_CHARS, 50)
    case 'insecure':
      return `django-insecure-${g.str(DJANGO_CHARS, 50)}`
    case 'urlsafe':
      return g.bytes(50).toString('base64url')
    case 'hex':
      return g.str(HEX, 64)
    case 'ascii64':
      return g.token(ALNUM, 64)
    case 'base64':
      return g.bytes(48).toString('base64')
  }
}

export type PasswordStyle = 'manager' | 'alnum' | 'human' | 'passphrase'

/** A password: password-manager output, a long alphanumeric one, a human one (Word+digits+symbol), a passphrase. */
export function password(g: Gen, style: PasswordStyle): string {
  switch (style) {
    case 'manager':
      return g.token(PASSWORD_CHARS, g.between(16, 28))
    case 'alnum':
      return g.token(ALNUM, g.between(20, 32))
    case 'human': {
      const w = g.word()
      return `${w[0].toUpperCase()}${w.slice(1)}${g.pick(['', '.', '-'])}${g.word()}${g.str(DIGITS, g.between(2, 4))}${g.pick(['!', '#', '?', '*', '%'])}`
    }
    case 'passphrase':
      return `${g.word()}-${g.word()}-${g.word()}-${g.str(DIGITS, 2)}`
  }
}

/** A password that can stand in a URL's userinfo without encoding (or with its symbols percent-encoded). */
export function urlPassword(g: Gen, encoded = false): string {
  if (!encoded) return g.token(URL_SAFE, g.between(16, 32))
  const raw = g.token(ALNUM, g.between(14, 24))
  const at = g.between(3, raw.length - 3)
  return `${raw.slice(0, at)}${g.pick(['%21', '%40', '%23', '%24', '%2F'])}${raw.slice(at)}`
}

export const awsKeyId = (g: Gen, prefix: 'AKIA' | 'ASIA' = 'AKIA'): string => prefix + g.str(BASE32, 16)
export const awsSecret = (g: Gen): string => g.token(B64, 40)
export const githubToken = (g: Gen, prefix: 'ghp' | 'gho' | 'ghs' | 'ghu' | 'ghr'): string => `${prefix}_${g.token(ALNUM, 36)}`
export const githubPat = (g: Gen): string => `github_pat_11${g.str(BASE32.slice(0, 26) + DIGITS, 20)}_${g.token(ALNUM, 59)}`
export const stripeKey = (g: Gen, prefix: 'sk_live' | 'rk_live' | 'sk_test', long = true): string => `${prefix}_${long ? '51' + g.token(ALNUM, 97) : g.token(ALNUM, 24)}`
export const slackToken = (g: Gen, prefix: 'xoxb' | 'xoxp' | 'xapp'): string =>
  prefix === 'xoxb'
    ? `xoxb-${g.str(DIGITS, 12)}-${g.str(DIGITS, 13)}-${g.token(ALNUM, 24)}`
    : prefix === 'xoxp'
      ? `xoxp-${g.str(DIGITS, 12)}-${g.str(DIGITS, 12)}-${g.str(DIGITS, 13)}-${g.str(HEX, 32)}`
      : `xapp-1-A${g.str(BASE32.slice(0, 26) + DIGITS, 10)}-${g.str(DIGITS, 13)}-${g.str(HEX, 64)}`
export const slackWebhook = (g: Gen): string => `https://hooks.slack.com/services/T${g.str(UPPER + DIGITS, 8)}/B${g.str(UPPER + DIGITS, 10)}/${g.token(ALNUM, 24)}`
export const sendgridKey = (g: Gen): string => `SG.${g.token(B64URL, 22)}.${g.token(B64URL, 43)}`
export const googleApiKey = (g: Gen): string => `AIza${g.token(B64URL, 35)}`

const b64url = (s: string): string => Buffer.from(s).toString('base64url')

/** A signed JWT: real header and payload JSON, a random signature of the algorithm's length. */
export function jwt(g: Gen, alg: 'HS256' | 'RS256' = 'HS256', claims?: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg, typ: 'JWT' }))
  const payload = b64url(JSON.stringify(claims ?? { token_type: 'access', exp: 1767225600 + g.int(1e7), iat: 1767139200 + g.int(1e6), jti: g.str(HEX, 32), user_id: g.between(1, 99999) }))
  const sig = g.bytes(alg === 'HS256' ? 32 : 256).toString('base64url')
  return `${header}.${payload}.${sig}`
}

export type PemType = 'RSA' | 'EC' | 'OPENSSH' | 'PKCS8' | 'ENCRYPTED' | 'PGP'

export function pemHeader(type: PemType): string {
  if (type === 'PGP') return '-----BEGIN PGP PRIVATE KEY BLOCK-----'
  const word = type === 'PKCS8' ? '' : `${type} `
  return `-----BEGIN ${word}PRIVATE KEY-----`
}

/** A private key block (random base64 body, 64-char lines), with its BEGIN/END lines. */
export function privateKeyBlock(g: Gen, type: PemType, bodyBytes = 600): string {
  const header = pemHeader(type)
  const footer = header.replace('BEGIN', 'END')
  const body = g.bytes(bodyBytes).toString('base64')
  const lines: string[] = []
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64))
  const armor = type === 'PGP' ? ['Version: GnuPG v2', ''] : []
  return [header, ...armor, ...lines, footer].join('\n')
}

/** A public PEM block (not a secret). */
export function publicBlock(g: Gen, label: 'PUBLIC KEY' | 'CERTIFICATE' | 'RSA PUBLIC KEY', bodyBytes = 294): string {
  const body = g.bytes(bodyBytes).toString('base64')
  const lines: string[] = []
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64))
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n')
}

/** A YAML plain scalar if that is valid for the value, else a double-quoted one (what a person writing YAML does). */
export function yamlScalar(v: string): string {
  const plain = /^[A-Za-z0-9]/.test(v) && !v.includes(': ') && !v.includes(' #') && !v.endsWith(':')
  return plain ? v : `"${v}"`
}

/** Docker Compose interpolates `$`; a literal dollar is written `$$`. */
export const composeEscape = (v: string): string => v.replaceAll('$', '$$$$')
/** ConfigParser (python-decouple's settings.ini) interpolates `%`; a literal percent is written `%%`. */
export const iniEscape = (v: string): string => v.replaceAll('%', '%%')
