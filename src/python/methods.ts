// Methods of strings, lists, sets and dicts: the ones that compute a value, and the ones that change
// their container in place.
import { extend, grow } from './containers.js'
import { isComparable, toStr } from './operators.js'
import { NONE, bool, equal, fails, list, mapOptions, str, unknown, type Loc, type Value } from './values.js'

export const MUTATING_METHODS = new Set(['append', 'insert', 'extend', 'remove', 'pop', 'clear', 'update', 'setdefault', 'sort', 'reverse', 'add', 'discard'])

/** Methods of strings, lists and dicts used in settings expressions (non-mutating). */
export function valueMethod(o: Value, method: string, args: Value[]): Value {
  if (o.kind === 'fails') return o
  if (o.kind === 'str') {
    const s = o.value
    const a0 = args[0]
    switch (method) {
      case 'lower':
      case 'casefold':
        return str(s.toLowerCase())
      case 'upper':
        return str(s.toUpperCase())
      case 'strip':
      case 'lstrip':
      case 'rstrip': {
        if (a0 && a0.kind !== 'str' && a0.kind !== 'none') return unknown('strip')
        const chars = a0?.kind === 'str' ? a0.value : ' \t\n\r\x0b\x0c'
        let start = 0
        let end = s.length
        if (method !== 'rstrip') while (start < end && chars.includes(s[start])) start++
        if (method !== 'lstrip') while (end > start && chars.includes(s[end - 1])) end--
        return str(s.slice(start, end))
      }
      case 'split': {
        // str.split() with no separator: runs of Python whitespace (\v and \f included)
        if (!a0 || a0.kind === 'none') return list(s.split(/[ \t\n\r\v\f]+/).filter((x) => x.length > 0).map(str))
        if (a0.kind !== 'str' || a0.value === '') return unknown('split')
        const max = args[1]?.kind === 'int' ? args[1].value : -1
        const parts = s.split(a0.value)
        if (max >= 0 && parts.length > max + 1) parts.splice(max, parts.length, parts.slice(max).join(a0.value))
        return list(parts.map(str))
      }
      case 'startswith':
      case 'endswith': {
        if (a0?.kind !== 'str') return unknown(method)
        return bool(method === 'startswith' ? s.startsWith(a0.value) : s.endsWith(a0.value))
      }
      case 'replace':
        return a0?.kind === 'str' && args[1]?.kind === 'str' ? str(s.split(a0.value).join(args[1].value)) : unknown('replace')
      case 'title':
        return str(s.replace(/\b\w/g, (c) => c.toUpperCase()))
      case 'capitalize':
        return str(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase())
      case 'join': {
        if (a0?.kind !== 'seq' || a0.open) return unknown('join')
        const parts = a0.items.map((i) => (i.value.kind === 'str' ? i.value.value : undefined))
        return parts.every((p) => p !== undefined) ? str(parts.join(s)) : unknown('join')
      }
      case 'isdigit':
        return bool(/^\d+$/.test(s))
      case 'isupper':
      case 'islower': {
        // Python: at least one cased character, and no cased character of the other case
        const cased = s.toLowerCase() !== s.toUpperCase()
        return bool(cased && (method === 'isupper' ? s === s.toUpperCase() : s === s.toLowerCase()))
      }
      case 'isidentifier':
        return bool(/^[\p{L}_][\p{L}\p{N}_]*$/u.test(s))
      case 'format':
        return format(s, args)
      default:
        return unknown(`str.${method}()`)
    }
  }
  if (o.kind === 'dict' && !o.open && (method === 'keys' || method === 'values' || method === 'items'))
    return list(o.entries.map((e) => (method === 'keys' ? str(e.key) : method === 'values' ? e.value : list([str(e.key), e.value], 'tuple'))))
  if (o.kind === 'dict' && method === 'get') {
    const k = args[0]
    if (k?.kind !== 'str') return unknown('dict.get')
    const e = o.entries.find((x) => x.key === k.value)
    return e ? e.value : o.open ? unknown('dict.get') : (args[1] ?? NONE)
  }
  if (o.kind === 'seq' && method === 'copy') return o
  if (o.kind === 'dict' && method === 'copy') return o
  return unknown(`.${method}()`)
}

