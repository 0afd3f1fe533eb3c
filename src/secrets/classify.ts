// What a name says about its value, and what a value says about itself: placeholders, references
// to somewhere else, dummy and example data, password hashes, prose, and how random it looks.
// Every check is a bounded scan or an anchored regular expression without nested quantifiers.

export type NamedKind = 'django-secret-key' | 'password' | 'secret' | 'token' | 'api-key' | 'signing-key'

// Names that mention a secret word but hold configuration about it.
const NOT_SECRET_SUFFIXES = ['_FILE', '_PATH', '_URL', '_URI', '_NAME', '_HEADER', '_FIELD', '_LENGTH', '_AGE', '_EXPIRY', '_EXPIRES', '_EXPIRATION', '_LIFETIME', '_TTL', '_ENV', '_VAR', '_TYPE', '_BACKEND', '_CLASS', '_CLASSES', '_VALIDATORS', '_HASHERS', '_REGEX', '_PATTERN', '_ALGORITHM', '_PREFIX', '_TIMEOUT', '_SIZE', '_COUNT', '_POLICY', '_ID', '_KEY_ID', '_MODE', '_ENABLED', '_REQUIRED', '_ROTATION', '_FORMAT', '_LOCATION', '_DIR', '_CHANGE', '_RESET', '_MIN', '_MAX', '_HASH', '_CHECKSUM', '_ENDPOINT', '_SECONDS', '_MINUTES', '_HOURS', '_DAYS', '_REGION', '_VERSION', '_CACHE', '_CACHE_KEY', '_LOCK', '_LOCK_KEY']

/** CamelCase, dashes and dots to SNAKE: apiKey → API_KEY, x-api-key → X_API_KEY. */
function snake(rawKey: string): string {
  let out = ''
  for (let i = 0; i < rawKey.length && i < 128; i++) {
    const c = rawKey[i]
    const prev = rawKey[i - 1]
    if (c >= 'A' && c <= 'Z' && prev !== undefined && ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'))) out += '_'
    out += c === '-' || c === '.' || c === ' ' || c === '\t' || c === ':' ? '_' : c
  }
  return out.toUpperCase()
}

/**
 * Every kind below needs one of these words in the name (snake() only inserts and replaces
 * separators, so the words are in the raw name too): most names are ruled out by this alone.
 */
const SECRET_WORDS = /pass|pwd|masterauth|key|salt|secret|token|bearer/i

/** Classifies a key by its name (`DB_PASSWORD`, `stripeSecret`, `"api-key"`, `settings.SECRET_KEY`…), or undefined. */
export function namedKind(rawKey: string): NamedKind | undefined {
  if (rawKey.length > 128 || !SECRET_WORDS.test(rawKey)) return undefined
  // settings.SECRET_KEY, self.api_key, spring.datasource.password: the last segment names it
  const dot = rawKey.lastIndexOf('.')
  if (dot > 0 && dot < rawKey.length - 1) {
    const last = kindOfSnake(snake(rawKey.slice(dot + 1)))
    if (last) return last
  }
  return kindOfSnake(snake(rawKey))
}

function kindOfSnake(key: string): NamedKind | undefined {
  if (NOT_SECRET_SUFFIXES.some((s) => key.endsWith(s)) || key.startsWith('HASHED_') || key.startsWith('HASH_')) return undefined
  // nginx proxy_pass / uwsgi_pass / fastcgi_pass: where requests go, not a password
  if (/^(PROXY|UWSGI|FASTCGI|SCGI|GRPC|MEMCACHED)_PASS$/.test(key)) return undefined
  // public by design: publishable/public keys, search-only keys (Algolia, Meilisearch), reCAPTCHA site keys
  if (/(^|_)(PUBLIC|PUBLISHABLE|SITE)_/.test(key) || /(^|_)SEARCH(_ONLY)?(_API)?_KEY$/.test(key)) return undefined
  if (key === 'SECRET_KEY' || key === 'SECRET_KEY_FALLBACKS' || (key.endsWith('_SECRET_KEY') && key.startsWith('DJANGO'))) return 'django-secret-key'
  // PASSWORD, DB_PASSWORD1, PGPASSWORD; not PASSWORDLESS_…, PASSWORD_RESET_…
  if (/(^|_)(PASSWORD|PASSWD|PWD|PASS|PASSPHRASE|REQUIREPASS|MASTERAUTH)$/.test(key) || /PASSWORD(?![A-Z])/.test(key)) return key.includes('PASSWORD_') && !key.endsWith('PASSWORD') ? undefined : 'password'
  if (/(SIGNING|PRIVATE|ENCRYPTION|HMAC|FERNET)_KEYS?$/.test(key) || key.endsWith('SALT')) return 'signing-key'
  if (/(^|_)(API_?KEY|ACCESS_KEY|APP_KEY|MASTER_KEY|LICENSE_KEY|AUTH_KEY|CLIENT_KEY|ACCOUNT_KEY|SHARED_ACCESS_KEY)$/.test(key) || key.endsWith('APIKEY')) return 'api-key'
  if (key.includes('SECRET')) return 'secret'
  if (/(^|_)(TOKEN|BEARER)$/.test(key)) return 'token'
  return undefined
}

const PLACEHOLDER_WORDS = ['changeme', 'change_me', 'change-me', 'changethis', 'replaceme', 'replace_me', 'replace-me', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'notsecret', 'not-secret', 'not_secret', 'not-a-secret', 'not_a_secret', 'insecure', 'your_', 'your-', 'yourpassword', 'yoursecret', 'xxxx', '****', '...', 'redacted', 'todo', 'fixme', 'secret_here', 'key_here', 'password_here', 'mysecret', 'mypassword', 'supersecret', 'lorem', 'development-only', 'dev-only', 'test-only', 'testing-only', 'tests-only', 'local-only', 'not-for-prod', 'for-testing', 'generate', '…', 'not_real', 'not-real', 'notreal', 'will_be_replaced', 'to_be_replaced', 'asdf', 'qwer', 'zxcv', 'azerty']
const PLACEHOLDER_VALUES = new Set(['password', 'passwd', 'secret', 'token', 'test', 'testing', 'dev', 'development', 'local', 'admin', 'root', 'postgres', 'mysql', 'django', 'user', 'guest', 'default', 'none', 'null', 'nil', 'true', 'false', 'yes', 'no', 'empty', 'pass', 'qwerty', '123456', '12345678', 'letmein', 'abc123', 'secretkey', 'secret_key', 'apikey', 'api_key', 'key', 'value', 'string', 'str', 'foo', 'bar', 'foobar', 'baz', 'hunter2', '~', '...', '%s', '%d', '?', 'undefined', 'something', 'tiger'])

/** Public values published in provider documentation: never anyone's credential. */
const KNOWN_EXAMPLES = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'rk_test_4eC39HqLyjWDarjtT1zdp7dc', '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c']

