// Walking the small Python AST (src/python/ast.ts) of any module, not only settings: every
// statement, every expression, and each function's scope with the names it assigns. The AST caps
// nesting (MAX_NESTING), so plain recursion stays shallow.
import type { Expr, ParsedModule, Stmt } from '../python/ast.js'

/** The statements directly nested in a statement's blocks (not the statement itself). */
export function childBlocks(s: Stmt): Stmt[][] {
  switch (s.t) {
    case 'if':
      return [...s.branches.map((b) => b.body), ...(s.orelse ? [s.orelse] : [])]
    case 'try':
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.final]
    case 'loop':
      return [s.body, s.orelse]
    case 'with':
      return [s.body]
    case 'def':
    case 'class':
      return [s.body]
    default:
      return []
  }
}

/** The expressions a statement holds itself (not those of nested statements). */
export function ownExprs(s: Stmt): Expr[] {
  switch (s.t) {
    case 'assign':
      return [...s.targets, s.value]
    case 'augassign':
      return [s.target, s.value]
    case 'expr':
      return [s.expr]
    case 'if':
      return s.branches.map((b) => b.cond)
    case 'loop':
      return [s.target, s.iter].filter((e): e is Expr => e !== null)
    case 'with':
      return s.items.flatMap((i) => (i.target ? [i.value, i.target] : [i.value]))
    case 'def':
      return [...s.decorators, ...s.params.flatMap((p) => (p.default ? [p.default] : []))]
    case 'class':
      return [...s.decorators, ...s.bases, ...s.keywords.map((k) => k.value)]
    case 'return':
      return s.value ? [s.value] : []
    case 'raise':
      return s.exc ? [s.exc] : []
    case 'del':
      return s.targets
    default:
      return []
  }
}

/** The sub-expressions of an expression, one level down. */
export function childExprs(e: Expr): Expr[] {
  switch (e.t) {
    case 'fstring':
      return e.parts.filter((p): p is Expr => typeof p !== 'string')
    case 'attr':
      return [e.obj]
    case 'call':
      return [e.func, ...e.args, ...e.kwargs.map((k) => k.value), ...e.splats]
    case 'subscript':
      return [e.obj, e.index]
    case 'binop':
    case 'boolop':
      return [e.left, e.right]
    case 'unary':
      return [e.arg]
    case 'compare':
      return e.operands
    case 'ifexp':
      return [e.cond, e.then, e.else]
    case 'seq':
      return e.items
    case 'starred':
      return [e.value]
    case 'dict':
      return e.entries.flatMap((x) => ('splat' in x ? [x.splat] : [x.key, x.value]))
    case 'comp':
      return [e.elt, ...(e.value ? [e.value] : []), e.iter, ...e.conds]
    case 'lambda':
      return [e.body]
    case 'walrus':
      return [e.value]
    default:
      return []
  }
}

/** The expression and all its sub-expressions, depth first. */
export function* walkExpr(e: Expr): Generator<Expr> {
  yield e
  for (const c of childExprs(e)) yield* walkExpr(c)
}

/**
 * A scope: the module, or one function. `qualname` is Python's (`OrderView.get`, `outer.inner`);
 * `stmts` are the statements of its body, nested blocks included, nested defs and classes not.
 */
export interface Scope {
  qualname: string
  kind: 'module' | 'function'
  /** The def statement (functions). */
  def?: Stmt & { t: 'def' }
  stmts: Stmt[]
  parent?: Scope
}

/** Every scope of a module: the module itself, then every function (methods and nested functions included). */
export function scopesOf(module: ParsedModule): Scope[] {
  const out: Scope[] = []
  const visit = (body: Stmt[], scope: Scope, prefix: string): void => {
    for (const s of body) {
      if (s.t === 'def') {
        const child: Scope = { qualname: prefix + s.name, kind: 'function', def: s, stmts: [], parent: scope }
        out.push(child)
        visit(s.body, child, `${prefix}${s.name}.`)
        continue
      }
      if (s.t === 'class') {
        // a class body's statements run in the enclosing scope's time, with their own names
        scope.stmts.push(s)
        visit(s.body, scope, `${prefix}${s.name}.`)
        continue
      }
      scope.stmts.push(s)
      for (const b of childBlocks(s)) visit(b, scope, prefix)
    }
  }
  const root: Scope = { qualname: '', kind: 'module', stmts: [] }
  out.push(root)
  visit(module.body, root, '')
  return out
}

/** A definition and its qualified name. */
export interface Definition {
  qualname: string
  stmt: Stmt & ({ t: 'def' } | { t: 'class' })
  /** The class a method is defined in. */
  owner?: Definition
}

/** Every def and class of a module with its qualified name, outer before inner. */
export function definitionsOf(module: ParsedModule): Definition[] {
  const out: Definition[] = []
  const visit = (body: Stmt[], prefix: string, owner?: Definition): void => {
    for (const s of body) {
      if (s.t === 'def' || s.t === 'class') {
        const d: Definition = { qualname: prefix + s.name, stmt: s, owner: owner?.stmt.t === 'class' ? owner : undefined }
        out.push(d)
        visit(s.body, `${d.qualname}.`, d)
        continue
      }
      for (const b of childBlocks(s)) visit(b, prefix, owner)
    }
  }
  visit(module.body, '')
  return out
}
