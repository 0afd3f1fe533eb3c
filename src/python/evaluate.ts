// Abstract interpreter for settings modules. It never executes code: it walks the small AST and
// computes, for every module-level name, an abstract value and where it came from. One run per
// environment world (see env.ts); imports between analysed modules are followed through a Loader.
//
// The interpreter is split by concern: statements.ts (assignments and the statement dispatch),
// control-flow.ts (if/try/loops), imports.ts, expressions.ts, calls.ts, functions.ts (the project's
// own functions and classes), attributes.ts, namespace-writes.ts and reflection.ts (writes that are
// not assignments), library.ts and configurations.ts (library models), with values.ts,
// operators.ts, methods.ts and containers.ts for Python's semantics and namespace.ts for scopes.
import type { RepoFiles } from './repo-files.js'
import type { ParsedModule } from './ast.js'
import { worldOf, type World, type WorldOptions } from './env.js'
import { ModuleRun } from './module-run.js'
import type { Namespace } from './namespace.js'
import { execute } from './statements.js'
import type { Loc } from './values.js'

export type { Binding, Namespace } from './namespace.js'

/** A line that can set any module-level name in a way the review cannot follow. */
export interface OpaqueWrite {
  loc: Loc
  /** What it is, in words: `exec() runs code the review cannot see`. */
  what: string
  /** The line as written (trimmed). */
  text: string
}

export interface ModuleResult {
  path: string
  ns: Namespace
  /** Modules this one imported with `from X import *`, in order (paths). */
  starImports: string[]
  notices: string[]
  /** Opaque writes in this module and the modules it star-imports. */
  opaque: OpaqueWrite[]
  /**
   * In production as deployed: environment variables this module (and what it star-imports) compares
   * with string literals that no probe world produces, with those literals (see settings/view.ts).
   */
  compared: Map<string, Set<string | null>>
}

/** How the evaluator sees the rest of the analysed tree. */
export interface Loader {
  /** The parsed module at `path`, or undefined when it is not part of the analysed files. */
  module(path: string): ParsedModule | undefined
  /**
   * Resolves `from <dots><module> import …` written in `fromPath`: the path of an analysed module,
   * 'missing' when it should be in the repository but is not (an ImportError), or 'external'.
   */
  resolve(fromPath: string, level: number, module: string): string | 'missing' | 'external'
  /**
   * Whether Python 3 finds the module a level-0 import resolved to without help: it sits under a folder
   * that can be on sys.path (not a package). A sibling inside a package is found only by Python 2's
   * implicit relative import or a sys.path entry the code adds.
   */
  importableAbsolutely?(found: string, module: string): boolean
  /** The repository's files, for the paths settings compute and open (`os.path.exists`, `open()`). */
  readonly repo?: RepoFiles
  /**
   * The committed template of a module the tree lacks (`local_settings.example.py` for a missing
   * `.local_settings`), which a deploy copies into place; undefined when there is none.
   */
  templateOf?(fromPath: string, level: number, module: string): string | undefined
  /** Where the module at `path` runs (its `__file__`): a file a deploy puts in place of a module runs at that module's path. */
  locationOf?(path: string): string
}

/** How many modules deep imports are followed; past that, what a module defines is unknown. */
const MAX_IMPORT_DEPTH = 64

/** Evaluates modules in one environment world, memoising each module. */
export class WorldEvaluator {
  private readonly cache = new Map<string, ModuleResult | 'pending'>()
  private depth = 0
  readonly world: World

  constructor(
    private readonly loader: Loader,
    world: number,
    options: WorldOptions = {}
  ) {
    this.world = worldOf(world, options)
  }

  evaluate(path: string): ModuleResult | undefined {
    const cached = this.cache.get(path)
    if (cached === 'pending') return undefined // import cycle
    if (cached) return cached
    const parsed = this.loader.module(path)
    if (!parsed) return undefined
    // not cached: reached again through fewer imports, the module is evaluated
    if (this.depth >= MAX_IMPORT_DEPTH) return tooDeep(path, this.world.deployed)
    this.cache.set(path, 'pending')
    this.depth++
    try {
      const result = execute(new ModuleRun(this, this.loader, path, parsed, this.world))
      this.cache.set(path, result)
      return result
    } finally {
      this.depth--
    }
  }
}

/** A module reached through more than MAX_IMPORT_DEPTH imports: everything it defines is unknown. */
function tooDeep(path: string, notices: boolean): ModuleResult {
  const loc = { path, line: 1, endLine: 1 }
  const notice = `${path}:1: imports nest more than ${MAX_IMPORT_DEPTH} modules deep here; what this module defines is unknown`
  return { path, ns: { bindings: new Map(), dynamic: loc }, starImports: [], notices: notices ? [notice] : [], opaque: [], compared: new Map() }
}
