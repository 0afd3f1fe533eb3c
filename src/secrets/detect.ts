// Finds committed credentials in one text file: self-identifying formats anywhere, and values
// stored under secret-sounding names in any key/value syntax. Pure and linear in the input size.
import { isPlaceholder, looksLikeCredential, namedKind } from './classify.js'
import { formatMatches } from './formats.js'
import { pairsOfLine } from './pairs.js'

export interface SecretHit {
  kind: string
  /** What it is, for a message: "GitHub token", "password stored in DB_PASSWORD". */
  label: string
  line: number
  /** 0-based column of the value. */
  column: number
  value: string
  key?: string
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

/** Whether a file is worth reading for secrets (text, not a lock file); content is checked for NUL bytes later. */
export function isSecretsCandidate(path: string): boolean {
  if (isSkippedFile(path)) return false
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const dot = name.lastIndexOf('.')
  return dot < 0 || !BINARY_EXTENSIONS.has(name.slice(dot + 1))
}

/** Documentation: key/value examples there are examples; self-identifying formats still count. */
export function isDocsFile(path: string): boolean {
  const lower = path.toLowerCase()
  return /\.(md|rst|txt|adoc)$/.test(lower) || lower.startsWith('docs/') || lower.includes('/docs/')
}

/**
 * Substrings (any case) without which a line cannot hold a secret: the words of secret-sounding names
 * and the prefixes of self-identifying formats. Lines without one are never scanned in detail.
 */
const TRIGGER = /p(?:ass|wd|rivate key)|s(?:ecret|alt|g\.|k_live_|k_test_)|t(?:oken)|k(?:ey)|b(?:earer)|a(?:uth|kia|sia|bia|cca|iza)|c(?:redential)|:\/\/|e(?:yj)|g(?:h[pousr]_|ithub_pat_)|r(?:k_live_|k_test_)|x(?:ox)|d(?:jango-insecure-)/gi

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

/** Detects secrets in `text`; `lines` limits the search to those (1-based) line numbers, e.g. added lines. */
export function detectSecrets(path: string, text: string, lines?: ReadonlySet<number>): SecretHit[] {
  if (isSkippedFile(path)) return []
  const candidates = candidateLines(text)
  if (!candidates.size) return []
  const docs = isDocsFile(path)
  const code = path.endsWith('.py')
  const out: SecretHit[] = []
  let lineNo = 0
  let start = 0
  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl < 0 ? text.length : nl
    lineNo++
    if (candidates.has(lineNo) && (!lines || lines.has(lineNo))) {
      let line = text.slice(start, end)
      if (line.endsWith('\r')) line = line.slice(0, -1)
      scanLine(line, lineNo, docs, code, out)
    }
    if (nl < 0) break
    start = nl + 1
  }
  return out
}

function scanLine(line: string, lineNo: number, docs: boolean, code: boolean, out: SecretHit[]): void {
  const seen = new Set<string>()
  for (const m of formatMatches(line)) {
    if (m.format.kind !== 'private-key' && isFormatPlaceholder(m.value)) continue
    if (m.format.kind === 'url-credentials' && isPlaceholder(m.value)) continue
    seen.add(m.value)
    out.push({ kind: m.format.kind, label: m.format.label, line: lineNo, column: m.column, value: m.value, testKey: m.format.lowSeverity?.(m.value) })
  }
  if (docs) return
  for (const p of pairsOfLine(line, code)) {
    if (seen.has(p.value) || [...seen].some((s) => p.value.includes(s))) continue
    const kind = namedKind(p.key)
    if (!kind || !looksLikeCredential(kind, p.value)) continue
    seen.add(p.value)
    const label = kind === 'django-secret-key' ? `Django secret key in ${p.key}` : `${kind.replace('-', ' ')} in ${p.key}`
    out.push({ kind, label, line: lineNo, column: p.column, value: p.value, key: p.key })
  }
}

/** Documentation values of self-identifying formats: AKIAIOSFODNN7EXAMPLE, sk_test_xxxxxxxx… */
function isFormatPlaceholder(value: string): boolean {
  const lower = value.toLowerCase()
  if (lower.includes('example') || lower.includes('xxxxxxxx') || lower.includes('00000000') || lower.includes('your')) return true
  const body = value.replace(/^[A-Za-z]+[_.-]+/, '')
  return new Set(body).size <= 3
}