/** A value that appears in provider documentation (Stripe's test key, jwt.io's token, AWS's EXAMPLE key…). */
export function isKnownExample(value: string): boolean {
  return KNOWN_EXAMPLES.some((e) => value.includes(e))
}

const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_'
const isIdentChar = (c: string): boolean => isIdentStart(c) || (c >= '0' && c <= '9')

/** `NAME`, `a.b.c`: identifiers separated by single dots. */
function isDottedIdentifier(v: string, minDots: number): boolean {
  let dots = 0
  let start = true
  for (let i = 0; i < v.length; i++) {
    const c = v[i]
    if (start) {
      if (!isIdentStart(c)) return false
      start = false
    } else if (c === '.') {
      dots++
      start = true
    } else if (!isIdentChar(c)) return false
  }
  return !start && dots >= minDots
}

/** The text inside matching quotes around it, or the text. */
const unquote = (v: string): string => (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v)

/** `${VAR}`, `{{ var }}`, `{name}` (str.format, f-strings), `%(name)s`, `%VAR%`, `@VAR@`, `$VAR`, `$(cmd)`. */
function isReference(value: string): boolean {
  // "$VAR" in a shell line keeps its quotes; `$$VAR` is compose's escape for a literal `$VAR`
  const v = unquote(value)
  if (v.includes('${') || v.includes('{{') || v.startsWith('$(') || v.startsWith('`')) return true
  let dollars = 0
  while (v[dollars] === '$' && dollars < 2) dollars++
  if (dollars && v.length > dollars && isDottedIdentifier(v.slice(dollars), 0)) return true
  // a shell script's arguments: "$1", "$@"
  if (/^\$(?:\d{1,2}|[@*])$/.test(v)) return true
  // {name} / {self.token} anywhere: a template, not the value
  for (let i = v.indexOf('{'); i >= 0 && i < v.length; i = v.indexOf('{', i + 1)) {
    const close = v.indexOf('}', i)
    if (close < 0) break
    if (close - i <= 64 && isDottedIdentifier(v.slice(i + 1, close), 0)) return true
  }
  if (/%\([A-Za-z_]\w{0,63}\)[sdr]/.test(v)) return true
  if (/^%[A-Za-z_]{1,64}%$/.test(v) || /^@[A-Za-z_]{1,64}@$/.test(v)) return true
  return false
}

