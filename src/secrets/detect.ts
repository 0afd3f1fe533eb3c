// Finds committed credentials in one text file: self-identifying formats anywhere, and values
// stored under secret-sounding names in any key/value syntax. Pure and linear in the input size.
import { isDummy, isKnownExample, isPlaceholder, looksLikeCredential, namedKind, type NamedKind } from './classify.js'
import { URL_CREDENTIALS, formatMatches, type FormatMatch, type Following } from './formats.js'
import { continueCarry, openCarry, pairsOfLine, quotedStrings, type Carry, type Pair } from './pairs.js'

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

const isYaml = (path: string): boolean => {
  const ext = extension(path)
  return ext === 'yml' || ext === 'yaml'
}

/**
 * Substrings (any case) without which a line cannot hold a secret: the words of secret-sounding names
 * and the prefixes of self-identifying formats. Lines without one are never scanned in detail.
 */
const TRIGGER = /p(?:ass|wd|rivate key)|s(?:ecret|alt|g\.|k_live_|k_test_)|t(?:oken)|k(?:ey)|b(?:earer)|a(?:uth|kia|sia|bia|cca|iza)|c(?:redential|reate_user|reate_superuser)|:\/\/|e(?:yj)|g(?:h[pousr]_|ithub_pat_)|r(?:k_live_|k_test_)|x(?:ox|app-)|d(?:jango-insecure-)|sk-|\.login\(|bind_s\(/gi

/** Line numbers (1-based) of the lines that contain a trigger. */
function candidateLines(text: string): Set<number> {
  const lines = new Set<number>()
  let line = 1
  let counted = 0
  TRIGGER.lastIndex = 0
  for (let m = TRIGGER.exec(text); m; m = TRIGGER.exec(text)) {
    // count newlines between the previous hit and this one (native indexOf, each byte once)
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < m.index; nl = text.indexOf('\n', nl + 1)) {
      line++
      counted = nl + 1
    }
    lines.add(line)
    // skip the rest of this line: one hit is enough
    const next = text.indexOf('\n', m.index)
    if (next < 0) break
    TRIGGER.lastIndex = next
  }
  return lines
}

/** Where each line starts, for looking ahead (private key bodies). */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1)
  return starts
}

interface FileContext {
  docs: boolean
  code: boolean
  translations: boolean
  /** `.pgpass`: host:port:database:user:password lines. */
  pgpass: boolean
  /** A Jupyter notebook: source lines are JSON strings holding Python. */
  notebook: boolean
}

/** The password field of a `.pgpass` line (fields separated by unescaped ':'). */
function pgpassPair(line: string): Pair | undefined {
  if (line.startsWith('#')) return undefined
  let field = 0
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++
    else if (line[i] === ':' && ++field === 4) return line.length > i + 1 ? { key: 'pgpass password', value: line.slice(i + 1), column: i + 1, quoted: false, kindHint: 'password' } : undefined
  }
  return undefined
}

const secretName = (key: string): boolean => namedKind(key) !== undefined

