// Names and scopes: what a module-level name is bound to, where that came from, and how the
// namespaces of alternative branches are joined.
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

/** Where a statement is being evaluated. */
export interface Frame {
  ns: Namespace
  /** Env reads seen while evaluating the current statement. */
  reads: EnvRead[]
}

export function dedupeReads(reads: EnvRead[]): EnvRead[] {
  const seen = new Set<string>()
  return reads.filter((r) => {
    const key = `${r.path}:${r.line}:${r.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function cloneFrame(f: Frame): Frame {
  return { ns: { bindings: new Map(f.ns.bindings), dynamic: f.ns.dynamic }, reads: [] }
}

/** Joins the namespaces of alternative branches into `frame`. */
export function mergeInto(frame: Frame, branches: Frame[], why: string): void {
  const names = new Set(branches.flatMap((b) => [...b.ns.bindings.keys()]))
  const merged = new Map<string, Binding>()
  for (const name of names) {
    const bs = branches.map((b) => b.ns.bindings.get(name))
    const first = bs[0]
    if (first && bs.every((b) => b === first)) {
      merged.set(name, first)
      continue
    }
    const present = bs.filter((b): b is Binding => b !== undefined)
    const values = bs.map((b): Value => b?.value ?? { kind: 'absent' })
    // Point at the branch binding that differs from what was there before the fork.
    const before = frame.ns.bindings.get(name)
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
  frame.ns.bindings = merged
  frame.ns.dynamic = branches.find((b) => b.ns.dynamic)?.ns.dynamic ?? frame.ns.dynamic
}
