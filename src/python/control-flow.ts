// Control flow: if/elif/else (a condition that cannot be decided runs both ways and joins the
// namespaces), try/except (which handler catches what the body raised), raise, and loops: a loop
// over a known list or tuple runs once per element; any other loop cannot be followed, so the names
// it changes become unknown (lists it grows keep what they had).
import type { Expr, Stmt } from './ast.js'
import { elements, rootName } from './containers.js'
import { expr } from './expressions.js'
import { MUTATING_METHODS } from './methods.js'
import { CutShort, type ModuleRun } from './module-run.js'
import { adopt, cloneFrame, mergeInto, moduleNs, nextStatement, type Frame } from './namespace.js'
import { assign, block } from './statements.js'
import { fails, truthy, unknown, type Value } from './values.js'

/** How a statement ended, when it did not simply finish: it raised, or jumped. */
export type Signal = null | { t: 'raise'; exc: string; why: string } | { t: 'return' } | { t: 'break' } | { t: 'continue' }

/** Thrown inside a loop being unrolled when a break or continue depends on an unknown condition. */
class LoopUndecided extends Error {}

/** The most elements a loop is unrolled for. */
const MAX_UNROLL = 1000

const EXCEPTION_PARENTS: Record<string, string[]> = {
  ImportError: ['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'],
  KeyError: ['KeyError', 'LookupError', 'Exception', 'BaseException'],
  IndexError: ['IndexError', 'LookupError', 'Exception', 'BaseException'],
  ValueError: ['ValueError', 'Exception', 'BaseException'],
  ImproperlyConfigured: ['ImproperlyConfigured', 'Exception', 'BaseException'],
  UndefinedValueError: ['UndefinedValueError', 'Exception', 'BaseException'],
  FileNotFoundError: ['FileNotFoundError', 'OSError', 'IOError', 'EnvironmentError', 'Exception', 'BaseException']
}

function exceptionOf(why: string): string {
  const name = why.split(':')[0]
  return name in EXCEPTION_PARENTS ? name : 'ValueError'
}

export function catches(types: string[], exception: string): boolean {
  if (types.length === 0) return true
  const parents = EXCEPTION_PARENTS[exception] ?? [exception, 'Exception', 'BaseException']
  return types.some((t) => parents.includes(t))
}

/** The signal of a value whose evaluation raises, or null. */
export function signalOf(v: Value): Signal {
  return v.kind === 'fails' ? { t: 'raise', exc: exceptionOf(v.why), why: v.why } : null
}

/** `raise X(...)`: the exception class by name. */
export function raiseOf(run: ModuleRun, s: Extract<Stmt, { t: 'raise' }>, frame: Frame): Signal {
  const exc = s.exc?.t === 'call' ? s.exc.func : s.exc
  const name = exc?.t === 'name' ? exc.id : exc?.t === 'attr' ? exc.attr : 'Exception'
  if (s.exc) expr(run, s.exc, frame)
  return { t: 'raise', exc: name, why: `${name}: raised at ${run.path}:${s.line}` }
}

export function ifStatement(run: ModuleRun, s: Extract<Stmt, { t: 'if' }>, frame: Frame): Signal {
  for (let i = 0; i < s.branches.length; i++) {
    const branch = s.branches[i]
    nextStatement(frame)
    const cond = truthy(expr(run, branch.cond, frame))
    if (cond === true) return block(run, branch.body, frame)
    if (cond === undefined) {
      // Unknown condition: both this branch and the rest are possible.
      const taken = cloneFrame(frame)
      const takenSignal = block(run, branch.body, taken)
      const rest: Extract<Stmt, { t: 'if' }> = { ...s, branches: s.branches.slice(i + 1) }
      const other = cloneFrame(frame)
      const otherSignal = rest.branches.length ? ifStatement(run, rest, other) : s.orelse ? block(run, s.orelse, other) : null
      return join(run, frame, [taken, takenSignal], [other, otherSignal], `depends on the condition at ${run.path}:${branch.cond.line}`)
    }
  }
  return s.orelse ? block(run, s.orelse, frame) : null
}

