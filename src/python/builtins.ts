// Python's built-in functions on abstract values: conversions (bool(), int(), str(), list()…) and
// the ones settings use on lists (range, enumerate, zip, sorted, any, all, map, filter, isinstance).
import { elements } from './containers.js'
import { callFunction, type Args } from './functions.js'
import { pyFloat, pyInt } from './env.js'
import { valueMethod } from './methods.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { toStr } from './operators.js'
import { FALSE, bool, int, list, numeric, str, truthy, fails, unknown, type Value } from './values.js'

/** Built-in names the evaluator resolves to `builtins.<name>`. */
export const BUILTINS: Record<string, true> = Object.fromEntries(
  [
    'bool', 'int', 'float', 'str', 'list', 'tuple', 'set', 'dict', 'len', 'open', 'print', 'range', 'object',
    'exec', 'eval', 'compile', 'execfile', 'globals', 'locals', 'vars', 'dir', 'getattr', 'setattr', 'hasattr', 'delattr', '__import__',
    'isinstance', 'callable', 'map', 'filter', 'sorted', 'reversed', 'enumerate', 'zip', 'any', 'all', 'property', 'classmethod', 'staticmethod', 'super'
  ].map((n) => [n, true])
)

export function builtinCall(name: string, v: Value, noArgs: boolean): Value {
  switch (name) {
    case 'bool': {
      if (noArgs) return FALSE
      const t = truthy(v)
      return t === undefined ? unknown('bool() of an unknown value') : bool(t)
    }
    case 'int':
      if (noArgs) return int(0)
      if (v.kind === 'str') return pyInt(v.value)
      if (v.kind === 'float') return int(Math.trunc(v.value))
      return numeric(v) !== undefined ? int(numeric(v) as number) : v.kind === 'none' ? fails('TypeError: int() of None') : unknown('int()')
    case 'float':
      if (v.kind === 'str') return pyFloat(v.value)
      return numeric(v) !== undefined ? { kind: 'float', value: numeric(v) as number } : unknown('float()')
    case 'str': {
      if (noArgs) return str('')
      const s = toStr(v)
      return s === undefined ? unknown('str()') : str(s)
    }
    case 'list':
    case 'tuple':
    case 'set':
      if (noArgs) return list([], name)
      if (v.kind === 'seq') return { ...v, type: name }
      if (v.kind === 'str') return list([...v.value].map(str), name)
      if (v.kind === 'dict' && !v.open) return list(v.entries.map((e) => str(e.key)), name)
      return unknown(`${name}()`)
    case 'len':
      if (v.kind === 'str') return int(v.value.length)
      if (v.kind === 'seq' && !v.open) return int(v.items.length)
      return unknown('len()')
  }
  return unknown(name)
}

const MAX_RANGE = 1000

const elementsOf = (v: Value | undefined): Value[] | undefined => elements(v, MAX_RANGE)

const TYPES: Record<string, (v: Value) => boolean | undefined> = {
  'builtins.str': (v) => v.kind === 'str',
  'builtins.bool': (v) => v.kind === 'bool',
  'builtins.int': (v) => v.kind === 'int' || v.kind === 'bool',
  'builtins.float': (v) => v.kind === 'float',
  'builtins.list': (v) => v.kind === 'seq' && v.type === 'list',
  'builtins.tuple': (v) => v.kind === 'seq' && v.type === 'tuple',
  'builtins.set': (v) => v.kind === 'seq' && v.type === 'set',
  'builtins.dict': (v) => v.kind === 'dict'
}

/** The iteration built-ins, or undefined when `q` is not one (or its arguments are not known). */
export function iterationCall(run: ModuleRun, q: string, given: Args, frame: Frame): Value | undefined {
  const [a0, a1] = given.positional
  switch (q) {
    case 'range': {
      const ns = given.positional.map(numeric)
      if (!ns.length || ns.some((n) => n === undefined || !Number.isInteger(n))) return undefined
      const [start, stop, step] = ns.length === 1 ? [0, ns[0] as number, 1] : [ns[0] as number, ns[1] as number, ns[2] ?? 1]
      if (step === 0 || Math.abs((stop - start) / step) > MAX_RANGE) return undefined
      const out: Value[] = []
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(int(i))
      return list(out, 'tuple')
    }
    case 'enumerate': {
      const xs = elementsOf(a0)
      return xs && list(xs.map((x, i) => list([int(i), x], 'tuple')))
    }
    case 'zip': {
      const all = given.positional.map(elementsOf)
      if (!all.length || all.some((x) => !x)) return undefined
      const n = Math.min(...all.map((x) => (x as Value[]).length))
      return list(Array.from({ length: n }, (_, i) => list(all.map((x) => (x as Value[])[i]), 'tuple')))
    }
    case 'sorted':
    case 'reversed': {
      const xs = elementsOf(a0)
      if (!xs) return undefined
      if (q === 'reversed') return list([...xs].reverse())
      const keys = xs.map((x) => (x.kind === 'str' ? x.value : numeric(x)))
      if (keys.some((k) => k === undefined) || new Set(keys.map((k) => typeof k)).size > 1) return undefined
      return list(xs.map((x, i) => ({ x, k: keys[i] as string | number })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((p) => p.x))
    }
    case 'any':
    case 'all': {
      const xs = elementsOf(a0)
      if (!xs) return undefined
      const ts = xs.map(truthy)
      if (q === 'any') return ts.includes(true) ? bool(true) : ts.includes(undefined) ? unknown('any()') : bool(false)
      return ts.includes(false) ? bool(false) : ts.includes(undefined) ? unknown('all()') : bool(true)
    }
    case 'isinstance': {
      const types = a1?.kind === 'seq' ? a1.items.map((i) => i.value) : a1 ? [a1] : []
      const tests = types.map((t) => (t.kind === 'ext' ? TYPES[t.qname] : undefined))
      if (!a0 || !tests.length || tests.some((t) => !t) || !['str', 'bool', 'int', 'float', 'seq', 'dict', 'none'].includes(a0.kind)) return undefined
      return bool(tests.some((t) => t?.(a0)))
    }
    case 'callable':
      return a0 && ['func', 'class'].includes(a0.kind) ? bool(true) : a0 && ['str', 'int', 'bool', 'none', 'seq', 'dict'].includes(a0.kind) ? bool(false) : undefined
    case 'map':
    case 'filter': {
      const xs = elementsOf(a1)
      if (!a0 || !xs) return undefined
      const results = xs.map((x) => (q === 'filter' && a0.kind === 'none' ? x : apply(run, a0, x, frame)))
      if (q === 'map') return results.some((r) => r === undefined) ? undefined : list(results as Value[])
      const keep = results.map((r) => (r === undefined ? undefined : truthy(r)))
      return list(xs.filter((_, i) => keep[i] === true), 'list', keep.includes(undefined))
    }
    default:
      return undefined
  }
}

/** Calls a function value on one argument (a project function, a lambda, str.strip, int…). */
function apply(run: ModuleRun, f: Value, x: Value, frame: Frame): Value | undefined {
  if (f.kind === 'func') return callFunction(run, f, { positional: [x], keywords: [] }, frame, 0)
  if (f.kind !== 'ext') return undefined
  const q = f.qname.replace(/^builtins\./, '')
  if (q.startsWith('str.')) return valueMethod(x, q.slice(4), [])
  if (['bool', 'int', 'float', 'str', 'list', 'tuple', 'set', 'len'].includes(q)) return builtinCall(q, x, false)
  return undefined
}
