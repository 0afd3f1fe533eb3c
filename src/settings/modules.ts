// Maps Python imports to files of the analysed tree, and parses modules on demand.
// Pure: the caller hands in the list of paths and the contents it has read; paths it still needs
// are collected in `wanted` so the caller can read them and try again.
import type { Placement } from '../deploy/placements.js'
import type { RepoFiles } from '../python/repo-files.js'
import { parseModule, type Expr, type ParsedModule, type Stmt } from '../python/ast.js'
import type { Loader } from '../python/evaluate.js'
import type { SecretHit } from '../secrets/detect.js'

export interface FileSet {
  /** Every file path of the tree, repository-relative with '/' separators. */
  readonly paths: ReadonlySet<string>
  /** The text of a file, or undefined when it was not read (or is not text). */
  read(path: string): string | undefined
  /**
   * When the source ran the secrets detector on every text file as it read it (a working tree):
   * each text file, in listing order, with the hits over the whole file. Those files' text may
   * then be read lazily, so use this list rather than calling read() on every path.
   */
  readonly secrets?: ReadonlyMap<string, SecretHit[]>
  /** When the source looked for the suppression marker in every text file as it read it: the files that hold it (no other file suppresses anything). */
  readonly suppressing?: ReadonlySet<string>
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

const join = (dir: string, rest: string): string => (dir ? `${dir}/${rest}` : rest)

/** Resolves imports and parses modules for one tree. */
/**
 * A bare name such as `local_settings` that the repository does not hold is its own untracked local
 * settings file, not an installed package: like `.local_settings`, it is missing from what the
 * repository deploys (a server may add one, which the review cannot see).
 */
const LOCAL_SETTINGS_NAME = /^(\w*settings\w*|local|secrets?|local_config)$/

/** How a module's template is named beside it: `local_settings.example.py`, `local_sample.py`. */
const MODULE_TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '_example', '_sample', '_template', '-example', '-dist']

