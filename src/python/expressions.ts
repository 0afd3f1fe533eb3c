// Expressions: literals, names, attributes, subscripts, operators, comparisons, comprehensions.
// Calls are in calls.ts.
import type { Expr } from './ast.js'
import { BUILTINS } from './builtins.js'
import { call } from './calls.js'
import { subscript } from './containers.js'
import { WORLDS } from './env.js'
import { readEnv } from './library.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { binop, compareValues, toStr } from './operators.js'
import { NONE, TRUE, bool, int, mapOptions, numeric, oneOf, show, str, truthy, unknown, type Item, type Loc, type Value } from './values.js'

export function expr(run: ModuleRun, e: Expr, frame: Frame): Value {
  switch (e.t) {
    case 'const':
      if (e.value === null) return NONE
      if (typeof e.value === 'boolean') return bool(e.value)
      if (typeof e.value === 'number') return e.isFloat ? { kind: 'float', value: e.value } : int(e.value)
      return str(e.value)
    case 'fstring': {
      let out = ''
      for (const p of e.parts) {
        if (typeof p === 'string') out += p
        else {
          const v = expr(run, p, frame)
          const s = toStr(v)
          if (s === undefined) return unknown(`f-string at line ${e.line}`)
          out += s
        }
      }
      return str(out)
    }
    case 'name':
      return lookup(run, e.id, frame, e.line)
    case 'attr':
      return attribute(run, expr(run, e.obj, frame), e.attr, frame)
    case 'call':
      return call(run, e, frame)
    case 'subscript': {
      const obj = expr(run, e.obj, frame)
      if (obj.kind === 'ext' && obj.qname === 'os.environ') {
        const name = expr(run, e.index, frame)
        if (name.kind !== 'str') return unknown('os.environ[...] with a computed name')
        return readEnv(run, name.value, 'os.environ[]', undefined, e.line, frame, (s) => str(s))
      }
      return subscript(obj, expr(run, e.index, frame))
    }
    case 'binop':
      return binop(e.op, expr(run, e.left, frame), expr(run, e.right, frame))
    case 'unary': {
      const v = expr(run, e.arg, frame)
      if (e.op === 'not')
        return mapOptions(v, (o) => {
          const t = truthy(o)
          return t === undefined ? unknown('not of an unknown value') : bool(!t)
        })
      return mapOptions(v, (o) => {
        const n = numeric(o)
        if (n === undefined) return unknown('unary operator')
        return e.op === '-' ? (o.kind === 'float' ? { kind: 'float', value: -n } : int(-n)) : e.op === '+' ? int(n) : e.op === '~' ? int(~n) : unknown('unary')
      })
    }
    case 'boolop': {
      const left = expr(run, e.left, frame)
      const t = truthy(left)
      if (t === undefined) {
        const right = expr(run, e.right, frame)
        return oneOf([left, right], `${e.op} at line ${e.line}`)
      }
      if (e.op === 'and') return t ? expr(run, e.right, frame) : left
      return t ? left : expr(run, e.right, frame)
    }
    case 'compare':
      return compare(run, e, frame)
    case 'ifexp': {
      const t = truthy(expr(run, e.cond, frame))
      if (t === true) return expr(run, e.then, frame)
      if (t === false) return expr(run, e.else, frame)
      return oneOf([expr(run, e.then, frame), expr(run, e.else, frame)], `depends on the condition at ${run.path}:${e.line}`)
    }
    case 'seq': {
      const items: Item[] = []
      let open = false
      for (const it of e.items) {
        if (it.t === 'starred') {
          const v = expr(run, it.value, frame)
          if (v.kind === 'seq') {
            items.push(...v.items)
            open ||= v.open
          } else open = true
        } else items.push({ value: expr(run, it, frame), loc: { path: run.path, line: it.line, endLine: it.line } })
      }
      return { kind: 'seq', type: e.kind, items, open }
    }
    case 'starred':
      return unknown('starred expression')
    case 'dict': {
      let entries: { key: string; value: Value; loc?: Loc }[] = []
      let open = false
      for (const en of e.entries) {
        if ('splat' in en) {
          const v = expr(run, en.splat, frame)
          if (v.kind === 'dict') {
            for (const x of v.entries) entries = [...entries.filter((y) => y.key !== x.key), x]
            open ||= v.open
          } else open = true
          continue
        }
        const k = expr(run, en.key, frame)
        if (k.kind !== 'str') {
          open = true
          continue
        }
        entries = [...entries.filter((y) => y.key !== k.value), { key: k.value, value: expr(run, en.value, frame), loc: { path: run.path, line: en.value.line, endLine: en.value.line } }]
      }
      return { kind: 'dict', entries, open }
    }
    case 'comp':
      return comprehension(run, e, frame)
    case 'unknown':
      return unknown(`${e.why} at line ${e.line}`)
  }
}

