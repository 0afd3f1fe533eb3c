// Which findings fail the run, and a one-line count of what was found.
import type { FailOn } from '../config/config.js'
import { SEVERITIES, severityRank, type Finding } from '../findings.js'

/** Findings that count against `fail-on`: in a diff only what the change made worse. */
export function failing(findings: Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return []
  const threshold = severityRank(failOn)
  return findings.filter((f) => severityRank(f.severity) >= threshold && (f.baselineState === undefined || f.baselineState === 'new' || f.baselineState === 'updated'))
}

export function summaryLine(findings: Finding[], mode: 'scan' | 'diff'): string {
  const open = findings.filter((f) => f.baselineState !== 'absent')
  const bySeverity = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0)
  const counts = bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')
  if (mode === 'scan') return open.length ? `${open.length} finding${open.length === 1 ? '' : 's'} (${counts})` : 'no findings'
  const n = (state: string): number => findings.filter((f) => f.baselineState === state).length
  const parts = [`${n('new')} new`, `${n('updated')} updated`, `${n('unchanged')} unchanged`, `${n('absent')} fixed`]
  return `${parts.join(', ')}${counts ? ` (${counts})` : ''}`
}
