// The project's own functions and classes, evaluated by substitution: a call runs the function's body
// with its parameters bound, within a depth and work bound; what cannot be evaluated gives an
// unknown result, never an unknown module. Classes keep what their body defines; instances what
// their __init__ and later code set on them.
import type { Expr, Param, Stmt } from './ast.js'
import { block } from './statements.js'
import { isConfigurationBase } from './configurations.js'
import { expr } from './expressions.js'
import { CutShort, MAX_CALL_DEPTH, type ModuleRun, type Span } from './module-run.js'
import { branchOf, moduleNs, type Binding, type Frame, type Namespace, type Scope } from './namespace.js'
import { NONE, list, oneOf, unknown, type ClassDef, type FunctionDef, type Value } from './values.js'
import type { Signal } from './control-flow.js'

export interface Args {
  positional: Value[]
  keywords: { name: string; value: Value }[]
}

/** `def name(...)`: a function value, decorated. */
export function defineFunction(run: ModuleRun, s: Extract<Stmt, { t: 'def' }>, frame: Frame): void {
  let value: Value = { kind: 'func', fn: functionDef(run, s.name, s.params, s.body, s.line, frame) }
  value = decorate(run, value, s.decorators, frame, s)
  run.bind(frame, s.name, value, s)
}

export function lambda(run: ModuleRun, e: Extract<Expr, { t: 'lambda' }>, frame: Frame): Value {
  return { kind: 'func', fn: functionDef(run, '<lambda>', e.params, e.body, e.line, frame) }
}

function functionDef(run: ModuleRun, name: string, params: Param[], body: Stmt[] | Expr, line: number, frame: Frame): FunctionDef {
  // Defaults are evaluated once, where the def is.
  const defaults = new Map<string, Value>()
  for (const p of params) if (p.default) defaults.set(p.name, expr(run, p.default, frame))
  // A def inside a function sees that function's names; methods do not see the class body.
  const enclosing = frame.scope?.kind === 'function' ? [frame.ns, ...frame.scope.enclosing] : (frame.scope?.enclosing ?? [])
  return { name, params, defaults, body, path: run.path, line, enclosing }
}

/** Applies decorators: property/classmethod/staticmethod are kept as flags, a project decorator is called. */
function decorate(run: ModuleRun, value: Value, decorators: Expr[], frame: Frame, s: Span): Value {
  for (const d of [...decorators].reverse()) {
    const deco = expr(run, d, frame)
    const q = deco.kind === 'ext' ? deco.qname.replace(/^builtins\./, '') : undefined
    if (value.kind === 'func' && (q === 'property' || q?.endsWith('cached_property'))) value = { ...value, fn: { ...value.fn, decorator: 'property' } }
    else if (value.kind === 'func' && (q === 'classmethod' || q === 'staticmethod')) value = { ...value, fn: { ...value.fn, decorator: q } }
    else if (deco.kind === 'func') value = callFunction(run, deco, { positional: [value], keywords: [] }, frame, s.line)
    // other decorators (lru_cache, receiver…) keep the function as it is
  }
  return value
}

/** Names a function's body assigns (its locals), and those it declares global. */
const scopesOf = new WeakMap<object, { locals: Set<string>; globals: Set<string>; nonlocals: Set<string> }>()

function namesOf(fn: FunctionDef): { locals: Set<string>; globals: Set<string>; nonlocals: Set<string> } {
  const key = fn.body as object
  const known = scopesOf.get(key)
  if (known) return known
  const locals = new Set<string>(fn.params.map((p) => p.name))
  const globals = new Set<string>()
  const nonlocals = new Set<string>()
  const target = (t: Expr | null): void => {
    if (!t) return
    if (t.t === 'name') locals.add(t.id)
    else if (t.t === 'seq') t.items.forEach(target)
    else if (t.t === 'starred') target(t.value)
  }
  const visit = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.t) {
        case 'assign':
          s.targets.forEach(target)
          break
        case 'augassign':
          target(s.target)
          break
        case 'loop':
          target(s.target)
          visit(s.body)
          visit(s.orelse)
          break
        case 'with':
          s.items.forEach((i) => target(i.target))
          visit(s.body)
          break
        case 'if':
          s.branches.forEach((b) => visit(b.body))
          if (s.orelse) visit(s.orelse)
          break
        case 'try':
          visit(s.body)
          s.handlers.forEach((h) => {
            if (h.name) locals.add(h.name)
            visit(h.body)
          })
          visit(s.orelse)
          visit(s.final)
          break
        case 'def':
        case 'class':
          locals.add(s.name)
          break
        case 'import':
          s.names.forEach((n) => locals.add(n.as ?? n.dotted.split('.')[0]))
          break
        case 'importfrom':
          if (s.names !== '*') s.names.forEach((n) => locals.add(n.as))
          break
        case 'global':
          s.names.forEach((n) => (s.nonlocal ? nonlocals : globals).add(n))
          break
      }
    }
  }
  if (Array.isArray(fn.body)) visit(fn.body)
  for (const g of [...globals, ...nonlocals]) locals.delete(g)
  const result = { locals, globals, nonlocals }
  scopesOf.set(key, result)
  return result
}

