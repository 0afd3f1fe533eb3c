// Compose-style variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, and `$$` for a literal `$`. A variable the
// repository does not define makes the whole value unknown (the operator sets it), unless a default
// applies. Defaults may nest (`${A:-${B:-x}}`) up to MAX_DEPTH levels; deeper is unknown.

/** What the repository defines: a value, or undefined when the name is not defined. */
export type Lookup = (name: string) => string | undefined

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/
const MAX_DEPTH = 8

/** The index of the `}` that closes a `${` whose body starts at `from`, counting nested `${…}`; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 0
  for (let k = from; k < text.length; k++) {
    const c = text[k]
    if (c === '$' && (text[k + 1] === '$' || text[k + 1] === '{')) {
      if (text[k + 1] === '{') depth++
      k++
    } else if (c === '}') {
      if (depth === 0) return k
      depth--
    }
  }
  return -1
}

/** The interpolated value, or undefined when it depends on a variable the repository does not set. */
export function interpolate(text: string, lookup: Lookup, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '$') {
      out += c
      continue
    }
    const next = text[i + 1]
    if (next === '$') {
      out += '$'
      i++
    } else if (next === '{') {
      const close = closingBrace(text, i + 2)
      if (close < 0) return undefined
      const value = braced(text.slice(i + 2, close), lookup, depth)
      if (value === undefined) return undefined
      out += value
      i = close
    } else if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1
      while (j < text.length && NAME_PART.test(text[j])) j++
      const value = lookup(text.slice(i + 1, j))
      if (value === undefined) return undefined
      out += value
      i = j - 1
    } else out += c
  }
  return out
}

function braced(inner: string, lookup: Lookup, depth: number): string | undefined {
  let j = 0
  while (j < inner.length && NAME_PART.test(inner[j])) j++
  const name = inner.slice(0, j)
  const op = inner.slice(j)
  const value = lookup(name)
  if (op === '') return value
  const colon = op.startsWith(':')
  const kind = colon ? op[1] : op[0]
  const arg = op.slice(colon ? 2 : 1)
  const unset = value === undefined || (colon && value === '')
  if (kind === '-') return unset ? interpolate(arg, lookup, depth + 1) : value
  if (kind === '?') return unset ? undefined : value
  if (kind === '+') return unset ? '' : interpolate(arg, lookup, depth + 1)
  return undefined
}
