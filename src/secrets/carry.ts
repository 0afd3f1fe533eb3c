// Constructs over several lines: a call left open (`SECRET_KEY = env(` … `"KEY",` … `default="v",`),
// a list under a secret name, a YAML `KEY:` entry or Kubernetes `- name:` / `value:` pair, strings
// joined in parentheses, a quoted value left open (`KEY = """…`), a YAML block scalar. The detector
// feeds them the following lines one at a time (`continueCarry`) within a bounded number of lines.
import { quotedStrings, scanQuotes, type Quoted } from './quotes.js'
import { pairsOfLine, quotedPair, type LineSyntax, type Pair, type Part } from './pairs.js'
import { assignment, assignmentTarget, callNameBefore, isNameLike, keyBefore, readsConfig, skipSpace, skipSpaceBack, type KeyToken } from './syntax.js'

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
