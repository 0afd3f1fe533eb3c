// Control flow: if/elif/else (a condition that cannot be decided runs both ways and joins the
// namespaces), try/except (which handler catches what the body raised), and loops.
import type { Stmt } from './ast.js'
import { rootName } from './containers.js'
import { hasDynamicCode } from './dynamic.js'
import { expr } from './expressions.js'
import { MUTATING_METHODS } from './methods.js'
import type { ModuleRun } from './module-run.js'
import { cloneFrame, mergeInto, type Frame } from './namespace.js'
import { block } from './statements.js'
import { truthy, unknown, type Value } from './values.js'

/** A statement raised: the exception's class name and why. */
export type Signal = { raise: string; why: string } | null

const EXCEPTION_PARENTS: Record<string, string[]> = {
  ImportError: ['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'],
  KeyError: ['KeyError', 'LookupError', 'Exception', 'BaseException'],
  ValueError: ['ValueError', 'Exception', 'BaseException'],
  ImproperlyConfigured: ['ImproperlyConfigured', 'Exception', 'BaseException'],
  UndefinedValueError: ['UndefinedValueError', 'Exception', 'BaseException']
}

function exceptionOf(why: string): string {
  const name = why.split(':')[0]
  return name in EXCEPTION_PARENTS ? name : 'ValueError'
}

function catches(types: string[], exception: string): boolean {
  if (types.length === 0) return true
  const parents = EXCEPTION_PARENTS[exception] ?? ['Exception', 'BaseException']
  return types.some((t) => parents.includes(t))
}

/** The signal of a value whose evaluation raises, or null. */
export function signalOf(v: Value): Signal {
  return v.kind === 'fails' ? { raise: exceptionOf(v.why), why: v.why } : null
}

export function ifStatement(run: ModuleRun, s: Extract<Stmt, { t: 'if' }>, frame: Frame): Signal {
  for (let i = 0; i < s.branches.length; i++) {
    const branch = s.branches[i]
    frame.reads = []
    const cond = truthy(expr(run, branch.cond, frame))
    if (cond === true) return block(run, branch.body, frame)
    if (cond === undefined) {
      // Unknown condition: both this branch and the rest are possible.
      const why = `depends on the condition at ${run.path}:${branch.cond.line}`
      const taken = cloneFrame(frame)
      const takenSignal = block(run, branch.body, taken)
      const rest: Extract<Stmt, { t: 'if' }> = { ...s, branches: s.branches.slice(i + 1) }
      const other = cloneFrame(frame)
      const otherSignal = rest.branches.length ? ifStatement(run, rest, other) : s.orelse ? block(run, s.orelse, other) : null
      mergeInto(frame, [taken, other], why)
      return takenSignal && otherSignal ? takenSignal : null
    }
  }
  return s.orelse ? block(run, s.orelse, frame) : null
}

export function tryStatement(run: ModuleRun, s: Extract<Stmt, { t: 'try' }>, frame: Frame): Signal {
  run.tryDepth++
  const signal = block(run, s.body, frame)
  run.tryDepth--
  if (signal) {
    const handler = s.handlers.find((h) => catches(h.types, signal.raise))
    if (!handler) return signal
    // Statements before the failing one ran; the handler runs after them.
    const sig = block(run, handler.body, frame)
    return sig ?? block(run, s.final, frame)
  }
  return block(run, s.orelse, frame) ?? block(run, s.final, frame)
}

export function loopStatement(run: ModuleRun, s: Extract<Stmt, { t: 'loop' }>, frame: Frame): void {
  // A loop may run any number of times: names it assigns become unknown, lists it grows stay
  // known for what they had but may hold more.
  if ([...s.body, ...s.orelse].some(hasDynamicCode)) {
    run.markDynamic(frame, s)
    return
  }
  for (const st of [...s.body, ...s.orelse]) {
    for (const [name, how] of changedNames(st)) {
      const b = frame.ns.bindings.get(name)
      const growOnly = how === 'grow' && b?.value.kind === 'seq'
      run.mutate(frame, name, (old) => (growOnly && old.kind === 'seq' ? { ...old, open: true } : unknown(`changed in the loop at ${run.path}:${s.line}`)), s)
    }
  }
}

/** Names a statement assigns ('set') or grows in place ('grow'), for loops. */
function changedNames(s: Stmt): [string, 'set' | 'grow'][] {
  switch (s.t) {
    case 'assign':
      return s.targets.flatMap((t) => {
        const r = rootName(t)
        return r ? [[r, 'set'] as [string, 'set']] : []
      })
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
    case 'with':
      return s.body.flatMap(changedNames)
    case 'def':
      return [[s.name, 'set']]
    default:
      return []
  }
}