/** Joins two branches that may both run. */
function join(run: ModuleRun, frame: Frame, [a, sa]: [Frame, Signal], [b, sb]: [Frame, Signal], why: string): Signal {
  if (frame.scope) {
    // In a def or class body a path that returned or raised does not go on: continue with the other.
    const scope = frame.scope
    // a function path that raised gives its call a failing value
    const ended = (sg: Signal): boolean => {
      if (sg?.t === 'raise' && scope.kind === 'function') scope.returns.push(fails(sg.why))
      return sg?.t === 'return' || sg?.t === 'raise'
    }
    const endA = ended(sa)
    const endB = ended(sb)
    if (endA && endB) {
      mergeInto(frame, [a, b], why)
      return scope.kind === 'function' ? { t: 'return' } : sa
    }
    if (endA || endB) {
      adopt(frame, endA ? b : a)
      return endA ? sb : sa
    }
  }
  const jumps = (sg: Signal): boolean => sg?.t === 'break' || sg?.t === 'continue'
  if (jumps(sa) || jumps(sb)) {
    mergeInto(frame, [a, b], why)
    if (sa?.t === sb?.t) return sa
    // The loop may stop or skip here, or not: when unrolling it, the rest cannot be followed.
    if (run.loops[run.loops.length - 1] === 'unrolled') throw new LoopUndecided()
    return null
  }
  mergeInto(frame, [a, b], why)
  // At module level a raise on one branch only is noted and evaluation goes on.
  return sa && sb ? sa : null
}

export function tryStatement(run: ModuleRun, s: Extract<Stmt, { t: 'try' }>, frame: Frame): Signal {
  // The body runs on a branch: when it may raise (a key looked up in an unknown value), a handler that
  // catches that runs from the state before it, and both outcomes are joined.
  const body = cloneFrame(frame)
  run.tryDepth++
  run.mayRaise.push(new Set())
  const signal = block(run, s.body, body)
  run.tryDepth--
  const mayRaise = run.mayRaise.pop() as Set<string>
  const possible = signal?.t === 'raise' ? undefined : s.handlers.find((h) => [...mayRaise].some((e) => catches(h.types, e)))
  for (const e of mayRaise) if (!s.handlers.some((h) => catches(h.types, e))) run.mayRaise.at(-1)?.add(e)
  // at module level a handler that raises stops the server: one that starts took the body's way
  const stopsServer = !frame.scope && possible?.body.some((st) => st.t === 'raise')
  if (possible && !stopsServer) {
    const handled = cloneFrame(frame)
    const handlerSignal = handler(run, s, possible, handled)
    const finished = cloneFrame(frame)
    adopt(finished, body)
    const bodySignal = signal ?? block(run, s.orelse, finished)
    const joined = join(run, frame, [finished, bodySignal], [handled, handlerSignal], `depends on whether the body of the try at ${run.path}:${s.line} raises (a lookup in a value the review cannot see, or an import Python 3 may not find)`)
    return block(run, s.final, frame) ?? joined
  }
  adopt(frame, body)
  if (signal?.t === 'raise') {
    const caught = s.handlers.find((h) => catches(h.types, signal.exc))
    if (!caught) return signal
    // Statements before the failing one ran; the handler runs after them.
    return handler(run, s, caught, frame) ?? block(run, s.final, frame)
  }
  if (signal) return block(run, s.final, frame) ?? signal
  return block(run, s.orelse, frame) ?? block(run, s.final, frame)
}

function handler(run: ModuleRun, s: Extract<Stmt, { t: 'try' }>, h: Extract<Stmt, { t: 'try' }>['handlers'][number], frame: Frame): Signal {
  if (h.name) run.bind(frame, h.name, unknown(`the exception caught at line ${s.line}`), s)
  return block(run, h.body, frame)
}

export function loopStatement(run: ModuleRun, s: Extract<Stmt, { t: 'loop' }>, frame: Frame): Signal {
  if (s.target && s.iter) {
    const items = elements(expr(run, s.iter, frame), MAX_UNROLL)
    if (items && items.length <= MAX_UNROLL) {
      const unrolled = unroll(run, s, s.target, items, frame)
      if (unrolled !== 'undecided') return unrolled
    }
  }
  return loopNotFollowed(run, s, frame)
}

