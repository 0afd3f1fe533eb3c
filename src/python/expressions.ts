// Expressions: literals, names, attributes, subscripts, operators, comparisons, comprehensions,
// lambdas and `:=`. Calls are in calls.ts.
import type { Expr } from './ast.js'
import { attribute } from './attributes.js'
import { BUILTINS } from './builtins.js'
import { call } from './calls.js'
import { subscript } from './containers.js'
import { isSet, probeProduces } from './env.js'
import { lambda } from './functions.js'
import { readEnv } from './library.js'
import type { ModuleRun } from './module-run.js'
import { findBinding, moduleNs, type Frame } from './namespace.js'
import { isOwnModule, moduleNamed, readGlobal } from './namespace-writes.js'
import { binop, compareValues, toStr } from './operators.js'
import { moduleFile } from './repo-files.js'
import { ARGV, argvSubscript, serverComparison } from './server-argv.js'
import { NONE, TRUE, bool, int, mapOptions, numeric, oneOf, show, str, truthy, unknown, type Item, type Loc, type Value } from './values.js'

export function expr(run: ModuleRun, e: Expr, frame: Frame): Value {
  run.step()
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
    case 'subscript':
      return subscriptOf(run, e, frame)
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
        // `len(sys.argv) > 1 and sys.argv[1] == "test"`: a comparison is False or True, so the result is known
        const decided = truthy(right)
        if (isComparison(e.left) && decided === (e.op === 'or')) return bool(decided)
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
    case 'lambda':
      return lambda(run, e, frame)
    case 'walrus': {
      // `NAME := value` binds in the enclosing function or module, even from a comprehension.
      const value = expr(run, e.value, frame)
      const target = frame.outer ?? frame
      run.bind(target, e.name, value, { line: e.line, endLine: e.line })
      return value
    }
    case 'unknown':
      return unknown(`${e.why} at line ${e.line}`)
  }
}

function lookup(run: ModuleRun, id: string, frame: Frame, line: number): Value {
  const b = findBinding(frame, id)
  if (b) {
    frame.reads.push(...b.env)
    return b.value
  }
  if (id in BUILTINS) return { kind: 'ext', qname: `builtins.${id}` }
  if (id === '__name__') return { kind: 'ext', qname: '__name__' }
  if (id === '__builtins__') return { kind: 'ext', qname: 'builtins' }
  if (id === '__file__') return moduleFile(run.loader.locationOf?.(run.path) ?? run.path)
  if (moduleNs(frame).dynamic) return unknown(`${id} may be set by the dynamic code at line ${moduleNs(frame).dynamic?.line}`)
  return unknown(`name ${id} is not defined at ${run.path}:${line}`)
}

function subscriptOf(run: ModuleRun, e: Extract<Expr, { t: 'subscript' }>, frame: Frame): Value {
  const obj = expr(run, e.obj, frame)
  const index = expr(run, e.index, frame)
  if (obj.kind === 'ext') {
    if (obj.qname === 'os.environ') {
      if (index.kind !== 'str') return unknown('os.environ[...] with a computed name')
      return readEnv(run, index.value, 'os.environ[]', undefined, e.line, frame, (s) => str(s))
    }
    if (obj.qname === 'sys.modules') return moduleNamed(run, index)
    if (obj.qname === ARGV) return argvSubscript(e.index.t === 'unknown' && e.index.why === 'slice' ? 'slice' : index) ?? unknown('an argument of the command line')
    if (obj.qname === 'builtins') return index.kind === 'str' ? { kind: 'ext', qname: `builtins.${index.value}` } : { kind: 'ext', qname: '?builtin' }
  }
  if (isOwnModule(run, obj, true)) return readGlobal(run, frame, index)
  const value = subscript(obj, index)
  if (value.kind === 'unknown') run.noteMayRaise('KeyError', 'IndexError', 'TypeError')
  return value
}

/** An expression whose value is a bool: a comparison, or its negation. */
const isComparison = (e: Expr): boolean => e.t === 'compare' || (e.t === 'unary' && e.op === 'not')

/** Whether a value is the process environment (os.environ, os.environ.keys(), a name bound to it). */
const isEnviron = (v: Value): boolean => v.kind === 'ext' && v.qname === 'os.environ'

