// Statements: assignments to every kind of target, augmented assignments, in-place method calls,
// del, return/raise, and the dispatch to control flow, imports, defs and classes. A statement that
// raises or jumps returns a Signal (see control-flow.ts).
import { isOpenFile } from './repo-files.js'
import { MAX_NESTING, type Expr, type Stmt } from './ast.js'
import { applyConfigurations } from './configurations.js'
import { getPath, rootName, setPath, subscriptPath, withLocs, extend } from './containers.js'
import { catches, ifStatement, loopStatement, raiseOf, signalOf, tryStatement, type Signal } from './control-flow.js'
import type { ModuleResult } from './evaluate.js'
import { expr } from './expressions.js'
import { defineClass, defineFunction } from './functions.js'
import { importFrom, importNames } from './imports.js'
import { callMethodMutating, MUTATING_METHODS } from './methods.js'
import type { ModuleRun, Span } from './module-run.js'
import { findBinding, moduleNs, nextStatement, type Frame } from './namespace.js'
import { deleteGlobal, isForeignNamespace, isOwnModule, readGlobal, writeGlobal } from './namespace-writes.js'
import { binop } from './operators.js'
import { NONE, list, str, unknown, type Value } from './values.js'

/** Runs the module's body from the top and returns what it defines. */
export function execute(run: ModuleRun): ModuleResult {
  const frame: Frame = { ns: { bindings: new Map() }, reads: [] }
  const { parsed } = run
  if (parsed.errorLines.length) run.notice(parsed.errorLines[0], 'syntax error; the rest of the file was read as far as possible')
  for (const line of parsed.tooDeep) run.notice(line, `code nested more than ${MAX_NESTING} levels deep; that part is unknown`)
  const coding = parsed.coding
  if (coding?.problem) {
    const loc = run.loc({ line: coding.line, endLine: coding.line })
    const what = `the coding cookie \`${coding.name}\` makes Python decode this file differently from how it reads in review`
    if (parsed.undecodable) {
      run.notice(coding.line, `${parsed.undecodable}; every setting it defines is unknown`)
      run.markDynamic(frame, loc, what)
    } else run.opaque.push({ loc, what, text: run.text(coding.line).trim() })
  }
  if (!parsed.undecodable) {
    const signal = block(run, parsed.body, frame)
    if (signal?.t === 'raise') run.notice(undefined, `importing this module may fail (${signal.why})`)
    applyConfigurations(run, frame)
  }
  return { path: run.path, ns: frame.ns, starImports: run.starImports, notices: run.notices, opaque: run.opaque, compared: run.compared }
}

/**
 * Runs statements in order. At module level a raise outside a try is noted and evaluation goes on
 * (the rest of the module is still worth knowing); in a try, a def or a class it ends the block.
 */
export function block(run: ModuleRun, stmts: Stmt[], frame: Frame): Signal {
  for (const s of stmts) {
    const signal = statement(run, s, frame)
    if (!signal) continue
    if (signal.t !== 'raise' || run.tryDepth > 0 || frame.scope) return signal
    run.notice(s.line, `this line would fail at import time (${signal.why})`)
  }
  return null
}

/** The exceptions a `with contextlib.suppress(ImportError, …)` item swallows, as written. */
function suppressed(run: ModuleRun, s: Extract<Stmt, { t: 'with' }>, frame: Frame): string[] {
  return s.items.flatMap((item) => {
    const v = item.value
    if (v.t !== 'call' || v.splat) return []
    const func = expr(run, v.func, frame)
    if (func.kind !== 'ext' || func.qname !== 'contextlib.suppress') return []
    return v.args.flatMap((a) => (a.t === 'name' ? [a.id] : a.t === 'attr' ? [a.attr] : []))
  })
}

