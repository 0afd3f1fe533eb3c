// Python's operators on abstract values: arithmetic and concatenation, comparisons, `str()` of a value.
import { repoPathArithmetic } from './repo-files.js'
import { extend } from './containers.js'
import { bool, equal, fails, int, mapOptions, numeric, show, str, unknown, type Value } from './values.js'

export function binop(op: string, a: Value, b: Value): Value {
  const path = repoPathArithmetic(op, a, b)
  if (path) return path
  if (a.kind === 'oneOf' || b.kind === 'oneOf') return mapOptions(a, (x) => mapOptions(b, (y) => binop(op, x, y)))
  if (a.kind === 'fails') return a
  if (b.kind === 'fails') return b
  const x = numeric(a)
  const y = numeric(b)
  if (x !== undefined && y !== undefined) {
    const isFloat = a.kind === 'float' || b.kind === 'float'
    const num = (n: number): Value => (isFloat || !Number.isInteger(n) ? { kind: 'float', value: n } : int(n))
    switch (op) {
      case '+':
        return num(x + y)
      case '-':
        return num(x - y)
      case '*':
        return num(x * y)
      case '/':
        return y === 0 ? fails('ZeroDivisionError') : { kind: 'float', value: x / y }
      case '//':
        return y === 0 ? fails('ZeroDivisionError') : num(Math.floor(x / y))
      case '%':
        return y === 0 ? fails('ZeroDivisionError') : num(((x % y) + y) % y)
      case '**':
        return num(x ** y)
      case '|':
        return a.kind === 'bool' && b.kind === 'bool' ? bool(a.value || b.value) : int(x | y)
      case '&':
        return a.kind === 'bool' && b.kind === 'bool' ? bool(a.value && b.value) : int(x & y)
    }
  }
  if (op === '+' && a.kind === 'str' && b.kind === 'str') return str(a.value + b.value)
  if (op === '*' && a.kind === 'str' && b.kind === 'int') return str(a.value.repeat(Math.max(0, Math.min(b.value, 10000))))
  if (op === '+' && a.kind === 'seq' && b.kind === 'seq' && a.type === b.type) return extend(a, b)
  if (op === '|' && a.kind === 'dict' && b.kind === 'dict') return { kind: 'dict', entries: [...a.entries.filter((x) => !b.entries.some((y) => y.key === x.key)), ...b.entries], open: a.open || b.open }
  if (op === '%' && a.kind === 'str') return unknown('%-formatted string')
  if (op === '+' && a.kind === 'seq' && b.kind === 'unknown') return { ...a, open: true }
  if (op === '+' && b.kind === 'seq' && a.kind === 'unknown') return { ...b, open: true }
  return unknown(`${show(a, 20)} ${op} ${show(b, 20)}`)
}

export function compareValues(op: string, a: Value, b: Value): Value {
  if (a.kind === 'fails') return a
  if (b.kind === 'fails') return b
  switch (op) {
    case '==':
    case '!=': {
      if (!isComparable(a) || !isComparable(b)) return unknown('comparison of unknown values')
      const eq = equal(a, b)
      return bool(op === '==' ? eq : !eq)
    }
    case 'is':
    case 'is not': {
      if (a.kind === 'none' || b.kind === 'none' || a.kind === 'bool' || b.kind === 'bool') {
        if (!isComparable(a) || !isComparable(b)) return unknown('identity of unknown values')
        const same = a.kind === b.kind && equal(a, b)
        return bool(op === 'is' ? same : !same)
      }
      return unknown('identity comparison')
    }
    case 'in':
    case 'not in': {
      let r: boolean | undefined
      if (b.kind === 'str' && a.kind === 'str') r = b.value.includes(a.value)
      else if (b.kind === 'seq') {
        if (!isComparable(a)) return unknown('membership of an unknown value')
        if (b.items.some((i) => isComparable(i.value) && equal(i.value, a))) r = true
        else r = b.open || b.items.some((i) => !isComparable(i.value)) ? undefined : false
      } else if (b.kind === 'dict' && a.kind === 'str') r = b.entries.some((e) => e.key === a.value) ? true : b.open ? undefined : false
      if (r === undefined) return unknown('membership')
      return bool(op === 'in' ? r : !r)
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const x = numeric(a) ?? (a.kind === 'str' ? a.value : undefined)
      const y = numeric(b) ?? (b.kind === 'str' ? b.value : undefined)
      if (x === undefined || y === undefined || typeof x !== typeof y) return unknown('ordering')
      return bool(op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y)
    }
    default:
      return unknown(`operator ${op}`)
  }
}

export function isComparable(v: Value): boolean {
  return ['none', 'bool', 'int', 'float', 'str'].includes(v.kind) || ((v.kind === 'seq' || v.kind === 'dict') && !v.open)
}

/** `str(v)` for the scalar values, undefined for anything else. */
export function toStr(v: Value): string | undefined {
  switch (v.kind) {
    case 'str':
      return v.value
    case 'int':
      return String(v.value)
    case 'bool':
      return v.value ? 'True' : 'False'
    case 'none':
      return 'None'
    case 'float':
      return show(v)
    default:
      return undefined
  }
}