function compare(run: ModuleRun, e: Extract<Expr, { t: 'compare' }>, frame: Frame): Value {
  let readsBefore = frame.reads.length
  let left = expr(run, e.operands[0], frame)
  let leftVariable = singleRead(frame, readsBefore)
  let result: Value = TRUE
  for (let i = 0; i < e.ops.length; i++) {
    const rightExpr = e.operands[i + 1]
    if (!rightExpr) return unknown('comparison')
    const op = e.ops[i]
    readsBefore = frame.reads.length
    const right = expr(run, rightExpr, frame)
    const rightVariable = singleRead(frame, readsBefore)
    let r: Value
    if ((op === 'in' || op === 'not in') && isEnviron(right)) {
      // A presence switch: set in every probe world, unset in production as deployed.
      if (left.kind !== 'str') return unknown('membership in os.environ')
      frame.reads.push({ name: left.value, via: '"X" in os.environ', line: e.line, path: run.path, defaultText: undefined })
      const present = isSet(run.world, left.value)
      run.noteCompared(left.value, null)
      r = bool(op === 'in' ? present : !present)
    } else {
      noteComparedLiterals(run, op, leftVariable, rightExpr)
      noteComparedLiterals(run, op, rightVariable, e.operands[i])
      r = serverComparison(op, left, right) ?? mapOptions(left, (a) => mapOptions(right, (b) => compareValues(op, a, b)))
    }
    if (truthy(r) === false) return r
    result = truthy(r) === true ? result : oneOf([result, r], 'comparison')
    if (truthy(r) === undefined) result = unknown('comparison of unknown values')
    left = right
    leftVariable = rightVariable
  }
  return result
}

/** The environment variable an operand read, when it read exactly one. */
function singleRead(frame: Frame, before: number): string | undefined {
  const names = new Set(frame.reads.slice(before).map((r) => r.name))
  return names.size === 1 ? [...names][0] : undefined
}

/**
 * `os.environ.get("STAGE") == "production"`: in production as deployed the variable is unset and
 * the probe strings never equal "production", so that branch would never be seen. Such literals are
 * collected for the literal worlds (see settings/view.ts), one variable set at a time.
 */
function noteComparedLiterals(run: ModuleRun, op: string, variable: string | undefined, other: Expr): void {
  if (!variable || !['==', '!=', 'in', 'not in'].includes(op)) return
  const literals = other.t === 'const' && typeof other.value === 'string' ? [other.value] : other.t === 'seq' ? other.items.flatMap((i) => (i.t === 'const' && typeof i.value === 'string' ? [i.value] : [])) : []
  // `in ("1", "true", "yes")` is already true in a probe world: a switch, not an environment's name
  if (literals.some(probeProduces)) return
  for (const literal of literals) run.noteCompared(variable, literal)
}

function comprehension(run: ModuleRun, e: Extract<Expr, { t: 'comp' }>, frame: Frame): Value {
  const iter = expr(run, e.iter, frame)
  const source = iter.kind === 'dict' && !iter.open ? { kind: 'seq' as const, type: 'list' as const, items: iter.entries.map((x) => ({ value: str(x.key), loc: x.loc })), open: false } : iter
  if (source.kind !== 'seq') return unknown(`comprehension over ${show(iter, 20)}`)
  const items: Item[] = []
  const entries = new Map<string, { key: string; value: Value; loc?: Loc }>()
  let open = source.open
  // The comprehension's own scope: its variables, then the names around it.
  const enclosing = frame.scope?.kind === 'function' ? [frame.ns, ...frame.scope.enclosing] : (frame.scope?.enclosing ?? [])
  const names = new Set<string>()
  const collect = (t: Expr): void => {
    if (t.t === 'name') names.add(t.id)
    else if (t.t === 'seq') t.items.forEach(collect)
  }
  collect(e.target)
  for (const item of source.items) {
    const inner: Frame = {
      ns: { bindings: new Map() },
      reads: frame.reads,
      scope: { kind: 'function', globals: moduleNs(frame), enclosing, locals: names, declaredGlobal: new Set(), declaredNonlocal: new Set(), returns: [], reads: frame.reads },
      outer: frame.outer ?? frame
    }
    bindTarget(run, e.target, item.value, item.loc ?? { path: run.path, line: e.line, endLine: e.line }, inner)
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
    if (e.kind !== 'dict') items.push({ value: expr(run, e.elt, inner), loc: item.loc })
    else {
      const key = expr(run, e.elt, inner)
      if (key.kind !== 'str') open = true
      else {
        entries.delete(key.value)
        entries.set(key.value, { key: key.value, value: expr(run, e.value as Expr, inner), loc: item.loc })
      }
    }
  }
  if (e.kind === 'dict') return { kind: 'dict', entries: [...entries.values()], open }
  return { kind: 'seq', type: e.kind, items, open }
}

/** Binds a comprehension variable (a name or a tuple of names) in its own scope. */
function bindTarget(run: ModuleRun, target: Expr, value: Value, loc: Loc, frame: Frame): void {
  if (target.t === 'name') {
    frame.ns.bindings.set(target.id, { value, loc, history: [], env: [], text: '' })
    return
  }
  if (target.t !== 'seq') return
  const items = value.kind === 'seq' && !value.open && value.items.length === target.items.length ? value.items : undefined
  target.items.forEach((t, i) => bindTarget(run, t, items ? items[i].value : unknown('unpacked'), loc, frame))
}
