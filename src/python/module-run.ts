// The state of evaluating one module in one environment world, and the few operations on names that
// every kind of statement uses: bind a name, change its value in place, give up on every name.
import type { ParsedModule } from './ast.js'
import type { Loader, ModuleResult } from './evaluate.js'
import { dedupeReads, type Frame } from './namespace.js'
import { unknown, type Loc, type Value } from './values.js'

/** The other modules of the analysed tree, evaluated in the same world. */
export interface Modules {
  evaluate(path: string): ModuleResult | undefined
}

type Span = { line: number; endLine: number }

export class ModuleRun {
  readonly notices: string[] = []
  readonly starImports: string[] = []
  /** Inside a try body a raise jumps to the handler; elsewhere it is noted and evaluation goes on. */
  tryDepth = 0

  constructor(
    readonly modules: Modules,
    readonly loader: Loader,
    readonly path: string,
    readonly parsed: ParsedModule,
    readonly world: number
  ) {}

  loc(s: Span): Loc {
    return { path: this.path, line: s.line, endLine: s.endLine }
  }

  /** The raw source line (indentation kept, so a fix can replace it). */
  text(line: number): string {
    return this.parsed.lines[line - 1] ?? ''
  }

  bind(frame: Frame, name: string, value: Value, s: Span): void {
    const loc = this.loc(s)
    frame.ns.bindings.set(name, { value, loc, history: [loc], env: dedupeReads(frame.reads), text: this.text(s.line) })
  }

  /** Replaces a binding's value by a changed one, keeping its history. */
  mutate(frame: Frame, name: string, change: (v: Value) => Value, s: Span): void {
    const old = frame.ns.bindings.get(name)
    const loc = this.loc(s)
    if (!old) {
      frame.ns.bindings.set(name, { value: unknown(`${name} is changed at ${this.path}:${s.line} before it is defined`), loc, history: [loc], env: [], text: this.text(s.line) })
      return
    }
    frame.ns.bindings.set(name, {
      value: change(old.value),
      loc,
      history: [...old.history, loc],
      env: dedupeReads([...old.env, ...frame.reads]),
      text: this.text(s.line)
    })
  }

  /** Code at `s` may set any name: every name becomes unknown, and so does every name not set yet. */
  markDynamic(frame: Frame, s: Span): void {
    const loc = this.loc(s)
    frame.ns.dynamic = loc
    for (const [name, b] of frame.ns.bindings) frame.ns.bindings.set(name, { ...b, value: unknown(`may be replaced by the dynamic code at ${loc.path}:${loc.line}`) })
  }
}
