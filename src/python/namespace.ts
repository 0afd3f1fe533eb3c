// Names and scopes: what a name is bound to and where that came from, which namespace a name
// resolves to (module, function locals, enclosing functions, class body), and how the namespaces of
// alternative branches are joined.
import type { EnvRead } from './env.js'
import { oneOf, type Loc, type Value } from './values.js'

export interface Binding {
  value: Value
  /** The statement that last set or changed the value. */
  loc: Loc
  /** Every statement that shaped the value, in order: the assignment, then appends, removes, `+=`… */
  history: Loc[]
  /** Environment reads that fed the value. */
  env: EnvRead[]
  /** Source text of the statement at `loc` (first line), for messages. */
  text: string
  /** For a value merged from branches: the binding on each branch. */
  alternatives?: Binding[]
}

export interface Namespace {
  bindings: Map<string, Binding>
  /** Set when the module changes names in ways we cannot follow (globals().update, exec, …). */
  dynamic?: Loc
}

/** Inside a def or class body: where its names resolve. */
export interface Scope {
  kind: 'function' | 'class'
  /** The globals of the code: its module's namespace (for a function of another module, a copy of it). */
  globals: Namespace
  /** Namespaces of the enclosing functions, innermost first. */
  enclosing: Namespace[]
  /** A function's local names: its parameters and the names it assigns, minus those it declares global. */
  locals: ReadonlySet<string>
  declaredGlobal: ReadonlySet<string>
  /** What the function returned on each path that returned (a `fails` value for a path that raised). */
  returns: Value[]
  /** Env reads of the statements run so far in this call: its result depends on all of them. */
  reads: EnvRead[]
}

/** Where a statement is being evaluated. */
export interface Frame {
  /** The module namespace, or a function's locals, or a class body's namespace. */
  ns: Namespace
  /** Env reads seen while evaluating the current statement. */
  reads: EnvRead[]
  scope?: Scope
  /** Class attributes read while evaluating the current statement: where a copied value was written. */
  origins?: Binding[]
  /** For a comprehension: the frame around it, where `:=` binds. */
  outer?: Frame
}

/** The most statements a binding's history and env reads keep (the first and the latest ones). */
const MAX_TRAIL = 64

/** Keeps a list bounded: a name changed 50,000 times must not make every change copy 50,000 entries. */
export function capped<T>(list: T[]): T[] {
  return list.length <= MAX_TRAIL ? list : [...list.slice(0, MAX_TRAIL / 2), ...list.slice(-MAX_TRAIL / 2)]
}

/** Starts a new statement's reads; in a function, the finished ones still count for its result. */
export function nextStatement(frame: Frame): void {
  if (frame.scope?.kind === 'function') frame.scope.reads.push(...frame.reads)
  frame.reads = []
}

export function dedupeReads(reads: EnvRead[]): EnvRead[] {
  const seen = new Set<string>()
  return capped(
    reads.filter((r) => {
      const key = `${r.path}:${r.line}:${r.name}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  )
}

/** The namespace module-level names live in, seen from this frame (globals() of the code). */
export function moduleNs(frame: Frame): Namespace {
  return frame.scope ? frame.scope.globals : frame.ns
}

/** The namespace that holds a name as the code reads it: locals, enclosing functions, globals. */
export function locate(frame: Frame, name: string): Namespace | undefined {
  const scope = frame.scope
  if (!scope) return frame.ns.bindings.has(name) ? frame.ns : undefined
  if (scope.kind === 'function') {
    if (scope.declaredGlobal.has(name)) return scope.globals.bindings.has(name) ? scope.globals : undefined
    if (scope.locals.has(name)) return frame.ns.bindings.has(name) ? frame.ns : undefined
  } else if (frame.ns.bindings.has(name)) return frame.ns
  for (const ns of scope.enclosing) if (ns.bindings.has(name)) return ns
  return scope.globals.bindings.has(name) ? scope.globals : undefined
}

export function findBinding(frame: Frame, name: string): Binding | undefined {
  return locate(frame, name)?.bindings.get(name)
}

/** The namespace an assignment to a name writes: the module, a function's locals or a class body. */
export function writeNs(frame: Frame, name: string): Namespace {
  return frame.scope?.kind === 'function' && frame.scope.declaredGlobal.has(name) ? frame.scope.globals : frame.ns
}

const copy = (ns: Namespace): Namespace => ({ bindings: new Map(ns.bindings), dynamic: ns.dynamic })

/** A frame for one branch: its own copy of the names it may write. */
export function cloneFrame(f: Frame): Frame {
  return { ns: copy(f.ns), reads: [], scope: f.scope && { ...f.scope, globals: copy(f.scope.globals) } }
}

/** Continues with one branch's names (the other branch returned or raised). */
export function adopt(frame: Frame, branch: Frame): void {
  frame.ns.bindings = branch.ns.bindings
  frame.ns.dynamic = branch.ns.dynamic
  if (frame.scope && branch.scope) {
    frame.scope.globals.bindings = branch.scope.globals.bindings
    frame.scope.globals.dynamic = branch.scope.globals.dynamic
  }
}

/** Joins the namespaces of alternative branches into `frame`. */
export function mergeInto(frame: Frame, branches: Frame[], why: string): void {
  mergeNamespaces(frame.ns, branches.map((b) => b.ns), why)
  if (frame.scope)
    mergeNamespaces(
      frame.scope.globals,
      branches.map((b) => (b.scope as Scope).globals),
      why
    )
}

/** Joins alternative namespaces into `target` (in place, so every holder of it sees the result). */
export function mergeNamespaces(target: Namespace, branches: Namespace[], why: string): void {
  const names = new Set(branches.flatMap((b) => [...b.bindings.keys()]))
  const merged = new Map<string, Binding>()
  for (const name of names) {
    const bs = branches.map((b) => b.bindings.get(name))
    const first = bs[0]
    if (first && bs.every((b) => b === first)) {
      merged.set(name, first)
      continue
    }
    const present = bs.filter((b): b is Binding => b !== undefined)
    const values = bs.map((b): Value => b?.value ?? { kind: 'absent' })
    // Point at the branch binding that differs from what was there before the fork.
    const before = target.bindings.get(name)
    const changed = present.find((b) => b !== before) ?? present[0]
    merged.set(name, {
      value: oneOf(values, why),
      loc: changed.loc,
      history: changed.history,
      env: dedupeReads(present.flatMap((b) => b.env)),
      text: changed.text,
      alternatives: present
    })
  }
  target.bindings = merged
  target.dynamic = branches.find((b) => b.dynamic)?.dynamic ?? target.dynamic
}