function lookup(run: ModuleRun, id: string, frame: Frame, line: number): Value {
  const b = frame.ns.bindings.get(id)
  if (b) {
    frame.reads.push(...b.env)
    return b.value
  }
  if (id in BUILTINS) return { kind: 'ext', qname: `builtins.${id}` }
  if (id === '__file__') return unknown('__file__')
  return unknown(`name ${id} is not defined at ${run.path}:${line}`)
}

function attribute(run: ModuleRun, obj: Value, attr: string, frame: Frame): Value {
  if (obj.kind === 'ext') return { kind: 'ext', qname: `${obj.qname}.${attr}` }
  if (obj.kind === 'module') {
    const result = run.modules.evaluate(obj.path)
    const b = result?.ns.bindings.get(attr)
    if (b) {
      frame.reads.push(...b.env)
      return b.value
    }
    return unknown(`${attr} of ${obj.path}`)
  }
  // Methods are resolved by call(); a bare attribute of a value is not something settings use.
  return unknown(`attribute ${attr}`)
}

function compare(run: ModuleRun, e: Extract<Expr, { t: 'compare' }>, frame: Frame): Value {
  let left = expr(run, e.operands[0], frame)
  let result: Value = TRUE
  for (let i = 0; i < e.ops.length; i++) {
    const rightExpr = e.operands[i + 1]
    if (!rightExpr) return unknown('comparison')
    const op = e.ops[i]
    let right: Value
    let r: Value
    if ((op === 'in' || op === 'not in') && rightExpr.t === 'attr' && expr(run, rightExpr, frame).kind === 'ext' && qnameOf(expr(run, rightExpr, frame)) === 'os.environ') {
      right = { kind: 'ext', qname: 'os.environ' }
      const name = left
      if (name.kind !== 'str') return unknown('membership in os.environ')
      const probe = WORLDS[run.world]
      frame.reads.push({ name: name.value, via: '"X" in os.environ', line: e.line, path: run.path, defaultText: undefined })
      const present = probe === null ? false : true
      r = bool(op === 'in' ? present : !present)
    } else {
      right = expr(run, rightExpr, frame)
      r = mapOptions(left, (a) => mapOptions(right, (b) => compareValues(op, a, b)))
    }
    if (truthy(r) === false) return r
    result = truthy(r) === true ? result : oneOf([result, r], 'comparison')
    if (truthy(r) === undefined) result = unknown('comparison of unknown values')
    left = right
  }
  return result
}

function qnameOf(v: Value): string | undefined {
  return v.kind === 'ext' ? v.qname : undefined
}

function comprehension(run: ModuleRun, e: Extract<Expr, { t: 'comp' }>, frame: Frame): Value {
  const iter = expr(run, e.iter, frame)
  if (iter.kind !== 'seq') return unknown(`comprehension over ${show(iter, 20)}`)
  const items: Item[] = []
  let open = iter.open
  for (const item of iter.items) {
    const inner: Frame = { ns: { bindings: new Map(frame.ns.bindings) }, reads: frame.reads }
    inner.ns.bindings.set(e.target, { value: item.value, loc: item.loc ?? { path: run.path, line: e.line, endLine: e.line }, history: [], env: [], text: '' })
    let keep: boolean | undefined = true
    for (const c of e.conds) {
      const t = truthy(expr(run, c, inner))
      if (t === false) {
        keep = false
        break
      }
      if (t === undefined) keep = undefined
    }
    if (keep === false) continue
    if (keep === undefined) {
      open = true
      continue
    }
    items.push({ value: expr(run, e.elt, inner), loc: item.loc })
  }
  return { kind: 'seq', type: e.kind, items, open }
}
