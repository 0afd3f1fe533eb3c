// Classes of the project named by a dotted path (`shop.middleware.CsrfMiddleware`), followed through
// the re-exports a package `__init__.py` makes, and whether one derives from a given class
// (`django.middleware.csrf.CsrfViewMiddleware`) through its bases, imported under any alias.
import type { Expr, ParsedModule, Stmt } from '../python/ast.js'

type ClassDef = Extract<Stmt, { t: 'class' }>

/** What resolving a class needs from the module index. */
export interface ModuleLookup {
  resolve(fromPath: string, level: number, module: string): string | 'missing' | 'external'
  module(path: string): ParsedModule | undefined
}

export interface FoundClass {
  cls: ClassDef
  /** The module the class is defined in. */
  path: string
}

/** Re-exports and base classes followed at most this deep: a loop or a long chain is not worth a guess. */
const MAX_HOPS = 4

/** The class `name` defined in, or re-exported by, the module at `path`. */
function classIn(index: ModuleLookup, path: string, name: string, hops: number): FoundClass | undefined {
  const body = index.module(path)?.body
  if (!body || hops > MAX_HOPS) return undefined
  const cls = body.find((s): s is ClassDef => s.t === 'class' && s.name === name)
  if (cls) return { cls, path }
  for (const s of body) {
    if (s.t !== 'importfrom' || s.names === '*') continue
    const named = s.names.find((n) => n.as === name)
    if (!named) continue
    const from = index.resolve(path, s.level, s.module)
    return from === 'missing' || from === 'external' ? undefined : classIn(index, from, named.name, hops + 1)
  }
  return undefined
}

/** The project's class a dotted path names, as written in `fromPath` (a settings module's MIDDLEWARE entry). */
export function findClass(index: ModuleLookup, dotted: string, fromPath: string): FoundClass | undefined {
  const dot = dotted.lastIndexOf('.')
  if (dot <= 0) return undefined
  const path = index.resolve(fromPath, 0, dotted.slice(0, dot))
  return path === 'missing' || path === 'external' ? undefined : classIn(index, path, dotted.slice(dot + 1), 0)
}

/** The dotted names an expression (`Base`, `csrf.CsrfViewMiddleware`) spells, split at its first name. */
function spelled(e: Expr): { root: string; rest: string[] } | undefined {
  if (e.t === 'name') return { root: e.id, rest: [] }
  if (e.t !== 'attr') return undefined
  const inner = spelled(e.obj)
  return inner && { root: inner.root, rest: [...inner.rest, e.attr] }
}

/** Whether `base`, written in the module at `path`, is `target` or a project class deriving from it. */
function baseDerives(index: ModuleLookup, path: string, body: Stmt[], base: Expr, target: string, hops: number): boolean {
  const s = spelled(base)
  if (!s) return false
  const tail = s.rest.length ? `.${s.rest.join('.')}` : ''
  for (const stmt of body) {
    if (stmt.t === 'import') {
      const imported = stmt.names.find((n) => (n.as ?? n.dotted.split('.')[0]) === s.root)
      if (imported && `${imported.as ? imported.dotted : s.root}${tail}` === target) return true
    } else if (stmt.t === 'importfrom' && stmt.names !== '*') {
      const imported = stmt.names.find((n) => n.as === s.root)
      if (!imported) continue
      if (stmt.level === 0 && `${stmt.module}.${imported.name}${tail}` === target) return true
      if (s.rest.length) continue
      const from = index.resolve(path, stmt.level, stmt.module)
      const found = from === 'missing' || from === 'external' ? undefined : classIn(index, from, imported.name, hops + 1)
      if (found && derives(index, found, target, hops + 1)) return true
    }
  }
  if (s.rest.length) return false
  const local = body.find((x): x is ClassDef => x.t === 'class' && x.name === s.root)
  return local !== undefined && derives(index, { cls: local, path }, target, hops + 1)
}

/** Whether the class derives from `target` (a dotted name such as `django.middleware.csrf.CsrfViewMiddleware`). */
export function derives(index: ModuleLookup, found: FoundClass, target: string, hops = 0): boolean {
  const body = index.module(found.path)?.body
  if (!body || hops > MAX_HOPS) return false
  return found.cls.bases.some((b) => baseDerives(index, found.path, body, b, target, hops))
}

/** Whether a class's code raises the exception `name` anywhere (`raise DisallowedHost(...)` in one of its methods). */
export function raises(found: FoundClass, name: string): boolean {
  const named = (e: Expr | null): boolean => {
    const target = e?.t === 'call' ? e.func : e
    return (target?.t === 'name' && target.id === name) || (target?.t === 'attr' && target.attr === name)
  }
  const walk = (stmts: Stmt[]): boolean =>
    stmts.some((s) => {
      switch (s.t) {
        case 'raise':
          return named(s.exc)
        case 'if':
          return s.branches.some((b) => walk(b.body)) || walk(s.orelse ?? [])
        case 'try':
          return walk(s.body) || s.handlers.some((h) => walk(h.body)) || walk(s.orelse) || walk(s.final)
        case 'loop':
          return walk(s.body) || walk(s.orelse)
        case 'with':
        case 'def':
        case 'class':
          return walk(s.body)
        default:
          return false
      }
    })
  return walk(found.cls.body)
}
