// Names of things in Python expressions: `django.views.decorators.csrf.csrf_exempt` → its last
// part, `cursor.execute` → the method, `MyView.as_view()` → the class it names.
import type { Expr } from '../python/ast.js'

/** The dotted text of a name or attribute chain (`a.b.c`), or undefined for anything else. */
export function dottedOf(e: Expr): string | undefined {
  if (e.t === 'name') return e.id
  if (e.t === 'attr') {
    const left = dottedOf(e.obj)
    return left === undefined ? undefined : `${left}.${e.attr}`
  }
  return undefined
}

/** The last part of a name or attribute (`csrf.csrf_exempt` → `csrf_exempt`); a call's callee for a call. */
export function lastName(e: Expr): string | undefined {
  if (e.t === 'name') return e.id
  if (e.t === 'attr') return e.attr
  return undefined
}

/** Whether an expression names `name` (`name` or `anything.name`). */
export const names = (e: Expr, name: string): boolean => lastName(e) === name

/** The name a call calls (`mark_safe(x)` → `mark_safe`, `a.b.execute(x)` → `execute`). */
export function calleeName(e: Expr): string | undefined {
  return e.t === 'call' ? lastName(e.func) : undefined
}

/** A decorator's own name: `@login_required` and `@login_required(login_url=…)` are both `login_required`. */
export function decoratorName(e: Expr): string | undefined {
  return e.t === 'call' ? lastName(e.func) : lastName(e)
}

/** The class a view expression names: `OrderView.as_view()` → `OrderView`, `views.index` → `index`. */
export function viewName(e: Expr): string | undefined {
  if (e.t === 'call' && e.func.t === 'attr' && e.func.attr === 'as_view') return lastName(e.func.obj)
  return lastName(e)
}

/** The items of a list, tuple or set literal; undefined for anything else. */
export function itemsOf(e: Expr): Expr[] | undefined {
  return e.t === 'seq' ? e.items : undefined
}
