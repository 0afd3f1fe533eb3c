// Statements: assignments, augmented assignments, in-place method calls, del, and the dispatch to
// control flow and imports. A statement that raises returns a Signal (see control-flow.ts).
import type { Expr, Stmt } from './ast.js'
import { getPath, rootName, setPath, subscriptPath, withLocs, extend } from './containers.js'
import { ifStatement, loopStatement, signalOf, tryStatement, type Signal } from './control-flow.js'
import { isDynamicCall, writesNamespace } from './dynamic.js'
import type { ModuleResult } from './evaluate.js'
import { expr } from './expressions.js'
import { importFrom, importNames } from './imports.js'
import { callMethodMutating, MUTATING_METHODS } from './methods.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { binop } from './operators.js'
import { unknown, type Value } from './values.js'

type Span = { line: number; endLine: number }

/** Runs the module's body from the top and returns what it defines. */
export function execute(run: ModuleRun): ModuleResult {
  const frame: Frame = { ns: { bindings: new Map() }, reads: [] }
  if (run.parsed.errorLines.length)
    run.notices.push(`${run.path}:${run.parsed.errorLines[0]}: syntax error; the rest of the file was read as far as possible`)
  const signal = block(run, run.parsed.body, frame)
  if (signal) run.notices.push(`${run.path}: importing this module may fail (${signal.why})`)
  return { path: run.path, ns: frame.ns, starImports: run.starImports, notices: run.notices }
}

/** Inside a try body a raise jumps to the handler; elsewhere it is noted and evaluation goes on. */
export function block(run: ModuleRun, stmts: Stmt[], frame: Frame): Signal {
  for (const s of stmts) {
    const signal = statement(run, s, frame)
    if (!signal) continue
    if (run.tryDepth > 0) return signal
    if (run.world === 0) run.notices.push(`${run.path}:${s.line}: this line would fail at import time (${signal.why})`)
  }
  return null
}

function statement(run: ModuleRun, s: Stmt, frame: Frame): Signal {
  frame.reads = []
  switch (s.t) {
    case 'assign': {
      const value = expr(run, s.value, frame)
      if (value.kind === 'fails' && run.tryDepth > 0) return signalOf(value)
      for (const target of s.targets) assign(run, target, value, s, frame)
      return null
    }
    case 'augassign':
      return augassign(run, s, frame)
    case 'expr':
      return exprStatement(run, s.expr, s, frame)
    case 'if':
      return ifStatement(run, s, frame)
    case 'try':
      return tryStatement(run, s, frame)
    case 'importfrom':
      return importFrom(run, s, frame)
    case 'import':
      importNames(run, s, frame)
      return null
    case 'loop':
      loopStatement(run, s, frame)
      return null
    case 'with':
      return block(run, s.body, frame)
    case 'def':
      if (s.name) run.bind(frame, s.name, unknown(`defined by a def or class at line ${s.line}`), s)
      return null
    case 'unreadable':
      for (const name of s.names) run.bind(frame, name, unknown(`${run.path}:${s.line}-${s.endLine} could not be parsed`), s)
      return null
    case 'del':
      for (const target of s.targets) {
        if (target.t === 'name') frame.ns.bindings.delete(target.id)
        else {
          const root = rootName(target)
          if (root) run.mutate(frame, root, () => unknown(`changed by del at line ${s.line}`), s)
        }
      }
      return null
    default:
      return null
  }
}

function assign(run: ModuleRun, target: Expr, value: Value, s: Span, frame: Frame): void {
  if (target.t === 'name') {
    run.bind(frame, target.id, withLocs(value, run.loc(s)), s)
    return
  }
  if (target.t === 'seq') {
    const items = value.kind === 'seq' && !value.open && value.items.length === target.items.length ? value.items : null
    target.items.forEach((t, i) => assign(run, t, items ? items[i].value : unknown(`unpacked at line ${s.line}`), s, frame))
    return
  }
  if (target.t === 'subscript') {
    const path = subscriptPath(target, (e) => expr(run, e, frame))
    if (!path) {
      // globals()["DEBUG"] = …: any name may change.
      if (writesNamespace(target)) run.markDynamic(frame, s)
      return
    }
    run.mutate(frame, path.root, (old) => setPath(old, path.keys, withLocs(value, run.loc(s))), s)
  }
  // attribute targets (obj.attr = …) do not define module-level settings
}

function augassign(run: ModuleRun, s: Extract<Stmt, { t: 'augassign' }>, frame: Frame): Signal {
  const rhs = expr(run, s.value, frame)
  if (rhs.kind === 'fails') return signalOf(rhs)
  if (s.target.t === 'name') {
    const name = s.target.id
    const op = s.op
    run.mutate(frame, name, (old) => (op === '+' && old.kind === 'seq' && old.type === 'list' ? extend(old, withLocs(rhs, run.loc(s))) : binop(op, old, withLocs(rhs, run.loc(s)))), s)
  } else if (s.target.t === 'subscript') {
    const path = subscriptPath(s.target, (e) => expr(run, e, frame))
    if (path) run.mutate(frame, path.root, (old) => setPath(old, path.keys, binop(s.op, getPath(old, path.keys), withLocs(rhs, run.loc(s)))), s)
    else if (writesNamespace(s.target)) run.markDynamic(frame, s)
  }
  return null
}

function exprStatement(run: ModuleRun, e: Expr, s: Stmt, frame: Frame): Signal {
  if (e.t !== 'call') return signalOf(expr(run, e, frame))
  const func = e.func
  // globals().update(...), exec(...), locals().update(...)
  if (isDynamicCall(e)) {
    run.markDynamic(frame, s)
    return null
  }
  if (func.t === 'name' && func.id === 'include') {
    // django-split-settings: include('components/base.py', optional('local.py')) — not followed yet.
    run.notices.push(`${run.path}:${s.line}: django-split-settings include() is not followed; settings it loads are unknown`)
    run.markDynamic(frame, s)
    return null
  }
  if (func.t === 'attr') {
    const root = rootName(func.obj)
    const method = func.attr
    if (root && MUTATING_METHODS.has(method)) {
      const target = frame.ns.bindings.get(root)
      if (target && target.value.kind !== 'ext' && target.value.kind !== 'envReader' && target.value.kind !== 'module') {
        const args = e.args.map((a) => withLocs(expr(run, a, frame), run.loc(s)))
        const kwargs = e.kwargs.map((k) => ({ name: k.name, value: expr(run, k.value, frame) }))
        const keys = func.obj.t === 'name' ? [] : subscriptPath(func.obj, (x) => expr(run, x, frame))?.keys
        if (!keys) {
          run.mutate(frame, root, () => unknown(`changed by .${method}() at line ${s.line}`), s)
          return null
        }
        let raised: Value | null = null
        run.mutate(
          frame,
          root,
          (old) => {
            const next = callMethodMutating(getPath(old, keys), method, args, kwargs, s.line)
            if (next.kind === 'fails') raised = next
            return setPath(old, keys, next)
          },
          s
        )
        return raised ? signalOf(raised) : null
      }
    }
  }
  return signalOf(expr(run, e, frame))
}
