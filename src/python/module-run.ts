// The state of evaluating one module in one environment world, and the operations on names that
// every kind of statement uses: bind a name, change its value in place, give up on every name.
import type { ParsedModule } from './ast.js'
import type { World } from './env.js'
import type { Loader, ModuleResult, OpaqueWrite } from './evaluate.js'
import { capped, dedupeReads, locate, moduleNs, writeNs, type Binding, type Frame, type Namespace } from './namespace.js'
import { unknown, type Loc, type Value } from './values.js'

/** A name Django reads as a setting: upper case (Python's str.isupper()). */
export function isSettingName(name: string): boolean {
  return name.toUpperCase() === name && name.toLowerCase() !== name
}

/** The other modules of the analysed tree, evaluated in the same world. */
export interface Modules {
  evaluate(path: string): ModuleResult | undefined
}

export type Span = { line: number; endLine: number }

/** Work done again and again (helper calls, loop iterations) is bounded per module. */
const REPLAY_BUDGET = 200_000
export const MAX_CALL_DEPTH = 8
const MAX_NOTICES = 100

/** Thrown when replayed work goes past a bound (the budget, the call depth); caught where the replay started. */
export class CutShort extends Error {
  constructor(
    readonly why: string,
    readonly budget = false
  ) {
    super(why)
  }
}

/** Counters shared by a module's run and the runs of functions of other modules it calls. */
interface Budget {
  steps: number
  /** > 0 while evaluating a helper call or a loop iteration: then steps count against the budget. */
  replaying: number
  /** How many django-split-settings include() calls deep the run is. */
  includeDepth?: number
  callDepth: number
  /** Set once the budget ran out and that was noted (once a module). */
  noted?: boolean
}

export class ModuleRun {
  readonly notices: string[] = []
  private readonly noticed = new Set<string>()
  readonly starImports: string[] = []
  readonly opaque: OpaqueWrite[] = []
  /** Inside a try body a raise jumps to the handler; elsewhere it is noted and evaluation goes on. */
  tryDepth = 0
  /** Per try body being run, innermost last: exceptions an operation on an unknown value there may raise. */
  readonly mayRaise: Set<string>[] = []

  /** Notes that an operation on an unknown value may raise these exceptions, when inside a try body. */
  noteMayRaise(...exceptions: string[]): void {
    const innermost = this.mayRaise.at(-1)
    if (innermost) for (const e of exceptions) innermost.add(e)
  }
  /** Names this run wrote to the module while inside a helper call (made unknown if the call is cut short). */
  writtenInCall = new Set<string>()
  /** The loops being evaluated, innermost last: unrolled element by element, or probed once. */
  readonly loops: ('unrolled' | 'probe')[] = []
  /** > 0 while probing a loop body: what it would note is not said. */
  quiet = 0
  /** Runs of other modules whose functions this module calls (sharing this budget). */
  private readonly others = new Map<string, ModuleRun>()

  constructor(
    readonly modules: Modules,
    readonly loader: Loader,
    readonly path: string,
    readonly parsed: ParsedModule,
    readonly world: World,
    readonly budget: Budget = { steps: 0, replaying: 0, callDepth: 0 },
    /** Environment variables compared with string literals the probes never produce (see noteComparedLiterals). */
    readonly compared = new Map<string, Set<string | null>>()
  ) {}

  /** One unit of work; past the budget while replaying, the replay is abandoned. */
  step(): void {
    this.budget.steps++
    if (this.budget.replaying > 0 && this.budget.steps > REPLAY_BUDGET) throw new CutShort(`helper calls and loops here are more than ${REPLAY_BUDGET} steps of work in this module`, true)
  }

  /** Says why a helper call or loop was cut short (the budget only the first time it runs out). */
  noteCut(line: number, e: CutShort): void {
    if (e.budget && this.budget.noted) return
    if (e.budget) this.budget.noted = true
    this.notice(line, `${e.why}; what they compute from here on is unknown`)
  }