export class ModuleIndex implements Loader {
  /** dotted suffix (`settings.base`) → paths that end with it */
  private readonly bySuffix = new Map<string, string[]>()
  private readonly packageNames = new Set<string>()
  private readonly parsed = new Map<string, ParsedModule | null>()
  /** Paths that exist in the tree and were needed but not read yet. */
  readonly wanted = new Set<string>()
  private directories?: Set<string>
  /** Non-Python files a production deploy puts in place of a module, by source and by the module path they take. */
  private readonly bySource = new Map<string, Placement>()
  private readonly byDestination = new Map<string, Placement>()
  /** The tree's files as settings code opens them (`os.path.exists`, `open()`). */
  readonly repo: RepoFiles = {
    read: (path) => {
      const text = this.files.read(path)
      if (text === undefined && this.files.paths.has(path)) this.wanted.add(path)
      return text
    },
    has: (path) => this.files.paths.has(path),
    isDirectory: (path) => {
      this.directories ??= new Set([...this.files.paths].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
      return path === '' || this.directories.has(path)
    }
  }

  constructor(readonly files: FileSet) {
    for (const path of files.paths) {
      if (!path.endsWith('.py')) continue
      for (const key of suffixKeys(path)) {
        const list = this.bySuffix.get(key)
        if (list) list.push(path)
        else this.bySuffix.set(key, [path])
      }
      // folders that can stand at the top of an import: not inside a package (judge/jinja2 is judge.jinja2);
      // a package holding only its __init__.py counts too (config/ with a git-ignored local_settings.py)
      const folders = path.split('/').slice(0, -1)
      for (let i = 0; i < folders.length; i++) if (i === 0 || !files.paths.has(`${folders.slice(0, i).join('/')}/__init__.py`)) this.packageNames.add(folders[i])
    }
  }

  /**
   * Takes each placement's source as the module at its destination: imports and DJANGO_SETTINGS_MODULE
   * naming the destination's module resolve to the source (the file production runs); the file tracked
   * at the destination, if any, is then reached by its path only. The first placement of a destination wins.
   */
  place(placements: Placement[]): void {
    for (const p of placements) {
      if (this.byDestination.has(p.destination) || this.bySource.has(p.source)) continue
      this.bySource.set(p.source, p)
      this.byDestination.set(p.destination, p)
      for (const key of suffixKeys(p.destination)) this.bySuffix.set(key, [...(this.bySuffix.get(key) ?? []).filter((x) => x !== p.destination), p.source])
      const top = p.destination.split('/')
      if (top.length > 1 && !this.files.paths.has(`${top[0]}/__init__.py`)) this.packageNames.add(top[0])
    }
  }

  /** The placement that puts the file at `path` in place of a module. */
  placementOf(path: string): Placement | undefined {
    return this.bySource.get(path)
  }

  /** The placement that puts another file in place of the module at `path`. */
  placedOver(path: string): Placement | undefined {
    return this.byDestination.get(path)
  }

  /** Where the module at `path` sits as production runs it: a placed file sits at its destination. */
  locationOf(path: string): string {
    return this.bySource.get(path)?.destination ?? path
  }

  /** The path of the module named by a dotted name such as `config.settings.production`. */
  byDottedName(dotted: string): string | undefined {
    const found = this.bySuffix.get(dotted)
    if (!found?.length) return undefined
    // Prefer the shortest path: the module closest to the repository root.
    return [...found].sort((a, b) => this.locationOf(a).length - this.locationOf(b).length)[0]
  }

  /**
   * The module a dotted name means when written in `fromPath`: looked up from that file's folder
   * upwards (where sys.path most likely starts: the folder of manage.py or wsgi.py), then anywhere.
   * `"settings"` in sandbox/wsgi.py is sandbox/settings.py, not the first settings.py of the tree.
   */
  byDottedNameNear(dotted: string, fromPath: string): string | undefined {
    return this.near(dotted, fromPath) ?? this.byDottedName(dotted)
  }

  /** The module a dotted name means from `fromPath`'s folder or one above it. */
  private near(dotted: string, fromPath: string): string | undefined {
    const found = this.bySuffix.get(dotted)
    if (!found?.length) return undefined
    const rel = dotted.split('.').join('/')
    for (let dir = dirname(fromPath); ; dir = dirname(dir)) {
      const near = found.find((p) => this.locationOf(p) === join(dir, `${rel}.py`) || this.locationOf(p) === join(dir, `${rel}/__init__.py`))
      if (near) return near
      if (!dir || dir === '.' || dir === '/') return undefined
    }
  }

  /** The dotted name of a module path, relative to the repository root. */
  static dottedName(path: string): string {
    return path.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.')
  }

  /** What a dotted name means in `fromPath`: a module of the tree, one the repository lacks ('missing'), or an installed package. */
  resolve(fromPath: string, level: number, module: string): string | 'missing' | 'external' {
    let found: string | undefined
    if (level > 0) {
      const dir = this.importFolder(fromPath, level)
      const rel = module ? module.split('.').join('/') : ''
      const candidates = rel ? [join(dir, `${rel}.py`), join(dir, `${rel}/__init__.py`)] : [join(dir, '__init__.py')]
      // a file a deploy puts at the module's path is the module
      found = candidates.map((c) => this.byDestination.get(c)?.source ?? c).find((c) => this.files.paths.has(c))
      if (!found) return 'missing'
    } else {
      found = this.near(module, this.locationOf(fromPath)) ?? this.bySuffix.get(module)?.filter((p) => !insidePackage(this.locationOf(p), module, this.files.paths)).sort((a, b) => this.locationOf(a).length - this.locationOf(b).length)[0]
      if (!found) return this.packageNames.has(module.split('.')[0]) || LOCAL_SETTINGS_NAME.test(module) ? 'missing' : 'external'
    }
    // not read yet: wanted, and until then outside what the review knows
    return this.repo.read(found) === undefined ? 'external' : found
  }

  importableAbsolutely(found: string, module: string): boolean {
    const at = this.locationOf(found)
    const rel = module.split('.').join('/')
    const root = at.endsWith(`/${rel}/__init__.py`) ? at.slice(0, -`/${rel}/__init__.py`.length) : at.endsWith(`/${rel}.py`) ? at.slice(0, -`/${rel}.py`.length) : ''
    return root === '' || !this.files.paths.has(`${root}/__init__.py`) || this.files.paths.has(`${root}/manage.py`)
  }

  templateOf(fromPath: string, level: number, module: string): string | undefined {
    if (!module) return undefined
    const rel = join(this.importFolder(fromPath, level), module.split('.').join('/'))
    const found = MODULE_TEMPLATE_SUFFIXES.map((suffix) => `${rel}${suffix}.py`).find((c) => this.files.paths.has(c))
    return found !== undefined && this.repo.read(found) !== undefined ? found : undefined
  }

  /** The folder an import written in `fromPath` starts from: its own (level 0 or 1: the script's folder, the package), one up per further dot. */
  private importFolder(fromPath: string, level: number): string {
    let dir = dirname(this.locationOf(fromPath))
    for (let i = 1; i < level; i++) dir = dirname(dir)
    return dir
  }

  module(path: string): ParsedModule | undefined {
    if (!this.parsed.has(path)) {
      const text = this.files.read(path)
      this.parsed.set(path, text === undefined ? null : parseModule(text))
    }
    return this.parsed.get(path) ?? undefined
  }
}

/** The dotted suffixes a module path answers to: `a/b/c.py` → `a.b.c`, `b.c`, `c` (a package's __init__.py by its folder). */
function suffixKeys(path: string): string[] {
  const parts = path.slice(0, -3).split('/')
  if (parts[parts.length - 1] === '__init__') parts.pop()
  return parts.map((_, i) => parts.slice(i).join('.'))
}

/**
 * Whether a module found by the end of its path sits inside a package, so that Python knows it by a
 * longer name: an import of `jinja2` in another folder is the library, not judge/jinja2/.
 */
function insidePackage(path: string, dotted: string, paths: ReadonlySet<string>): boolean {
  const rel = dotted.split('.').join('/')
  const root = path.endsWith(`/${rel}/__init__.py`) ? path.slice(0, -`/${rel}/__init__.py`.length) : path.endsWith(`/${rel}.py`) ? path.slice(0, -`/${rel}.py`.length) : ''
  return root !== '' && paths.has(`${root}/__init__.py`)
}

/**
 * Names a module assigns at top level (also inside if/try/with/for blocks), and its star imports.
 * With `classBodies`, names assigned in class bodies count too (settings classes: django-configurations,
 * load_settings()-style), for modules already named as settings.
 */
export function topLevelNames(body: Stmt[], classBodies = false): { assigned: Set<string>; starImports: { level: number; module: string }[]; moduleImports: { level: number; module: string }[] } {
  const assigned = new Set<string>()
  const starImports: { level: number; module: string }[] = []
  // `import configuration`, `from . import local`: modules it may read names from (each `from` name may be a module)
  const moduleImports: { level: number; module: string }[] = []
  const visit = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (s.t === 'assign') for (const t of s.targets) collectTargets(t, assigned)
      else if (s.t === 'augassign' && s.target.t === 'name') assigned.add(s.target.id)
      else if (s.t === 'importfrom') {
        if (s.names === '*') starImports.push({ level: s.level, module: s.module })
        else for (const n of s.names) moduleImports.push({ level: s.level, module: s.module ? `${s.module}.${n.name}` : n.name })
      }
      else if (s.t === 'import') for (const n of s.names) moduleImports.push({ level: 0, module: n.dotted })
      else if (s.t === 'if') {
        for (const b of s.branches) visit(b.body)
        if (s.orelse) visit(s.orelse)
      } else if (s.t === 'try') {
        visit(s.body)
        for (const h of s.handlers) visit(h.body)
        visit(s.orelse)
        visit(s.final)
      } else if (s.t === 'with') visit(s.body)
      else if (s.t === 'loop') {
        visit(s.body)
        visit(s.orelse)
      } else if (s.t === 'class' && classBodies) visit(s.body)
    }
  }
  visit(body)
  return { assigned, starImports, moduleImports }
}

function collectTargets(t: Expr, out: Set<string>): void {
  if (t.t === 'name') out.add(t.id)
  else if (t.t === 'seq') for (const i of t.items) collectTargets(i, out)
}