/** Runs the body once per element; 'undecided' (nothing changed) when that cannot be followed. */
function unroll(run: ModuleRun, s: Extract<Stmt, { t: 'loop' }>, target: Expr, items: Value[], frame: Frame): Signal | 'undecided' {
  // on a branch, kept only if the whole loop could be followed
  const work = cloneFrame(frame)
  // what the loop variable is bound to depends on what the iterable read, not on the last statement
  const iterReads = frame.reads
  run.loops.push('unrolled')
  run.budget.replaying++
  try {
    const signal = iterations(run, s, target, items, work)
    adopt(frame, work)
    return signal
  } catch (e) {
    if (!(e instanceof LoopUndecided) && !(e instanceof CutShort && run.budget.replaying === 1)) throw e
    if (e instanceof CutShort) run.noteCut(s.line, e)
    return 'undecided'
  } finally {
    run.loops.pop()
    run.budget.replaying--
  }

  function iterations(run: ModuleRun, s: Extract<Stmt, { t: 'loop' }>, target: Expr, items: Value[], work: Frame): Signal {
    for (const item of items) {
      nextStatement(work)
      work.reads = [...iterReads]
      assign(run, target, item, s, work)
      const signal = block(run, s.body, work)
      if (signal?.t === 'break') return null
      if (signal && signal.t !== 'continue') return signal
    }
    return block(run, s.orelse, work)
  }
}

/**
 * A loop that cannot be unrolled may run any number of times: names it assigns become unknown, lists
 * it grows stay known for what they had but may hold more. Its body is still evaluated once, on a
 * copy with the loop variable unknown, to see code that may set any name and what a function
 * returns from inside the loop.
 */
function loopNotFollowed(run: ModuleRun, s: Extract<Stmt, { t: 'loop' }>, frame: Frame): Signal {
  const probe = cloneFrame(frame)
  run.loops.push('probe')
  run.budget.replaying++
  run.quiet++
  try {
    if (s.target) assign(run, s.target, unknown(`an element of the loop at line ${s.line}`), s, probe)
    block(run, [...s.body, ...s.orelse], probe)
  } catch (e) {
    if (!(e instanceof CutShort && run.budget.replaying === 1)) throw e
  } finally {
    run.loops.pop()
    run.budget.replaying--
    run.quiet--
  }
  const dynamic = moduleNs(probe).dynamic
  if (dynamic && dynamic !== moduleNs(frame).dynamic) run.markDynamic(frame, dynamic)
  for (const st of [...(s.target ? [targetStatement(s.target, s)] : []), ...s.body, ...s.orelse]) {
    for (const [name, how] of changedNames(st)) {
      const growOnly = how === 'grow' && frame.ns.bindings.get(name)?.value.kind === 'seq'
      run.mutate(frame, name, (old) => (growOnly && old.kind === 'seq' ? { ...old, open: true } : unknown(`changed in the loop at ${run.path}:${s.line}`)), s)
    }
  }
  return null
}

const targetStatement = (target: Expr, s: Extract<Stmt, { t: 'loop' }>): Stmt => ({ t: 'assign', targets: [target], value: { t: 'unknown', line: s.line, why: 'loop' }, line: s.line, endLine: s.line })

/** Names a statement assigns ('set') or grows in place ('grow'), for loops. */
function changedNames(s: Stmt): [string, 'set' | 'grow'][] {
  const targets = (ts: Expr[]): [string, 'set'][] => ts.flatMap((t) => namesIn(t).map((n): [string, 'set'] => [n, 'set']))
  switch (s.t) {
    case 'assign':
      return targets(s.targets)
    case 'augassign': {
      const r = rootName(s.target)
      return r ? [[r, s.op === '+' ? 'grow' : 'set']] : []
    }
    case 'expr': {
      if (s.expr.t === 'call' && s.expr.func.t === 'attr') {
        const r = rootName(s.expr.func.obj)
        const m = s.expr.func.attr
        if (r && MUTATING_METHODS.has(m)) return [[r, m === 'append' || m === 'extend' || m === 'insert' || m === 'add' ? 'grow' : 'set']]
      }
      return []
    }
    case 'if':
      return [...s.branches.flatMap((b) => b.body.flatMap(changedNames)), ...(s.orelse ?? []).flatMap(changedNames)]
    case 'try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.final].flatMap(changedNames)
    case 'loop':
      return [...targets(s.target ? [s.target] : []), ...s.body.flatMap(changedNames), ...s.orelse.flatMap(changedNames)]
    case 'with':
      return [...targets(s.items.flatMap((i) => (i.target ? [i.target] : []))), ...s.body.flatMap(changedNames)]
    case 'def':
    case 'class':
      return [[s.name, 'set']]
    default:
      return []
  }
}

/** The names a target binds: `a`, `a, b`, `*rest`; the root of `a[0]`. */
function namesIn(t: Expr): string[] {
  if (t.t === 'seq') return t.items.flatMap(namesIn)
  if (t.t === 'starred') return namesIn(t.value)
  const r = rootName(t)
  return r ? [r] : []
}
