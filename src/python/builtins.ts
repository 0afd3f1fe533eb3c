// Python's built-in conversions on abstract values: bool(), int(), float(), str(), list(), len()…
import { pyFloat, pyInt } from './env.js'
import { toStr } from './operators.js'
import { FALSE, bool, int, list, numeric, str, truthy, fails, unknown, type Value } from './values.js'

/** Built-in names the evaluator resolves to `builtins.<name>`. */
export const BUILTINS: Record<string, true> = { bool: true, int: true, float: true, str: true, list: true, tuple: true, set: true, dict: true, len: true, open: true, print: true, range: true }

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
      return unknown(`${name}()`)
    case 'len':
      if (v.kind === 'str') return int(v.value.length)
      if (v.kind === 'seq' && !v.open) return int(v.items.length)
      return unknown('len()')
  }
  return unknown(name)
}
