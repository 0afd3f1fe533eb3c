// What a rule sees: the effective value of each setting of one entry module, with Django's default
// filled in where the module does not set it, and where each value came from.
import { OFF_WORLDS, UNSET_WORLD, WORLDS } from '../python/env.js'
import { WorldEvaluator, type Binding } from '../python/evaluate.js'
import { mapOptions, unknown, type Loc, type Value } from '../python/values.js'
import { DJANGO_DEFAULTS } from './defaults.js'
import type { EntryModule } from './discovery.js'
import type { ModuleIndex } from './modules.js'

export interface Setting {
  name: string
  value: Value
  /** The assignment that produced the value; undefined when Django's default applies. */
  binding?: Binding
  isDefault: boolean
}

/** Evaluators for every world of one tree, created on first use and shared by all entry modules. */
export class Worlds {
  private readonly evaluators: (WorldEvaluator | undefined)[] = []
  constructor(private readonly index: ModuleIndex) {}
  get(world: number): WorldEvaluator {
    let e = this.evaluators[world]
    if (!e) {
      e = new WorldEvaluator(this.index, world)
      this.evaluators[world] = e
    }
    return e
  }
}

export class SettingsView {
  constructor(
    readonly entry: EntryModule,
    private readonly worlds: Worlds
  ) {}

  get path(): string {
    return this.entry.path
  }

  /** Notices from evaluating the module (syntax errors, imports not followed). */
  notices(): string[] {
    return this.worlds.get(UNSET_WORLD).evaluate(this.path)?.notices ?? []
  }

  binding(name: string, world = UNSET_WORLD): Binding | undefined {
    return this.worlds.get(world).evaluate(this.path)?.ns.bindings.get(name)
  }

  /** The effective value of a setting in a world (default: production as deployed). */
  get(name: string, world = UNSET_WORLD): Setting {
    const result = this.worlds.get(world).evaluate(this.path)
    const binding = result?.ns.bindings.get(name)
    const fallback = DJANGO_DEFAULTS[name] ?? unknown(`${name} is not set`)
    if (!binding) {
      if (result?.ns.dynamic) return { name, value: unknown(`may be set by the dynamic code at ${result.ns.dynamic.path}:${result.ns.dynamic.line}`), isDefault: false }
      return { name, value: fallback, isDefault: true }
    }
    const value = mapOptions(binding.value, (v) => (v.kind === 'absent' ? fallback : v))
    return { name, value, binding, isDefault: false }
  }

  /** The value in the worlds where the environment sets every variable to "False", "0" or "". */
  whenEnvSaysOff(name: string): { probe: string; setting: Setting }[] {
    return OFF_WORLDS.map((w) => ({ probe: WORLDS[w] as string, setting: this.get(name, w) }))
  }

  /** Where a finding about a setting that is not set at all should point: the module's first line. */
  moduleLoc(): Loc {
    return { path: this.path, line: 1, endLine: 1 }
  }
}
