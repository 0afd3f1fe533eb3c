// Finds committed credentials in one text file: self-identifying formats anywhere, and values
// stored under secret-sounding names in any key/value syntax. Pure and linear in the input size.
import { isDummy, isKnownExample, isMaskable, isPlaceholder, looksLikeCredential, namedKind, type NamedKind } from './classify.js'
import { csvHeader, csvPairs } from './csv.js'
import { refusedValues } from './denylist.js'
import { URL_CREDENTIALS, formatMatches, type FormatMatch, type Following } from './formats.js'
import { continueCarry, finishCarry, openCarry, type Carry } from './carry.js'
import { pairsOfLine, partAt, type LineSyntax, type Pair, type Part } from './pairs.js'
import { quotedStrings, rawColumn } from './quotes.js'
import { indexLines } from './triggers.js'

/** Where (part of) a secret is written in its file: line (1-based), columns [start, end) of that line. */
export interface Span {
  line: number
  start: number
  end: number
}

export interface SecretHit {
  kind: string
  /** What it is, for a message: "GitHub token", "password stored in DB_PASSWORD". */
  label: string
  line: number
  /** 0-based column of the value. */
  column: number
  value: string
  key?: string
  /** For a value on a line after its name (`SECRET_KEY = env(` … `default="…"`): the line of the name. */
  keyLine?: number
  /** A test-mode key (Stripe sk_test_…): real, but limited. */
  testKey?: boolean
  /** Tells this secret from others with the same `value` (a private key: the start of its body). Never shown. */
  distinct?: string
  /** Every piece of the file the secret is written in: escapes, concatenated parts, a whole key block. */
  spans: Span[]
  /** A value under a secret name that is no credential to report (a placeholder, a short word), found for masking only. */
  belowThreshold?: boolean
}

export interface DetectOptions {
  /** Only these (1-based) lines are reported, e.g. the added lines of a diff. */
  lines?: ReadonlySet<number>
  /** Also every value stored under a secret name, and documentation examples, as `belowThreshold` hits: what masking needs. */
  everyValue?: boolean
}

/** Files that are full of high-entropy strings that are not secrets. */
const SKIPPED_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'pipfile.lock', 'uv.lock', 'pdm.lock', 'go.sum', 'cargo.lock', 'composer.lock', 'gemfile.lock', 'requirements.lock'])

export function isSkippedFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return SKIPPED_NAMES.has(name) || name.endsWith('.min.js.map') || name.endsWith('.svg')
}

const BINARY_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'ico', 'webp', 'bmp', 'tif', 'tiff', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'jar', 'war', 'whl', 'egg', 'so', 'dylib', 'dll', 'exe', 'bin', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'mov', 'avi', 'wav', 'ogg', 'flac', 'mkv', 'webm', 'psd', 'db', 'sqlite', 'sqlite3', 'pyc', 'pyo', 'class', 'o', 'a', 'mo', 'wasm'])

const extension = (path: string): string => {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1)
}

/** Whether a file is worth reading for secrets (text, not a lock file); content is checked for NUL bytes later. */
export function isSecretsCandidate(path: string): boolean {
  return !isSkippedFile(path) && !BINARY_EXTENSIONS.has(extension(path))
}

/** Test code: tests/ folders, fixtures, test_*.py, *_test.py, conftest.py. */
export const TEST_PATH = /(^|\/)(tests?|testing|fixtures|testdata|spec|__tests__)\/|(^|\/)(test_[^/]*|[^/]*_tests?\.py|conftest\.py)$/i

/** Documentation: key/value examples there are examples; self-identifying formats still count. */
export function isDocsFile(path: string): boolean {
  const lower = path.toLowerCase()
  return /\.(md|rst|txt|adoc)$/.test(lower) || lower.startsWith('docs/') || lower.includes('/docs/')
}

const LOCALE_DIRS = new Set(['locale', 'locales', 'i18n', 'l10n', 'lang', 'langs', 'translations'])
const LOCALE_EXTENSIONS = new Set(['po', 'pot', 'xlf', 'xliff', 'arb', 'strings', 'resx'])

/** Translation catalogs: "password" there is a word to translate, not a setting (formats still count). */
export function isTranslationFile(path: string): boolean {
  const parts = path.toLowerCase().split('/')
  if (LOCALE_EXTENSIONS.has(extension(path))) return true
  return parts.slice(0, -1).some((p) => LOCALE_DIRS.has(p))
}

