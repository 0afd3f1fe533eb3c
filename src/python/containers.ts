// Reading and writing inside containers: `X["a"][0]` as a root name and a path of keys, subscripts,
// and the source locations of list elements.
import type { Expr } from './ast.js'
import { fails, mapOptions, str, unknown, type Item, type Loc, type Value } from './values.js'

export function rootName(e: Expr): string | undefined {
  if (e.t === 'name') return e.id
  if (e.t === 'subscript') return rootName(e.obj)
  return undefined
}

/** `X["a"][0]` → root X, keys ["a", 0]. */
export function subscriptPath(e: Expr, evaluate: (e: Expr) => Value): { root: string; keys: Value[] } | undefined {
  const keys: Value[] = []
  let cur = e
  while (cur.t === 'subscript') {
    keys.unshift(evaluate(cur.index))
    cur = cur.obj
  }
  if (cur.t !== 'name') return undefined
  return { root: cur.id, keys }
}

export function getPath(v: Value, keys: Value[]): Value {
  return keys.reduce((acc, k) => subscript(acc, k), v)
}

/** Writes `value` at `keys`; the dict entry written last gets `loc`, the statement that wrote it. */
export function setPath(v: Value, keys: Value[], value: Value, loc?: Loc): Value {
  if (keys.length === 0) return value
  const [k, ...rest] = keys
  if (v.kind === 'dict' && k.kind === 'str') {
    const old = v.entries.find((e) => e.key === k.value)
    const next = setPath(old?.value ?? unknown(`missing key ${k.value}`), rest, value, loc)
    const at = rest.length === 0 && loc ? { loc } : {}
    return { ...v, entries: old ? v.entries.map((e) => (e === old ? { ...e, value: next, ...at } : e)) : [...v.entries, { key: k.value, value: next, ...at }] }
  }
  if (v.kind === 'seq' && k.kind === 'int' && !v.open) {
    const i = k.value < 0 ? v.items.length + k.value : k.value
    if (i < 0 || i >= v.items.length) return fails('IndexError: list assignment index out of range')
    return { ...v, items: v.items.map((it, j) => (j === i ? { ...it, value: setPath(it.value, rest, value, loc) } : it)) }
  }
  return unknown('assignment into an unknown container')
}

export function subscript(obj: Value, index: Value): Value {
  if (obj.kind === 'fails') return obj
  if (obj.kind === 'oneOf') return mapOptions(obj, (o) => subscript(o, index))
  if (obj.kind === 'dict' && index.kind === 'str') {
    const e = obj.entries.find((x) => x.key === index.value)
    if (e) return e.value
    return obj.open ? unknown(`key ${index.value}`) : fails(`KeyError: ${index.value}`)
  }
  if (obj.kind === 'seq' && index.kind === 'int') {
    const i = index.value < 0 ? obj.items.length + index.value : index.value
    if (obj.open && index.value < 0) return unknown('index into a list with unknown elements')
    if (i >= 0 && i < obj.items.length) return obj.items[i].value
    return obj.open ? unknown('index') : fails('IndexError: list index out of range')
  }
  if (obj.kind === 'str' && index.kind === 'int') {
    const i = index.value < 0 ? obj.value.length + index.value : index.value
    return i >= 0 && i < obj.value.length ? str(obj.value[i]) : fails('IndexError: string index out of range')
  }
  return unknown('subscript')
}

/** The elements `for` goes through, when they are all known: a closed list, a dict's keys, a string's characters. */
export function elements(v: Value | undefined, max: number): Value[] | undefined {
  if (v?.kind === 'seq' && !v.open) return v.items.map((i) => i.value)
  if (v?.kind === 'dict' && !v.open) return v.entries.map((e) => str(e.key))
  if (v?.kind === 'str' && v.value.length <= max) return [...v.value].map(str)
  return undefined
}

/** Gives every element of a container a location, when the element does not have one yet. */
export function withLocs(v: Value, loc: Loc): Value {
  if (v.kind === 'seq') return { ...v, items: v.items.map((i) => (i.loc ? i : { ...i, loc })) }
  return v
}

/**
 * How many elements a list keeps when it grows: past that it is open (more elements may follow), so
 * a module that appends 50,000 times does not copy 50,000 elements each time.
 */
const MAX_ITEMS = 2000

/** A list with more elements at the end (or, for `at`, inserted there), bounded by MAX_ITEMS. */
export function grow(a: Extract<Value, { kind: 'seq' }>, more: Item[], open = false, at = a.items.length): Value {
  if (a.items.length >= MAX_ITEMS) return a.open ? a : { ...a, open: true }
  const items = [...a.items.slice(0, at), ...more, ...a.items.slice(at)]
  const full = items.length > MAX_ITEMS
  return { ...a, items: full ? items.slice(0, MAX_ITEMS) : items, open: a.open || open || full }
}

export function extend(a: Extract<Value, { kind: 'seq' }>, b: Value): Value {
  if (b.kind === 'seq') return grow(a, b.items, b.open)
  if (b.kind === 'str') return grow(a, [...b.value].slice(0, MAX_ITEMS).map((c) => ({ value: str(c) })))
  return { ...a, open: true }
}
