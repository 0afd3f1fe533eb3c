// Baseline states: each head result compared with the base result of the module it replaces —
// new (the change made it), updated (worse or different severity), unchanged (shown only where the
// change touched it), absent (fixed).
import type { BaselineState } from '../findings.js'
import type { Placed } from '../rules/results.js'
import type { Keyed } from '../rules/run.js'
import type { SideAnalysis } from '../settings/side.js'
import type { ChangeIndex } from './change-index.js'
import type { ModulePairs } from './pairing.js'
import { relocate } from './relocate.js'

export type Compared = Placed & { state: BaselineState }

/** Base results keyed under the head entry they pair with, so a renamed or re-split module keeps its findings. */
function baseByHeadKey(baseItems: Keyed[], pairs: ModulePairs): Map<string, Keyed> {
  const headPathOfBase = new Map([...pairs].map(([h, b]) => [b, h]))
  return new Map(
    baseItems.map((i) => {
      const [rule, path, ...rest] = i.key.split('|')
      return [[rule, headPathOfBase.get(path) ?? path, ...rest].join('|'), i]
    })
  )
}

function severityOf(it: Keyed): string {
  return it.raw.severity ?? it.rule.meta.severity
}

export function compareResults(headItems: Keyed[], baseItems: Keyed[], base: SideAnalysis, pairs: ModulePairs, diff: ChangeIndex): Compared[] {
  const baseByKey = baseByHeadKey(baseItems, pairs)
  const headKeys = new Set(headItems.map((i) => i.key))
  const touched = (it: Keyed): boolean => diff.changed.has(it.raw.loc.path) || it.entry.chain.some((p) => diff.changed.has(p))
  const out: Compared[] = []
  for (const it of headItems) {
    const before = baseByKey.get(it.key)
    if (!before) {
      out.push({ ...it, state: 'new', ...relocate(it, base.views.get(pairs.get(it.entry.path) ?? ''), diff) })
      continue
    }
    if (severityOf(it) !== severityOf(before)) out.push({ ...it, state: 'updated' })
    else if (touched(it)) out.push({ ...it, state: 'unchanged' })
  }
  for (const [key, it] of baseByKey) if (!headKeys.has(key)) out.push({ ...it, state: 'absent' })
  return out
}
