// Markdown for people on GitHub: inline review comments, the summary comment, the job summary.
// Everything here is built from findings that are already redacted.
import type { Finding, Notice, Severity, SuppressedFinding } from '../findings.js'
import { RULE_METAS } from '../rules/catalog.js'
import { ruleDocsUrl } from '../rules/docs.js'
import type { SettingChange } from '../settings/changes.js'

const ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' }
export const COMMENT_MARKER = 'django-security-review'

/** The hidden marker that identifies our comments and the finding they carry. */
export function findingMarker(f: Finding): string {
  return `<!-- ${COMMENT_MARKER}:finding ${f.fingerprint} -->`
}

const MARKED_FINGERPRINT = new RegExp(`<!-- ${COMMENT_MARKER}:finding ([0-9a-f]+) -->`)

/** The fingerprint a comment's `findingMarker` carries, if it has one. */
export function markedFingerprint(body: string): string | undefined {
  return MARKED_FINGERPRINT.exec(body)?.[1]
}

export const SUMMARY_MARKER = `<!-- ${COMMENT_MARKER}:summary -->`

/** `a` | `b` style escaping for table cells. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function why(ruleId: string): string {
  return RULE_METAS.find((m) => m.id === ruleId)?.docs.why ?? ''
}

/** An inline review comment: severity, rule, what and why, the fix (a suggestion when mechanical), docs. */
export function inlineComment(f: Finding): string {
  const parts = [
    `${ICON[f.severity]} **${f.severity.toUpperCase()}** · \`${f.ruleId}\`${f.djangoCheck ? ` · Django \`${f.djangoCheck}\`` : ''}`,
    '',
    `${f.message} ${firstSentence(why(f.ruleId))}`
  ]
  if (f.fix?.replacement !== undefined && f.line === f.endLine) parts.push('', '```suggestion', f.fix.replacement, '```')
  if (f.fix) parts.push('', `**Fix:** ${f.fix.description}`)
  const affected = f.notes.filter((n) => n.startsWith('Affects ') || n.startsWith('This change removed') || n.startsWith('The value comes from'))
  if (affected.length) parts.push('', affected.join(' '))
  parts.push('', `[Rule documentation](${ruleDocsUrl(f.ruleId)}) · suppress with \`# django-security: ignore[${f.ruleId}] -- reason\``, findingMarker(f))
  return parts.join('\n')
}

function firstSentence(s: string): string {
  const end = s.indexOf('. ')
  return end < 0 ? s : s.slice(0, end + 1)
}

function findingRow(f: Finding, link?: (f: Finding) => string): string {
  const where = link ? `[${f.path}:${f.line}](${link(f)})` : `\`${f.path}:${f.line}\``
  return `| ${ICON[f.severity]} ${f.severity} | \`${f.ruleId}\` | ${where} | ${cell(f.message)} |`
}

export interface SummaryInput {
  findings: Finding[]
  notices: Notice[]
  mode: 'scan' | 'diff'
  failed: boolean
  failOn: string
  /** Findings that could not go inline (outside the diff, over the limit, rejected): listed in full. */
  notInline: Finding[]
  /** Lines about what could not be done (fork, permissions, coverage). */
  coverage: string[]
  /** Effective production settings the change alters. */
  settingChanges?: SettingChange[]
  /** New findings silenced by suppressions the change itself adds. */
  suppressed?: SuppressedFinding[]
  link?: (f: Finding) => string
}

/** The new findings a change silences with suppressions of its own: shown, never hidden. */
function suppressedTable(list: SuppressedFinding[] = []): string[] {
  if (!list.length) return []
  return ['', '### Suppressed by this change', '', 'This change adds these suppressions; each silences a finding it introduces.', '', '| severity | rule | where | reason given |', '|---|---|---|---|', ...list.map(({ finding: f, reason }) => `| ${ICON[f.severity]} ${f.severity} | \`${f.ruleId}\` | \`${f.path}:${f.line}\` | ${cell(reason)} |`)]
}

