// Whether a project's class subclasses a Django class, from the module that defines it: the bases
// are followed through the module's own imports and classes (not into other project modules).
import type { Expr, Stmt } from '../python/ast.js'
import { classNamed } from './csrf-middleware.js'

/** The dotted path an expression names (`security.SecurityMiddleware`), or undefined. */
function dottedOf(e: Expr): string | undefined {
  if (e.t === 'name') return e.id
  if (e.t === 'attr') {
    const obj = dottedOf(e.obj)
    return obj === undefined ? undefined : `${obj}.${e.attr}`
  }
  return undefined
}

/** What each top-level imported name stands for: `from django.middleware import security as s` → s: django.middleware.security. */
function importsOf(body: Stmt[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of body) {
    if (s.t === 'importfrom' && s.level === 0 && s.names !== '*') for (const n of s.names) out.set(n.as || n.name, `${s.module}.${n.name}`)
    if (s.t === 'import') for (const n of s.names) out.set(n.as ?? n.dotted.split('.')[0], n.as ? n.dotted : n.dotted.split('.')[0])
  }
  return out
}

/** Whether class `name` of a module body subclasses `target` (a dotted path), directly or through classes of the same module. */
export function subclasses(body: Stmt[], name: string, target: string, seen = new Set<string>()): boolean {
  const cls = classNamed(body, name)
  if (!cls || seen.has(name)) return false
  seen.add(name)
  const imports = importsOf(body)
  return cls.bases.some((base) => {
    const dotted = dottedOf(base)
    if (!dotted) return false
    const [head, ...rest] = dotted.split('.')
    const full = imports.has(head) ? [imports.get(head), ...rest].join('.') : dotted
    if (full === target) return true
    return !imports.has(head) && !rest.length && subclasses(body, head, target, seen)
  })
}