  /** The run for code of another analysed module (a function defined there), sharing this budget. */
  runFor(path: string): ModuleRun | undefined {
    if (path === this.path) return this
    let run = this.others.get(path)
    const parsed = this.loader.module(path)
    if (!run && parsed) {
      run = new ModuleRun(this.modules, this.loader, path, parsed, this.world, this.budget, this.compared)
      this.others.set(path, run)
    }
    return run
  }

  loc(s: Span): Loc {
    return { path: this.path, line: s.line, endLine: s.endLine }
  }

  /** The raw source line (indentation kept, so a fix can replace it). */
  text(line: number): string {
    return this.parsed.lines[line - 1] ?? ''
  }

  /** A notice about this module, once per text and at most MAX_NOTICES (only in the world that reports notices). */
  notice(line: number | undefined, message: string): void {
    if (!this.world.deployed || this.quiet || this.notices.length >= MAX_NOTICES) return
    const text = line === undefined ? `${this.path}: ${message}` : `${this.path}:${line}: ${message}`
    if (this.noticed.has(text)) return
    this.noticed.add(text)
    this.notices.push(text)
  }

  /** A notice of an imported module, carried to the modules that import it. */
  carry(text: string): void {
    if (this.noticed.has(text) || this.notices.length >= MAX_NOTICES) return
    this.noticed.add(text)
    this.notices.push(text)
  }

  /**
   * A variable compared with a literal the probe worlds never produce (at most 8 literals a
   * variable); null: a switch on whether it is set at all (`"HEROKU" in os.environ`).
   */
  noteCompared(name: string, literal: string | null): void {
    if (!this.world.deployed) return
    const set = this.compared.get(name) ?? new Set<string | null>()
    if (set.size < 8) set.add(literal)
    this.compared.set(name, set)
  }

  bind(frame: Frame, name: string, value: Value, s: Span): void {
    this.bindIn(writeNs(frame, name), frame, name, value, s)
  }

  /** Binds a name in a given namespace; a write to the module from inside a helper call is remembered. */
  bindIn(ns: Namespace, frame: Frame, name: string, value: Value, s: Span, origin?: Binding): void {
    const loc = origin?.loc ?? this.loc(s)
    ns.bindings.set(name, { value, loc, history: [loc], env: dedupeReads([...(origin?.env ?? []), ...frame.reads]), text: origin?.text ?? this.text(s.line) })
    if (ns === moduleNs(frame) && this.budget.callDepth > 0) this.writtenInCall.add(name)
  }

  /** Replaces a binding's value by a changed one, keeping its history. */
  mutate(frame: Frame, name: string, change: (v: Value) => Value, s: Span): void {
    const ns = locate(frame, name) ?? writeNs(frame, name)
    const old = ns.bindings.get(name)
    const loc = this.loc(s)
    if (ns === moduleNs(frame) && this.budget.callDepth > 0) this.writtenInCall.add(name)
    if (!old) {
      ns.bindings.set(name, { value: unknown(`${name} is changed at ${this.path}:${s.line} before it is defined`), loc, history: [loc], env: [], text: this.text(s.line) })
      return
    }
    ns.bindings.set(name, {
      value: change(old.value),
      loc,
      history: capped([...old.history, loc]),
      env: dedupeReads([...old.env, ...frame.reads]),
      text: this.text(s.line)
    })
  }

  /**
   * Code at `s` may set any module-level name: every setting (an upper-case name, as Django reads
   * them) becomes unknown, and so does every setting not set yet; helpers such as `env` stay known.
   * `what` names a write the evaluator cannot model (reported by settings-opaque-write); an import
   * from outside the tree passes none.
   */
  markDynamic(frame: Frame, s: Span, what?: string): void {
    const loc = this.loc(s)
    const ns = moduleNs(frame)
    ns.dynamic = loc
    for (const [name, b] of ns.bindings) if (isSettingName(name)) ns.bindings.set(name, { ...b, value: unknown(`may be replaced by the dynamic code at ${loc.path}:${loc.line}`), alternatives: undefined })
    if (what && !this.opaque.some((o) => o.loc.line === loc.line && o.loc.path === loc.path)) this.opaque.push({ loc, what, text: this.text(s.line).trim() })
  }
}