/** `/run/secrets/db`, `./key.pem`, `~/.ssh/id_rsa`: a file path, not a value (a random base64 string that starts with '/' is not). */
function isPath(v: string): boolean {
  // docs/secret.md, user-guide/platform/token.md: a relative path to a file
  if (!(v.startsWith('/') || v.startsWith('./') || v.startsWith('~/') || v.startsWith('../')) && !/^[\w.-]{1,64}(?:\/[\w.-]{1,64}){1,16}\.[a-z]{1,5}$/.test(v)) return false
  const segments = v.split('/')
  if (segments.length < 3 && !v.includes('.')) return false // "/abc" alone: too little to call it a path
  for (const s of segments) {
    if (s.length > 64) return false
    for (const c of s) if (!(isIdentChar(c) || c === '.' || c === '-' || c === '~')) return false
    // a random token inside: mixed case and digits in one long segment
    if (s.length >= 16 && /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return false
  }
  return true
}

/** Encrypted at rest (sops, Ansible Vault, sealed secrets as text): safe to commit. */
function isEncrypted(v: string): boolean {
  return v.startsWith('ENC[') || v.startsWith('$ANSIBLE_VAULT') || v.startsWith('!vault') || v.startsWith('vault:') || v.startsWith('AQICAH') /* AWS KMS ciphertext blob */
}

/** A password hash (Django's `algorithm$iterations$salt$hash`, crypt `$2b$…`, LDAP `{SSHA}`), or Django's unusable-password marker. */
export function isPasswordHash(v: string): boolean {
  if (/^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$\$?[^\s$]{1,64}\$/.test(v)) return true
  if (/^\$(2[abxy]?|argon2(id|i|d)|5|6|1|apr1|y|7)\$/.test(v)) return true
  if (/^\{(SSHA|SHA|SSHA256|SSHA512|MD5|CRYPT|PBKDF2[-A-Z0-9]{0,12})\}/i.test(v)) return true
  // django.contrib.auth.hashers.UNUSABLE_PASSWORD_PREFIX + 40 random characters
  return v.length === 41 && v[0] === '!' && /^![A-Za-z0-9]{40}$/.test(v)
}

/** Words that dummy values are made of: `testpass123`, `wrong-password`, `mock-access-token`, `P@ssw0rd!`. */
const DUMMY_WORDS = new Set(
  'pass password passwd passphrase pwd secret secrets key keys token tokens api apikey access auth bearer test tests testing tester demo sample example dummy fake mock mocked stub default dev devel development local localhost prod production staging stage admin administrator root user username users guest django postgres postgresql mysql redis rabbit db database my your our the a an some very super really not so for only here there change changeme me this that it set insert replace put wrong bad invalid incorrect correct good right valid new old other another foo bar baz qux abc xyz qwerty letmein welcome hello world jwt client app application bot service web site signing encryption salt hash webhook session cookie csrf no none null empty blank temp tmp placeholder value string text random long short strong weak simple pw sk pk id private public build only ci in with of to use do please is'.split(' ')
)
const MAX_DUMMY_WORD = 14

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' }

/** A value made only of dictionary words about secrets and testing, plus digits and punctuation. */
export function isDummy(value: string): boolean {
  if (value.length > 64) return false
  // trailing and leading digits/punctuation are decoration: testpass123, !!!SET…!!!
  let s = value.toLowerCase()
  let a = 0
  let b = s.length
  while (a < b && !/[a-z@$]/.test(s[a])) a++
  while (b > a && !/[a-z]/.test(s[b - 1])) b--
  s = s.slice(a, b)
  let letters = ''
  for (const c of s) {
    if (c >= 'a' && c <= 'z') letters += c
    else if (LEET[c]) letters += LEET[c]
  }
  if (letters.length < 2) return false
  // word break over the dictionary: reach[i] = letters[0..i) splits into words
  const reach = new Array<boolean>(letters.length + 1).fill(false)
  reach[0] = true
  for (let i = 0; i < letters.length; i++) {
    if (!reach[i]) continue
    for (let n = 1; n <= MAX_DUMMY_WORD && i + n <= letters.length; n++) if (DUMMY_WORDS.has(letters.slice(i, i + n))) reach[i + n] = true
  }
  return reach[letters.length]
}

/** Natural-language text (a label or a sentence, in any language), not a credential: "Mot de passe", "Token de acceso". */
export function isProse(value: string): boolean {
  const words = value.trim().split(/\s+/)
  if (words.length < 2) return false
  // Google app passwords are four groups of four letters: "abcd efgh ijkl mnop"
  if (words.length === 4 && words.every((w) => /^[a-z]{4}$/.test(w))) return false
  return words.every((w) => w.length <= 64 && /^[¿¡("'«]?\p{L}[\p{L}'’-]{0,63}[.,:;!?)"»]{0,3}$/u.test(w))
}

/** A value that is not a secret: a placeholder, a reference to another source, a template variable, an encrypted value. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim()
  if (v.length === 0) return true
  const lower = v.toLowerCase()
  if (PLACEHOLDER_VALUES.has(lower)) return true
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true
  if (v.startsWith('<') && v.endsWith('>')) return true
  if (isReference(v) || isEncrypted(v)) return true
  if (lower.startsWith('os.environ') || lower.startsWith('env(') || lower.startsWith('ref+') || lower.startsWith('arn:aws:') || lower.startsWith('projects/') || lower.startsWith('secretsmanager:')) return true
  // file paths (/run/secrets/db, ./key.pem) and URLs without credentials hold no secret themselves
  if (isPath(v)) return true
  if (/^https?:\/\/[^@\s]{0,2048}$/.test(v)) return true
  // one repeated character, or a plain run like abcdef / 123456 / 0123456789abcdef
  if (new Set(v).size <= 2) return true
  if (isSequential(lower) || isRepeated(lower) || namesASecret(lower)) return true
  return false
}

/** abcabcabc, 0123456789abcdef0123456789abcdef: a shorter piece repeated (its smallest period, by KMP, fits twice). */
function isRepeated(s: string): boolean {
  if (s.length < 6) return false
  const fail = new Array<number>(s.length).fill(0)
  for (let i = 1, k = 0; i < s.length; i++) {
    while (k > 0 && s[i] !== s[k]) k = fail[k - 1]
    if (s[i] === s[k]) k++
    fail[i] = k
  }
  const period = s.length - fail[s.length - 1]
  return period * 2 <= s.length
}

const SECRET_PARTS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'key', 'apikey'])

