// Credentials that identify themselves by their format, whatever name they are stored under.
// Every pattern is anchored on a literal prefix (checked with indexOf first) and uses bounded,
// non-overlapping character classes, so matching stays linear in the line length. JWTs, URLs with a
// password and private key blocks are scanned by hand.

import type { Part } from './pairs.js'

export interface Format {
  kind: string
  /** What to call it in a message. */
  label: string
  /** Literal text every match contains; lines without it are never matched against `re`. */
  prefixes: string[]
  re: RegExp
  /** Test-mode keys (Stripe sk_test_) are reported at a lower severity. */
  lowSeverity?: (value: string) => boolean
}

export const FORMATS: Format[] = [
  { kind: 'aws-access-key-id', label: 'AWS access key id', prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'github-token', label: 'GitHub token', prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], re: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'github-token', label: 'GitHub fine-grained token', prefixes: ['github_pat_'], re: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g },
  { kind: 'stripe-key', label: 'Stripe secret key', prefixes: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'], re: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, lowSeverity: (v) => v.includes('_test_') },
  { kind: 'slack-token', label: 'Slack token', prefixes: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-', 'xapp-'], re: /\b(?:xox[bpares]|xapp)-[A-Za-z0-9-]{10,250}/g },
  { kind: 'slack-webhook', label: 'Slack webhook URL', prefixes: ['hooks.slack.com/'], re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]{20,200}/g },
  { kind: 'sendgrid-key', label: 'SendGrid API key', prefixes: ['SG.'], re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { kind: 'google-api-key', label: 'Google API key', prefixes: ['AIza'], re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'openai-api-key', label: 'OpenAI API key', prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'T3BlbkFJ'], re: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b/g },
  { kind: 'anthropic-api-key', label: 'Anthropic API key', prefixes: ['sk-ant-'], re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}\b/g },
  { kind: 'django-secret-key', label: 'Django secret key', prefixes: ['django-insecure-'], re: /django-insecure-[^\s'"`,;\\]{20,200}/g } // the whole token: hand-edited keys stray from Django's alphabet
]

export const PRIVATE_KEY: Format = { kind: 'private-key', label: 'private key', prefixes: ['PRIVATE KEY'], re: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g }
export const JWT: Format = { kind: 'jwt', label: 'JSON Web Token', prefixes: ['eyJ'], re: /eyJ/g }
export const URL_CREDENTIALS: Format = { kind: 'url-credentials', label: 'password in a URL', prefixes: ['://'], re: /:\/\//g }

export interface FormatMatch {
  format: Format
  value: string
  column: number
  /** Where it is written when that is more than `value` at `column`: a private key's whole block. */
  parts?: Part[]
  /** For a URL with credentials: the user name before the password. */
  user?: string
  /** What tells this secret from others of its kind when `value` cannot (a private key's header is shared; its body is not). */
  distinct?: string
}

/** The lines after the current one (0: the next line), when the whole file is known; undefined past the end or when scanning one line. */
export type Following = (n: number) => string | undefined

const isB64url = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95
const isB64 = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61

/** JWTs (eyJ….eyJ….sig), scanned by hand: each character is looked at a bounded number of times. */
function jwtMatches(line: string, out: FormatMatch[]): void {
  let from = 0
  for (;;) {
    const start = line.indexOf('eyJ', from)
    if (start < 0) return
    // three dot-separated base64url segments
    const seg = (i: number): number => {
      let j = i
      while (j < line.length && isB64url(line.charCodeAt(j))) j++
      return j
    }
    const a = seg(start)
    let end = a
    if (a - start >= 10 && line[a] === '.' && line.startsWith('eyJ', a + 1)) {
      const b = seg(a + 1)
      if (b - a - 1 >= 10 && line[b] === '.') {
        const c = seg(b + 1)
        if (c - b - 1 >= 16) {
          out.push({ format: JWT, value: line.slice(start, c), column: start })
          end = c
        }
      }
    }
    // a segment that did not make a token is never rescanned
    from = Math.max(end, start + 3)
  }
}

const isSchemeChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '+' || c === '.' || c === '-'
const URL_STOP = new Set([' ', '\t', '/', '@', '"', "'", '`', '?', '#', '<', '>', '\\'])
const MAX_PASSWORD = 256

/** Where a URL password that starts at `from` ends (its '@'), or -1. A '/' may be part of it (`pa/ss@host`), not a port's path (`host:8080/x@y`). */
function passwordEnd(line: string, from: number, user: string): number {
  let i = from
  let slash = false
  while (i < line.length && i - from <= MAX_PASSWORD && (!URL_STOP.has(line[i]) || line[i] === '/')) {
    if (line[i] === '/') slash = true
    i++
  }
  if (line[i] !== '@' || i === from) return -1
  if (slash && (user.includes('.') || /^\d{1,5}\//.test(line.slice(from, from + 6)))) return -1
  return i
}

/**
 * scheme://user:password@host — the password. Each `://` is looked at once; the scans after it are
 * bounded (128 characters of user, 256 of password), so each character is read a bounded number of times.
 */
function urlMatches(line: string, out: FormatMatch[]): void {
  for (let at = line.indexOf('://'); at >= 0; at = line.indexOf('://', at + 3)) {
    let s = at - 1
    while (s >= 0 && at - s <= 21 && isSchemeChar(line[s])) s--
    const schemeStart = s + 1
    const first = line[schemeStart]
    if (at - schemeStart < 2 || at - schemeStart > 20 || !((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) continue
    if (s >= 0 && isSchemeChar(line[s])) continue // the run is longer than any scheme
    let i = at + 3
    const userStart = i
    while (i < line.length && i - userStart <= 128 && line[i] !== ':' && !URL_STOP.has(line[i])) i++
    if (line[i] !== ':') continue
    const pwStart = i + 1
    const end = passwordEnd(line, pwStart, line.slice(userStart, i))
    if (end < 0) continue
    const host = line[end + 1] ?? ''
    if (!((host >= 'a' && host <= 'z') || (host >= 'A' && host <= 'Z') || (host >= '0' && host <= '9') || host === '[' || host === '.' || host === '-')) continue
    out.push({ format: URL_CREDENTIALS, value: line.slice(pwStart, end), column: pwStart, user: line.slice(userStart, i) })
  }
}

const ARMOR_HEADERS = ['Proc-Type:', 'DEK-Info:', 'Version:', 'Comment:', 'Hash:', 'Charset:']

/** Whether text starts (after indentation and quotes) with a run of base64: the body of a PEM block. */
function startsWithBase64(text: string): boolean {
  let i = 0
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === "'")) i++
  let n = 0
  while (i + n < text.length && n < 20 && isB64(text.charCodeAt(i + n))) n++
  return n >= 20
}

const MAX_KEY_LINES = 200

/** The parts of a private key block whose body is on the lines after its header: every line up to its END line. */
function blockParts(line: string, column: number, following: Following | undefined): Part[] {
  const parts: Part[] = [{ line: 0, start: column, end: line.length }]
  for (let n = 0; following && n < MAX_KEY_LINES; n++) {
    const next = following(n)
    if (next === undefined) break
    const start = next.length - next.trimStart().length
    const end = next.indexOf('-----END')
    if (end >= 0) {
      const close = next.indexOf('-----', end + 8)
      parts.push({ line: n + 1, start, end: close < 0 ? next.length : close + 5 })
      break
    }
    const t = next.trim()
    // without an END line, the block ends where its body does
    if (t !== '' && !ARMOR_HEADERS.some((h) => t.startsWith(h)) && !startsWithBase64(t) && !/^[A-Za-z0-9+/=]{1,19}["',]{0,3}$/.test(t)) break
    if (t !== '') parts.push({ line: n + 1, start, end: next.length })
  }
  return parts
}

/** The part of a line a one-line private key (`\n` escapes) occupies: from its header to the end of its END marker. */
function escapedBlockPart(line: string, column: number): Part[] {
  const end = line.indexOf('-----END', column)
  const close = end < 0 ? -1 : line.indexOf('-----', end + 8)
  return [{ line: 0, start: column, end: close < 0 ? line.length : close + 5 }]
}

/**
 * A private key header counts when a key body follows it: base64 after `\n` escapes on the same line
 * (a key inside a JSON or .env string), or on the next lines of the file. A header mentioned in a
 * sentence, or followed by `...` or `<your key here>`, is not a key. With no following lines known
 * (one line of a diff), the header alone on its line counts. Its parts are the whole block.
 */
function privateKeyMatches(line: string, following: Following | undefined, out: FormatMatch[]): void {
  PRIVATE_KEY.re.lastIndex = 0
  for (const m of line.matchAll(PRIVATE_KEY.re)) {
    const column = m.index ?? 0
    const end = column + m[0].length
    let i = end
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '"' || line[i] === "'" || line[i] === ',' || (line[i] === '\\' && line[i + 1] !== 'n' && line[i + 1] !== 'r'))) i++
    let body: boolean
    let distinct: string | undefined
    let parts: Part[]
    if (i >= line.length) {
      // the block goes on on the next lines
      body = true
      for (let n = 0; following && n < 4; n++) {
        const next = following(n)
        if (next === undefined) break
        const t = next.trim()
        if (t === '' || ARMOR_HEADERS.some((h) => t.startsWith(h))) continue
        body = startsWithBase64(t)
        distinct = t.slice(0, 64)
        break
      }
      parts = blockParts(line, column, following)
    } else {
      // escaped newlines inside a string: skip them and any armor headers, then expect base64
      let rest = line.slice(i, i + 400)
      for (let guard = 0; guard < 8; guard++) {
        if (rest.startsWith('\\n') || rest.startsWith('\\r')) rest = rest.slice(2)
        else {
          const h = ARMOR_HEADERS.find((x) => rest.startsWith(x))
          if (!h) break
          const nl = rest.indexOf('\\n')
          rest = nl < 0 ? '' : rest.slice(nl)
        }
      }
      body = rest !== line.slice(i, i + 400) && startsWithBase64(rest)
      distinct = rest.slice(0, 64)
      parts = escapedBlockPart(line, column)
    }
    if (body) out.push({ format: PRIVATE_KEY, value: m[0], column, distinct, parts })
  }
}

/** Whether a line holds any format's prefix: one search instead of one per prefix, as most lines hold none. */
const ANY_PREFIX = new RegExp(FORMATS.flatMap((f) => f.prefixes).map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'))

/** Every self-identifying credential in a line; `following` gives the next lines when the whole file is known. */
export function formatMatches(line: string, following?: Following): FormatMatch[] {
  const out: FormatMatch[] = []
  if (line.includes('eyJ')) jwtMatches(line, out)
  if (line.includes('://')) urlMatches(line, out)
  if (line.includes('PRIVATE KEY')) privateKeyMatches(line, following, out)
  if (ANY_PREFIX.test(line)) findFormats(line, out)
  if (!out.length) return out
  // one value, one report: a GitHub token used as a URL password is a GitHub token
  const byValue = new Map<string, FormatMatch>()
  for (const m of out) {
    const had = byValue.get(m.value)
    if (!had || (had.format === URL_CREDENTIALS && m.format !== URL_CREDENTIALS)) byValue.set(m.value, m)
  }
  return [...byValue.values()].sort((a, b) => a.column - b.column)
}

function findFormats(line: string, out: FormatMatch[]): void {
  for (const format of FORMATS) {
    if (!format.prefixes.some((p) => line.includes(p))) continue
    format.re.lastIndex = 0
    for (const m of line.matchAll(format.re)) out.push({ format, value: m[0], column: m.index ?? 0 })
  }
}
