// What the merged organisation report decides: whether the run fails, and the tracking issues.
import type { FailOn } from '../config/config.js'
import { severityRank, type Finding } from '../findings.js'
import { httpStatus, type GitHub } from '../github/client.js'
import { syncTrackingIssue } from '../action/tracking-issue.js'
import { whoAmI } from '../action/identity.js'
import { failing } from '../report/outcome.js'
import type { RepositoryReport } from './reports.js'

/** Tracking issues list what comments would: findings at or above medium (the configuration's `report` default). */
const ISSUE_SEVERITY = 'medium'

export function orgOutcome(reports: RepositoryReport[], failOn: FailOn): { failed: boolean; line: string } {
  const over = reports.filter((r) => r.scanned && failing(r.findings, failOn).length > 0).map((r) => r.repository)
  const unscanned = reports.filter((r) => !r.scanned).map((r) => r.repository)
  if (failOn === 'never') return { failed: false, line: `fail-on never: the report does not fail${unscanned.length ? ` (${unscanned.length} not scanned)` : ''}.` }
  const parts = [over.length ? `${over.length} repositor${over.length === 1 ? 'y has' : 'ies have'} findings at or above ${failOn} (${over.join(', ')})` : '', unscanned.length ? `${unscanned.length} could not be scanned (${unscanned.join(', ')})` : ''].filter(Boolean)
  return parts.length ? { failed: true, line: `Fails at fail-on ${failOn}: ${parts.join('; ')}.` } : { failed: false, line: `Passes at fail-on ${failOn}.` }
}

/**
 * One tracking issue per scanned repository, as a scheduled scan of the repository itself keeps:
 * opened or updated while findings remain, closed by a clean scan. A repository that could not be
 * scanned keeps its issue as it is: no scan is not a clean scan.
 */
export async function syncTrackingIssues(octokit: GitHub, reports: RepositoryReport[], runUrl: string): Promise<string[]> {
  const identity = await whoAmI(octokit)
  const notes: string[] = []
  for (const r of reports) {
    if (!r.scanned) continue
    const [owner, repo] = r.repository.split('/')
    const open = r.findings.filter((f: Finding) => f.baselineState !== 'absent' && severityRank(f.severity) >= severityRank(ISSUE_SEVERITY))
    try {
      const t = await syncTrackingIssue({ octokit, repo: { owner, repo }, identity, findings: open, summary: r.summary, runUrl })
      notes.push(`${r.repository}: ${t.note}`)
    } catch (e) {
      notes.push(`${r.repository}: the tracking issue could not be written (${httpStatus(e) ?? (e as Error).message.split('\n')[0]}).`)
    }
  }
  return notes
}