/** A with statement's body; under `suppress(E)` it is a try whose handler for E does nothing. */
function withBody(run: ModuleRun, s: Extract<Stmt, { t: 'with' }>, frame: Frame): Signal {
  const swallowed = suppressed(run, s, frame)
  if (!swallowed.length) return block(run, s.body, frame)
  run.tryDepth++
  const signal = block(run, s.body, frame)
  run.tryDepth--
  return signal?.t === 'raise' && catches(swallowed, signal.exc) ? null : signal
}

function statement(run: ModuleRun, s: Stmt, frame: Frame): Signal {
  run.step()
  nextStatement(frame)
  frame.origins = []
  switch (s.t) {
    case 'assign': {
      const value = expr(run, s.value, frame)
      if (value.kind === 'fails' && (run.tryDepth > 0 || frame.scope)) return signalOf(value)
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
      return loopStatement(run, s, frame)
    case 'with':
      for (const item of s.items) {
        const cm = expr(run, item.value, frame)
        if (cm.kind === 'fails' && (run.tryDepth > 0 || frame.scope)) return signalOf(cm)
        // an open file of the repository is its own context manager; anything else is unknown
        if (item.target) assign(run, item.target, isOpenFile(cm) ? cm : unknown(`the value of the with statement at line ${s.line}`), s, frame)
      }
      return withBody(run, s, frame)
    case 'def':
      defineFunction(run, s, frame)
      return null
    case 'class':
      return defineClass(run, s, frame)
    case 'return': {
      // `return` outside a function is a syntax error; inside one, the path ends here
      if (frame.scope?.kind !== 'function') return null
      const value = s.value ? expr(run, s.value, frame) : NONE
      frame.scope.returns.push(value)
      return { t: 'return' }
    }
    case 'raise':
      return raiseOf(run, s, frame)
    case 'break':
    case 'continue':
      return { t: s.t }
    case 'unreadable':
      for (const name of s.names) run.bind(frame, name, unknown(`${run.path}:${s.line}-${s.endLine} could not be parsed`), s)
      return null
    case 'del':
      for (const target of s.targets) del(run, target, s, frame)
      return null
    default:
      return null
  }
}

/** Binds a value to an assignment target: a name, a tuple, a subscript or an attribute. */
export function assign(run: ModuleRun, target: Expr, value: Value, s: Span, frame: Frame): void {
  switch (target.t) {
    case 'name':
      run.bind(frame, target.id, withLocs(value, run.loc(s)), s)
      return
    case 'seq':
      unpack(run, target.items, value, s, frame)
      return
    case 'starred':
      assign(run, target.value, value.kind === 'seq' ? { ...value, type: 'list' } : unknown(`unpacked at line ${s.line}`), s, frame)
      return
    case 'subscript': {
      const through = namespaceTarget(run, target, frame)
      if (through) return writeGlobal(run, frame, through.container, through.key, value, s)
      const path = subscriptPath(target, (e) => expr(run, e, frame))
      if (path) run.mutate(frame, path.root, (old) => setPath(old, path.keys, withLocs(value, run.loc(s)), run.loc(s)), s)
      return
    }
    case 'attr': {
      const through = namespaceTarget(run, target, frame)
      if (through) return writeGlobal(run, frame, through.container, through.key, value, s)
      // self.X = … in a method, settings.X = … on an instance: the instance bound to that name changes
      const obj = expr(run, target.obj, frame)
      if (obj.kind === 'instance' && target.obj.t === 'name') {
        const attrs = new Map(obj.attrs).set(target.attr, value)
        run.mutate(frame, target.obj.id, () => ({ ...obj, attrs }), s)
      }
      // attributes of other objects do not define module-level settings
      return
    }
  }
}

/**
 * A target that writes a module-level name through the module (`module.X`, `setattr`) or its
 * namespace (`globals()[k]`), with the key; undefined for any other target.
 */
function namespaceTarget(run: ModuleRun, target: Expr, frame: Frame): { container: Value; key: Value } | undefined {
  if (target.t !== 'subscript' && target.t !== 'attr') return undefined
  const container = expr(run, target.obj, frame)
  if (!isOwnModule(run, container, target.t === 'subscript') && !isForeignNamespace(container)) return undefined
  return { container, key: target.t === 'attr' ? str(target.attr) : expr(run, target.index, frame) }
}

/** `a, *rest, b = value`. */
function unpack(run: ModuleRun, targets: Expr[], value: Value, s: Span, frame: Frame): void {
  const star = targets.findIndex((t) => t.t === 'starred')
  const items = value.kind === 'seq' && !value.open ? value.items.map((i) => i.value) : null
  const fits = items && (star < 0 ? items.length === targets.length : items.length >= targets.length - 1)
  targets.forEach((t, i) => {
    if (!items || !fits) return assign(run, t, unknown(`unpacked at line ${s.line}`), s, frame)
    if (star < 0 || i < star) return assign(run, t, items[i], s, frame)
    const fromEnd = targets.length - i
    if (i > star) return assign(run, t, items[items.length - fromEnd], s, frame)
    assign(run, t, list(items.slice(star, items.length - (targets.length - star - 1))), s, frame)
  })
}

function augassign(run: ModuleRun, s: Extract<Stmt, { t: 'augassign' }>, frame: Frame): Signal {
  const rhs = expr(run, s.value, frame)
  if (rhs.kind === 'fails') return signalOf(rhs)
  const grow = (old: Value): Value => (s.op === '+' && old.kind === 'seq' && old.type === 'list' ? extend(old, withLocs(rhs, run.loc(s))) : binop(s.op, old, withLocs(rhs, run.loc(s))))
  if (s.target.t === 'name') {
    run.mutate(frame, s.target.id, grow, s)
    return null
  }
  const through = namespaceTarget(run, s.target, frame)
  if (through) writeGlobal(run, frame, through.container, through.key, grow(readGlobal(run, frame, through.key)), s)
  else if (s.target.t === 'subscript') {
    const path = subscriptPath(s.target, (e) => expr(run, e, frame))
    if (path) run.mutate(frame, path.root, (old) => setPath(old, path.keys, binop(s.op, getPath(old, path.keys), withLocs(rhs, run.loc(s))), run.loc(s)), s)
  }
  return null
}

function exprStatement(run: ModuleRun, e: Expr, s: Span, frame: Frame): Signal {
  if (e.t !== 'call') return signalOf(expr(run, e, frame))
  const func = e.func
  if (func.t === 'name' && func.id === 'include' && !findBinding(frame, 'include')) {
    // django-split-settings: include('components/base.py', optional('local.py')) — not followed yet.
    run.notice(s.line, 'django-split-settings include() is not followed; settings it loads are unknown')
    run.markDynamic(frame, s)
    return null
  }
  if (func.t === 'attr') {
    const root = rootName(func.obj)
    const method = func.attr
    const target = root === undefined ? undefined : findBinding(frame, root)
    if (root && target && MUTATING_METHODS.has(method) && isContainer(target.value)) {
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
  return signalOf(expr(run, e, frame))
}

/** Values whose in-place methods (append, update…) are modelled on the binding. */
function isContainer(v: Value): boolean {
  return !['ext', 'envReader', 'module', 'func', 'class', 'instance', 'configValue'].includes(v.kind)
}

function del(run: ModuleRun, target: Expr, s: Span, frame: Frame): void {
  if (target.t === 'name') {
    const ns = frame.scope?.declaredGlobal.has(target.id) ? moduleNs(frame) : frame.ns
    ns.bindings.delete(target.id)
    return
  }
  const through = namespaceTarget(run, target, frame)
  if (through) return deleteGlobal(run, frame, through.container, through.key, s)
  const root = rootName(target)
  if (root) run.mutate(frame, root, () => unknown(`changed by del at line ${s.line}`), s)
}