/** Detects secrets in `text`; `lines` limits the search to those (1-based) line numbers, e.g. added lines. */
export function detectSecrets(path: string, text: string, lines?: ReadonlySet<number>): SecretHit[] {
  if (isSkippedFile(path)) return []
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const ctx: FileContext = { docs: isDocsFile(path), code: isCodeFile(path), translations: isTranslationFile(path), pgpass: name === '.pgpass' || name === 'pgpass', notebook: extension(path) === 'ipynb' }
  const candidates = candidateLines(text)
  if (!candidates.size && !ctx.pgpass) return []
  const yaml = isYaml(path)
  const starts = lineStarts(text)
  const lineAt = (n: number): string | undefined => {
    // n: 0-based line index
    if (n >= starts.length) return undefined
    const end = n + 1 < starts.length ? starts[n + 1] - 1 : text.length
    const s = text.slice(starts[n], end)
    return s.endsWith('\r') ? s.slice(0, -1) : s
  }
  const out: SecretHit[] = []
  let carry: { state: Carry; line: number } | undefined
  // YAML ancestry: `encryptedData:` (sealed secrets) holds ciphertext, safe to commit
  const parents: { indent: number; key: string }[] = []
  for (let index = 0; index < starts.length; index++) {
    const lineNo = index + 1
    const candidate = candidates.has(lineNo)
    if (!candidate && !carry && !yaml && !ctx.pgpass) continue
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
    const taken = new Set<number>()
    // a line that goes on with an open construct does not open another (the env var's name line of a call)
    let continued = false
    if (carry) {
      const step = continueCarry(line, carry.state, ctx.code)
      if (report && !ctx.docs && !ctx.translations && !encrypted) for (const p of step.pairs) addPair(p, lineNo, carry.line, out, taken, [])
      carry = step.carry ? { state: step.carry, line: carry.line } : undefined
      continued = carry !== undefined
    }
    if (ctx.pgpass && report) {
      const p = pgpassPair(line)
      if (p) addPair(p, lineNo, undefined, out, taken, [])
    }
    if (!candidate) continue
    if (report) scanLine(line, lineNo, (n) => lineAt(index + 1 + n), ctx, encrypted, out, taken)
    if (!ctx.docs && !ctx.translations && !continued) {
      const opened = openCarry(line, secretName)
      if (opened) carry = { state: opened, line: lineNo }
    }
  }
  return out
}

function scanLine(line: string, lineNo: number, following: Following, ctx: FileContext, encrypted: boolean, out: SecretHit[], taken: Set<number>): void {
  const formats: FormatMatch[] = []
  for (const m of formatMatches(line, following)) {
    if (isFormatPlaceholder(m)) continue
    formats.push(m)
    taken.add(m.column)
    out.push({ kind: m.format.kind, label: m.format.label, line: lineNo, column: m.column, value: m.value, testKey: m.format.lowSeverity?.(m.value) })
  }
  if (ctx.docs || ctx.translations || encrypted) return
  for (const p of pairsOfLine(line, ctx.code, secretName)) addPair(p, lineNo, undefined, out, taken, formats)
  if (ctx.notebook) {
    // "os.environ[\"KEY\"] = \"…\"\n",  — the Python inside each JSON string (columns are those of the string)
    for (const q of quotedStrings(line)) {
      if (q.value.length > 8 && q.valueEnd - q.valueStart !== q.value.length) {
        for (const p of pairsOfLine(q.value.replace(/\n$/, ''), true, secretName)) addPair({ ...p, column: q.valueStart + p.column }, lineNo, undefined, out, taken, formats)
      }
    }
  }
}

/** Reports a pair when its name is secret-sounding and its value looks like a credential (and no format hit covers it). */
function addPair(p: Pair, lineNo: number, keyLine: number | undefined, out: SecretHit[], taken: Set<number>, formats: FormatMatch[]): void {
  if (taken.has(p.column)) return
  // a value holding a self-identifying credential (or lying inside one) was reported as that
  if (formats.some((f) => f.column < p.column + p.value.length && p.column < f.column + f.value.length)) return
  const kind: NamedKind | undefined = namedKind(p.key) ?? p.kindHint
  if (!kind || !looksLikeCredential(kind, p.value, { quoted: p.quoted, key: p.key })) return
  taken.add(p.column)
  const label = kind === 'django-secret-key' ? `Django secret key in ${p.key}` : `${kind.replace('-', ' ')} in ${p.key}`
  out.push({ kind, label, line: lineNo, column: p.column, value: p.value, key: p.key, ...(keyLine !== undefined ? { keyLine } : {}) })
}

/** Documentation values of self-identifying formats: AKIAIOSFODNN7EXAMPLE, sk_test_xxxxxxxx…, guest:guest@, {password}. */
function isFormatPlaceholder(m: FormatMatch): boolean {
  const value = m.value
  if (m.format.kind === 'private-key') return false
  if (isKnownExample(value)) return true
  if (m.format === URL_CREDENTIALS) return isPlaceholder(value) || isDummy(value) || value === m.user || value.startsWith(':')
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
