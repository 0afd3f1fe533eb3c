// Finds `key = value` pairs in one line of any text format — Python assignments, dict entries and
// keyword arguments, env-var defaults (`os.environ.get("KEY", "value")`, `env("KEY", default="v")`),
// `.env` / shell `KEY=value`, YAML `key: value`, JSON `"key": "value"`, INI/TOML, Dockerfile
// `ENV KEY value`. A hand-written scanner: one pass over the line, no regular expressions that could
// backtrack on hostile input.

export interface Pair {
  key: string
  value: string
  /** 0-based column where the value starts. */
  column: number
  quoted: boolean
}

const isKeyChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '.'

interface Quoted {
  start: number
  end: number
  value: string
}

/** Quoted strings of a line (single, double or backtick quotes; backslash escapes). Python string prefixes are skipped. */
export function quotedStrings(line: string): Quoted[] {
  const out: Quoted[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]
    // Comments are scanned too: a commented-out key is still committed.
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1
      let value = ''
      while (j < line.length && line[j] !== c) {
        if (line[j] === '\\' && j + 1 < line.length) {
          value += line[j + 1]
          j += 2
          continue
        }
        value += line[j]
        j++
      }
      if (j >= line.length) break // unterminated: stop, never rescan
      out.push({ start: i, end: j, value })
      i = j + 1
      continue
    }
    i++
  }
  return out
}

function skipSpaceBack(line: string, i: number): number {
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--
  return i
}

/** The key token ending at index i (identifier, or a quoted string), with the index before it. */
function keyBefore(line: string, i: number, quoted: Quoted[]): { key: string; before: number; quoted: boolean } | undefined {
  i = skipSpaceBack(line, i)
  if (i < 0) return undefined
  if (line[i] === '"' || line[i] === "'") {
    const q = quoted.find((x) => x.end === i)
    return q ? { key: q.value, before: q.start - 1, quoted: true } : undefined
  }
  let j = i
  while (j >= 0 && isKeyChar(line[j])) j--
  if (j === i) return undefined
  return { key: line.slice(j + 1, i + 1), before: j, quoted: false }
}

/** Key/value pairs with a quoted value, anywhere in the line. */
function quotedPairs(line: string, quoted: Quoted[]): Pair[] {
  const out: Pair[] = []
  for (const q of quoted) {
    let i = skipSpaceBack(line, q.start - 1)
    if (i < 0) continue
    let op = line[i]
    if (op === '>' && line[i - 1] === '=') i-- // =>
    else if (op === '=' && line[i - 1] === ':') i-- // :=
    else if (op === '=' && (line[i - 1] === '=' || line[i - 1] === '!' || line[i - 1] === '<' || line[i - 1] === '>')) continue // comparison
    op = line[i]
    if (op !== '=' && op !== ':' && op !== ',') continue
    const k = keyBefore(line, i - 1, quoted)
    if (!k) continue
    let key = k.key
    if (op === ',') {
      // os.environ.get("KEY", "value") / os.getenv("KEY", "value") / config("KEY", "value"): the first argument names it
      if (!k.quoted || line[skipSpaceBack(line, k.before)] !== '(') continue
    } else if (key === 'default' && op === '=') {
      // env("KEY", default="value") / config("KEY", default="value") / env.str("KEY", default=…)
      const call = quoted.filter((x) => x.end < k.before).pop()
      if (!call) continue
      key = call.value
    }
    out.push({ key, value: q.value, column: q.start + 1, quoted: true })
  }
  return out
}

/** `KEY=value`, `export KEY=value`, `key: value`, `ENV KEY value`, `KEY value` (Dockerfile) with a bare value. */
function barePair(line: string): Pair | undefined {
  let i = 0
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++
  for (const prefix of ['export ', 'ENV ', 'ARG ', 'set ', '- ']) {
    if (line.startsWith(prefix, i)) {
      i += prefix.length
      while (line[i] === ' ') i++
    }
  }
  const keyStart = i
  while (i < line.length && isKeyChar(line[i])) i++
  if (i === keyStart) return undefined
  const key = line.slice(keyStart, i)
  while (line[i] === ' ' || line[i] === '\t') i++
  if (line[i] === '=' || line[i] === ':') {
    if (line[i] === ':' && line[i + 1] === '=') i++
    i++
    while (line[i] === ' ' || line[i] === '\t') i++
  } else if (!/^\s*ENV\s/.test(line) || i === keyStart) return undefined
  if (i >= line.length || line[i] === '"' || line[i] === "'" || line[i] === '|' || line[i] === '>' || line[i] === '{' || line[i] === '[' || line[i] === '&' || line[i] === '*') return undefined
  const valueStart = i
  while (i < line.length && line[i] !== ' ' && line[i] !== '\t' && !(line[i] === '#' && (line[i - 1] === ' ' || line[i - 1] === '\t'))) i++
  let value = line.slice(valueStart, i)
  if (value.endsWith(',') || value.endsWith(';')) value = value.slice(0, -1)
  // an expression, not data: env("X"), settings.X, [a, b]
  if (/[()[\]{}]/.test(value)) return undefined
  return value ? { key, value, column: valueStart, quoted: false } : undefined
}

/** Pairs of one line; `code` (Python) skips unquoted values, which there are expressions, not data. */
export function pairsOfLine(line: string, code = false): Pair[] {
  const quoted = quotedStrings(line)
  const pairs = quotedPairs(line, quoted)
  const bare = code ? undefined : barePair(line)
  if (bare && !pairs.some((p) => p.column >= bare.column - 1)) pairs.push(bare)
  return pairs
}