/** The one summary comment, updated in place on every run. */
export function summaryComment(s: SummaryInput): string {
  const news = s.findings.filter((f) => f.baselineState === 'new' || f.baselineState === 'updated' || (s.mode === 'scan' && f.baselineState === undefined))
  const unchanged = s.findings.filter((f) => f.baselineState === 'unchanged')
  const fixed = s.findings.filter((f) => f.baselineState === 'absent')
  const out = [SUMMARY_MARKER, '## Django security review', '']
  out.push(s.failed ? `**${news.length} finding${news.length === 1 ? '' : 's'} this change introduced** fail${news.length === 1 ? 's' : ''} the check (fail-on: ${s.failOn}).` : news.length ? `${news.length} new finding${news.length === 1 ? '' : 's'}, none at or above fail-on (${s.failOn}).` : 'This change makes nothing less secure.')
  const table = (title: string, list: Finding[]): void => {
    if (!list.length) return
    out.push('', `### ${title}`, '', '| severity | rule | where | what |', '|---|---|---|---|', ...list.map((f) => findingRow(f, s.link)))
  }
  table('New', news)
  out.push(...suppressedTable(s.suppressed))
  if (s.settingChanges?.length) {
    out.push('', '### Production settings this change alters', '', '| module | setting | before | after | the value comes from |', '|---|---|---|---|---|')
    for (const c of s.settingChanges.slice(0, 40)) out.push(`| \`${c.module}\` | \`${c.setting}\` | \`${cell(c.before)}\` | \`${cell(c.after)}\` | ${cell(c.source)} |`)
    if (s.settingChanges.length > 40) out.push('', `_…and ${s.settingChanges.length - 40} more._`)
  }
  table('Still present (not introduced by this change)', unchanged)
  table('Fixed by this change', fixed)
  const notInline = s.notInline.filter((f) => news.includes(f))
  if (notInline.length) out.push('', `<details><summary>${notInline.length} new finding${notInline.length === 1 ? '' : 's'} without an inline comment</summary>`, '', ...notInline.map((f) => `- \`${f.path}:${f.line}\` **${f.ruleId}**: ${f.message}`), '', '</details>')
  const notes = [...s.coverage, ...s.notices.map((n) => `${n.path ? `\`${n.path}${n.line ? `:${n.line}` : ''}\`: ` : ''}${n.message}`)]
  if (notes.length) out.push('', '<details><summary>Coverage notes</summary>', '', ...notes.map((n) => `- ${n}`), '', '</details>')
  return fit(out, COMMENT_LIMIT, characters, 'the job summary and the SARIF file list every finding')
}

/** GitHub refuses comment and issue bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65536
/** GitHub drops a step summary over 1 MiB (bytes, not characters). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024

function findingsTable(findings: Finding[]): string[] {
  if (!findings.length) return []
  return ['| severity | rule | where | state | what |', '|---|---|---|---|---|', ...findings.map((f) => `| ${ICON[f.severity]} ${f.severity} | \`${f.ruleId}\` | \`${f.path}:${f.line}\` | ${f.baselineState ?? ''} | ${cell(f.message)} |`)]
}

/** The job summary (GITHUB_STEP_SUMMARY): always written, whatever the token may do. */
export function jobSummary(findings: Finding[], summary: string, suppressed?: SuppressedFinding[]): string {
  return fit(['## Django security review', '', summary, '', ...findingsTable(findings), ...suppressedTable(suppressed)], JOB_SUMMARY_LIMIT, bytes, 'the SARIF file lists every finding') + '\n'
}

export const TRACKING_MARKER = `<!-- ${COMMENT_MARKER}:tracking -->`

/** The body of the tracking issue a scheduled scan keeps open while findings remain. */
export function trackingIssueBody(findings: Finding[], summary: string, runUrl: string): string {
  const head = [TRACKING_MARKER, '## Django security review', '', summary, '', `Updated by [this run](${runUrl}). This issue is closed by the first scan that finds nothing.`, '']
  return fit([...head, ...findingsTable(findings)], COMMENT_LIMIT, characters, `the run's job summary and SARIF file list every finding`)
}

const characters = (s: string): number => s.length
const bytes = (s: string): number => Buffer.byteLength(s)

/**
 * Joins the lines, dropping whole lines from the end (never half a table row or a cut
 * multi-byte character) so the text stays within `max` as GitHub measures it.
 */
export function fit(lines: string[], max: number, measure: (s: string) => number, elsewhere: string): string {
  const text = lines.join('\n')
  if (measure(text) <= max) return text
  const note = (dropped: number) => `\n\n_(${dropped} more line${dropped === 1 ? '' : 's'} did not fit; ${elsewhere})_`
  const budget = max - measure(note(lines.length))
  let size = 0
  let kept = 0
  while (kept < lines.length && size + measure(lines[kept]) + 1 <= budget) size += measure(lines[kept++]) + 1
  return lines.slice(0, kept).join('\n') + note(lines.length - kept)
}
