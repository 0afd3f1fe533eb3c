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
  /** The value came from a deploy file's environment: `loc` is that file's line, this says what read it. */
  supplied?: Supplied
}

/** Where the environment a value was read from is set: a deploy file (see settings/deploy-worlds.ts). */
export interface Supplied {
  /** The environment variable. */
  variable: string
  /** The process given it, in words: "docker-compose.yml service web". */
  by: string
  /** The settings line that reads the variable. */
  read: Loc
  /** The settings line that gives the setting its value (the read's, or an import's that takes it from the reading module). */
  assigned: Loc
  /** When the deploy file is a template a user copies (`.env.example`): the file it is copied to. */
  copiedTo?: string
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
  /** Names a function declares nonlocal: they live in an enclosing function. */
  declaredNonlocal: ReadonlySet<string>
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
  if (scope.kind === 'function' && scope.declaredGlobal.has(name)) return scope.globals.bindings.has(name) ? scope.globals : undefined
  if (frame.ns.bindings.has(name)) return frame.ns
  // a local not bound yet (UnboundLocalError in Python)
  if (scope.locals.has(name)) return undefined
  for (const ns of scope.enclosing) if (ns.bindings.has(name)) return ns
  return scope.globals.bindings.has(name) ? scope.globals : undefined
}

export function findBinding(frame: Frame, name: string): Binding | undefined {
  return locate(frame, name)?.bindings.get(name)
}

/** The namespace an assignment to a name writes: the module, a function's locals or a class body, an enclosing function's. */
export function writeNs(frame: Frame, name: string): Namespace {
  const scope = frame.scope
  if (scope?.kind !== 'function') return frame.ns
  if (scope.declaredGlobal.has(name)) return scope.globals
  if (scope.declaredNonlocal.has(name)) return scope.enclosing.find((ns) => ns.bindings.has(name)) ?? scope.enclosing[0] ?? frame.ns
  return frame.ns
}

/**
 * A namespace's bindings as one branch sees them: its own changes over the bindings from before the
 * branch. Forking and joining then cost what the branch changed, not the size of the module.
 */
class Overlay extends Map<string, Binding> {
  /** What the branch set; undefined for a name it deleted. */
  readonly own = new Map<string, Binding | undefined>()
  constructor(readonly base: Map<string, Binding>) {
    super()
  }
  get(name: string): Binding | undefined {
    return this.own.has(name) ? this.own.get(name) : this.base.get(name)
  }
  has(name: string): boolean {
    return this.own.has(name) ? this.own.get(name) !== undefined : this.base.has(name)
  }
  set(name: string, b: Binding): this {
    this.own.set(name, b)
    return this
  }
  delete(name: string): boolean {
    const had = this.has(name)
    this.own.set(name, undefined)
    return had
  }
  clear(): void {
    for (const name of [...this.keys()]) this.own.set(name, undefined)
  }
  get size(): number {
    return [...this.entries()].length
  }
  *entries(): MapIterator<[string, Binding]> {
    for (const [name, b] of this.base) if (!this.own.has(name)) yield [name, b]
    for (const [name, b] of this.own) if (b !== undefined) yield [name, b]
  }
  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name
  }
  *values(): MapIterator<Binding> {
    for (const [, b] of this.entries()) yield b
  }
  [Symbol.iterator](): MapIterator<[string, Binding]> {
    return this.entries()
  }
  forEach(f: (b: Binding, name: string, map: Map<string, Binding>) => void): void {
    for (const [name, b] of this.entries()) f(b, name, this)
  }
}

/** A branch of a namespace: changes made through it stay in it until joined or adopted. */
export function branchOf(ns: Namespace): Namespace {
  return { bindings: new Overlay(ns.bindings), dynamic: ns.dynamic }
}

/** The names a branch of `target` may have changed: its own ones, or every name for a full copy. */
function changedNames(branch: Namespace, target: Namespace): Iterable<string> {
  const b = branch.bindings
  if (b instanceof Overlay && b.base === target.bindings) return b.own.keys()
  return new Set([...b.keys(), ...target.bindings.keys()])
}

/** Writes what a branch set (and deleted) into the namespace it branched from. */
function apply(target: Namespace, branch: Namespace): void {
  for (const name of changedNames(branch, target)) {
    const b = branch.bindings.get(name)
    if (b) target.bindings.set(name, b)
    else target.bindings.delete(name)
  }
  target.dynamic = branch.dynamic
}

/** A frame for one branch: its own view of the names it may write. */
export function cloneFrame(f: Frame): Frame {
  return { ns: branchOf(f.ns), reads: [], scope: f.scope && { ...f.scope, globals: branchOf(f.scope.globals) } }
}

/** Continues with one branch's names (the other branch returned, raised, or was abandoned). */
export function adopt(frame: Frame, branch: Frame): void {
  apply(frame.ns, branch.ns)
  if (frame.scope && branch.scope) apply(frame.scope.globals, branch.scope.globals)
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
  const names = new Set<string>()
  for (const b of branches) for (const name of changedNames(b, target)) names.add(name)
  for (const name of names) {
    const bs = branches.map((b) => b.bindings.get(name))
    const first = bs[0]
    if (bs.every((b) => b === first)) {
      if (first) target.bindings.set(name, first)
      else target.bindings.delete(name)
      continue
    }
    const present = bs.filter((b): b is Binding => b !== undefined)
    const values = bs.map((b): Value => b?.value ?? { kind: 'absent' })
    // Point at the branch binding that differs from what was there before the fork.
    const before = target.bindings.get(name)
    const changed = present.find((b) => b !== before) ?? present[0]
    target.bindings.set(name, {
      value: oneOf(values, why),
      loc: changed.loc,
      history: changed.history,
      env: dedupeReads(present.flatMap((b) => b.env)),
      text: changed.text,
      alternatives: present
    })
  }
  target.dynamic = branches.find((b) => b.dynamic)?.dynamic ?? target.dynamic
}
