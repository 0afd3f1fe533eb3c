// What a view's definition says about who may call it: access decorators, access mixins in its
// bases, DRF permission and authentication classes, and the CSRF exemption. Read from the small AST
// of any module; names are matched by their last part (`decorators.login_required` is login_required).
import type { Expr } from '../python/ast.js'
import { decoratorName, itemsOf, lastName } from './names.js'
import type { Definition } from './walk.js'

/** The access checks a view can carry; `login` is implied by every other one (each denies anonymous users). */
export type AccessKind = 'login' | 'permission' | 'test' | 'staff' | 'superuser'

export const ACCESS_DECORATORS: Record<string, AccessKind> = {
  login_required: 'login',
  permission_required: 'permission',
  user_passes_test: 'test',
  staff_member_required: 'staff',
  superuser_required: 'superuser'
}

export const ACCESS_MIXINS: Record<string, AccessKind> = {
  LoginRequiredMixin: 'login',
  PermissionRequiredMixin: 'permission',
  UserPassesTestMixin: 'test',
  StaffuserRequiredMixin: 'staff',
  SuperuserRequiredMixin: 'superuser'
}

export interface Access {
  kind: AccessKind
  /** How it is written, for messages: `@login_required`, `LoginRequiredMixin`. */
  how: string
  line: number
}

/** `method_decorator(d, name="dispatch")` or `method_decorator([d1, d2])`: the decorators it applies and the method it names. */
export function methodDecorator(e: Expr): { decorators: Expr[]; name?: string } | undefined {
  if (e.t !== 'call' || lastName(e.func) !== 'method_decorator' || !e.args.length) return undefined
  const first = e.args[0]
  const decorators = itemsOf(first) ?? [first]
  const nameArg = e.kwargs.find((k) => k.name === 'name')?.value ?? e.args[1]
  const name = nameArg?.t === 'const' && typeof nameArg.value === 'string' ? nameArg.value : undefined
  return { decorators, name }
}

/**
 * The decorators that apply to a definition, each with its line: its own (unwrapping
 * `method_decorator`), and for a class, `method_decorator(…, name=…)` on the class itself applies to
 * the named method (`name="dispatch"`: the whole view).
 */
export function appliedDecorators(d: Definition): { decorator: Expr; line: number; via?: string; method?: string }[] {
  const out: { decorator: Expr; line: number; via?: string; method?: string }[] = []
  for (const dec of d.stmt.decorators) {
    const md = methodDecorator(dec)
    if (md) for (const inner of md.decorators) out.push({ decorator: inner, line: dec.line, via: 'method_decorator', method: md.name })
    else out.push({ decorator: dec, line: dec.line })
  }
  return out
}

/** The access checks a definition itself carries (decorators, or for a class its mixins and class-level method decorators). */
export function accessOf(d: Definition): Access[] {
  const out: Access[] = []
  for (const a of appliedDecorators(d)) {
    const name = decoratorName(a.decorator)
    const kind = name ? ACCESS_DECORATORS[name] : undefined
    // method_decorator(login_required, name="post") on a class protects one method: that is the method's check
    if (kind && (d.stmt.t === 'def' || !a.method || a.method === 'dispatch')) out.push({ kind, how: a.via ? `@method_decorator(${name})` : `@${name}`, line: a.line })
  }
  if (d.stmt.t === 'class')
    for (const b of d.stmt.bases) {
      const name = lastName(b)
      const kind = name ? ACCESS_MIXINS[name] : undefined
      if (kind && name) out.push({ kind, how: name, line: b.line })
    }
  return out
}

/** `permission_classes = [...]` / `authentication_classes = [...]` in a class body, or the DRF decorators and `@action(permission_classes=…)` on a function. */
export function drfClasses(d: Definition, attribute: 'permission_classes' | 'authentication_classes'): { names: string[]; line: number } | undefined {
  if (d.stmt.t === 'class') {
    for (const s of d.stmt.body)
      if (s.t === 'assign' && s.targets.some((t) => t.t === 'name' && t.id === attribute)) return { names: classNames(s.value), line: s.line }
    return undefined
  }
  for (const dec of d.stmt.decorators) {
    if (dec.t !== 'call') continue
    const name = lastName(dec.func)
    if (name === attribute && dec.args[0]) return { names: classNames(dec.args[0]), line: dec.line }
    const kw = name === 'action' || name === 'api_view' ? dec.kwargs.find((k) => k.name === attribute) : undefined
    if (kw) return { names: classNames(kw.value), line: dec.line }
  }
  return undefined
}

/** The class names a list of classes holds (`[IsAuthenticated, perms.IsOwner]` → IsAuthenticated, IsOwner; `A & B` → both). */
export function classNames(e: Expr): string[] {
  const items = itemsOf(e)
  if (items) return items.flatMap(classNames)
  if (e.t === 'binop' || e.t === 'boolop') return [...classNames(e.left), ...classNames(e.right)]
  const name = lastName(e)
  if (name) return [name]
  return e.t === 'const' && typeof e.value === 'string' ? [e.value.slice(e.value.lastIndexOf('.') + 1)] : ['?']
}
