// Code that may set any module-level name: exec(), writes through globals()/locals()/vars().
import type { Expr, Stmt } from './ast.js'

const NAMESPACE_FUNCTIONS = ['globals', 'locals', 'vars']

/** `exec(...)`, `globals().update(...)` and the like: code that may set any module-level name. */
export function isDynamicCall(e: Extract<Expr, { t: 'call' }>): boolean {
  const func = e.func
  if (func.t === 'name') return func.id === 'exec' || func.id === 'execfile'
  return func.t === 'attr' && func.obj.t === 'call' && func.obj.func.t === 'name' && NAMESPACE_FUNCTIONS.includes(func.obj.func.id)
}

/** An assignment target such as `globals()["DEBUG"]`. */
export function writesNamespace(target: Expr): boolean {
  let cur = target
  while (cur.t === 'subscript') cur = cur.obj
  return cur.t === 'call' && cur.func.t === 'name' && NAMESPACE_FUNCTIONS.includes(cur.func.id)
}

/** Whether a statement (or a block nested in it, but not a def) holds code that may set any name. */
export function hasDynamicCode(s: Stmt): boolean {
  switch (s.t) {
    case 'expr':
      return s.expr.t === 'call' && isDynamicCall(s.expr)
    case 'assign':
      return s.targets.some(writesNamespace)
    case 'augassign':
      return writesNamespace(s.target)
    case 'if':
      return [...s.branches.flatMap((b) => b.body), ...(s.orelse ?? [])].some(hasDynamicCode)
    case 'try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.final].some(hasDynamicCode)
    case 'loop':
      return [...s.body, ...s.orelse].some(hasDynamicCode)
    case 'with':
      return s.body.some(hasDynamicCode)
    default:
      return false
  }
}
