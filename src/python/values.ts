// Abstract Python values and the few Python semantics that settings code relies on.
// A value is either known exactly, one of several alternatives, or unknown (with the reason).
// Values never mention the environment: env-dependence is handled by evaluating a module once per
// environment "world" (see evaluate.ts).

export interface Loc {
  path: string
  line: number
  endLine: number
}

export interface Item {
  value: Value
  /** Where this element was written, so a removal can be traced to its line. */
  loc?: Loc
}

export type Value =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  /** list, tuple or set; `open` means more, unknown elements may be present. */
  | { kind: 'seq'; type: 'list' | 'tuple' | 'set'; items: Item[]; open: boolean }
  | { kind: 'dict'; entries: { key: string; value: Value; loc?: Loc }[]; open: boolean }
  | { kind: 'oneOf'; options: Value[]; why: string }
  | { kind: 'unknown'; why: string }
  /** Evaluating this raises at import time (e.g. a required env var is unset): Django would not start. */
  | { kind: 'fails'; why: string }
  /** Something from outside the analysed files: a module, function or object, by qualified name. */
  | { kind: 'ext'; qname: string }
  /** A django-environ `Env` instance with its scheme of defaults. */
  | { kind: 'envReader'; scheme: Map<string, { cast: string; default?: Value }> }
  /** A module of the analysed tree (from `from . import base`). */
  | { kind: 'module'; path: string }
  /** The name is not defined on this path (Django then uses its default); only inside a one-of. */
  | { kind: 'absent' }

export const NONE: Value = { kind: 'none' }
export const TRUE: Value = { kind: 'bool', value: true }
export const FALSE: Value = { kind: 'bool', value: false }
export const str = (value: string): Value => ({ kind: 'str', value })
export const int = (value: number): Value => ({ kind: 'int', value })
export const bool = (value: boolean): Value => (value ? TRUE : FALSE)
export const unknown = (why: string): Value => ({ kind: 'unknown', why })
export const fails = (why: string): Value => ({ kind: 'fails', why })
export const list = (values: Value[], type: 'list' | 'tuple' | 'set' = 'list'): Value => ({
  kind: 'seq',
  type,
  items: values.map((value) => ({ value })),
  open: false
})

const MAX_OPTIONS = 8

/** Builds a one-of value, flattening nested alternatives and dropping duplicates. */
export function oneOf(options: Value[], why: string): Value {
  const flat: Value[] = []
  for (const o of options) for (const v of o.kind === 'oneOf' ? o.options : [o]) if (!flat.some((f) => equal(f, v))) flat.push(v)
  if (flat.length === 1) return flat[0]
  if (flat.length > MAX_OPTIONS) return unknown(why)
  const failing = flat.find((v) => v.kind === 'unknown')
  if (failing) return failing
  return { kind: 'oneOf', options: flat, why }
}

/** Applies f to each alternative of a one-of value (or to the value itself). */
export function mapOptions(v: Value, f: (v: Value) => Value): Value {
  if (v.kind === 'fails') return v
  if (v.kind !== 'oneOf') return f(v)
  return oneOf(v.options.map(f), v.why)
}

export function isKnown(v: Value): boolean {
  switch (v.kind) {
    case 'unknown':
    case 'oneOf':
    case 'fails':
    case 'ext':
    case 'envReader':
    case 'module':
    case 'absent':
      return false
    case 'seq':
      return !v.open && v.items.every((i) => isKnown(i.value))
    case 'dict':
      return !v.open && v.entries.every((e) => isKnown(e.value))
    default:
      return true
  }
}

/** Python truthiness; undefined when it cannot be known. */
export function truthy(v: Value): boolean | undefined {
  switch (v.kind) {
    case 'none':
      return false
    case 'bool':
      return v.value
    case 'int':
    case 'float':
      return v.value !== 0
    case 'str':
      return v.value.length > 0
    case 'seq':
      return v.items.length > 0 ? true : v.open ? undefined : false
    case 'dict':
      return v.entries.length > 0 ? true : v.open ? undefined : false
    case 'oneOf': {
      const all = v.options.map(truthy)
      return all.every((x) => x === all[0]) ? all[0] : undefined
    }
    case 'module':
    case 'envReader':
      return true
    default:
      return undefined
  }
}

