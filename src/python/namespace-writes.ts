// Writes to module globals that do not look like assignments: through the module object
// (`sys.modules[__name__].X = …`, `setattr(module, "X", …)`), through its namespace (`globals()["X"]`,
// `globals().update(…)`, `vars(module)`), and code that runs strings (`exec`, `eval`) or receives the
// namespace. A write whose name the evaluator can compute is an assignment like any other; one it
// cannot compute (or code it cannot see) makes every setting unknown and is an opaque write.
import { UNKNOWN_NAMESPACE } from './attributes.js'
import type { Args } from './functions.js'
import type { ModuleRun, Span } from './module-run.js'
import { moduleNs, type Frame } from './namespace.js'
import { NONE, show, str, unknown, type Value } from './values.js'

/** A module the code reached by a name the evaluator cannot compute: it may be this one. */
const UNKNOWN_MODULE = '?module'

/** This module itself (`dict`: its namespace, as globals() gives it, rather than the module object). */
export function isOwnModule(run: ModuleRun, v: Value, dict: boolean): boolean {
  return v.kind === 'module' && v.path === run.path && Boolean(v.dict) === dict
}

/** A module or namespace the evaluator cannot identify: a write through it may set any setting. */
export function isForeignNamespace(v: Value): boolean {
  return v.kind === 'ext' && (v.qname === UNKNOWN_MODULE || v.qname === UNKNOWN_NAMESPACE)
}

/** `globals()[key] = value`, `module.key = value`, `setattr(module, key, value)`. */
export function writeGlobal(run: ModuleRun, frame: Frame, container: Value, key: Value, value: Value, s: Span, via = 'a write'): void {
  if (isForeignNamespace(container)) return run.markDynamic(frame, s, `${via} through a module or namespace the review cannot identify`)
  if (key.kind !== 'str') return run.markDynamic(frame, s, `${via} to the module with a name the review cannot compute`)
  // A value copied from a class attribute points at where it was written.
  const origin = frame.origins?.find((b) => b.value === value)
  run.bindIn(moduleNs(frame), frame, key.value, value, s, origin)
}

export function readGlobal(run: ModuleRun, frame: Frame, key: Value): Value {
  if (key.kind !== 'str') return unknown('a name computed at run time')
  const b = moduleNs(frame).bindings.get(key.value)
  if (!b) return unknown(`${key.value} is not defined`)
  frame.reads.push(...b.env)
  return b.value
}

export function deleteGlobal(run: ModuleRun, frame: Frame, container: Value, key: Value, s: Span): void {
  if (isForeignNamespace(container) || key.kind !== 'str') run.markDynamic(frame, s, 'a deletion from the module with a name the review cannot compute')
  else moduleNs(frame).bindings.delete(key.value)
}

/** Methods of a module's namespace dict: `globals().update(...)`, `.setdefault`, `.get`, `.pop`… */
export function namespaceMethod(run: ModuleRun, ns: Extract<Value, { kind: 'module' }>, method: string, args: Args, frame: Frame, line: number): Value {
  const s = { line, endLine: line }
  const [a0, a1] = args.positional
  if (ns.path !== run.path) {
    // Another analysed module's namespace: reading it is fine, writing it does not change this module.
    const b = a0?.kind === 'str' ? run.modules.evaluate(ns.path)?.ns.bindings.get(a0.value) : undefined
    return method === 'get' || method === '__getitem__' ? (b?.value ?? a1 ?? NONE) : unknown(`.${method}() of another module's namespace`)
  }
  switch (method) {
    case 'update': {
      if (a0 && (a0.kind !== 'dict' || a0.open)) run.markDynamic(frame, s, `globals().update() with entries the review cannot compute (${show(a0, 40)})`)
      if (a0?.kind === 'dict') for (const e of a0.entries) writeGlobal(run, frame, ns, str(e.key), e.value, s)
      for (const k of args.keywords) writeGlobal(run, frame, ns, str(k.name), k.value, s)
      return NONE
    }
    case 'setdefault':
    case '__setitem__': {
      if (!a0) return unknown(method)
      const bound = a0.kind === 'str' && moduleNs(frame).bindings.get(a0.value)
      if (method === 'setdefault' && bound) return bound.value
      writeGlobal(run, frame, ns, a0, a1 ?? NONE, s, `globals().${method}()`)
      return a1 ?? NONE
    }
    case 'get':
    case '__getitem__':
      return a0?.kind === 'str' && moduleNs(frame).bindings.has(a0.value) ? readGlobal(run, frame, a0) : (a1 ?? (moduleNs(frame).dynamic ? unknown('a name set by dynamic code') : NONE))
    case 'pop':
    case '__delitem__': {
      const value = a0 ? readGlobal(run, frame, a0) : NONE
      if (a0) deleteGlobal(run, frame, ns, a0, s)
      return value
    }
    case 'keys':
    case 'values':
    case 'items':
    case 'copy':
    case '__contains__':
      return unknown(`globals().${method}()`)
    default:
      run.markDynamic(frame, s, `globals().${method}()`)
      return unknown(`globals().${method}()`)
  }
}

/** What `sys.modules[name]`, `importlib.import_module(name)` or `__import__(name)` gives. */
export function moduleNamed(run: ModuleRun, name: Value): Value {
  if (name.kind === 'ext' && name.qname === '__name__') return { kind: 'module', path: run.path }
  if (name.kind !== 'str') return { kind: 'ext', qname: UNKNOWN_MODULE }
  const found = run.loader.resolve(run.path, 0, name.value)
  if (found === 'external') return { kind: 'ext', qname: name.value }
  return found === 'missing' ? unknown(`module ${name.value}`) : { kind: 'module', path: found }
}

const CODE_RUNNERS = new Set(['exec', 'eval', 'execfile'])

/** `exec`, `eval` (under any name), or a builtin looked up by a name the review cannot compute. */
export function isCodeRunner(qname: string): boolean {
  const q = qname.replace(/^builtins\./, '')
  return CODE_RUNNERS.has(q) || q === '?builtin' || (q.startsWith('?') && CODE_RUNNERS.has(q.slice(q.lastIndexOf('.') + 1)))
}

/** Builtins that write module globals when handed to other code. */
const NAMESPACE_WRITERS = new Set(['setattr', 'globals', 'locals', 'vars', 'delattr', '__import__'])

/**
 * Why handing `v` to code the review cannot see lets that code set settings: it is this module, its
 * namespace, a namespace that may be it, or a builtin that runs code or writes names.
 */
export function escapingWriter(run: ModuleRun, v: Value, depth = 0): string | undefined {
  if (v.kind === 'module' && v.path === run.path) return v.dict ? "the module's namespace" : 'the module itself'
  if (isForeignNamespace(v)) return 'a namespace that may be this module'
  if (v.kind === 'ext' && (isCodeRunner(v.qname) || NAMESPACE_WRITERS.has(v.qname.replace(/^builtins\./, '')))) return `${v.qname.replace(/^builtins\./, '')}`
  // one level into a list or dict: `f([globals()])`
  if (depth > 0) return undefined
  const inside = v.kind === 'seq' ? v.items.map((i) => i.value) : v.kind === 'dict' ? v.entries.map((e) => e.value) : []
  for (const x of inside) {
    const what = escapingWriter(run, x, 1)
    if (what) return what
  }
  return undefined
}