/** Calls a project function: binds the arguments, runs the body, and gives one of the values its paths returned. */
export function callFunction(run: ModuleRun, f: Extract<Value, { kind: 'func' }>, args: Args, frame: Frame, line: number): Value {
  return invoke(run, f, args, frame, line).result
}

/** A call, with the callee's final locals (instantiate reads `self` from them). */
function invoke(run: ModuleRun, f: Extract<Value, { kind: 'func' }>, args: Args, frame: Frame, line: number): { result: Value; locals?: Namespace } {
  const fn = f.fn
  if (run.budget.callDepth >= MAX_CALL_DEPTH) throw new CutShort(`helpers call helpers more than ${MAX_CALL_DEPTH} deep (${fn.name}() at ${fn.path}:${fn.line})`)
  const own = run.runFor(fn.path)
  const globals = fn.path === run.path ? moduleNs(frame) : foreignGlobals(run, fn.path)
  if (!own || !globals) return { result: unknown(`${fn.name}() of ${fn.path}, which is not evaluated yet`) }
  const locals = bindParams(fn, f.self ? [f.self, ...args.positional] : args.positional, args.keywords)
  if (typeof locals === 'string') return { result: unknown(`${fn.name}(): ${locals}`) }
  const names = namesOf(fn)
  const scope: Scope = { kind: 'function', globals, enclosing: fn.enclosing, locals: names.locals, declaredGlobal: names.globals, declaredNonlocal: names.nonlocals, returns: [], reads: [] }
  const callee: Frame = { ns: { bindings: new Map() }, reads: [], scope }
  for (const [name, value] of locals) own.bind(callee, name, value, { line: fn.line, endLine: fn.line })
  const outermost = run.budget.replaying === 0
  if (outermost) run.writtenInCall.clear()
  run.budget.callDepth++
  run.budget.replaying++
  try {
    if (!Array.isArray(fn.body)) return { result: expr(own, fn.body, callee), locals: callee.ns }
    const signal: Signal = block(own, fn.body, callee)
    if (signal?.t === 'raise') scope.returns.push({ kind: 'fails', why: signal.why })
    else if (signal?.t !== 'return') scope.returns.push(NONE)
    return { result: oneOf(scope.returns, `returned by ${fn.name}() at ${fn.path}:${fn.line}`), locals: callee.ns }
  } catch (e) {
    if (!(e instanceof CutShort && outermost)) throw e
    // Cut short: what it wrote so far (and would have written) cannot be trusted.
    run.noteCut(line, e)
    for (const name of run.writtenInCall) run.mutate(frame, name, () => unknown(`may be changed by ${fn.name}() at line ${line}`), { line, endLine: line })
    return { result: unknown(`${fn.name}(): ${e.why}`) }
  } finally {
    run.budget.callDepth--
    run.budget.replaying--
    frame.reads.push(...scope.reads, ...callee.reads)
  }
}

/** The globals a function of another module runs with: a copy of that module's namespace. */
function foreignGlobals(run: ModuleRun, path: string): Namespace | undefined {
  const result = run.modules.evaluate(path)
  return result && branchOf(result.ns)
}