const CODE_EXTENSIONS = new Set(['py', 'pyi', 'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'vue', 'svelte', 'rb', 'go', 'java', 'kt', 'php', 'cs', 'rs', 'swift'])

/** Source code: an unquoted value there is an expression, not data. */
export const isCodeFile = (path: string): boolean => CODE_EXTENSIONS.has(extension(path))

/** A `.env`, docker env-file or similar `KEY=value` list: `.env`, `.env.prod`, `prod.env`, `docker_env`. */
export function isEnvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env') || /^[a-z0-9]{1,32}[._-]env$/.test(name)
}

const isYaml = (path: string): boolean => {
  const ext = extension(path)
  return ext === 'yml' || ext === 'yaml'
}

/** A file's lines, decoded one at a time and only when read: most lines of a file are never looked at. */
interface Lines {
  count: number
  /** Line n (0-based) without its line break. */
  at(n: number): string
}

const stripCr = (s: string): string => (s.endsWith('\r') ? s.slice(0, -1) : s)

function linesOfBytes(bytes: Uint8Array, starts: Int32Array): Lines {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  return {
    count: starts.length,
    at: (n) => stripCr(buf.toString('utf8', starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : buf.length))
  }
}

function linesOfText(text: string, count: number): Lines {
  const starts = [0]
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1)
  return { count, at: (n) => stripCr(text.slice(starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : text.length)) }
}

interface FileContext {
  docs: boolean
  /** Python, JavaScript…; `restOfLine`: a `.env` or YAML file, whose unquoted values may hold spaces. */
  syntax: LineSyntax
  translations: boolean
  /** `.pgpass`: host:port:database:user:password lines. */
  pgpass: boolean
  /** A Jupyter notebook: source lines are JSON strings holding Python. */
  notebook: boolean
  /** A Django migration: a user it creates exists in every database it runs on, weak password included. */
  migration: boolean
  /** JavaScript or CSS, where a very long line is minified code. */
  script: boolean
  everyValue: boolean
}

/** The password field of a `.pgpass` line (fields separated by unescaped ':'). */
function pgpassPair(line: string): Pair | undefined {
  if (line.startsWith('#')) return undefined
  let field = 0
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++
    else if (line[i] === ':' && ++field === 4) return line.length > i + 1 ? { key: 'pgpass password', value: line.slice(i + 1), column: i + 1, parts: partAt(i + 1, line.length - i - 1), quoted: false, kindHint: 'password' } : undefined
  }
  return undefined
}

const secretName = (key: string): boolean => namedKind(key) !== undefined

/**
 * Detects secrets in a file, given as text or as its UTF-8 bytes (a tree scan reads bytes and
 * decodes only the lines it looks at); `options.lines` (or a set given directly) limits the search
 * to those (1-based) line numbers, e.g. added lines.
 */
/** A line of JavaScript or CSS longer than this is minified code. */
const MINIFIED_LINE = 500

