// The organisation report: one table row per repository — critical, high and medium counts of its
// open findings and the oldest of them — and the repositories that could not be scanned. Only counts,
// rule ids, paths and dates: no message, so nothing a finding quotes reaches it.
import { severityRank, type Finding, type Severity } from '../findings.js'
import { fit } from '../report/markdown.js'
import type { RepositoryReport } from './reports.js'

export const COUNTED: Severity[] = ['critical', 'high', 'medium']
/** GitHub's limit on one step's job summary is 1 MiB. */
const JOB_SUMMARY_LIMIT = 1024 * 1024

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** The open findings the table counts: critical, high and medium, not those a baseline calls fixed. */
export function counted(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.baselineState !== 'absent' && COUNTED.includes(f.severity))
}

/** The counted finding that has been there longest (by `since`), if any has a date. */
export function oldest(findings: Finding[]): Finding | undefined {
  const dated = counted(findings).filter((f) => f.since !== undefined && !Number.isNaN(Date.parse(f.since.date)))
  // the same day: the worst of them
  return dated.sort((a, b) => Date.parse(a.since?.date ?? '') - Date.parse(b.since?.date ?? '') || severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId))[0]
}

function oldestCell(findings: Finding[]): string {
  if (!counted(findings).length) return '—'
  const f = oldest(findings)
  if (!f?.since) return 'n/a (no finding could be dated)'
  return `${f.since.date.slice(0, 10)} · \`${cell(f.ruleId)}\` · \`${cell(`${f.path}:${f.line}`)}\``
}

export interface OrgSummaryInput {
  title: string
  reports: RepositoryReport[]
  /** https://github.com (GITHUB_SERVER_URL), for links to the repositories. */
  serverUrl: string
  /** Extra lines: the tracking issues written, the fail-on outcome. */
  notes: string[]
}

export function orgSummary(s: OrgSummaryInput): string {
  const scanned = s.reports.filter((r) => r.scanned)
  const failed = s.reports.filter((r) => !r.scanned)
  const total = (sev: Severity): number => scanned.reduce((n, r) => n + counted(r.findings).filter((f) => f.severity === sev).length, 0)
  const rows = scanned
    .map((r) => ({ r, n: COUNTED.map((sev) => counted(r.findings).filter((f) => f.severity === sev).length) }))
    // the worst first: most critical, then high, then medium; then by name
    .sort((a, b) => b.n[0] - a.n[0] || b.n[1] - a.n[1] || b.n[2] - a.n[2] || a.r.repository.localeCompare(b.r.repository))
  const link = (name: string): string => `[${cell(name)}](${s.serverUrl}/${name})`
  const lines = [
    `## ${s.title}`,
    '',
    `${s.reports.length} repositor${s.reports.length === 1 ? 'y' : 'ies'}: ${scanned.length} scanned${failed.length ? `, **${failed.length} could not be scanned**` : ''}. Open findings: ${COUNTED.map((sev) => `${total(sev)} ${sev}`).join(', ')}.`,
    ''
  ]
  if (rows.length) {
    lines.push('| Repository | Critical | High | Medium | Oldest open finding |', '|---|---:|---:|---:|---|')
    for (const { r, n } of rows) if (r.scanned) lines.push(`| ${link(r.repository)} | ${n.join(' | ')} | ${oldestCell(r.findings)} |`)
    lines.push('', 'Oldest open finding: when its line was last changed (git blame), or for a secret in the history, the commit that first added it. Low findings are in each repository\'s code scanning alerts.', '')
  }
  if (failed.length) {
    lines.push('### Not scanned', '', '| Repository | Why |', '|---|---|')
    for (const r of failed) if (!r.scanned) lines.push(`| ${link(r.repository)} | ${cell(r.why)} |`)
    lines.push('')
  }
  if (s.notes.length) lines.push(...s.notes, '')
  return fit(lines, JOB_SUMMARY_LIMIT, (x) => Buffer.byteLength(x), 'each repository\'s artifact holds its full report') + '\n'
}
