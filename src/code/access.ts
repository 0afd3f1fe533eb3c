// The access checks of every view of a module, as in effect: a method has its own checks and its
// class's; a class has its own and those of its `dispatch` (every request goes through dispatch).
import type { ParsedModule } from '../python/ast.js'
import { calleeName, viewName } from './names.js'
import { ACCESS_DECORATORS, accessOf, drfClasses, type Access, type AccessKind } from './views.js'
import { definitionsOf, scopesOf, ownExprs, walkExpr, type Definition } from './walk.js'

export interface ViewAccess {
  def: Definition
  /** Each kind of check in effect, with where it is written. */
  checks: Map<AccessKind, Access>
  /** DRF classes the definition sets itself. */
  permission?: { names: string[]; line: number }
  authentication?: { names: string[]; line: number }
}

/** Every definition of a module with the checks in effect on it, by qualified name. */
export function viewAccess(module: ParsedModule): Map<string, ViewAccess> {
  const defs = definitionsOf(module)
  const own = new Map(defs.map((d) => [d.qualname, accessOf(d)]))
  const out = new Map<string, ViewAccess>()
  for (const d of defs) {
    const checks = new Map<AccessKind, Access>()
    const add = (list: Access[] | undefined): void => {
      for (const a of list ?? []) if (!checks.has(a.kind)) checks.set(a.kind, a)
    }
    add(own.get(d.qualname))
    if (d.stmt.t === 'class') add(own.get(`${d.qualname}.dispatch`))
    for (let o = d.owner; o; o = o.owner) {
      add(own.get(o.qualname))
      add(own.get(`${o.qualname}.dispatch`))
    }
    // DRF classes as the definition itself sets them (a method's @action(permission_classes=…)); what a
    // method inherits from its class is compared on the class
    out.set(d.qualname, { def: d, checks, permission: drfClasses(d, 'permission_classes'), authentication: drfClasses(d, 'authentication_classes') })
  }
  return out
}

/** Views a URLconf (or any module) wraps in an access decorator: `login_required(OrderView.as_view())` → OrderView: login. */
export function wrappedViews(module: ParsedModule): Map<string, AccessKind[]> {
  const out = new Map<string, AccessKind[]>()
  for (const scope of scopesOf(module))
    for (const s of scope.stmts)
      for (const root of s.t === 'class' ? [] : ownExprs(s))
        for (const e of walkExpr(root)) {
          if (e.t !== 'call' || !e.args[0]) continue
          // login_required(view), permission_required("x")(view), user_passes_test(f)(view)
          const direct = calleeName(e)
          const curried = e.func.t === 'call' ? calleeName(e.func) : undefined
          const kind = (direct && ACCESS_DECORATORS[direct] && e.func.t !== 'call' ? ACCESS_DECORATORS[direct] : undefined) ?? (curried ? ACCESS_DECORATORS[curried] : undefined)
          if (!kind || (direct && ACCESS_DECORATORS[direct] && kind === 'permission' && e.args[0].t === 'const')) continue
          const view = viewName(e.args[0])
          if (view) out.set(view, [...(out.get(view) ?? []), kind])
        }
  return out
}

export const KIND_WORDS: Record<AccessKind, string> = {
  login: 'only logged-in users could call it',
  permission: 'only users with the permission could call it',
  test: 'only users who passed its test could call it',
  staff: 'only staff members could call it',
  superuser: 'only superusers could call it'
}
