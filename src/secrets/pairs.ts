// Finds `key = value` pairs in one line of any text format — Python assignments (plain, annotated,
// subscripted), dict entries, keyword arguments and list elements, env-var defaults
// (`os.environ.get("KEY", "value")`, `env("KEY", default="v")`, `environ.Env(KEY=(str, "v"))`),
// `.env` / shell `KEY=value` (also inline: `KEY=value command`, `-e KEY=value`, `?token=…`),
// `--password value` flags, HTTP headers (`Authorization: Bearer …`, `X-Api-Key: …`), YAML
// `key: value`, JSON `"key": "value"`, INI/TOML, Dockerfile `ENV KEY value`.
//
// A hand-written scanner: each pass looks at each character a bounded number of times (lookups go
// through maps keyed by position, backward scans are capped), and no regular expression here can
// backtrack on hostile input. A few constructs span lines (a black-formatted `env(\n "KEY",\n
// default="v",\n)`, a list under a secret name, Kubernetes `- name: KEY` / `value: v`): `openCarry`
// and `continueCarry` follow them for a few lines.

/** Where (part of) a value is written: columns [start, end) of a line, `line` lines after the pair's line (before it when negative). */
export interface Part {
  line: number
  start: number
  end: number
}

export interface Pair {
  key: string
  /** The value as the program reads it: escapes decoded, concatenated parts joined. */
  value: string
  /** 0-based column where the value starts. */
  column: number
  /** Every piece of the line(s) the value is written in, escapes and quotes of its parts excluded. */
  parts: Part[]
  quoted: boolean
  /** What the value is when the key alone does not say (an Authorization header's scheme). */
  kindHint?: 'token' | 'password'
  /** A Python f-string or a JavaScript template: its `{…}` fields are code, not text. */
  template?: boolean
  /** The password of a user that a call such as create_superuser() creates. */
  createsUser?: boolean
}

/** The part of a line that `length` characters from `start` occupy. */
export const partAt = (start: number, length: number): Part[] => [{ line: 0, start, end: start + length }]

/** A pair whose value is written as it reads, at `column`. */
function plain(key: string, value: string, column: number, quoted: boolean, kindHint?: Pair['kindHint']): Pair {
  return { key, value, column, parts: partAt(column, value.length), quoted, ...(kindHint ? { kindHint } : {}) }
}

const isKeyChar = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '.')
const isIdentChar = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_')
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t'
const MAX_KEY = 64
const MAX_VALUE = 4096

export interface Quoted {
  /** Index of the opening quote. */
  start: number
  /** Index of the closing quote. */
  end: number
  value: string
  /** Index of the first character of the token: the string prefix (b, r, f, rb…) when there is one. */
  tokenStart: number
  /** Index of the first character of the value (after the quote or triple quote). */
  valueStart: number
  /** Index just after the value (the closing quote). */
  valueEnd: number
  quote: string
  /** The string prefix, lower-cased (`f`, `rb`…), or ''. */
  prefix: string
  /** Offsets in `value` where a backslash escape was decoded (the raw text is one character longer there). */
  escapes?: number[]
}

/** The line column of offset `i` of a quoted string's decoded value. */
export function rawColumn(q: Quoted, i: number): number {
  let shift = 0
  if (q.escapes) for (const e of q.escapes) if (e < i) shift++
  return q.valueStart + i + shift
}

/** The column of `q`'s value as a part of the line. */
export const quotedPart = (q: Quoted): Part[] => [{ line: 0, start: q.valueStart, end: q.valueEnd }]

/** An opening quote with no closing one on the line: a value that goes on on the next lines. */
export interface OpenQuote {
  start: number
  valueStart: number
  quote: string
  triple: boolean
}

/** Quoted strings of a line (single, double, backtick and Python triple quotes; backslash escapes), and an unterminated one at the end. */
export function scanQuotes(line: string): { quoted: Quoted[]; open?: OpenQuote } {
  const out: Quoted[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]
    // Comments are scanned too: a commented-out key is still committed.
    if (c === '"' || c === "'" || c === '`') {
      const triple = line[i + 1] === c && line[i + 2] === c
      const open = triple ? 3 : 1
      let j = i + open
      let escapes: number[] | undefined
      let value = ''
      let from = j
      while (j < line.length && !(line[j] === c && (!triple || (line[j + 1] === c && line[j + 2] === c)))) {
        if (line[j] === '\\' && j + 1 < line.length) {
          value += line.slice(from, j)
          ;(escapes ??= []).push(value.length)
          value += line[j + 1]
          j += 2
          from = j
          continue
        }
        j++
      }
      if (j >= line.length) return { quoted: out, open: { start: i, valueStart: i + open, quote: c, triple } } // unterminated: stop, never rescan
      value += line.slice(from, j)
      // Python string prefixes: b"…", r'…', f"…", rb"…"
      let tokenStart = i
      while (tokenStart > i - 2 && tokenStart > 0 && 'bBrRfFuU'.includes(line[tokenStart - 1])) tokenStart--
      if (tokenStart < i && isIdentChar(line[tokenStart - 1])) tokenStart = i
      out.push({ start: i, end: j + open - 1, value, tokenStart, valueStart: i + open, valueEnd: j, quote: c, prefix: line.slice(tokenStart, i).toLowerCase(), ...(escapes ? { escapes } : {}) })
      i = j + open
      continue
    }
    i++
  }
  return { quoted: out }
}

/** Quoted strings of a line (single, double, backtick and Python triple quotes; backslash escapes). */
export function quotedStrings(line: string): Quoted[] {
  return scanQuotes(line).quoted
}

/** An f-string or a JavaScript template with fields: code, not a literal. */
const isTemplate = (q: Quoted): boolean => (q.prefix.includes('f') && q.value.includes('{')) || (q.quote === '`' && q.value.includes('${'))