/** Binds arguments to parameters, or says why the call would fail. */
function bindParams(fn: FunctionDef, positional: Value[], keywords: { name: string; value: Value }[]): Map<string, Value> | string {
  const out = new Map<string, Value>()
  let i = 0
  const extraKeywords: { key: string; value: Value }[] = []
  for (const p of fn.params) {
    if (p.star === '*') {
      out.set(p.name, list(positional.slice(i), 'tuple'))
      i = positional.length
    } else if (p.star !== '**' && i < positional.length) out.set(p.name, positional[i++])
  }
  if (i < positional.length) return 'too many positional arguments'
  for (const k of keywords) {
    const p = fn.params.find((x) => x.name === k.name && !x.star)
    if (p) out.set(p.name, k.value)
    else extraKeywords.push({ key: k.name, value: k.value })
  }
  const kwargs = fn.params.find((p) => p.star === '**')
  if (kwargs) out.set(kwargs.name, { kind: 'dict', entries: extraKeywords, open: false })
  else if (extraKeywords.length) return `unexpected keyword argument ${extraKeywords[0].key}`
  for (const p of fn.params) {
    if (out.has(p.name)) continue
    const d = fn.defaults.get(p.name)
    if (d === undefined) return `missing argument ${p.name}`
    out.set(p.name, d)
  }
  return out
}

/** `class Name(bases): body`: the class value with what its body defined. */
export function defineClass(run: ModuleRun, s: Extract<Stmt, { t: 'class' }>, frame: Frame): Signal {
  const bases = s.bases.map((b) => expr(run, b, frame))
  const ns: Namespace = { bindings: new Map() }
  const enclosing = frame.scope?.kind === 'function' ? [frame.ns, ...frame.scope.enclosing] : (frame.scope?.enclosing ?? [])
  const body: Frame = { ns, reads: [], scope: { kind: 'class', globals: moduleNs(frame), enclosing, locals: new Set(), declaredGlobal: new Set(), declaredNonlocal: new Set(), returns: [], reads: [] } }
  const signal = block(run, s.body, body)
  const cls: ClassDef = { name: s.name, path: run.path, line: s.line, bases, ns, configuration: bases.some(isConfigurationBase) }
  const value = signal?.t === 'raise' ? unknown(`the class body at line ${s.line} raises`) : decorate(run, { kind: 'class', cls }, s.decorators, frame, s)
  run.bind(frame, s.name, value, s)
  return null
}

/** `Cls(...)`: an instance, set up by __init__ when the class (or an analysed base) has one. */
export function instantiate(run: ModuleRun, cls: ClassDef, args: Args, frame: Frame, line: number): Value {
  const instance: Value = { kind: 'instance', cls, attrs: new Map() }
  const init = classAttribute(cls, '__init__')
  if (init?.binding.value.kind !== 'func') return instance
  const { result, locals } = invoke(run, { kind: 'func', fn: init.binding.value.fn, self: instance }, args, frame, line)
  if (result.kind === 'fails') return result
  const self = locals?.bindings.get(init.binding.value.fn.params[0]?.name ?? 'self')?.value
  return self?.kind === 'instance' ? self : instance
}

/** Finds a name on a class and its analysed bases (depth first, left to right). */
export function classAttribute(cls: ClassDef, name: string, depth = 0): { binding: Binding; owner: ClassDef } | undefined {
  const b = cls.ns.bindings.get(name)
  if (b) return { binding: b, owner: cls }
  if (depth > 50) return undefined
  for (const base of cls.bases) {
    if (base.kind !== 'class') continue
    const found = classAttribute(base.cls, name, depth + 1)
    if (found) return found
  }
  return undefined
}

/** Whether a class has bases the review cannot see into (anything but object and analysed classes). */
export function hasOpaqueBase(cls: ClassDef, depth = 0): boolean {
  return cls.bases.some((b) => (b.kind === 'class' ? depth < 50 && hasOpaqueBase(b.cls, depth + 1) : !(b.kind === 'ext' && b.qname === 'builtins.object')))
}

/** Every name a class and its analysed bases define, sorted as dir() lists them. */
export function classNames(cls: ClassDef, depth = 0): string[] {
  const names = new Set(cls.ns.bindings.keys())
  if (depth < 50) for (const b of cls.bases) if (b.kind === 'class') for (const n of classNames(b.cls, depth + 1)) names.add(n)
  return [...names].sort()
}
