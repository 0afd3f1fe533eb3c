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

export interface Pair {
  key: string
  value: string
  /** 0-based column where the value starts. */
  column: number
  quoted: boolean
  /** What the value is when the key alone does not say (an Authorization header's scheme). */
  kindHint?: 'token' | 'password'
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
}

/** Quoted strings of a line (single, double, backtick and Python triple quotes; backslash escapes). */
export function quotedStrings(line: string): Quoted[] {
  const out: Quoted[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]
    // Comments are scanned too: a commented-out key is still committed.
    if (c === '"' || c === "'" || c === '`') {
      const triple = line[i + 1] === c && line[i + 2] === c
      const open = triple ? 3 : 1
      let j = i + open
      let escaped = false
      while (j < line.length && !(line[j] === c && (!triple || (line[j + 1] === c && line[j + 2] === c)))) {
        if (line[j] === '\\' && j + 1 < line.length) {
          escaped = true
          j += 2
          continue
        }
        j++
      }
      if (j >= line.length) break // unterminated: stop, never rescan
      let value = line.slice(i + open, j)
      if (escaped) value = value.replace(/\\(.)/g, '$1')
      // Python string prefixes: b"…", r'…', f"…", rb"…"
      let tokenStart = i
      while (tokenStart > i - 2 && tokenStart > 0 && 'bBrRfFuU'.includes(line[tokenStart - 1])) tokenStart--
      if (tokenStart < i && isIdentChar(line[tokenStart - 1])) tokenStart = i
      out.push({ start: i, end: j + open - 1, value, tokenStart, valueStart: i + open, valueEnd: j })
      i = j + open
      continue
    }
    i++
  }
  return out
}

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
function assignmentTarget(line: string): string | undefined {
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

/** An Authorization value (`Bearer x`, `Token x`, `Basic x`): the credential after the scheme. */
function authorization(key: string, value: string, column: number, quoted: boolean): Pair | undefined {
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
  return { key, value: value.slice(start, end), column: column + start, quoted, kindHint }
}

/** Key/value pairs with a quoted value, anywhere in the line. */
function quotedPairs(line: string, quoted: Quoted[], byEnd: Map<number, Quoted>, out: Pair[]): void {
  // for list elements: the index (in `quoted`) of the list's first element's '[' position, by element
  const listOpen = new Map<Quoted, number>()
  const listIndex = new Map<Quoted, number>()
  for (let qi = 0; qi < quoted.length; qi++) {
    const q = quoted[qi]
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
      if (target) out.push({ key: target, value: q.value, column: q.valueStart, quoted: true })
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
    if (!k) continue
    let key = k.key
    if (open !== undefined && line[open] === '(' && key === 'auth') {
      // requests/httpx basic auth: auth=("user", "password")
      if (listIndex.get(q) === 1) out.push({ key, value: q.value, column: q.valueStart, quoted: true, kindHint: 'password' })
      continue
    }
    if (op === ',') {
      const before = skipSpaceBack(line, k.before)
      if (k.quoted && line[before] === '(') {
        // os.environ.get("KEY", "value") / os.getenv("KEY", "value") / config("KEY", "value"): the first argument names it
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
    const pair: Pair = { key, value: q.value, column: q.valueStart, quoted: true }
    out.push(authorization(key, q.value, q.valueStart, true) ?? pair)
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
    if (second && line[skipSpace(line, second.end + 1)] === ')') out.push({ key: 'password', value: second.value, column: second.valueStart, quoted: true })
  }
  for (const call of ['set_password(', 'setPassword(']) {
    for (let at = line.indexOf(call); at >= 0; at = line.indexOf(call, at + call.length)) {
      const q = quoted.find((x) => x.tokenStart === skipSpace(line, at + call.length))
      if (q && line[skipSpace(line, q.end + 1)] === ')') out.push({ key: 'password', value: q.value, column: q.valueStart, quoted: true })
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
    if (args.length >= 3) out.push({ key: 'password', value: args[2].value, column: args[2].valueStart, quoted: true })
  }
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
  else if (value && !value.includes(' ') && name.includes('-')) out.push({ key: name, value, column: base + vStart, quoted: false })
}

/** `env("X")`, `get_secret(name)`: a call, not a value. */
const isCall = (value: string): boolean => /^[A-Za-z_][\w.]{0,100}\([^()]{0,200}\)$/.test(value)

const INLINE_BOUNDARY = new Set([' ', '\t', ':', ';', '&', '?', '"', "'", '`', '(', ',', '{', '[', '|'])
const VALUE_STOP = new Set([' ', '\t', '"', "'", '`'])

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
    while (k < text.length && k - e <= MAX_VALUE && !VALUE_STOP.has(text[k]) && text[k] !== sep && !(sep === '&' && text[k] === '#')) k++
    let value = text.slice(e + 1, k)
    if (value.endsWith(',') || value.endsWith(';')) value = value.slice(0, -1)
    if (value && !isCall(value)) out.push({ key, value, column: base + e + 1, quoted: false })
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
    out.push({ key, value: text.slice(vStart, k), column: base + vStart, quoted: false })
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
    if (name && value && secretName(name)) out.push({ key: name, value, column: vAt, quoted: false })
  }
  for (const [cmd, flag] of [['sshpass', ' -p '], ['redis-cli', ' -a ']]) {
    const c = text.indexOf(cmd)
    const f = c >= 0 ? text.indexOf(flag, c) : -1
    if (f < 0) continue
    const [value, vAt] = word(f + flag.length)
    if (value) out.push({ key: 'password', value, column: vAt, quoted: text[vAt - 1] === "'" || text[vAt - 1] === '"' })
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
  return { key, value: line.slice(v, e), column: v, quoted: false }
}

/** `KEY=value`, `export KEY=value`, `key: value`, `ENV KEY value`, `- KEY=value` with a bare value at the start of a line. */
function barePair(line: string): Pair | undefined {
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
  while (i < line.length && i - valueStart <= MAX_VALUE && !isSpace(line[i])) i++
  let value = line.slice(valueStart, i)
  if (value.endsWith(',') || value.endsWith(';')) value = value.slice(0, -1)
  // an expression, not data: env("X"), get_secret(...); an Authorization scheme is read by headerPair
  if (isCall(value) || AUTH_HEADERS.has(key.toLowerCase())) return undefined
  // a YAML tag (`!vault |`, `!Ref Name`): the value is elsewhere
  if (/^![A-Za-z]{1,32}$/.test(value)) return undefined
  return value ? { key, value, column: valueStart, quoted: false } : undefined
}

/**
 * Pairs of one line; `code` (Python, JavaScript…) skips unquoted values, which there are expressions,
 * not data, and looks for inline `KEY=value` only inside string literals. `secretName` tells which
 * keys are worth reading an inline value for.
 */
export function pairsOfLine(line: string, code = false, secretName: (key: string) => boolean = () => true): Pair[] {
  const quoted = quotedStrings(line)
  const byEnd = new Map<number, Quoted>()
  for (const q of quoted) byEnd.set(q.end, q)
  const found: Pair[] = []
  // well-known positional credentials first: at the same position, they win over the first-argument rule
  positionalPasswords(line, quoted, found)
  quotedPairs(line, quoted, byEnd, found)
  for (const q of quoted) {
    if (q.value.length > 8 && q.value.length <= MAX_VALUE && q.valueEnd - q.valueStart === q.value.length) {
      headerPair(q.value, q.valueStart, found)
      if (code) inlinePairs(q.value, q.valueStart, found, secretName)
    }
  }
  if (!code) {
    const bare = barePair(line) ?? directivePair(line, secretName)
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
  mode: 'call' | 'list' | 'value'
  /** A call whose first argument (the environment variable's name) has not been seen yet. */
  needName: boolean
  /** Lines it may still extend over. */
  left: number
}

/** The only string on a (trimmed) line, optionally followed by ',' or ')' and a comment: an argument or list element on its own line. */
function loneString(t: string): Quoted | undefined {
  const qs = quotedStrings(t)
  if (qs.length !== 1 || qs[0].tokenStart !== 0) return undefined
  let i = skipSpace(t, qs[0].end + 1)
  if (t[i] === ',' || t[i] === ')') i = skipSpace(t, i + 1)
  return i >= t.length || t[i] === '#' ? qs[0] : undefined
}

/**
 * Whether a line opens a construct whose value comes on the next lines: a call left open
 * (`SECRET_KEY = env(` / `os.environ.get("KEY",`), a list (`FALLBACKS = [`), a mapping under a secret
 * name (`"SECRET_KEY": {`, `SECRET_KEY:`), or a Kubernetes/Render/CloudFormation `name:`/`key:` entry.
 */
export function openCarry(line: string, secretName: (key: string) => boolean): Carry | undefined {
  const t = line.trim()
  if (t.length > 512) return undefined
  const last = t[t.length - 1]
  if (last === '(') {
    const target = assignmentTarget(t)
    return { key: target && secretName(target) ? target : '', mode: 'call', needName: true, left: 6 }
  }
  if (last === ',') {
    // KEY = os.environ.get("NAME",   /   "NAME",  (the first argument on its own line)
    const qs = quotedStrings(t)
    const q = qs[qs.length - 1]
    if (q && skipSpace(t, q.end + 1) === t.length - 1) {
      const lone = loneString(t)
      if (lone && secretName(lone.value)) return { key: lone.value, mode: 'call', needName: false, left: 4 }
      if (t[skipSpaceBack(t, q.tokenStart - 1)] === '(') {
        const target = assignmentTarget(t)
        const key = target && secretName(target) ? target : q.value
        return secretName(key) ? { key, mode: 'call', needName: false, left: 4 } : undefined
      }
    }
    return undefined
  }
  if (last === '{' && t.startsWith('variable ')) {
    // Terraform: variable "django_secret_key" {  …  default = "…"
    const q = quotedStrings(t)[0]
    return q && secretName(q.value) ? { key: q.value, mode: 'value', needName: false, left: 6 } : undefined
  }
  if (last === '[' || last === '{' || last === ':') {
    let i = skipSpaceBack(t, t.length - 2)
    if (last !== ':') {
      if (t[i] !== '=' && t[i] !== ':') return undefined
      i = skipSpaceBack(t, i - 1)
    }
    const quoted = quotedStrings(t)
    const byEnd = new Map<number, Quoted>()
    for (const q of quoted) byEnd.set(q.end, q)
    const k = keyBefore(t, i, byEnd)
    if (!k || !secretName(k.key) || (last === ':' && k.before >= 0 && t.slice(0, k.before + 1).trim() !== '' && t.slice(0, k.before + 1).trim() !== '-')) return undefined
    return { key: k.key, mode: last === '[' ? 'list' : 'value', needName: false, left: last === '[' ? 50 : 6 }
  }
  // - name: DJANGO_SECRET_KEY  /  - key: SECRET_KEY  /  Name: X (followed by value: …)
  let i = 0
  if (t.startsWith('- ')) i = skipSpace(t, 2)
  for (const word of ['name:', 'key:', 'Name:', 'Key:']) {
    if (t.startsWith(word, i)) {
      const name = t.slice(skipSpace(t, i + word.length)).replace(/^["']|["']$/g, '')
      if (name && !name.includes(' ') && secretName(name)) return { key: name, mode: 'value', needName: false, left: 3 }
    }
  }
  return undefined
}

/** The pairs a line contributes to an open construct, and whether the construct goes on. */
export function continueCarry(line: string, carry: Carry, code: boolean): { pairs: Pair[]; carry?: Carry } {
  const indent = line.length - line.trimStart().length
  const t = line.trim()
  const left = carry.left - 1
  const go = (c: Carry): Carry | undefined => (c.left > 0 ? c : undefined)
  if (t === '' || t.startsWith('#') || t.startsWith('//')) return { pairs: [], carry: go({ ...carry, left }) }
  if (carry.mode === 'call') {
    if (t.startsWith(')')) return { pairs: [] }
    const args = quotedStrings(t)
    if (carry.needName && args.length === 2 && args[0].tokenStart === 0 && t[skipSpace(t, args[0].end + 1)] === ',' && skipSpace(t, skipSpace(t, args[0].end + 1) + 1) === args[1].tokenStart) {
      // "DJANGO_SECRET_KEY", "value"  — name and default on one line
      const key = carry.key || args[0].value
      return { pairs: [{ key, value: args[1].value, column: indent + args[1].valueStart, quoted: true }] }
    }
    const lone = loneString(t)
    if (lone) {
      if (carry.needName) return { pairs: [], carry: go({ ...carry, key: carry.key || lone.value, needName: false, left }) }
      return { pairs: carry.key ? [{ key: carry.key, value: lone.value, column: indent + lone.valueStart, quoted: true }] : [] }
    }
    // default="value",  /  cast=str,
    const pairs = pairsOfLine(t, code).filter((p) => p.key === 'default')
    if (pairs.length) return { pairs: carry.key && !carry.needName ? pairs.map((p) => ({ ...p, key: carry.key, column: p.column + indent })) : [] }
    return /^[A-Za-z_]\w{0,63}\s{0,8}=/.test(t) ? { pairs: [], carry: go({ ...carry, left }) } : { pairs: [] }
  }
  if (carry.mode === 'list') {
    if (t.startsWith(']') || t.startsWith(')')) return { pairs: [] }
    const qs = quotedStrings(t)
    if (!qs.length || qs[0].tokenStart !== 0) return { pairs: [] }
    return { pairs: qs.map((q) => ({ key: carry.key, value: q.value, column: indent + q.valueStart, quoted: true })), carry: go({ ...carry, left }) }
  }
  // mode 'value': a `value:` / `"value":` / `default:` entry within the next lines
  if (t.startsWith('}')) return { pairs: [] }
  const pairs = pairsOfLine(line, code).filter((p) => p.key === 'value' || p.key === 'Value' || p.key === 'default')
  if (pairs.length) return { pairs: pairs.map((p) => ({ ...p, key: carry.key })) }
  if (t.startsWith('- ')) return { pairs: [] }
  return { pairs: [], carry: go({ ...carry, left }) }
}
