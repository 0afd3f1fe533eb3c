// What a dotted path to a function (`CSRF_FAILURE_VIEW = "shop.views.csrf_failure"`) gives when Django
// loads it with django.urls.get_callable, decided from the repository: the project's function (its
// parameters read from the parse), an import that fails (ImportError: Django's E102), a module that
// imports but lacks the name (ViewDoesNotExist, which Django's check does not catch), or unknown — an
// installed package, a name bound by anything but one plain `def`, a module that can define names unseen.
import type { Expr, Param, Stmt } from '../python/ast.js'
import { derives, type ModuleLookup } from './classes.js'

type DefStmt = Extract<Stmt, { t: 'def' }>

/** What resolving a callable needs from the module index (ModuleIndex). */
export interface CallableIndex extends ModuleLookup {
  files: { readonly paths: ReadonlySet<string> }
  repo: { isDirectory(path: string): boolean; has(path: string): boolean }
}

export type CallableLookup =
  /** A function the project defines, in the module at `path`. */
  | { kind: 'function'; def: DefStmt; path: string }
  /**
   * `name = SomeView.as_view()` for a class of the module deriving directly from Django's View (or
   * TemplateView, RedirectView) that keeps Django's `dispatch`: callable as a view, but before Django 4.0
   * as_view() set `__wrapped__ = dispatch`, whose signature `(self, request, *args, **kwargs)` Django's
   * check then reads (ticket #34695).
   */
  | { kind: 'class-view'; cls: string; path: string; line: number }
  /** get_callable raises ImportError: the path is not dotted, or its module's package cannot be imported. */
  | { kind: 'unimportable'; why: string }
  /** get_callable raises ViewDoesNotExist: the module (or its package) imports, but the name is not there. */
  | { kind: 'does-not-exist'; why: string }
  | { kind: 'unknown' }

const UNKNOWN: CallableLookup = { kind: 'unknown' }

/** Re-exports followed at most this deep. */
const MAX_HOPS = 4

/** Names a module can use to define any name unseen: `globals()[...]`, `exec`, a module `__getattr__`. */
const DYNAMIC = /\bglobals\s*\(|\bexec\s*\(|\bsetattr\s*\(|\bsys\.modules\b|\b__dict__\b|\bvars\s*\(/

/** Decorators that keep the view's signature (functools.wraps, which inspect.signature follows): Django's view decorators. */
const TRANSPARENT_DECORATORS = /^django\.views\.decorators(\.|$)/

type ImportState = { kind: 'module'; path: string } | { kind: 'namespace'; dir: string } | { kind: 'absent' } | { kind: 'unknown' }

const join = (dir: string, rest: string): string => (dir ? `${dir}/${rest}` : rest)
const dirname = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), 0))

/**
 * What `import_module(dotted)` does, written in the settings module at `fromPath`: a module of the
 * tree, a folder without `__init__.py` beside the settings (a namespace package: it imports), absent
 * (ModuleNotFoundError), or unknown (an installed package, a file not read yet, a local module the
 * server may add, a folder elsewhere in the tree that some sys.path may reach).
 */
function importState(index: CallableIndex, dotted: string, fromPath: string): ImportState {
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(dotted)) return { kind: 'unknown' }
  const found = index.resolve(fromPath, 0, dotted)
  if (found === 'external') return { kind: 'unknown' }
  if (found !== 'missing') return { kind: 'module', path: found }
  const rel = dotted.split('.').join('/')
  // a folder beside the settings module or above it: sys.path most likely starts there
  for (let dir = dirname(fromPath); ; dir = dirname(dir)) {
    if (index.repo.isDirectory(join(dir, rel))) return { kind: 'namespace', dir: join(dir, rel) }
    if (!dir) break
  }
  // the resolver says missing for a top-level name the tree has no folder for (a local module a server adds)
  const top = dotted.split('.')[0]
  let topFolder = false
  for (const p of index.files.paths) {
    if (p.startsWith(`${rel}/`) || p.includes(`/${rel}/`)) return { kind: 'unknown' }
    if (p.startsWith(`${top}/`) || p.includes(`/${top}/`)) topFolder = true
  }
  return topFolder ? { kind: 'absent' } : { kind: 'unknown' }
}