/** `"{} {0} {}".format(...)` with positional fields and no format specs; anything else is unknown. */
function format(template: string, args: Value[]): Value {
  let out = ''
  let next = 0
  for (let i = 0; i < template.length; i++) {
    const c = template[i]
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c
      i++
      continue
    }
    if (c === '}') return unknown('str.format()')
    if (c !== '{') {
      out += c
      continue
    }
    const end = template.indexOf('}', i)
    const field = end < 0 ? undefined : template.slice(i + 1, end)
    if (field === undefined || !/^\d*$/.test(field)) return unknown('str.format()')
    const v = args[field === '' ? next++ : Number(field)]
    const text = v && toStr(v)
    if (text === undefined) return unknown('str.format()')
    out += text
    i = end
  }
  return str(out)
}

/** In-place methods of lists, sets and dicts: returns the new value of the container. */
export function callMethodMutating(v: Value, method: string, args: Value[], kwargs: { name: string; value: Value }[], line: number): Value {
  if (v.kind === 'oneOf') return mapOptions(v, (o) => callMethodMutating(o, method, args, kwargs, line))
  if (v.kind === 'seq') {
    switch (method) {
      case 'append':
      case 'add':
        return args[0] ? grow(v, [{ value: args[0], loc: locOf(args[0]) }]) : v
      case 'extend':
        return args[0] ? extend(v, args[0]) : v
      case 'insert': {
        const at = args[0]?.kind === 'int' ? args[0].value : undefined
        if (at === undefined || !args[1]) return { ...v, open: true }
        const i = at < 0 ? Math.max(0, v.items.length + at) : Math.min(at, v.items.length)
        return grow(v, [{ value: args[1] }], false, i)
      }
      case 'remove':
      case 'discard': {
        const target = args[0]
        if (!target || !isComparable(target)) return unknown(`.${method}() of an unknown value at line ${line}`)
        const index = v.items.findIndex((i) => isComparable(i.value) && equal(i.value, target))
        if (index < 0) {
          if (v.open || v.items.some((i) => !isComparable(i.value))) return v
          return method === 'remove' ? fails(`ValueError: list.remove(x): x not in list (line ${line})`) : v
        }
        return { ...v, items: v.items.filter((_, j) => j !== index) }
      }
      case 'clear':
        return { ...v, items: [], open: false }
      case 'sort':
      case 'reverse':
        return v
      case 'pop':
        return unknown(`.pop() at line ${line}`)
    }
  }
  if (v.kind === 'dict') {
    switch (method) {
      case 'update': {
        const src = args[0]
        let entries = v.entries
        const add = [...(src?.kind === 'dict' ? src.entries : []), ...kwargs.map((k) => ({ key: k.name, value: k.value }))]
        for (const x of add) entries = [...entries.filter((y) => y.key !== x.key), x]
        return { ...v, entries, open: v.open || (src !== undefined && (src.kind !== 'dict' || src.open)) }
      }
      case 'setdefault': {
        const k = args[0]
        if (k?.kind !== 'str') return { ...v, open: true }
        if (v.entries.some((e) => e.key === k.value)) return v
        return { ...v, entries: [...v.entries, { key: k.value, value: args[1] ?? NONE }] }
      }
      case 'pop': {
        const k = args[0]
        if (k?.kind !== 'str') return unknown('dict.pop')
        return { ...v, entries: v.entries.filter((e) => e.key !== k.value) }
      }
      case 'clear':
        return { ...v, entries: [], open: false }
    }
  }
  return unknown(`.${method}() at line ${line}`)
}

function locOf(v: Value): Loc | undefined {
  return v.kind === 'seq' ? v.items[0]?.loc : undefined
}
