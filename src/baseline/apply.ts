// A review with a baseline: findings recorded in it are not listed (a finding the baseline holds twice
// is matched twice, a third one is new), and a recorded finding that is gone is said to be fixed.
import type { Finding, Notice } from '../findings.js'
import type { Baseline, BaselineEntry } from './file.js'

export interface BaselineOutcome {
  findings: Finding[]
  notices: Notice[]
  /** Recorded findings no longer found (scan), or that the change fixed (diff). */
  fixed: BaselineEntry[]
  /** Findings not listed because the baseline holds them. */
  matched: number
}

/**
 * `mode` scan: entries no finding matches are fixed. `mode` diff: only the whole tree is not seen, so
 * fixed means a finding the change removes (`absent`) that the baseline holds.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, file: string, mode: 'scan' | 'diff'): BaselineOutcome {
  const left = new Map<string, BaselineEntry[]>()
  for (const e of baseline.entries) left.set(e.fingerprint, [...(left.get(e.fingerprint) ?? []), e])
  const take = (f: Finding): BaselineEntry | undefined => {
    const list = left.get(f.fingerprint)
    const e = list?.shift()
    if (list && !list.length) left.delete(f.fingerprint)
    return e
  }
  const kept: Finding[] = []
  const fixed: BaselineEntry[] = []
  let matched = 0
  // open findings first, so that one the change leaves keeps its entry before a removed twin is counted fixed
  for (const f of findings.filter((x) => x.baselineState !== 'absent')) {
    if (take(f)) matched++
    else kept.push(f)
  }
  for (const f of findings.filter((x) => x.baselineState === 'absent')) {
    const e = take(f)
    if (e) fixed.push(e)
    kept.push(f)
  }
  if (mode === 'scan') fixed.push(...[...left.values()].flat())
  const notices: Notice[] = fixed.map((e) => ({ path: e.path, message: `fixed since the baseline: ${e.rule} (${e.severity}) is gone; run \`django-security-review baseline\` to drop it from ${file}` }))
  if (matched) notices.push({ message: `${matched} finding${matched === 1 ? '' : 's'} recorded in the baseline ${file} not listed` })
  const order = new Map(findings.map((f, i) => [f, i]))
  return { findings: kept.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), notices, fixed, matched }
}