/** Statements that bind `name` at module level: in the body and in its if/try/with/for blocks, not in functions or classes. */
function bindingsOf(body: Stmt[], name: string): { stmt: Stmt; topLevel: boolean }[] {
  const out: { stmt: Stmt; topLevel: boolean }[] = []
  const targets = (e: Expr): boolean => (e.t === 'name' ? e.id === name : e.t === 'seq' ? e.items.some(targets) : e.t === 'starred' ? targets(e.value) : false)
  const walk = (stmts: Stmt[], topLevel: boolean): void => {
    for (const s of stmts) {
      switch (s.t) {
        case 'def':
        case 'class':
          if (s.name === name) out.push({ stmt: s, topLevel })
          break
        case 'assign':
          if (s.targets.some(targets)) out.push({ stmt: s, topLevel })
          break
        case 'augassign':
          if (targets(s.target)) out.push({ stmt: s, topLevel })
          break
        case 'del':
          if (s.targets.some(targets)) out.push({ stmt: s, topLevel })
          break
        case 'import':
          if (s.names.some((n) => (n.as ?? n.dotted.split('.')[0]) === name)) out.push({ stmt: s, topLevel })
          break
        case 'importfrom':
          if (s.names === '*' || s.names.some((n) => n.as === name)) out.push({ stmt: s, topLevel })
          break
        case 'unreadable':
          if (s.names.includes(name)) out.push({ stmt: s, topLevel })
          break
        case 'if':
          for (const b of s.branches) walk(b.body, false)
          walk(s.orelse ?? [], false)
          break
        case 'try':
          walk(s.body, false)
          for (const h of s.handlers) walk(h.body, false)
          walk(s.orelse, false)
          walk(s.final, false)
          break
        case 'loop':
          if (s.target && targets(s.target)) out.push({ stmt: s, topLevel })
          walk(s.body, false)
          walk(s.orelse, false)
          break
        case 'with':
          if (s.items.some((i) => i.target && targets(i.target))) out.push({ stmt: s, topLevel })
          walk(s.body, false)
          break
        case 'global':
          if (s.names.includes(name)) out.push({ stmt: s, topLevel })
          break
        default:
      }
    }
  }
  walk(body, true)
  return out
}

/**
 * Whether the module's Python can define names a reading of its statements does not see: module-level
 * code (not the bodies of its functions and classes, which run later if at all) writing `globals()`,
 * calling `exec`, `setattr` and the like, or a module `__getattr__`.
 */
function dynamic(lines: string[], body: Stmt[]): boolean {
  if (body.some((s) => s.t === 'def' && s.name === '__getattr__')) return true
  const bodies = new Set<number>()
  const skip = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (s.t === 'def' || s.t === 'class') for (let l = s.line + 1; l <= s.endLine; l++) bodies.add(l)
      else if (s.t === 'if') [...s.branches.map((b) => b.body), s.orelse ?? []].forEach(skip)
      else if (s.t === 'try') [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.final].forEach(skip)
      else if (s.t === 'loop' || s.t === 'with') skip(s.body)
    }
  }
  skip(body)
  return lines.some((l, i) => !bodies.has(i + 1) && DYNAMIC.test(l))
}

/** The dotted name a decorator spells at its root (`csrf.requires_csrf_token`, a call's function). */
function decoratorRoot(e: Expr): { root: string; rest: string[] } | undefined {
  if (e.t === 'call') return decoratorRoot(e.func)
  if (e.t === 'name') return { root: e.id, rest: [] }
  if (e.t !== 'attr') return undefined
  const inner = decoratorRoot(e.obj)
  return inner && { root: inner.root, rest: [...inner.rest, e.attr] }
}

