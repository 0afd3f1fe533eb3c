// DRF SessionAuthentication subclasses whose enforce_csrf does nothing: the most copied CSRF bypass
// (`class CsrfExemptSessionAuthentication(SessionAuthentication): def enforce_csrf(self, request): return`).
import type { ParsedModule, Stmt } from '../python/ast.js'
import { lastName } from './names.js'
import { definitionsOf } from './walk.js'

export interface DisablingClass {
  name: string
  path: string
  /** The `def enforce_csrf` line (or the class line for a subclass that inherits it). */
  line: number
  endLine: number
  /** The class it inherits the empty enforce_csrf from, for a subclass of one. */
  via?: string
}

/** A body that does nothing: `pass`, `return`, `return None`, `...`, a docstring. */
function doesNothing(body: Stmt[], lines: string[]): boolean {
  return body.every((s) => {
    if (s.t === 'return') return s.value === null || (s.value.t === 'const' && s.value.value === null)
    if (s.t === 'expr') return s.expr.t === 'const' || (s.expr.t === 'unknown' && s.expr.why === 'ellipsis')
    if (s.t === 'other') return (lines[s.line - 1] ?? '').trim().startsWith('pass')
    return false
  })
}

/** Classes of these modules that switch off DRF's CSRF check, subclasses of such classes included. */
export function disablingClasses(modules: { path: string; module: ParsedModule }[]): DisablingClass[] {
  const classes = modules.flatMap(({ path, module }) =>
    definitionsOf(module).flatMap((d) => {
      if (d.stmt.t !== 'class') return []
      const enforce = d.stmt.body.find((s): s is Stmt & { t: 'def' } => s.t === 'def' && s.name === 'enforce_csrf')
      return [{ name: d.stmt.name, path, line: d.stmt.line, endLine: d.stmt.endLine, bases: d.stmt.bases.map((b) => lastName(b) ?? ''), enforce, empty: enforce ? doesNothing(enforce.body, module.lines) : false }]
    })
  )
  const found = new Map<string, DisablingClass>()
  for (const c of classes) if (c.empty && c.bases.some((b) => b.endsWith('SessionAuthentication'))) found.set(c.name, { name: c.name, path: c.path, line: c.enforce?.line ?? c.line, endLine: c.enforce?.endLine ?? c.line })
  // subclasses that inherit the empty method (a few levels)
  for (let round = 0; round < 4; round++) {
    let grew = false
    for (const c of classes) {
      if (found.has(c.name) || c.enforce) continue
      const parent = c.bases.find((b) => found.has(b))
      if (parent) {
        found.set(c.name, { name: c.name, path: c.path, line: c.line, endLine: c.line, via: parent })
        grew = true
      }
    }
    if (!grew) break
  }
  return [...found.values()]
}
