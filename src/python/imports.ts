// Imports: `import x`, `from x import y`, `from .base import *` followed into the analysed tree.
import type { Stmt } from './ast.js'
import type { Signal } from './control-flow.js'
import { imported } from './library.js'
import { unknown } from './values.js'
import type { ModuleResult } from './evaluate.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'

/**
 * `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`: names from outside the tree, or an
 * analysed module (this one included: `import config.settings as me; me.DEBUG = True`).
 */
export function importNames(run: ModuleRun, s: Extract<Stmt, { t: 'import' }>, frame: Frame): void {
  for (const n of s.names) {
    const local = n.as ?? n.dotted.split('.')[0]
    const qname = n.as ? n.dotted : n.dotted.split('.')[0]
    // `import a.b` binds the package a, not followed; `import configuration` binds the module of the tree
    const found = n.as || !n.dotted.includes('.') ? run.loader.resolve(run.path, 0, n.dotted) : 'external'
    if (found !== 'external' && found !== 'missing') noteSiblingImport(run, found, n.dotted)
    run.bind(frame, local, found === 'external' || found === 'missing' ? { kind: 'ext', qname } : { kind: 'module', path: found }, s)
  }
}

export function importFrom(run: ModuleRun, s: Extract<Stmt, { t: 'importfrom' }>, frame: Frame): Signal {
  const target = run.loader.resolve(run.path, s.level, s.module)
  if (target === 'missing') {
    // an unguarded star import of a module the tree lacks: a server that starts has been given it (a
    // git-ignored local_settings.py), most likely copied from the template the tree holds; without
    // one, it may replace any setting set so far
    if (s.names === '*' && run.tryDepth === 0 && !frame.scope) {
      const template = run.loader.templateOf?.(run.path, s.level, s.module)
      const result = template ? run.modules.evaluate(template) : undefined
      if (result) {
        run.notice(s.line, `${'.'.repeat(s.level)}${s.module} is not in the repository; read as its template ${template}, with the secrets a deploy fills in unknown`)
        starImport(run, template as string, result, frame, true)
        return null
      }
      run.markDynamic(frame, s)
    }
    return { t: 'raise', exc: 'ImportError', why: `ImportError: ${'.'.repeat(s.level)}${s.module} is not in the repository` }
  }
  if (target === 'external') {
    if (s.names === '*') {
      run.notices.push(`${run.path}:${s.line}: names from ${s.module} (outside the analysed files) are unknown`)
      // It may set any setting (Django's own defaults module sets only what we already know).
      if (s.module !== 'django.conf.global_settings') run.markDynamic(frame, s)
      return null
    }
    for (const n of s.names) run.bind(frame, n.as, imported(s.module ? `${s.module}.${n.name}` : n.name), s)
    return null
  }
  if (s.level === 0) noteSiblingImport(run, target, s.module)
  const result = run.modules.evaluate(target)
  if (!result) {
    run.notices.push(`${run.path}:${s.line}: circular import of ${target} was not followed`)
    return null
  }
  if (s.names === '*') {
    starImport(run, target, result, frame, false)
    return null
  }
  for (const n of s.names) {
    const b = result.ns.bindings.get(n.name)
    if (b) frame.ns.bindings.set(n.as, b)
    else {
      // `from . import base` names a submodule
      const sub = run.loader.resolve(run.path, s.level, s.module ? `${s.module}.${n.name}` : n.name)
      if (sub !== 'missing' && sub !== 'external') run.bind(frame, n.as, { kind: 'module', path: sub }, s)
      else return { t: 'raise', exc: 'ImportError', why: `ImportError: cannot import name ${n.name} from ${target}` }
    }
  }
  return null
}

/**
 * An absolute import found only as a sibling inside a package (`from local_settings import *` in
 * respa/settings.py) works under Python 2 or with a sys.path entry the project adds, and raises
 * ImportError under Python 3 otherwise: inside a try, the handler's way is possible too (see
 * tryStatement; a handler that raises stops the server, so then the import is taken to work).
 */
function noteSiblingImport(run: ModuleRun, found: string, module: string): void {
  if (run.loader.importableAbsolutely && !run.loader.importableAbsolutely(found, module)) run.noteMayRaise('ImportError')
}

/** A setting a template leaves for the deploy to fill in: its value there is a placeholder. */
const FILLED_IN = /SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY/

/** `from <target> import *`: the module's public names, and what it carries (dynamic code, notices, compared variables). */
function starImport(run: ModuleRun, target: string, result: ModuleResult, frame: Frame, template: boolean): void {
  run.starImports.push(target)
  for (const [name, b] of result.ns.bindings) {
    if (name.startsWith('_')) continue
    frame.ns.bindings.set(name, template && FILLED_IN.test(name) ? { ...b, value: unknown(`${name} is a placeholder in the template ${target}, filled in by the deploy`), alternatives: undefined } : b)
  }
  if (result.ns.dynamic) frame.ns.dynamic = result.ns.dynamic
  for (const o of result.opaque) if (!run.opaque.some((x) => x.loc.path === o.loc.path && x.loc.line === o.loc.line)) run.opaque.push(o)
  for (const n of result.notices) run.carry(n)
  for (const [name, literals] of result.compared) for (const l of literals) run.noteCompared(name, l)
}