/** Whether every decorator of the def is one of Django's view decorators, which keep the signature. */
function keepsSignature(def: DefStmt, body: Stmt[]): boolean {
  return def.decorators.every((d) => {
    const r = decoratorRoot(d)
    if (!r) return false
    for (const s of body) {
      if (s.t === 'importfrom' && s.names !== '*' && s.level === 0) {
        const n = s.names.find((x) => x.as === r.root)
        if (n && TRANSPARENT_DECORATORS.test(`${s.module}.${n.name}${r.rest.length ? `.${r.rest.join('.')}` : ''}`)) return true
      }
      if (s.t === 'import') {
        const n = s.names.find((x) => (x.as ?? x.dotted.split('.')[0]) === r.root)
        if (n && TRANSPARENT_DECORATORS.test(`${n.as ? n.dotted : r.root}.${r.rest.join('.')}`)) return true
      }
    }
    return false
  })
}

/** Whether the package module at `path` has a submodule or subpackage `name` (getattr may then find it once imported). */
function hasSubmodule(index: CallableIndex, dir: string, name: string): boolean {
  return index.repo.has(join(dir, `${name}.py`)) || index.repo.isDirectory(join(dir, name))
}

/** Django's class-based views whose `dispatch` is View's own, by every path they are imported from. */
const DJANGO_VIEWS = ['View', 'TemplateView', 'RedirectView'].flatMap((n) => [`django.views.${n}`, `django.views.generic.${n}`, `django.views.generic.base.${n}`])

/** `Cls.as_view(...)` for a class `Cls` of the module, with one base, a Django view, and no `dispatch` of its own. */
function classView(index: CallableIndex, path: string, body: Stmt[], value: Expr): { cls: string; line: number } | undefined {
  if (value.t !== 'call' || value.func.t !== 'attr' || value.func.attr !== 'as_view' || value.func.obj.t !== 'name') return undefined
  const name = value.func.obj.id
  const classes = body.filter((x): x is Extract<Stmt, { t: 'class' }> => x.t === 'class' && x.name === name)
  if (classes.length !== 1) return undefined
  const cls = classes[0]
  const base = cls.bases[0]
  if (cls.bases.length !== 1 || cls.decorators.length || cls.body.some((x) => (x.t === 'def' && x.name === 'dispatch') || (x.t === 'assign' && x.targets.some((t) => t.t === 'name' && t.id === 'dispatch')))) return undefined
  // the base is Django's own, not a project class deriving from it (which may define dispatch)
  const root = base.t === 'name' ? base.id : base.t === 'attr' && base.obj.t === 'name' ? base.obj.id : undefined
  const imported = body.some((x) => (x.t === 'importfrom' && x.level === 0 && x.module.startsWith('django.') && x.names !== '*' && x.names.some((n) => n.as === root)) || (x.t === 'import' && x.names.some((n) => (n.as ?? n.dotted.split('.')[0]) === root && n.dotted.startsWith('django'))))
  return imported && DJANGO_VIEWS.some((target) => derives(index, { cls, path }, target)) ? { cls: name, line: cls.line } : undefined
}

const constant = (v: null | boolean | number | string): string => (v === null ? 'None' : typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'string' ? 'a string' : 'a number')

/** `getattr(module, name)` on the module at `path`. */
function attribute(index: CallableIndex, path: string, name: string, hops: number): CallableLookup {
  const module = index.module(path)
  if (!module || hops > MAX_HOPS || module.errorLines.length || module.undecodable) return UNKNOWN
  const found = bindingsOf(module.body, name)
  if (!found.length) {
    if (dynamic(module.lines, module.body)) return UNKNOWN
    if (path.endsWith('__init__.py') && hasSubmodule(index, dirname(path), name)) return UNKNOWN
    return { kind: 'does-not-exist', why: `${path} defines no \`${name}\`` }
  }
  if (found.length > 1 || !found[0].topLevel || dynamic(module.lines, module.body)) return UNKNOWN
  const s = found[0].stmt
  if (s.t === 'def') return keepsSignature(s, module.body) ? { kind: 'function', def: s, path } : UNKNOWN
  if (s.t === 'assign' && s.targets.length === 1 && s.targets[0].t === 'name') {
    const view = classView(index, path, module.body, s.value)
    if (view) return { kind: 'class-view', cls: view.cls, path, line: view.line }
  }
  // `name = 1`: get_callable finds it, and raises ViewDoesNotExist as it is not callable
  if (s.t === 'assign' && s.targets.length === 1 && s.targets[0].t === 'name' && s.value.t === 'const') return { kind: 'does-not-exist', why: `\`${name}\` in ${path} is ${constant(s.value.value)}, not a function` }
  if (s.t === 'importfrom' && s.names !== '*') {
    const named = s.names.find((n) => n.as === name)
    const from = named && index.resolve(path, s.level, s.module)
    if (!named || !from || from === 'missing' || from === 'external') return UNKNOWN
    const followed = attribute(index, from, named.name, hops + 1)
    // a re-export that finds nothing may be of a submodule: `from . import views`
    return followed.kind === 'function' || followed.kind === 'class-view' ? followed : UNKNOWN
  }
  return UNKNOWN
}

