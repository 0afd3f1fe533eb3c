// A project's middleware that switches Django's CSRF check off for every request, by setting the flag
// CsrfViewMiddleware reads (`request._dont_enforce_csrf_checks = True`): CSRF is then on in name only.
import type { Expr, Stmt } from '../python/ast.js'

type ClassDef = Extract<Stmt, { t: 'class' }>

/** The request hooks of a middleware class that run before CsrfViewMiddleware's check. */
const HOOKS = new Set(['process_request', 'process_view', '__call__'])

const FLAG = '_dont_enforce_csrf_checks'

const isTrue = (e: Expr): boolean => e.t === 'const' && e.value === true

/** `request._dont_enforce_csrf_checks = True` or `setattr(request, "_dont_enforce_csrf_checks", True)`, as a statement of its own. */
function setsFlag(s: Stmt): boolean {
  if (s.t === 'assign') return isTrue(s.value) && s.targets.some((t) => t.t === 'attr' && t.attr === FLAG)
  if (s.t !== 'expr' || s.expr.t !== 'call') return false
  const { func, args } = s.expr
  return func.t === 'name' && func.id === 'setattr' && args.length === 3 && args[1].t === 'const' && args[1].value === FLAG && isTrue(args[2])
}

/**
 * Whether the class switches CSRF off unconditionally: one of its request hooks sets the flag in its
 * own body, not under a condition (a middleware that exempts only some paths or API tokens is a choice
 * the review cannot weigh from here).
 */
export function disablesCsrf(cls: ClassDef): boolean {
  return cls.body.some((s) => s.t === 'def' && HOOKS.has(s.name) && s.body.some(setsFlag))
}
