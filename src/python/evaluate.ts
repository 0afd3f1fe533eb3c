// Abstract interpreter for settings modules. It never executes code: it walks the small AST and
// computes, for every module-level name, an abstract value and where it came from. One run per
// environment world (see env.ts); imports between analysed modules are followed through a Loader.
//
// The interpreter is split by concern: statements.ts (assignments and the statement dispatch),
// control-flow.ts (if/try/loops), imports.ts, expressions.ts, calls.ts and library.ts (library
// models), with values.ts, operators.ts, methods.ts and containers.ts for Python's semantics and
// namespace.ts for bindings and branch joins.
import type { ParsedModule } from './ast.js'
import { ModuleRun } from './module-run.js'
import type { Namespace } from './namespace.js'
import { execute } from './statements.js'

export type { Binding, Namespace } from './namespace.js'

export interface ModuleResult {
  path: string
  ns: Namespace
  /** Modules this one imported with `from X import *`, in order (paths). */
  starImports: string[]
  notices: string[]
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
}

/** Evaluates modules in one environment world, memoising each module. */
export class WorldEvaluator {
  private readonly cache = new Map<string, ModuleResult | 'pending'>()

  constructor(
    private readonly loader: Loader,
    readonly world: number
  ) {}

  evaluate(path: string): ModuleResult | undefined {
    const cached = this.cache.get(path)
    if (cached === 'pending') return undefined // import cycle
    if (cached) return cached
    const parsed = this.loader.module(path)
    if (!parsed) return undefined
    this.cache.set(path, 'pending')
    const result = execute(new ModuleRun(this, this.loader, path, parsed, this.world))
    this.cache.set(path, result)
    return result
  }
}