/**
 * What `django.urls.get_callable(dotted)` gives, for a path written in the settings module at
 * `fromPath` (Django 3.2–6.x behave alike):
 *  - no dot (or nothing after the last one): ImportError, "must be fully qualified";
 *  - the module imports: its attribute, ViewDoesNotExist when it has none;
 *  - the module does not import: ViewDoesNotExist when its parent package imports (and lacks it),
 *    else the ImportError (a top-level module, or a parent that does not import either).
 */
export function findCallable(index: CallableIndex, dotted: string, fromPath: string): CallableLookup {
  const dot = dotted.lastIndexOf('.')
  if (dot < 0 || dot === dotted.length - 1) return { kind: 'unimportable', why: dotted ? `${JSON.stringify(dotted)} is not a dotted path (module.function)` : 'it is empty' }
  const moduleName = dotted.slice(0, dot)
  const name = dotted.slice(dot + 1)
  // import_module('') raises ValueError: not an ImportError, and not worth a guess
  if (!moduleName) return UNKNOWN
  const state = importState(index, moduleName, fromPath)
  switch (state.kind) {
    case 'module':
      return attribute(index, state.path, name, 0)
    case 'namespace':
      return hasSubmodule(index, state.dir, name) ? UNKNOWN : { kind: 'does-not-exist', why: `${state.dir}/ is a folder without \`${name}\`` }
    case 'unknown':
      return UNKNOWN
    case 'absent': {
      const pdot = moduleName.lastIndexOf('.')
      if (pdot < 0) return { kind: 'unimportable', why: `no module \`${moduleName}\` exists in the repository` }
      const parent = importState(index, moduleName.slice(0, pdot), fromPath)
      if (parent.kind === 'absent') return { kind: 'unimportable', why: `no module \`${moduleName.slice(0, pdot)}\` exists in the repository, so \`${moduleName}\` cannot be imported` }
      if (parent.kind === 'module' || parent.kind === 'namespace') return { kind: 'does-not-exist', why: `\`${moduleName.slice(0, pdot)}\` has no module \`${moduleName.slice(pdot + 1)}\`` }
      return UNKNOWN
    }
  }
}

/** Why `inspect.signature(view).bind(None, reason=None)` raises TypeError, or undefined when it binds. */
export function bindRequestAndReason(params: readonly Param[]): string | undefined {
  const positional = params.filter((p) => !p.star && !p.keywordOnly)
  const varargs = params.some((p) => p.star === '*')
  const varkw = params.some((p) => p.star === '**')
  const bound = new Set<string>()
  if (positional.length) bound.add(positional[0].name)
  else if (!varargs) return 'it takes no positional argument for the request'
  const reason = params.find((p) => p.name === 'reason' && !p.star && !p.positionalOnly)
  if (reason) {
    if (bound.has('reason')) return 'its first parameter is `reason`, so the request and `reason=` both go to it'
    bound.add('reason')
  } else if (!varkw) return 'it takes no `reason` keyword argument'
  const missing = params.filter((p) => !p.star && p.default === undefined && !bound.has(p.name))
  if (missing.length) return `it also requires ${missing.map((p) => `\`${p.name}\``).join(', ')}, which Django does not pass`
  return undefined
}
