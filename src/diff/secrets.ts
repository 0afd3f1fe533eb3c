// Secret values the settings model holds, so output that quotes them can be masked.
import { possibleValues } from '../python/values.js'
import type { SideAnalysis } from '../settings/side.js'

const KEY_SETTINGS = ['SECRET_KEY', 'SECRET_KEY_FALLBACKS']

/** Secret values a side holds in any settings module (production or not), to be masked in output. */
export function settingsSecrets(side: SideAnalysis): string[] {
  const out: string[] = []
  for (const view of side.views.values())
    for (const name of KEY_SETTINGS) {
      // with the values deploy files give it (see settings/deploy-worlds.ts)
      const b = view.get(name).binding
      if (!b) continue
      // every branch's value and the defaults of lookups the review cannot follow, as the rules judge them
      const values = [b, ...(b.alternatives ?? [])].flatMap((x) => possibleValues(x.value))
      for (const v of values) {
        if (v.kind === 'str') out.push(v.value)
        if (v.kind === 'seq') for (const i of v.items) if (i.value.kind === 'str') out.push(i.value.value)
      }
    }
  return out
}