function skipSpaceBack(line: string, i: number): number {
  while (i >= 0 && isSpace(line[i])) i--
  return i
}

function skipSpace(line: string, i: number): number {
  while (i < line.length && isSpace(line[i])) i++
  return i
}

interface KeyToken {
  key: string
  /** Index just before the key token. */
  before: number
  quoted: boolean
}

/** The key token ending at index i: an identifier, a quoted string, or a subscript `x["KEY"]`. */
function keyBefore(line: string, i: number, byEnd: Map<number, Quoted>): KeyToken | undefined {
  i = skipSpaceBack(line, i)
  if (i < 0) return undefined
  if (line[i] === ']') {
    // x["KEY"] = "value"
    const q = byEnd.get(i - 1)
    if (!q || line[q.tokenStart - 1] !== '[') return undefined
    return { key: q.value, before: q.tokenStart - 2, quoted: true }
  }
  const q = byEnd.get(i)
  if (q) return { key: q.value, before: q.tokenStart - 1, quoted: true }
  let j = i
  while (j >= 0 && i - j < MAX_KEY && isKeyChar(line[j])) j--
  if (j === i || isKeyChar(line[j])) return undefined
  return { key: line.slice(j + 1, i + 1), before: j, quoted: false }
}

/** The assignment target at the start of a line (`SECRET_KEY = …`, `    secret_key: str = …`, `const apiKey = …`). */
export function assignmentTarget(line: string): string | undefined {
  return assignment(line)?.name
}

/** The assignment at the start of a line: its target and the index of its '='. */
function assignment(line: string): { name: string; eq: number } | undefined {
  let i = skipSpace(line, 0)
  for (const decl of ['export ', 'const ', 'let ', 'var ']) if (line.startsWith(decl, i)) i = skipSpace(line, i + decl.length)
  const start = i
  while (i < line.length && i - start < MAX_KEY && (isIdentChar(line[i]) || line[i] === '.')) i++
  if (i === start) return undefined
  const name = line.slice(start, i)
  i = skipSpace(line, i)
  if (line[i] === ':' && line[i + 1] !== '=') {
    // annotation: skip the type
    i = skipSpace(line, i + 1)
    while (i < line.length && i - start < 2 * MAX_KEY && (isKeyChar(line[i]) || line[i] === '[' || line[i] === ']' || line[i] === '|' || line[i] === ' ')) {
      if (line[i] === '=') break
      i++
    }
  }
  return line[i] === '=' && line[i + 1] !== '=' ? { name, eq: i } : undefined
}

const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization', 'http_authorization', 'proxy_authorization'])

/** The credential after an Authorization scheme (`Bearer x`, `Token x`, `Basic x`): its offsets in `value` and its kind. */
function authorizationCredential(key: string, value: string): { start: number; end: number; kindHint: 'token' | 'password' } | undefined {
  if (!AUTH_HEADERS.has(key.toLowerCase())) return undefined
  const sp = value.indexOf(' ')
  if (sp < 0) return undefined
  const scheme = value.slice(0, sp).toLowerCase()
  const kindHint = scheme === 'basic' ? 'password' : scheme === 'bearer' || scheme === 'token' || scheme === 'jwt' || scheme === 'apikey' ? 'token' : undefined
  if (!kindHint) return undefined
  let start = sp
  while (value[start] === ' ') start++
  let end = start
  while (end < value.length && !isSpace(value[end])) end++
  return { start, end, kindHint }
}

/** An Authorization value written as it reads from `column`: the credential after the scheme. */
function authorization(key: string, value: string, column: number, quoted: boolean): Pair | undefined {
  const c = authorizationCredential(key, value)
  return c && plain(key, value.slice(c.start, c.end), column + c.start, quoted, c.kindHint)
}

/** A pair whose value is the quoted string `q` (escapes included in its part). */
function quotedPair(key: string, q: Quoted, extra: Partial<Pair> = {}): Pair {
  return { key, value: q.value, column: q.valueStart, parts: quotedPart(q), quoted: true, ...(isTemplate(q) ? { template: true } : {}), ...extra }
}

/** An Authorization header value in `q`, or the plain pair. */
function headerOrPair(key: string, q: Quoted): Pair {
  const c = authorizationCredential(key, q.value)
  if (!c) return quotedPair(key, q)
  const start = rawColumn(q, c.start)
  return { key, value: q.value.slice(c.start, c.end), column: start, parts: [{ line: 0, start, end: rawColumn(q, c.end) }], quoted: true, kindHint: c.kindHint, ...(isTemplate(q) ? { template: true } : {}) }
}

/**
 * Python's `"a" "b"` and `"a" + "b"` (JavaScript's too): the strings after quoted[qi] that join it into
 * one value. In other syntaxes two strings side by side are two words.
 */
function joinConcatenated(line: string, quoted: Quoted[], qi: number, pair: Pair): Pair {
  let value = pair.value
  const parts = [...pair.parts]
  let template = pair.template
  for (let n = qi + 1; n < quoted.length; n++) {
    let i = skipSpace(line, quoted[n - 1].end + 1)
    if (line[i] === '+') i = skipSpace(line, i + 1)
    if (quoted[n].tokenStart !== i) break
    value += quoted[n].value
    parts.push(...quotedPart(quoted[n]))
    template ||= isTemplate(quoted[n])
  }
  return parts.length === pair.parts.length ? pair : { ...pair, value, parts, ...(template ? { template } : {}) }
}

/** A quoted key that reads as a name (`SECRET_KEY`, `x-api-key`), not as text, a path or an option (`--auth <user:pw>`, `docs/secret.md`). */
function isNameLike(key: string): boolean {
  for (const c of key) if (c === ' ' || c === '\t' || c === '/' || c === '<' || c === '>' || c === '=' || c === '(' || c === ')' || c === '{' || c === '}' || c === ',') return false
  return key.length > 0
}