/** registry_password, db-secret, api_key: words that name the secret instead of being one. */
function namesASecret(s: string): boolean {
  if (s.length > 64 || !/^[a-z]{1,32}(?:[_-][a-z]{1,32}){1,4}$/.test(s)) return false
  return s.split(/[_-]/).some((w) => SECRET_PARTS.has(w))
}

/** abcdef, 123456, 0123456789abcdef: ascending runs of at least four characters, at most two of them. */
function isSequential(s: string): boolean {
  if (s.length < 4) return false
  let runs = 1
  let run = 1
  for (let i = 1; i < s.length; i++) {
    if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1 || (s[i] === '0' && s[i - 1] === '9')) run++
    else {
      if (run < 4) return false
      runs++
      run = 1
    }
  }
  return run >= 4 && runs <= 2
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

/** DB_PASSWORD, DJANGO_SECRET_KEY: an environment variable or setting name. */
function isUpperSnake(v: string): boolean {
  if (v.length > 64 || !(v[0] >= 'A' && v[0] <= 'Z') || !v.includes('_') || v.endsWith('_') || v.includes('__')) return false
  for (const c of v) if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_')) return false
  return true
}

/** `integration`, `local-dev-key`, `Staging`, `MY_KEY`: one or a few words, not random characters. */
export function isWords(v: string): boolean {
  if (v.length >= 64 || /\d/.test(v)) return false
  const parts = v.split(/[-_. ]/)
  return parts.every((p) => p === '' || /^[A-Za-z][a-z]{0,30}$/.test(p) || /^[A-Z]{1,30}$/.test(p))
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** A value that may be shown masked: anything written, except a reference to where the value really is. */
export function isMaskable(value: string): boolean {
  return value.trim() !== '' && !isReference(value.trim())
}

/**
 * Public by design: Mapbox public tokens (`pk.eyJ…`), Stripe publishable keys (`pk_live_…`), and a
 * reCAPTCHA key (`6L…`, 40 characters) under a name that does not say secret or private: the site key.
 */
function isPublicByDesign(v: string, key: string | undefined): boolean {
  if (v.startsWith('pk.eyJ') || v.startsWith('pk_live_') || v.startsWith('pk_test_')) return true
  return v.length === 40 && v.startsWith('6L') && !/secret|private/i.test(key ?? '')
}

/** 1a2b3c4d5e6f: hexadecimal with letters and digits, how API keys of many services look (too short to seem random by entropy). */
const isHexKey = (v: string): boolean => /^[0-9a-f]{12,128}$/i.test(v) && /[a-f]/i.test(v) && /\d/.test(v)

/** `"smtp_password": "mail_settings"`: in code, a field name mapped to another name. */
const isFieldMapping = (key: string | undefined, v: string): boolean => key !== undefined && /^[a-z][a-z0-9_]{0,63}$/.test(key) && /^[a-z][a-z0-9]{0,31}(?:_[a-z0-9]{1,32}){1,6}$/.test(v)

export interface ValueContext {
  /** The value was a string literal (in code, an unquoted value is an expression). */
  quoted?: boolean
  /** The name it is stored under. */
  key?: string
  /** It was read from source code (Python, JavaScript…). */
  code?: boolean
  /** An f-string or template literal: `{…}` in it is code. */
  template?: boolean
}

/** Whether a value stored under a secret-sounding name looks like a real credential. */
export function looksLikeCredential(kind: NamedKind, value: string, options: ValueContext = {}): boolean {
  const v = value.trim()
  // a PEM block is judged by its header and body (formats.ts), whatever it is stored under
  if (v.includes('-----BEGIN ')) return false
  if (v.length > 4096 || isPlaceholder(v) || isKnownExample(v) || isPasswordHash(v) || isProse(v) || isDummy(v)) return false
  if ((options.template && v.includes('{')) || isPublicByDesign(v, options.key)) return false
  // structure, not a value: a JSON object or list serialised into a string
  if ((v[0] === '{' && v.endsWith('}')) || (v[0] === '[' && v.endsWith(']'))) return false
  // the value names its own setting: "!!!SET DJANGO_SECRET_KEY!!!", "YOUR_API_TOKEN"
  if (options.key) {
    const k = squash(options.key)
    if (k.length >= 6 && squash(v).includes(k)) return false
  }
  // a setting or module name, not a value: DB_PASSWORD, django.contrib.auth.hashers.X
  if (isUpperSnake(v) || isDottedIdentifier(v, 2)) return false
  // code, not a literal: an attribute chain or a call (only where the value was not quoted)
  if (!options.quoted && (isDottedIdentifier(v, 1) || /^[A-Za-z_][\w.]{0,100}\([^()]{0,200}\)$/.test(v))) return false
  if (options.code && isFieldMapping(options.key, v)) return false
  // short secrets count: a four-character password is a password; a short number is a code or a port
  if (kind === 'password') return v.length >= 4 && !/^\d{1,7}$/.test(v)
  // a word or two ("integration", "local-dev-key") is a name for a key, not a generated one
  if (isWords(v)) return false
  // a salt named like a purpose ("orders-v2", "email-verification") namespaces a hash; only a random one is a secret
  if (options.key && /salt$/i.test(options.key) && isWords(v.replace(/\d/g, ''))) return false
  if (kind === 'django-secret-key') return v.length >= 4
  // tokens, API keys, secrets, signing keys: long and random-looking
  return v.length >= 12 && (entropy(v) >= 3 || isHexKey(v))
}
