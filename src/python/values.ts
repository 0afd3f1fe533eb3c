// Abstract Python values and the few Python semantics that settings code relies on.
// A value is either known exactly, one of several alternatives, or unknown (with the reason).
// Values never mention the environment: env-dependence is handled by evaluating a module once per
// environment "world" (see evaluate.ts).
import type { Expr, Param, Stmt } from './ast.js'
import type { Namespace } from './namespace.js'

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
  /**
   * list, tuple or set; `open` means more, unknown elements may be present. When `only` is set, those
   * unknown elements are among `only` (a summary of many alternatives: `items` are in every one).
   */
  | { kind: 'seq'; type: 'list' | 'tuple' | 'set'; items: Item[]; open: boolean; only?: Item[] }
  | { kind: 'dict'; entries: { key: string; value: Value; loc?: Loc }[]; open: boolean }
  | { kind: 'oneOf'; options: Value[]; why: string }
  /**
   * `nonEmpty`: a string known not to be empty (a variable the platform always sets, such as Cloud Run's K_SERVICE), so it is true.
   * `among`: known values some paths give (a helper returning its default when a lookup in an unknown value fails).
   */
  | { kind: 'unknown'; why: string; nonEmpty?: true; among?: Value[] }
  /** Evaluating this raises at import time (e.g. a required env var is unset): Django would not start. */
  | { kind: 'fails'; why: string }
  /** Something from outside the analysed files: a module, function or object, by qualified name. */
  | { kind: 'ext'; qname: string }
  /** A django-environ `Env` instance with its scheme of defaults. */
  | { kind: 'envReader'; scheme: Map<string, { cast: string; default?: Value }> }
  /** A module of the analysed tree (from `from . import base`); `dict`: its namespace, as globals() returns it. */
  | { kind: 'module'; path: string; dict?: boolean }
  /** A function or lambda defined in the analysed code; `self` is set for a bound method. */
  | { kind: 'func'; fn: FunctionDef; self?: Value }
  /** A class defined in the analysed code. */
  | { kind: 'class'; cls: ClassDef }
  /** An instance of such a class, with the attributes its code set on it. */
  | { kind: 'instance'; cls: ClassDef; attrs: ReadonlyMap<string, Value> }
  /** A django-configurations value (`values.BooleanValue(False)`), read from the environment under its attribute's name. */
  | { kind: 'configValue'; type: string; default?: Value; environName?: string; prefix: string; required: boolean; environ: boolean }
  /** The name is not defined on this path (Django then uses its default); only inside a one-of. */
  | { kind: 'absent' }

export interface FunctionDef {
  name: string
  params: Param[]
  /** Parameter defaults, evaluated where the def is (as Python does). */
  defaults: ReadonlyMap<string, Value>
  /** The statements of a def, or the expression of a lambda. */
  body: Stmt[] | Expr
  /** The module it is defined in. */
  path: string
  line: number
  /** Namespaces of the enclosing functions, innermost first (what a closure sees). */
  enclosing: Namespace[]
  decorator?: 'property' | 'classmethod' | 'staticmethod'
}

export interface ClassDef {
  name: string
  path: string
  line: number
  bases: Value[]
  /** What the class body defined, with where. */
  ns: Namespace
  /** Derives from django-configurations' `Configuration`: its upper-case attributes become the settings. */
  configuration: boolean
}

export const NONE: Value = { kind: 'none' }
export const TRUE: Value = { kind: 'bool', value: true }
export const FALSE: Value = { kind: 'bool', value: false }
export const str = (value: string): Value => ({ kind: 'str', value })
export const int = (value: number): Value => ({ kind: 'int', value })
export const bool = (value: boolean): Value => (value ? TRUE : FALSE)
export const unknown = (why: string): Value => ({ kind: 'unknown', why })
export const fails = (why: string): Value => ({ kind: 'fails', why })
export const list = (values: Value[], type: 'list' | 'tuple' | 'set' = 'list', open = false): Value => ({
  kind: 'seq',
  type,
  items: values.map((value) => ({ value })),
  open
})

const MAX_OPTIONS = 8
/** How many possible extra elements a summary of alternative lists names (see `only`). */
const MAX_MAYBE = 64
/** How deep the recursive functions below look into a value (values can nest through many statements). */
const MAX_DEPTH = 100

/**
 * Builds a one-of value, flattening nested alternatives and dropping duplicates. An unknown
 * alternative makes the whole value unknown, except next to lists: what the other branches hold
 * stays known. More than eight lists become one summary list (see `only`).
 */
