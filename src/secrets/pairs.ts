// Finds `key = value` pairs in one line of any text format — Python assignments (plain, annotated,
// subscripted), dict entries, keyword arguments and list elements, env-var defaults
// (`os.environ.get("KEY", "value")`, `env("KEY", default="v")`, `environ.Env(KEY=(str, "v"))`),
// `.env` / shell `KEY=value` (also inline: `KEY=value command`, `-e KEY=value`, `?token=…`),
// `--password value` flags, HTTP headers (`Authorization: Bearer …`, `X-Api-Key: …`), YAML
// `key: value`, JSON `"key": "value"`, INI/TOML, Dockerfile `ENV KEY value`.
//
// A hand-written scanner: each pass looks at each character a bounded number of times (lookups go
// through maps keyed by position, backward scans are capped), and no regular expression here can
// backtrack on hostile input. Constructs over several lines are followed by carry.ts.
import { isTemplate, quotedPart, quotedStrings, rawColumn, type Quoted } from './quotes.js'
import { assignment, assignmentTarget, callNameBefore, isIdentChar, isKeyChar, isNameLike, isSpace, keyBefore, MAX_KEY, MAX_VALUE, readsConfig, skipSpace, skipSpaceBack } from './syntax.js'

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
export function quotedPair(key: string, q: Quoted, extra: Partial<Pair> = {}): Pair {
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
  if (i >= line.length || first === '"' || first === "'" || first === '`' || first === '|' || first === '>' || first === '{' || first === '[' || first === '&' || first === '*') return undefined
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