/** Structural equality of two known values (`==` in Python for the types we model). */
export function equal(a: Value, b: Value): boolean {
  const na = numeric(a)
  const nb = numeric(b)
  if (na !== undefined && nb !== undefined) return na === nb
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case 'none':
      return true
    case 'str':
      return a.value === (b as typeof a).value
    case 'seq': {
      const o = b as typeof a
      return a.type === o.type && a.open === o.open && a.items.length === o.items.length && a.items.every((x, i) => equal(x.value, o.items[i].value))
    }
    case 'dict': {
      const o = b as typeof a
      return a.open === o.open && a.entries.length === o.entries.length && a.entries.every((e, i) => e.key === o.entries[i].key && equal(e.value, o.entries[i].value))
    }
    case 'oneOf': {
      const o = b as typeof a
      return a.options.length === o.options.length && a.options.every((x) => o.options.some((y) => equal(x, y)))
    }
    case 'ext':
      return a.qname === (b as typeof a).qname
    case 'unknown':
    case 'fails':
      return a.why === (b as typeof a).why
    case 'module':
      return a.path === (b as typeof a).path
    case 'absent':
      return true
    default:
      return false
  }
}

/** bool/int/float as a number (True == 1 in Python). */
export function numeric(v: Value): number | undefined {
  if (v.kind === 'bool') return v.value ? 1 : 0
  if (v.kind === 'int' || v.kind === 'float') return v.value
  return undefined
}

/** A short Python-like rendering for messages: `True`, `'*'`, `['a', 'b']`. */
export function show(v: Value, max = 80): string {
  const text = render(v)
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

function render(v: Value): string {
  switch (v.kind) {
    case 'none':
      return 'None'
    case 'bool':
      return v.value ? 'True' : 'False'
    case 'int':
      return String(v.value)
    case 'float':
      return Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value)
    case 'str':
      return pyRepr(v.value)
    case 'seq': {
      const inner = v.items.map((i) => render(i.value))
      if (v.open) inner.push('…')
      if (v.type === 'tuple') return `(${inner.join(', ')}${inner.length === 1 ? ',' : ''})`
      if (v.type === 'set') return inner.length ? `{${inner.join(', ')}}` : 'set()'
      return `[${inner.join(', ')}]`
    }
    case 'dict': {
      const inner = v.entries.map((e) => `${pyRepr(e.key)}: ${render(e.value)}`)
      if (v.open) inner.push('…')
      return `{${inner.join(', ')}}`
    }
    case 'oneOf':
      return v.options.map(render).join(' or ')
    case 'unknown':
      return '<unknown>'
    case 'fails':
      return '<error>'
    case 'ext':
      return v.qname
    case 'envReader':
      return 'environ.Env(...)'
    case 'module':
      return `<module ${v.path}>`
    case 'absent':
      return '<not set>'
  }
}

export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of s) {
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += '\\' + ch
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else out += ch
  }
  return quote + out + quote
}

/** The strings of a sequence value, or undefined when any element is not a known string. */
export function stringItems(v: Value): string[] | undefined {
  if (v.kind !== 'seq') return undefined
  const out: string[] = []
  for (const i of v.items) {
    if (i.value.kind !== 'str') return undefined
    out.push(i.value.value)
  }
  return out
}

/** Whether a sequence contains the string: true, false, or undefined when it cannot be known. */
export function containsString(v: Value, s: string): boolean | undefined {
  if (v.kind === 'oneOf') {
    const all = v.options.map((o) => containsString(o, s))
    return all.every((x) => x === all[0]) ? all[0] : undefined
  }
  if (v.kind !== 'seq') return undefined
  let unsure = v.open
  for (const i of v.items) {
    if (i.value.kind === 'str') {
      if (i.value.value === s) return true
    } else unsure = true
  }
  return unsure ? undefined : false
}