/** The dotted name of the call whose '(' is at `open` (`os.environ.get`), or undefined for a bare parenthesis. */
function callNameBefore(line: string, open: number): string | undefined {
  const end = skipSpaceBack(line, open - 1)
  let j = end
  while (j >= 0 && end - j < 2 * MAX_KEY && (isIdentChar(line[j]) || line[j] === '.')) j--
  return j === end ? undefined : line.slice(j + 1, end + 1)
}

/**
 * Whether a call reads configuration, so that its first argument names the value after it:
 * `os.environ.get`, `os.getenv`, `env`, `env.str`, `config`, `settings.get`, `get_secret`, `setdefault`.
 * Other calls take positional arguments that are not name and value (`.option("--auth …", "help")`).
 */
export function readsConfig(callName: string): boolean {
  const last = callName.slice(callName.lastIndexOf('.') + 1).toLowerCase()
  return last === 'str' || last === 'bytes' || last === 'setdefault' || last === 'pop' || ['get', 'env', 'config', 'setting', 'secret', 'var'].some((w) => last.includes(w))
}

/** Key/value pairs with a quoted value, anywhere in the line. */
function quotedPairs(line: string, quoted: Quoted[], byEnd: Map<number, Quoted>, code: boolean, out: Pair[]): void {
  // for list elements: the index (in `quoted`) of the list's first element's '[' position, by element
  const listOpen = new Map<Quoted, number>()
  const listIndex = new Map<Quoted, number>()
  const push = (qi: number, p: Pair): void => {
    out.push(code ? joinConcatenated(line, quoted, qi, p) : p)
  }
  for (let qi = 0; qi < quoted.length; qi++) {
    const q = quoted[qi]
    // in a shell script or Makefile, `…` runs a command: its output is the value, not its text
    if (q.quote === '`' && !code) continue
    let i = skipSpaceBack(line, q.tokenStart - 1)
    if (i < 0) continue
    // an element of a list: KEY = ["a", "b"] — continue from before the '['
    if (line[i] === '[' || (line[i] === '(' && line[skipSpaceBack(line, i - 1)] === '=')) {
      listOpen.set(q, i)
      listIndex.set(q, 0)
    } else if (line[i] === ',') {
      const prev = byEnd.get(skipSpaceBack(line, i - 1))
      const open = prev && listOpen.get(prev)
      if (prev && open !== undefined) {
        listOpen.set(q, open)
        listIndex.set(q, (listIndex.get(prev) ?? 0) + 1)
      }
    }
    const open = listOpen.get(q)
    if (open !== undefined) i = skipSpaceBack(line, open - 1)
    // X = os.environ.get("K") or "literal" / process.env.K || "literal" / ?? "literal": the assignment's target names it
    if ((line[i] === 'r' && line[i - 1] === 'o' && isSpace(line[i - 2])) || (line[i] === '|' && line[i - 1] === '|') || (line[i] === '?' && line[i - 1] === '?')) {
      const target = assignmentTarget(line)
      if (target) push(qi, quotedPair(target, q))
      continue
    }
    let op = line[i]
    if (op === '>' && line[i - 1] === '=') i-- // =>
    else if (op === '=' && line[i - 1] === ':') i-- // :=
    else if (op === '=' && (line[i - 1] === '=' || line[i - 1] === '!' || line[i - 1] === '<' || line[i - 1] === '>')) continue // comparison
    op = line[i]
    if (op !== '=' && op !== ':' && op !== ',') continue
    let k = keyBefore(line, i - 1, byEnd)
    if (!k && op === '=') {
      // an annotation keyBefore cannot read backwards (`name: Final[str] = "…"`): the line's assignment
      const a = assignment(line)
      if (a && a.eq === i) k = { key: a.name, before: -1, quoted: false }
    }
    if (!k || (k.quoted && !isNameLike(k.key))) continue
    let key = k.key
    if (open !== undefined && line[open] === '(' && key === 'auth') {
      // requests/httpx basic auth: auth=("user", "password")
      if (listIndex.get(q) === 1) out.push(quotedPair(key, q, { kindHint: 'password' }))
      continue
    }
    if (op === ',') {
      const before = skipSpaceBack(line, k.before)
      if (k.quoted && line[before] === '(') {
        // os.environ.get("KEY", "value") / os.getenv("KEY", "value") / config("KEY", "value"): the first argument names it
        const call = callNameBefore(line, before)
        if (!call || !readsConfig(call)) continue
      } else if (!k.quoted && (key === 'str' || key === 'bytes') && line[before] === '(') {
        // environ.Env(KEY=(str, "value"))
        const eq = skipSpaceBack(line, before - 1)
        if (line[eq] !== '=') continue
        const name = keyBefore(line, eq - 1, byEnd)
        if (!name) continue
        key = name.key
      } else continue
    } else if (op === ':' && (key === 'value' || key === 'Value' || key === 'default')) {
      // "SECRET_KEY": {"value": "…"} (app.json) on one line: the enclosing entry names it
      const brace = skipSpaceBack(line, k.before)
      if (line[brace] === '{') {
        const colon = skipSpaceBack(line, brace - 1)
        const outer = line[colon] === ':' || line[colon] === '=' ? keyBefore(line, colon - 1, byEnd) : undefined
        if (outer) key = outer.key
      }
    } else if (op === '=' && !k.quoted) {
      if (key === 'default') {
        // env("KEY", default="value") / config("KEY", default="value") / env.str("KEY", default=…): the call's first argument
        let found: string | undefined
        for (let b = qi - 1; b >= 0 && b >= qi - 8; b--) {
          const cand = quoted[b]
          if (cand.end < k.before && line[skipSpaceBack(line, cand.tokenStart - 1)] === '(') {
            found = cand.value
            break
          }
        }
        found ??= assignmentTarget(line)
        if (!found) continue
        key = found
      } else {
        // an annotated assignment: name: type = "value"
        const colon = skipSpaceBack(line, k.before)
        if (line[colon] === ':') {
          const name = keyBefore(line, colon - 1, byEnd)
          if (name && !name.quoted) key = name.key
        }
      }
    }
    push(qi, headerOrPair(key, q))
  }
}