export function oneOf(options: Value[], why: string): Value {
  const flat: Value[] = []
  for (const o of options) for (const v of o.kind === 'oneOf' ? o.options : [o]) if (!flat.some((f) => equal(f, v))) flat.push(v)
  // every path raises: so does the whole
  if (flat.length === 1 || flat.every((v) => v.kind === 'fails')) return flat[0]
  if (flat.length > MAX_OPTIONS) return summarize(flat) ?? unknown(why)
  const failing = flat.find((v) => v.kind === 'unknown')
  if (failing && !flat.some((v) => v.kind === 'seq')) {
    const among = flat.flatMap((v) => (v.kind === 'unknown' ? (v.among ?? []) : v.kind === 'fails' ? [] : [v]))
    return among.length ? { kind: 'unknown', why: failing.why, among: among.slice(0, MAX_OPTIONS) } : failing
  }
  return { kind: 'oneOf', options: flat, why }
}

/** Many alternative lists as one: the elements every list has, and the others as the possible extra ones. */
function summarize(options: Value[]): Value | undefined {
  const seqs = options.filter((o): o is Extract<Value, { kind: 'seq' }> => o.kind === 'seq')
  if (seqs.length !== options.length || seqs.some((s) => s.type !== seqs[0].type)) return undefined
  const inEvery = seqs[0].items.filter((i) => seqs.every((s) => s.items.some((j) => equal(i.value, j.value))))
  if (seqs.some((s) => s.open && !s.only)) return { kind: 'seq', type: seqs[0].type, items: inEvery, open: true }
  const only: Item[] = []
  for (const s of seqs)
    for (const i of [...s.items, ...(s.only ?? [])]) {
      if (inEvery.some((j) => equal(i.value, j.value)) || only.some((j) => equal(i.value, j.value))) continue
      // past MAX_MAYBE possible extras, any extra is possible (bounded work)
      if (only.length >= MAX_MAYBE) return { kind: 'seq', type: seqs[0].type, items: inEvery, open: true }
      only.push(i)
    }
  return { kind: 'seq', type: seqs[0].type, items: inEvery, open: true, only }
}

/** Applies f to each alternative of a one-of value (or to the value itself). */
export function mapOptions(v: Value, f: (v: Value) => Value): Value {
  if (v.kind === 'fails') return v
  if (v.kind !== 'oneOf') return f(v)
  return oneOf(v.options.map(f), v.why)
}

export function isKnown(v: Value, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false
  switch (v.kind) {
    case 'unknown':
    case 'oneOf':
    case 'fails':
    case 'ext':
    case 'envReader':
    case 'module':
    case 'absent':
    case 'func':
    case 'class':
    case 'instance':
    case 'configValue':
      return false
    case 'seq':
      return !v.open && v.items.every((i) => isKnown(i.value, depth + 1))
    case 'dict':
      return !v.open && v.entries.every((e) => isKnown(e.value, depth + 1))
    default:
      return true
  }
}

/** Python truthiness; undefined when it cannot be known. */
/** The alternatives of a value: its options for a one-of, else the value itself. */
export function optionsOf(v: Value): Value[] {
  return v.kind === 'oneOf' ? v.options : [v]
}

/** Every value a value may be: its options, and for an unknown the known values some of its paths give. */
export function possibleValues(v: Value): Value[] {
  return optionsOf(v).flatMap((o) => (o.kind === 'unknown' && o.among ? [o, ...o.among] : [o]))
}

/** Whether a value is false in Python (`not v`); undefined when that cannot be known. */
export function falsy(v: Value): boolean | undefined {
  const t = truthy(v)
  return t === undefined ? undefined : !t
}

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
    case 'func':
    case 'class':
      return true
    case 'unknown':
      return v.nonEmpty ? true : undefined
    case 'instance':
      // an object is true unless its class says otherwise
      return hasAttribute(v.cls, '__bool__') || hasAttribute(v.cls, '__len__') ? undefined : true
    default:
      return undefined
  }
}

/** Whether a class or one of its analysed bases defines a name. */
function hasAttribute(cls: ClassDef, name: string, depth = 0): boolean {
  if (cls.ns.bindings.has(name)) return true
  return depth < MAX_DEPTH && cls.bases.some((b) => b.kind === 'class' && hasAttribute(b.cls, name, depth + 1))
}