export function detectSecrets(path: string, content: string | Uint8Array, options?: ReadonlySet<number> | DetectOptions): SecretHit[] {
  if (isSkippedFile(path)) return []
  const { lines, everyValue = false } = options instanceof Set ? { lines: options as ReadonlySet<number> } : ((options ?? {}) as DetectOptions)
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const ctx: FileContext = {
    docs: isDocsFile(path),
    syntax: { code: isCodeFile(path), restOfLine: isEnvFile(path) || isYaml(path) },
    translations: isTranslationFile(path),
    pgpass: name === '.pgpass' || name === 'pgpass',
    notebook: extension(path) === 'ipynb',
    migration: /(^|\/)migrations\/[^/]+\.py$/.test(path),
    script: /\.(m?js|cjs|css)$/.test(name),
    everyValue
  }
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  const { starts, candidates } = indexLines(bytes)
  const file = typeof content === 'string' ? linesOfText(content, starts.length) : linesOfBytes(content, starts)
  // a CSV names its columns in its first line: AWS's credentials.csv holds the secret next to the key id
  const columns = extension(path) === 'csv' && file.count > 1 ? csvHeader(file.at(0), secretName) : undefined
  if (!candidates.length && !ctx.pgpass && !columns) return []
  const lineAt = (n: number): string | undefined => (n < file.count ? file.at(n) : undefined)
  // YAML ancestry: `encryptedData:` (sealed secrets) holds ciphertext, safe to commit. Only a file
  // with the word needs it, and only then is every line read.
  const yaml = isYaml(path) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('encryptedData')
  const everyLine = yaml || ctx.pgpass || columns !== undefined
  const out: SecretHit[] = []
  let carry: { state: Carry; line: number } | undefined
  const carried = (pairs: Pair[], lineNo: number, opened: number, taken: Set<number>, readPairs: boolean): void => {
    for (const p of pairs) if (!lines || p.parts.some((x) => lines.has(lineNo + x.line))) addPair(p, lineNo, opened, ctx, out, taken, [], () => !readPairs)
  }
  const parents: { indent: number; key: string }[] = []
  let next = 0 // the next entry of `candidates`
  for (let index = 0; index < file.count; index++) {
    let candidate = candidates[next] === index
    if (candidate) next++
    else if (!carry && !everyLine) {
      // nothing open: go straight to the next line with a trigger
      if (next >= candidates.length) break
      index = candidates[next++]
      candidate = true
    }
    const lineNo = index + 1
    const line = lineAt(index) ?? ''
    let encrypted = false
    if (yaml) {
      const trimmed = line.trimStart()
      if (trimmed && !trimmed.startsWith('#')) {
        const indent = line.length - trimmed.length
        while (parents.length && parents[parents.length - 1].indent >= indent) parents.pop()
        encrypted = parents.some((p) => p.key === 'encryptedData')
        const t = trimmed.trimEnd()
        if (t.endsWith(':') && !t.includes(': ') && t.length < 128) parents.push({ indent, key: t.slice(0, -1).replace(/^- /, '') })
      }
    }
    const report = !lines || lines.has(lineNo)
    // a minified bundle's names are the code's own (`token`, `key`), not credentials: only formats count there
    const readPairs = !ctx.docs && !ctx.translations && !encrypted && !(ctx.script && line.length > MINIFIED_LINE)
    const taken = new Set<number>()
    // a line that goes on with an open construct does not open another (the env var's name line of a call)
    let continued = false
    if (carry) {
      const step = continueCarry(line, carry.state, ctx.syntax)
      carried(step.pairs, lineNo, carry.line, taken, readPairs)
      carry = step.carry ? { state: step.carry, line: carry.line } : undefined
      continued = carry !== undefined
    }
    if (report && ctx.pgpass) {
      const p = pgpassPair(line)
      if (p) addPair(p, lineNo, undefined, ctx, out, taken, [])
    }
    if (report && columns && index > 0) for (const p of csvPairs(line, columns)) addPair(p, lineNo, undefined, ctx, out, taken, [])
    if (!candidate) continue
    if (report) scanLine(line, lineNo, (n) => lineAt(index + 1 + n), (n) => lineAt(index - 1 - n), ctx, readPairs, out, taken)
    if ((readPairs || everyValue) && !continued) {
      const opened = openCarry(line, secretName, lineAt(index - 1))
      if (opened) carry = { state: opened, line: lineNo }
    }
  }
  // a value still open at the end of the file (a YAML block scalar at the end)
  if (carry) carried(finishCarry(carry.state), file.count, carry.line, new Set(), true)
  return out
}

/** What a self-identifying credential in a line becomes: a hit, placed by its parts. */
function formatHit(m: FormatMatch, lineNo: number, belowThreshold: boolean): SecretHit {
  const parts: Part[] = m.parts ?? partAt(m.column, m.value.length)
  return {
    kind: m.format.kind,
    label: m.format.label,
    line: lineNo,
    column: m.column,
    value: m.value,
    testKey: m.format.lowSeverity?.(m.value),
    ...(m.distinct ? { distinct: m.distinct } : {}),
    spans: parts.map((p) => ({ line: lineNo + p.line, start: p.start, end: p.end })),
    ...(belowThreshold ? { belowThreshold } : {})
  }
}

/**
 * One line: self-identifying formats, then key/value pairs (`readPairs`: not in documentation,
 * translations or ciphertext, where only formats count). A value in a comparison or a deny-list
 * (`if key in (…)`, `INSECURE_KEYS = […]`) is a key the code refuses, not one it uses.
 */
