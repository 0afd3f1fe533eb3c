// Files the code rules need beyond what a diff's source reads (the changed files and the settings
// modules): the modules a changed view imports its authentication classes from, so that a view
// switched to a class defined elsewhere can be judged (see csrf-check-disabled), and the URLconfs,
// where a view may be wrapped in login_required() (see access-control-removed). Resolving an import
// of a file not read yet records it as wanted; the source reads it and analyses again.
import type { ModuleIndex } from '../settings/modules.js'
import { ownExprs, scopesOf, walkExpr } from './walk.js'

/** The modules that dotted class paths in a settings module name (`"api.auth.CsrfExemptSessionAuthentication"` → api/auth.py). */
function wantNamedClasses(index: ModuleIndex, path: string): void {
  const module = index.module(path)
  if (!module) return
  for (const scope of scopesOf(module))
    for (const s of scope.stmts)
      for (const root of ownExprs(s))
        for (const e of walkExpr(root)) {
          if (e.t !== 'const' || typeof e.value !== 'string' || !e.value.endsWith('Authentication') || !e.value.includes('.')) continue
          const target = index.byDottedName(e.value.slice(0, e.value.lastIndexOf('.')))
          if (target && index.files.read(target) === undefined) index.wanted.add(target)
        }
}

/** The most URLconfs read for the code rules. */
const MAX_URLCONFS = 100

const isUrlconf = (path: string): boolean => path.endsWith('/urls.py') || path === 'urls.py' || path.includes('/urls/')

/**
 * Asks the index for the URLconfs, for the modules that read Python files using
 * `authentication_classes` import from, and for those DEFAULT_AUTHENTICATION_CLASSES names.
 */
export function wantCodeImports(index: ModuleIndex): void {
  let urlconfs = 0
  for (const path of index.files.paths) {
    if (!path.endsWith('.py')) continue
    if (isUrlconf(path) && index.files.read(path) === undefined && urlconfs++ < MAX_URLCONFS) index.wanted.add(path)
    const text = index.files.read(path)
    if (text?.includes('DEFAULT_AUTHENTICATION_CLASSES')) wantNamedClasses(index, path)
    if (!text?.includes('authentication_classes')) continue
    const module = index.module(path)
    for (const s of module?.body ?? []) {
      if (s.t !== 'importfrom' || s.names === '*') continue
      index.resolve(path, s.level, s.module)
      for (const n of s.names) if (s.module || s.level) index.resolve(path, s.level, s.module ? `${s.module}.${n.name}` : n.name)
    }
  }
}