/**
 * Django's `create_user("name", "email", "password")` / `create_superuser(…)`: the third positional
 * argument; `user.set_password("…")`: the only one.
 */
function positionalPasswords(line: string, quoted: Quoted[], out: Pair[]): void {
  // smtplib/ftplib/imaplib `.login(user, password)`, python-ldap `.simple_bind_s(who, password)`
  for (const call of ['.login(', '.simple_bind_s(', '.simple_bind(', '.bind_s(']) {
    const at = line.indexOf(call)
    if (at < 0) continue
    const first = quoted.find((x) => x.tokenStart === skipSpace(line, at + call.length))
    if (!first || line[skipSpace(line, first.end + 1)] !== ',') continue
    const second = quoted.find((x) => x.tokenStart === skipSpace(line, skipSpace(line, first.end + 1) + 1))
    if (second && line[skipSpace(line, second.end + 1)] === ')') out.push(quotedPair('password', second))
  }
  for (const call of ['set_password(', 'setPassword(']) {
    for (let at = line.indexOf(call); at >= 0; at = line.indexOf(call, at + call.length)) {
      const q = quoted.find((x) => x.tokenStart === skipSpace(line, at + call.length))
      if (q && line[skipSpace(line, q.end + 1)] === ')') out.push(quotedPair('password', q))
    }
  }
  for (const call of ['create_superuser(', 'create_user(']) {
    const at = line.indexOf(call)
    if (at < 0) continue
    let i = at + call.length
    const args: Quoted[] = []
    for (const q of quoted) {
      if (q.tokenStart < i) continue
      if (skipSpace(line, i) !== q.tokenStart) break
      args.push(q)
      i = skipSpace(line, q.end + 1)
      if (line[i] !== ',') break
      i++
    }
    if (args.length >= 3) out.push(quotedPair('password', args[2], { createsUser: true }))
    // create_superuser(username="admin", password="admin")
    for (const q of quoted) if (q.tokenStart > at && keywordBefore(line, q) === 'password') out.push(quotedPair('password', q, { createsUser: true }))
  }
}

/** The keyword of a keyword argument `name="…"`, or undefined. */
function keywordBefore(line: string, q: Quoted): string | undefined {
  const eq = skipSpaceBack(line, q.tokenStart - 1)
  if (line[eq] !== '=' || line[eq - 1] === '=') return undefined
  const end = skipSpaceBack(line, eq - 1)
  let j = end
  while (j >= 0 && end - j < MAX_KEY && isIdentChar(line[j])) j--
  return j === end ? undefined : line.slice(j + 1, end + 1)
}

/** `Authorization: Bearer x`, `X-Api-Key: x`: a header line, or a header inside a string (`curl -H "…"`). */
function headerPair(text: string, base: number, out: Pair[]): void {
  let i = skipSpace(text, 0)
  const start = i
  while (i < text.length && i - start <= MAX_KEY && (isIdentChar(text[i]) || text[i] === '-')) i++
  if (i === start || text[i] !== ':' || !isSpace(text[i + 1])) return
  const name = text.slice(start, i)
  const vStart = skipSpace(text, i + 1)
  let vEnd = text.length
  while (vEnd > vStart && isSpace(text[vEnd - 1])) vEnd--
  const value = text.slice(vStart, vEnd)
  if (value[0] === '"' || value[0] === "'") return // YAML `secret-key: "…"`: a quoted pair, read as such
  const auth = authorization(name, value, base + vStart, false)
  if (auth) out.push(auth)
  else if (value && !value.includes(' ') && name.includes('-')) out.push(plain(name, value, base + vStart, false))
}

/**
 * Code, not a value: a call or a subscript (`env("X")`, `get_secret(name)`, `make_password('$p')`,
 * `templatefile("env.tpl", {`, `var.keys["access_key"]`), whole or cut where a quote or space ended it.
 * The character after the bracket must be a quote, `$`, or the end: `k2(t5…` in a Django key is not a call.
 */
