// ast.literal_eval: a Python literal (strings, numbers, True/False/None, lists, tuples, sets, dicts)
// read from a string, with the real parser. Anything else raises ValueError, as in Python.
import { MAX_NESTING, parseModule, type Expr } from './ast.js'
import { MAX_LITERAL_DEPTH } from './env.js'
import { NONE, bool, fails, int, str, unknown, type Value } from './values.js'

const cache = new Map<string, Value>()

export function literalEval(text: string): Value {
  const known = cache.get(text)
  if (known) return known
  const parsed = parseModule(text.replace(/^[ \t]+/, ''))
  const only = parsed.body.length === 1 ? parsed.body[0] : undefined
  const value = parsed.tooDeep.length
    ? unknown(`a literal nested more than ${Math.min(MAX_NESTING, MAX_LITERAL_DEPTH)} levels deep`)
    : parsed.errorLines.length || only?.t !== 'expr'
      ? fails('SyntaxError: invalid literal for ast.literal_eval')
      : literal(only.expr)
  if (cache.size > 1000) cache.clear()
  cache.set(text, value)
  return value
}

function literal(e: Expr): Value {
  switch (e.t) {
    case 'const':
      if (e.value === null) return NONE
      if (typeof e.value === 'boolean') return bool(e.value)
      if (typeof e.value === 'number') return e.isFloat ? { kind: 'float', value: e.value } : int(e.value)
      return str(e.value)
    case 'unary': {
      const v = literal(e.arg)
      if ((e.op !== '-' && e.op !== '+') || (v.kind !== 'int' && v.kind !== 'float')) return malformed()
      return e.op === '-' ? { ...v, value: -v.value } : v
    }
    case 'seq': {
      const items = e.items.map(literal)
      const bad = items.find((v) => v.kind === 'fails' || v.kind === 'unknown')
      return bad ?? { kind: 'seq', type: e.kind, items: items.map((value) => ({ value })), open: false }
    }
    case 'dict': {
      const entries: { key: string; value: Value }[] = []
      for (const en of e.entries) {
        if (!('key' in en)) return malformed()
        const k = literal(en.key)
        const v = literal(en.value)
        if (k.kind === 'fails' || v.kind === 'fails') return malformed()
        // keys other than strings are valid Python but not something settings read by name
        if (k.kind !== 'str') return unknown('a dict literal with non-string keys')
        entries.push({ key: k.value, value: v })
      }
      return { kind: 'dict', entries, open: false }
    }
    default:
      return malformed()
  }
}

const malformed = (): Value => fails('ValueError: malformed node or string')
