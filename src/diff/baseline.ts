// Baseline states: each head result compared with the base result of the module it replaces —
// new (the change made it), updated (a different or worse variant), unchanged (shown only where the
// change touched it, or where the change made an old value take effect), absent (fixed).
import { severityRank, type BaselineState, type Severity } from '../findings.js'
import type { Placed } from '../rules/results.js'
import type { Keyed } from '../rules/run.js'
import type { SideAnalysis } from '../settings/side.js'
import type { ChangeIndex } from './change-index.js'
import type { ModulePairs } from './pairing.js'
import { removedPreconditions, settingOf, silencedNote, suppliedPreconditions, takesEffectNote } from './preconditions.js'
import { relocate } from './relocate.js'

export type Compared = Placed & { state: BaselineState }

export interface Sides {
  head: SideAnalysis
  base: SideAnalysis
  pairs: ModulePairs
  diff: ChangeIndex
}

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

function severityOf(it: Keyed): Severity {
  return it.raw.severity ?? it.rule.meta.severity
}

/** rule|head entry|setting: findings of one rule about one setting are variants of each other. */
function variantKey(key: string, it: Keyed): string {
  const [rule, path] = key.split('|')
  return `${rule}|${path}|${settingOf(it)}`
}

/** A finding that holds only when the environment says "off" (debug-enabled's bool() trap). */
const onlyWhenSaidOff = (k: Keyed): boolean => k.raw.subject.endsWith(':env-cast')

export function compareResults(headItems: Keyed[], baseItems: Keyed[], sides: Sides): Compared[] {
  const { head, base, pairs, diff } = sides
  const baseByKey = baseByHeadKey(baseItems, pairs)
  const headKeys = new Set(headItems.map((i) => i.key))
  const baseView = (headPath: string) => base.views.get(pairs.get(headPath) ?? '')
  // base results the head no longer has, by variant: a head result of the same rule and setting replaces one
  const goneByVariant = new Map<string, [string, Keyed]>()
  for (const [key, it] of baseByKey) if (!headKeys.has(key)) goneByVariant.set(variantKey(key, it), [key, it])
  const replaced = new Set<string>()

  const touched = (it: Keyed): boolean => diff.changed.has(it.raw.loc.path) || it.entry.chain.some((p) => diff.changed.has(p))
  const out: Compared[] = []
  for (const it of headItems) {
    const before = baseByKey.get(it.key)
    if (before) {
      if (severityOf(it) !== severityOf(before)) out.push({ ...it, state: 'updated' })
      // held only where some variable pointed away (Heroku's DEBUG = False); now wherever production runs
      // (by a change to the settings: a deployment that stops loading the module is no regression of it)
      else if (before.raw.reach === 'some' && it.raw.reach === 'all' && touched(it)) out.push({ ...it, state: 'updated', extraNotes: ['Before this change it held only in some of the environments production can run with; now it holds in all of them.'] })
      else if (touched(it)) out.push({ ...it, state: 'unchanged' })
      continue
    }
    const headView = head.views.get(it.entry.path)
    const supplied = headView && suppliedPreconditions(it, headView, baseView(it.entry.path))
    if (supplied && headView) {
      out.push({ ...it, state: 'unchanged', extraNotes: [takesEffectNote(it, supplied, headView)] })
      continue
    }
    const variantOf = goneByVariant.get(variantKey(it.key, it))
    if (variantOf) {
      // the same rule about the same setting, said another way (DEBUG = True → a bool() trap): not new
      // a less severe variant (a placeholder key replaced by an empty one) is no regression
      replaced.add(variantOf[0])
      // so is one that holds only when the environment says "off" (the bool() trap) replacing one production has as deployed
      const milder = severityRank(severityOf(it)) < severityRank(severityOf(variantOf[1])) || (onlyWhenSaidOff(it) && !onlyWhenSaidOff(variantOf[1]))
      out.push({ ...it, state: milder ? 'unchanged' : 'updated', ...relocate(it, baseView(it.entry.path), diff), extraNotes: [`Before this change: ${variantOf[1].raw.message}`] })
      continue
    }
    out.push({ ...it, state: 'new', ...relocate(it, baseView(it.entry.path), diff) })
  }
  const headPathOfBase = new Map([...pairs].map(([h, b]) => [b, h]))
  const silencedBy = new Map<string, Keyed[]>()
  for (const [key, it] of baseByKey) {
    if (headKeys.has(key) || replaced.has(key)) continue
    const headPath = headPathOfBase.get(it.entry.path) ?? it.entry.path
    const taken = removedPreconditions(it, head.views.get(headPath)).find((p) => p.reportedBy)
    const reporter = taken && out.find((o) => o.rule.meta.id === taken.reportedBy?.rule && o.raw.subject === taken.reportedBy.subject && o.entry.path === headPath)
    if (reporter) silencedBy.set(reporter.key, [...(silencedBy.get(reporter.key) ?? []), it])
    else out.push({ ...it, state: 'absent' })
  }
  for (const o of out) {
    const silenced = silencedBy.get(o.key)
    if (silenced) o.extraNotes = [...(o.extraNotes ?? []), silencedNote(silenced)]
  }
  return out
}