/** Structural equality of two known values (`==` in Python for the types we model). */
export function equal(a: Value, b: Value, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false
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
      const sameOnly = (a.only?.length ?? -1) === (o.only?.length ?? -1) && (a.only ?? []).every((x, i) => equal(x.value, (o.only as Item[])[i].value, depth + 1))
      return a.type === o.type && a.open === o.open && sameOnly && a.items.length === o.items.length && a.items.every((x, i) => equal(x.value, o.items[i].value, depth + 1))
    }
    case 'dict': {
      const o = b as typeof a
      return a.open === o.open && a.entries.length === o.entries.length && a.entries.every((e, i) => e.key === o.entries[i].key && equal(e.value, o.entries[i].value, depth + 1))
    }
    case 'oneOf': {
      const o = b as typeof a
      return a.options.length === o.options.length && a.options.every((x) => o.options.some((y) => equal(x, y, depth + 1)))
    }
    case 'ext':
      return a.qname === (b as typeof a).qname
    case 'unknown':
    case 'fails':
      return a.why === (b as typeof a).why
    case 'module':
      return a.path === (b as typeof a).path && a.dict === (b as typeof a).dict
    case 'func':
      return a.fn === (b as typeof a).fn && a.self === (b as typeof a).self
    case 'class':
      return a.cls === (b as typeof a).cls
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
  const out = { text: '', max: max + 1 }
  render(v, out, 0)
  return out.text.length > max ? out.text.slice(0, max - 1) + '…' : out.text
}

/** Appends a rendering to `out.text`, stopping once it is longer than `out.max` (values can be huge). */
function render(v: Value, out: { text: string; max: number }, depth: number): void {
  const put = (s: string): boolean => {
    out.text += s
    return out.text.length <= out.max
  }
  const list = (parts: (() => void)[], open: string, close: string, more: boolean): void => {
    put(open)
    for (let i = 0; i < parts.length && out.text.length <= out.max; i++) {
      if (i) put(', ')
      parts[i]()
    }
    if (more) put(parts.length ? ', …' : '…')
    put(close)
  }
  if (depth > MAX_DEPTH) {
    put('…')
    return
  }
  switch (v.kind) {
    case 'none':
      put('None')
      return
    case 'bool':
      put(v.value ? 'True' : 'False')
      return
    case 'int':
      put(String(v.value))
      return
    case 'float':
      put(Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value))
      return
    case 'str':
      put(pyRepr(v.value.length > out.max ? v.value.slice(0, out.max) : v.value))
      return
    case 'seq': {
      const parts = v.items.map((i) => () => render(i.value, out, depth + 1))
      if (v.type === 'tuple') list(parts, '(', v.items.length === 1 && !v.open ? ',)' : ')', v.open)
      else if (v.type === 'set' && !parts.length && !v.open) put('set()')
      else list(parts, v.type === 'set' ? '{' : '[', v.type === 'set' ? '}' : ']', v.open)
      return
    }
    case 'dict':
      list(
        v.entries.map((e) => () => {
          put(`${pyRepr(e.key)}: `)
          render(e.value, out, depth + 1)
        }),
        '{',
        '}',
        v.open
      )
      return
    case 'oneOf':
      v.options.forEach((o, i) => {
        if (i) put(' or ')
        if (out.text.length <= out.max) render(o, out, depth + 1)
      })
      return
    case 'unknown':
      put('<unknown>')
      return
    case 'fails':
      put('<error>')
      return
    case 'ext':
      put(v.qname)
      return
    case 'envReader':
      put('environ.Env(...)')
      return
    case 'module':
      put(v.dict ? `<namespace of ${v.path}>` : `<module ${v.path}>`)
      return
    case 'absent':
      put('<not set>')
      return
    case 'func':
      put(`<function ${v.fn.name}>`)
      return
    case 'class':
      put(`<class ${v.cls.name}>`)
      return
    case 'instance':
      put(`<${v.cls.name} object>`)
      return
    case 'configValue':
      put(`values.${v.type}(…)`)
      return
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

/**
 * Whether a sequence contains the string: true, false, or undefined when it cannot be known. Of
 * alternatives, an unknown one (an opaque assignment on some branch) does not hide what every known
 * one holds, but absence is claimed only when every alternative is known.
 */
export function containsString(v: Value, s: string): boolean | undefined {
  if (v.kind === 'oneOf') {
    const known = v.options.filter((o) => o.kind !== 'unknown')
    const all = known.map((o) => containsString(o, s))
    if (all.length && all.every((x) => x === true)) return true
    if (known.length < v.options.length) return undefined
    return all.every((x) => x === all[0]) ? all[0] : undefined
  }
  if (v.kind !== 'seq') return undefined
  let unsure = v.open && !v.only
  for (const i of [...v.items, ...(v.only ?? [])]) {
    if (i.value.kind === 'str') {
      if (i.value.value === s) return v.items.includes(i) ? true : undefined
    } else unsure = true
  }
  return unsure ? undefined : false
}