function scanLine(line: string, lineNo: number, following: Following, preceding: Following, ctx: FileContext, readPairs: boolean, out: SecretHit[], taken: Set<number>): void {
  const formats: FormatMatch[] = []
  const refused = ctx.syntax.code ? refusedValues(line, preceding) : () => false
  for (const m of formatMatches(line, following)) {
    const below = isFormatPlaceholder(m) || refused(m.column)
    if (below && !ctx.everyValue) continue
    formats.push(m)
    taken.add(m.column)
    out.push(formatHit(m, lineNo, below))
  }
  if (!readPairs && !ctx.everyValue) return
  const below = (p: Pair): boolean => !readPairs || refused(p.column)
  // a notebook's JSON is structure; the Python is inside its strings
  if (!ctx.notebook) for (const p of pairsOfLine(line, ctx.syntax, secretName)) addPair(p, lineNo, undefined, ctx, out, taken, formats, below)
  else {
    // "os.environ[\"KEY\"] = \"…\"\n",  — the Python inside each JSON string, placed at the string's columns
    for (const q of quotedStrings(line)) {
      if (q.value.length <= 8 || !q.escapes) continue
      for (const p of pairsOfLine(q.value, true, secretName)) {
        const parts = p.parts.map((x) => ({ ...x, start: rawColumn(q, x.start), end: rawColumn(q, x.end) }))
        addPair({ ...p, column: parts[0].start, parts }, lineNo, undefined, ctx, out, taken, formats, below)
      }
    }
  }
}

/**
 * Reports a pair when its name is secret-sounding and its value looks like a credential (and no
 * format hit covers it). A value that is no credential, or one `below` says is not to be reported
 * here, becomes a masking-only hit when every value is wanted.
 */
function addPair(p: Pair, lineNo: number, keyLine: number | undefined, ctx: FileContext, out: SecretHit[], taken: Set<number>, formats: FormatMatch[], below: (p: Pair) => boolean = () => false): void {
  if (taken.has(p.column)) return
  // a value holding a self-identifying credential (or lying inside one) was reported as that
  if (formats.some((f) => f.column < p.column + p.value.length && p.column < f.column + f.value.length)) return
  const kind: NamedKind | undefined = namedKind(p.key) ?? p.kindHint
  if (!kind) return
  const strong = looksLikeCredential(kind, p.value, { quoted: p.quoted, key: p.key, code: ctx.syntax.code, template: p.template })
  // admin/admin for a superuser a migration creates: every database it runs on has that account
  const weakUser = !strong && ctx.migration && p.createsUser === true && isMaskable(p.value)
  // asked only of what would be reported: whether the line refuses the value (a deny-list) costs a look back
  const credential = (strong || weakUser) && !below(p)
  if (!credential && !(ctx.everyValue && isMaskable(p.value))) return
  taken.add(p.column)
  const label = weakUser ? 'weak password of a user a migration creates' : kind === 'django-secret-key' ? `Django secret key in ${p.key}` : `${kind.replace('-', ' ')} in ${p.key}`
  out.push({
    kind,
    label,
    line: lineNo,
    column: p.column,
    value: p.value,
    key: p.key,
    ...(keyLine !== undefined ? { keyLine } : {}),
    spans: p.parts.map((x) => ({ line: lineNo + x.line, start: x.start, end: x.end })),
    ...(credential ? {} : { belowThreshold: true })
  })
}

/** Documentation values of self-identifying formats: AKIAIOSFODNN7EXAMPLE, sk_test_xxxxxxxx…, guest:guest@, {password}. */
function isFormatPlaceholder(m: FormatMatch): boolean {
  const value = m.value
  if (m.format.kind === 'private-key') return false
  if (isKnownExample(value)) return true
  // a short number is a documentation example (http://bobby:123@…), as under a password name; so is a
  // password of one to three characters (http://us:pa@ex.co/, a URL parser's test vector)
  if (m.format === URL_CREDENTIALS) return isPlaceholder(value) || isDummy(value) || value === m.user || value.startsWith(':') || /^\d{1,7}$/.test(value) || value.length < 4
  const lower = value.toLowerCase()
  if (lower.includes('example') || lower.includes('xxxxxxxx') || lower.includes('00000000') || lower.includes('your')) return true
  if (m.format.kind === 'django-secret-key') {
    // django-insecure-test-key-not-for-production: words, not a generated key
    const body = value.slice('django-insecure-'.length)
    return isDummy(body) || isPlaceholder(body)
  }
  // the part after a prefix such as sk_live_ / ghp_ / xoxb-: one repeated character is a placeholder
  let b = 0
  while (b < value.length && /[A-Za-z]/.test(value[b])) b++
  const sep = b
  while (b < value.length && (value[b] === '_' || value[b] === '.' || value[b] === '-')) b++
  return new Set(value.slice(b > sep ? b : 0)).size <= 3
}