export const isExpression = (value: string): boolean => /^[A-Za-z_][\w.]{0,100}\([^()]{0,200}\)$/.test(value) || /^[A-Za-z_][\w.]{1,100}[([](?:["'$)\]]|$)/.test(value)

const INLINE_BOUNDARY = new Set([' ', '\t', ':', ';', '&', '?', '"', "'", '`', '(', ',', '{', '[', '|'])
const VALUE_STOP = new Set([' ', '\t', '"', "'", '`'])

/** An escaped line break (`\n`, `\r`, `\t`) inside a string: the end of an unquoted value in it. */
const isEscapedBreak = (text: string, i: number): boolean => text[i] === '\\' && (text[i + 1] === 'n' || text[i + 1] === 'r' || text[i + 1] === 't')

/**
 * `NAME=value` anywhere in `text` (shell prefixes `KEY=v cmd`, `-e KEY=v`, `?token=v&…`, `.npmrc`
 * `:_authToken=v`) and `--flag value` options. `base` is text's column in the line.
 */
function inlinePairs(text: string, base: number, out: Pair[], secretName: (key: string) => boolean): void {
  for (let e = text.indexOf('='); e >= 0 && e < text.length; e = text.indexOf('=', e + 1)) {
    const prev = text[e - 1]
    const next = text[e + 1]
    if (prev === '=' || prev === '!' || prev === '<' || prev === '>' || prev === ':' || next === '=' || next === '>' || next === undefined || VALUE_STOP.has(next)) continue
    let j = e - 1
    while (j >= 0 && e - j <= MAX_KEY && isKeyChar(text[j])) j--
    if (j === e - 1 || (j >= 0 && !INLINE_BOUNDARY.has(text[j]))) continue
    const key = text.slice(j + 1, e)
    if (key.length < 3 || !secretName(key)) continue
    // in a query string (?a=1&b=2) or a connection string (A=1;B=2) the separator ends the value
    const sep = text[j] === '?' || text[j] === '&' ? '&' : text[j] === ';' ? ';' : undefined
    let k = e + 1
    while (k < text.length && k - e <= MAX_VALUE && !VALUE_STOP.has(text[k]) && text[k] !== sep && !(sep === '&' && text[k] === '#') && !isEscapedBreak(text, k)) k++
    let value = text.slice(e + 1, k)
    if (value.endsWith(',') || value.endsWith(';')) value = value.slice(0, -1)
    if (value && !isExpression(value)) out.push(plain(key, value, base + e + 1, false))
    e = k - 1
  }
  for (let d = text.indexOf('--'); d >= 0; d = text.indexOf('--', d + 2)) {
    if (d > 0 && !isSpace(text[d - 1])) continue
    let i = d + 2
    while (i < text.length && i - d <= MAX_KEY && isKeyChar(text[i])) i++
    if (!isSpace(text[i]) || i === d + 2) continue
    const key = text.slice(d + 2, i)
    if (!secretName(key)) continue
    const vStart = skipSpace(text, i)
    if (text[vStart] === '-' || text[vStart] === undefined || VALUE_STOP.has(text[vStart])) continue
    let k = vStart
    while (k < text.length && k - vStart <= MAX_VALUE && !VALUE_STOP.has(text[k])) k++
    out.push(plain(key, text.slice(vStart, k), base + vStart, false))
    d = k - 2
  }
}

/** Command lines that take a secret as a separate word: `aws configure set NAME VALUE`, `sshpass -p VALUE`, `redis-cli -a VALUE`. */
function commandPairs(text: string, out: Pair[], secretName: (key: string) => boolean): void {
  const word = (i: number): [string, number] => {
    const s = skipSpace(text, i)
    let e = s
    while (e < text.length && e - s <= MAX_VALUE && !isSpace(text[e])) e++
    return [text.slice(s, e).replace(/^['"]|['"]$/g, ''), s + (text[s] === '"' || text[s] === "'" ? 1 : 0)]
  }
  const set = text.indexOf('configure set ')
  if (set >= 0) {
    const [name, at] = word(set + 'configure set '.length)
    const [value, vAt] = word(at + name.length)
    if (name && value && secretName(name)) out.push(plain(name, value, vAt, false))
  }
  for (const [cmd, flag] of [['sshpass', ' -p '], ['redis-cli', ' -a ']]) {
    const c = text.indexOf(cmd)
    const f = c >= 0 ? text.indexOf(flag, c) : -1
    if (f < 0) continue
    const [value, vAt] = word(f + flag.length)
    if (value) out.push(plain('password', value, vAt, text[vAt - 1] === "'" || text[vAt - 1] === '"'))
  }
}

/** `requirepass VALUE` (redis.conf), `masterauth VALUE`: a secret-named directive and one word, alone on a line. */
function directivePair(line: string, secretName: (key: string) => boolean): Pair | undefined {
  const s = skipSpace(line, 0)
  let i = s
  while (i < line.length && i - s < MAX_KEY && isIdentChar(line[i])) i++
  if (i === s || !isSpace(line[i])) return undefined
  const key = line.slice(s, i)
  if (!secretName(key)) return undefined
  const v = skipSpace(line, i)
  let e = v
  while (e < line.length && e - v <= MAX_VALUE && !isSpace(line[e])) e++
  const rest = skipSpace(line, e)
  if (e === v || (rest < line.length && line[rest] !== '#')) return undefined
  return plain(key, line.slice(v, e), v, false)
}

/** Where an unquoted value that may hold spaces ends: before a ` #` comment and trailing blanks. */
function restOfLineEnd(line: string, from: number): number {
  let end = line.length
  for (const comment of [' #', '\t#']) {
    const at = line.indexOf(comment, from)
    if (at >= 0 && at < end) end = at
  }
  while (end > from && isSpace(line[end - 1])) end--
  return end
}

/**
 * `KEY=value`, `export KEY=value`, `key: value`, `ENV KEY value`, `- KEY=value` with a bare value at
 * the start of a line. `restOfLine`: the value runs to the end of the line (a docker env-file, a
 * `.env`, a YAML plain scalar), spaces included; elsewhere it ends at the first space.
 */
function barePair(line: string, restOfLine: boolean): Pair | undefined {
  let i = skipSpace(line, 0)
  for (const prefix of ['export ', 'ENV ', 'ARG ', 'set ', '- ']) {
    if (line.startsWith(prefix, i)) i = skipSpace(line, i + prefix.length)
  }
  const env = /^\s{0,64}ENV\s/.test(line)
  const keyStart = i
  while (i < line.length && i - keyStart < MAX_KEY && isKeyChar(line[i])) i++
  if (i === keyStart) return undefined
  const key = line.slice(keyStart, i)
  i = skipSpace(line, i)
  if (line[i] === '=' || line[i] === ':') {
    if (line[i] === ':' && line[i + 1] === '=') i++
    i = skipSpace(line, i + 1)
  } else if (!env) return undefined
  const first = line[i]
  if (i >= line.length || first === '"' || first === "'" || first === '|' || first === '>' || first === '{' || first === '[' || first === '&' || first === '*') return undefined
  const valueStart = i
  if (restOfLine && !env) i = Math.min(restOfLineEnd(line, valueStart), valueStart + MAX_VALUE)
  else while (i < line.length && i - valueStart <= MAX_VALUE && !isSpace(line[i])) i++
  let value = line.slice(valueStart, i)
  if (value.endsWith(',') || value.endsWith(';')) value = value.slice(0, -1)
  // an expression, not data: env("X"), get_secret(...); an Authorization scheme is read by headerPair
  if (isExpression(value) || AUTH_HEADERS.has(key.toLowerCase())) return undefined
  // a YAML tag (`!vault |`, `!Ref Name`): the value is elsewhere
  if (/^![A-Za-z]{1,32}(?: |$)/.test(value)) return undefined
  return value ? plain(key, value, valueStart, false) : undefined
}

export interface LineSyntax {
  /** Python, JavaScript…: unquoted values are expressions, and `KEY=value` is looked for only inside strings. */
  code?: boolean
  /** A `.env`, docker env-file or YAML file: an unquoted value runs to the end of the line. */
  restOfLine?: boolean
}

/**
 * Pairs of one line; `syntax.code` (Python, JavaScript…) skips unquoted values, which there are
 * expressions, not data, and looks for inline `KEY=value` only inside string literals. `secretName`
 * tells which keys are worth reading an inline value for.
 */
export function pairsOfLine(line: string, syntax: boolean | LineSyntax = false, secretName: (key: string) => boolean = () => true): Pair[] {
  const { code = false, restOfLine = false } = typeof syntax === 'boolean' ? { code: syntax } : syntax
  const quoted = quotedStrings(line)
  const byEnd = new Map<number, Quoted>()
  for (const q of quoted) byEnd.set(q.end, q)
  const found: Pair[] = []
  // well-known positional credentials first: at the same position, they win over the first-argument rule
  positionalPasswords(line, quoted, found)
  quotedPairs(line, quoted, byEnd, code, found)
  for (const q of quoted) {
    if (q.value.length > 8 && q.value.length <= MAX_VALUE && !q.escapes && !(q.quote === '`' && !code)) {
      headerPair(q.value, q.valueStart, found)
      if (code) inlinePairs(q.value, q.valueStart, found, secretName)
    }
  }
  if (!code) {
    const bare = barePair(line, restOfLine) ?? directivePair(line, secretName)
    if (bare) found.push(bare)
    headerPair(line, 0, found)
    inlinePairs(line, 0, found, secretName)
    commandPairs(line, found, secretName)
  }
  // one pair per value position
  const seen = new Set<number>()
  return found.filter((p) => !seen.has(p.column) && seen.add(p.column))
}

// ---------------------------------------------------------------------------------------------------
// Constructs over several lines

export interface Carry {
  /** The name the value will be stored under ('' until a call's first argument names it). */
  key: string
  /**
   * call: `env(` … name … default; list: `KEY = [` one value per string; value: a `value:`/`default:`
   * entry below a name; concat: `KEY = (` strings joined until `)`; string: a quoted value left open;
   * block: a YAML `key: |` block scalar.
   */
  mode: 'call' | 'list' | 'value' | 'concat' | 'string' | 'block'
  /** A call whose first argument (the environment variable's name) has not been seen yet. */
  needName: boolean
  /** Lines it may still extend over. */
  left: number
  /** Lines read since the construct opened. */
  step: number
  /** value and block modes in YAML: a line indented less than this ends the entry. */
  minIndent?: number
  /** concat, string and block modes: the value so far, and its parts (their `line` counted from the opening line). */
  value?: string
  parts?: Part[]
  /** string mode: the quote that closes the value (one or three characters). */
  quote?: string
}

/** The only string on a (trimmed) line, optionally followed by ',' or ')' and a comment: an argument or list element on its own line. */
function loneString(t: string): Quoted | undefined {
  const qs = quotedStrings(t)
  if (qs.length !== 1 || qs[0].tokenStart !== 0) return undefined
  let i = skipSpace(t, qs[0].end + 1)
  if (t[i] === ',' || t[i] === ')') i = skipSpace(t, i + 1)
  return i >= t.length || t[i] === '#' ? qs[0] : undefined
}

const MAX_STRING_LINES = 200

/** The key before index `i` of `t` (an `=`, `:` or a bracket), when it is a secret name. */
function secretKeyBefore(t: string, i: number, secretName: (key: string) => boolean): KeyToken | undefined {
  const quoted = quotedStrings(t)
  const byEnd = new Map<number, Quoted>()
  for (const q of quoted) byEnd.set(q.end, q)
  const k = keyBefore(t, i, byEnd)
  return k && (!k.quoted || isNameLike(k.key)) && secretName(k.key) ? k : undefined
}

/** `KEY = """…` / `key: "…` left open under a secret name: the value goes on until its closing quote. */
function openString(t: string, indent: number, secretName: (key: string) => boolean): Carry | undefined {
  const { open } = scanQuotes(t)
  if (!open) return undefined
  let j = open.start - 1
  while (j >= 0 && open.start - j <= 2 && 'bBrRuU'.includes(t[j])) j--
  const op = skipSpaceBack(t, j)
  if (t[op] !== '=' && t[op] !== ':') return undefined
  const a = t[op] === '=' ? assignment(t) : undefined
  const key = a && a.eq === op ? a.name : secretKeyBefore(t, op - 1, secretName)?.key
  if (!key || !secretName(key)) return undefined
  const quote = open.triple ? open.quote.repeat(3) : open.quote
  return { key, mode: 'string', needName: false, left: MAX_STRING_LINES, step: 0, quote, value: t.slice(open.valueStart), parts: [{ line: 0, start: indent + open.valueStart, end: indent + t.length }] }
}

/** `key: |` / `key: >-` under a secret name: a YAML block scalar, the lines indented below it. */
function openBlock(t: string, indent: number, secretName: (key: string) => boolean): Carry | undefined {
  const colon = t.indexOf(':')
  if (colon < 0) return undefined
  let i = skipSpace(t, colon + 1)
  if (t[i] !== '|' && t[i] !== '>') return undefined
  i++
  while (i < t.length && (t[i] === '-' || t[i] === '+' || (t[i] >= '0' && t[i] <= '9'))) i++
  i = skipSpace(t, i)
  if (i < t.length && t[i] !== '#') return undefined
  const name = t.slice(t.startsWith('- ') ? skipSpace(t, 2) : 0, colon).trim().replace(/^["']|["']$/g, '')
  if (!name || !isNameLike(name) || !secretName(name)) return undefined
  return { key: name, mode: 'block', needName: false, left: MAX_STRING_LINES, step: 0, minIndent: indent + 1, value: '', parts: [] }
}

/**
 * Whether a line opens a construct whose value comes on the next lines: a call left open
 * (`SECRET_KEY = env(` / `os.environ.get("KEY",`), a list (`FALLBACKS = [`), a mapping under a secret
 * name (`"SECRET_KEY": {`, `SECRET_KEY:`), a Kubernetes/Render/CloudFormation `name:`/`key:` entry,
 * strings joined in parentheses (`SECRET_KEY = (`), a quoted value left open (`KEY = """…`) or a YAML
 * block scalar (`key: |`). `previous` is the line before, which says whether a lone `"NAME",` is the
 * first argument of a call or an element of a list.
 */
export function openCarry(line: string, secretName: (key: string) => boolean, previous?: string): Carry | undefined {
  const t = line.trim()
  if (t.length > 512) return undefined
  const indent = line.length - line.trimStart().length
  const base = { needName: false, step: 0 }
  const last = t[t.length - 1]
  const string = openString(t, indent, secretName) ?? openBlock(t, indent, secretName)
  if (string) return string
  if (last === '(') {
    const target = assignmentTarget(t)
    const secretTarget = target !== undefined && secretName(target)
    const call = callNameBefore(t, t.length - 1)
    // SECRET_KEY = (  "part one"  "part two"  ): one value in pieces
    if (!call) return secretTarget ? { ...base, key: target, mode: 'concat', left: 20, value: '', parts: [] } : undefined
    // __all__ = foo(  /  .option(: a call that reads no configuration names nothing
    if (!secretTarget && !readsConfig(call)) return undefined
    return { ...base, key: secretTarget ? target : '', mode: 'call', needName: true, left: 6 }
  }
  if (last === ',') {
    // KEY = os.environ.get("NAME",   /   "NAME",  (the first argument on its own line, after `os.environ.get(`)
    const qs = quotedStrings(t)
    const q = qs[qs.length - 1]
    if (q && skipSpace(t, q.end + 1) === t.length - 1) {
      const lone = loneString(t)
      if (lone) {
        const prev = previous?.trim() ?? ''
        const call = prev.endsWith('(') ? callNameBefore(prev, prev.length - 1) : undefined
        return call && readsConfig(call) && isNameLike(lone.value) && secretName(lone.value) ? { ...base, key: lone.value, mode: 'call', left: 4 } : undefined
      }
      const paren = skipSpaceBack(t, q.tokenStart - 1)
      if (t[paren] === '(') {
        const target = assignmentTarget(t)
        const call = callNameBefore(t, paren)
        if (!(target && secretName(target)) && !(call && readsConfig(call))) return undefined
        const key = target && secretName(target) ? target : q.value
        return isNameLike(key) && secretName(key) ? { ...base, key, mode: 'call', left: 4 } : undefined
      }
    }
    return undefined
  }
  if (last === '{' && t.startsWith('variable ')) {
    // Terraform: variable "django_secret_key" {  …  default = "…"
    const q = quotedStrings(t)[0]
    return q && secretName(q.value) ? { ...base, key: q.value, mode: 'value', left: 6 } : undefined
  }
  if (last === '[' || last === '{' || last === ':') {
    let i = skipSpaceBack(t, t.length - 2)
    if (last !== ':') {
      if (t[i] !== '=' && t[i] !== ':') return undefined
      i = skipSpaceBack(t, i - 1)
    }
    const k = secretKeyBefore(t, i, secretName)
    if (!k) return undefined
    const lead = t.slice(0, k.before + 1).trim()
    if (last === ':' && k.before >= 0 && lead !== '' && lead !== '-') return undefined
    if (last === '[') return { ...base, key: k.key, mode: 'list', left: 50 }
    // YAML `KEY:`: its value is a child entry, indented deeper; a sibling key ends it
    return { ...base, key: k.key, mode: 'value', left: 6, ...(last === ':' ? { minIndent: indent + 1 } : {}) }
  }
  // - name: DJANGO_SECRET_KEY  /  - key: SECRET_KEY  /  Name: X (followed by value: …)
  let i = 0
  if (t.startsWith('- ')) i = skipSpace(t, 2)
  for (const word of ['name:', 'key:', 'Name:', 'Key:']) {
    if (t.startsWith(word, i)) {
      const name = t.slice(skipSpace(t, i + word.length)).replace(/^["']|["']$/g, '')
      // the value is a sibling entry of the same item: indented like the name
      if (name && !name.includes(' ') && secretName(name)) return { ...base, key: name, mode: 'value', left: 3, minIndent: indent + i }
    }
  }
  return undefined
}

/** The pair a carried value makes now, its parts placed relative to the current line. */
function carriedPair(carry: Carry, quoted = true): Pair[] {
  const parts = (carry.parts ?? []).map((p) => ({ ...p, line: p.line - carry.step }))
  if (!carry.key || !parts.length) return []
  return [{ key: carry.key, value: carry.value ?? '', column: parts[0].start, parts, quoted }]
}

/** What a construct still open at the end of the text (or of its line budget) holds. */
export function finishCarry(carry: Carry): Pair[] {
  return carry.mode === 'concat' || carry.mode === 'string' || carry.mode === 'block' ? carriedPair(carry, carry.mode !== 'block') : []
}

/** The closing quote of a string value on a line, skipping escaped characters; -1 when the value goes on. */
function closingQuote(line: string, quote: string): number {
  if (quote.length === 3) return line.indexOf(quote)
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++
    else if (line[i] === quote) return i
  }
  return -1
}

/** One more line of a string, block or concatenation: its parts, and the pair once the value ends. */
function continueValue(line: string, carry: Carry, indent: number, t: string): { pairs: Pair[]; carry?: Carry } {
  const step = carry.step + 1
  const value = carry.value ?? ''
  const parts = carry.parts ?? []
  const next = (c: Carry): { pairs: Pair[]; carry?: Carry } => (c.left > 0 ? { pairs: [], carry: c } : { pairs: finishCarry(c) })
  if (carry.mode === 'string') {
    const close = closingQuote(line, carry.quote as string)
    const end = close < 0 ? line.length : close
    const grown: Carry = { ...carry, step, left: carry.left - 1, value: `${value}\n${line.slice(0, end)}`, parts: end > indent ? [...parts, { line: step, start: indent, end }] : parts }
    return close < 0 ? next(grown) : { pairs: carriedPair(grown) }
  }
  if (carry.mode === 'block') {
    if (t === '') return next({ ...carry, step, left: carry.left - 1, value: `${value}\n` })
    if (indent < (carry.minIndent ?? 0)) return { pairs: finishCarry({ ...carry, value: value.trim() }) }
    return next({ ...carry, step, left: carry.left - 1, value: value ? `${value}\n${t}` : t, parts: [...parts, { line: step, start: indent, end: indent + t.length }] })
  }
  // concat: "part" / "part" + / + "part" / "part"),  until the closing parenthesis
  const qs = quotedStrings(t)
  // what is left of the line without its strings
  let rest = ''
  let from = 0
  for (const q of qs) {
    rest += t.slice(from, q.tokenStart)
    from = q.end + 1
  }
  rest += t.slice(from)
  const comment = rest.indexOf('#')
  if (comment >= 0) rest = rest.slice(0, comment)
  for (const c of rest) if (c !== '+' && c !== ' ' && c !== '\t' && c !== ')' && c !== ',') return { pairs: [] } // an expression: not a literal
  const grown: Carry = { ...carry, step, left: carry.left - 1, value: value + qs.map((q) => q.value).join(''), parts: [...parts, ...qs.map((q) => ({ line: step, start: indent + q.valueStart, end: indent + q.valueEnd }))] }
  if (rest.includes(',')) {
    // KEY = ( "a", "b" ): a tuple, one value per element
    const pair = carriedPair(grown)
    const after = { ...grown, value: '', parts: [] }
    return { pairs: pair, carry: rest.includes(')') ? undefined : after }
  }
  return rest.includes(')') ? { pairs: carriedPair(grown) } : next(grown)
}

/** The pairs a line contributes to an open construct, and whether the construct goes on. */
export function continueCarry(line: string, carry: Carry, syntax: boolean | LineSyntax): { pairs: Pair[]; carry?: Carry } {
  const indent = line.length - line.trimStart().length
  const t = line.trim()
  if (carry.mode === 'string' || carry.mode === 'block') return continueValue(line, carry, indent, t)
  const left = carry.left - 1
  const step = carry.step + 1
  const go = (c: Carry): Carry | undefined => (c.left > 0 ? c : undefined)
  if (t === '' || t.startsWith('#') || t.startsWith('//')) return { pairs: [], carry: go({ ...carry, left, step }) }
  if (carry.mode === 'concat') return continueValue(line, carry, indent, t)
  if (carry.mode === 'call') {
    if (t.startsWith(')')) return { pairs: [] }
    const args = quotedStrings(t)
    if (carry.needName && args.length === 2 && args[0].tokenStart === 0 && t[skipSpace(t, args[0].end + 1)] === ',' && skipSpace(t, skipSpace(t, args[0].end + 1) + 1) === args[1].tokenStart) {
      // "DJANGO_SECRET_KEY", "value"  — name and default on one line
      const key = carry.key || args[0].value
      return { pairs: [shifted(quotedPair(key, args[1]), indent)] }
    }
    const lone = loneString(t)
    if (lone) {
      if (carry.needName) return { pairs: [], carry: go({ ...carry, key: carry.key || (isNameLike(lone.value) ? lone.value : ''), needName: false, left, step }) }
      return { pairs: carry.key ? [shifted(quotedPair(carry.key, lone), indent)] : [] }
    }
    // default="value",  /  cast=str,
    const pairs = pairsOfLine(t, syntax).filter((p) => p.key === 'default')
    if (pairs.length) return { pairs: carry.key && !carry.needName ? pairs.map((p) => shifted({ ...p, key: carry.key }, indent)) : [] }
    return /^[A-Za-z_]\w{0,63}\s{0,8}=/.test(t) ? { pairs: [], carry: go({ ...carry, left, step }) } : { pairs: [] }
  }
  if (carry.mode === 'list') {
    if (t.startsWith(']') || t.startsWith(')')) return { pairs: [] }
    const qs = quotedStrings(t)
    if (!qs.length || qs[0].tokenStart !== 0) return { pairs: [] }
    return { pairs: qs.map((q) => shifted(quotedPair(carry.key, q), indent)), carry: go({ ...carry, left, step }) }
  }
  // mode 'value': a `value:` / `"value":` / `default:` entry within the next lines
  if (t.startsWith('}') || indent < (carry.minIndent ?? 0)) return { pairs: [] }
  const pairs = pairsOfLine(line, syntax).filter((p) => p.key === 'value' || p.key === 'Value' || p.key === 'default')
  if (pairs.length) return { pairs: pairs.map((p) => ({ ...p, key: carry.key })) }
  if (t.startsWith('- ')) return { pairs: [] }
  return { pairs: [], carry: go({ ...carry, left, step }) }
}

/** A pair read from a trimmed line, moved to the columns of the line with its indentation. */
function shifted(p: Pair, indent: number): Pair {
  return indent ? { ...p, column: p.column + indent, parts: p.parts.map((x) => ({ ...x, start: x.start + indent, end: x.end + indent })) } : p
}
