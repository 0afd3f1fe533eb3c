// Size guards of what goes to GitHub: comment and issue bodies are capped at 65,536 characters, the
// job summary at 1 MiB (bytes). Whole lines are dropped, never half a row, and the text says so.
import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/findings.js'
import { COMMENT_LIMIT, fit, JOB_SUMMARY_LIMIT, jobSummary, summaryComment, trackingIssueBody } from '../../src/report/markdown.js'

function finding(i: number): Finding {
  return {
    ruleId: 'hardcoded-credential',
    severity: 'high',
    path: `src/generated/module_${i}.py`,
    line: i + 1,
    endLine: i + 1,
    // non-ASCII, so bytes and characters differ
    message: `Credential « tö****ën » committed in the module number ${i}; rotate it — a deleted secret stays in git history.`,
    fingerprint: i.toString(16),
    baselineState: 'new',
    affected: [],
    notes: []
  }
}

const many = Array.from({ length: 12000 }, (_, i) => finding(i))

describe('size guards', () => {
  it('the job summary stays within 1 MiB of UTF-8 and ends on a whole row with a note', () => {
    const text = jobSummary(many, '12000 new findings')
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT)
    // measured in characters it would have been allowed more rows: the limit is on bytes
    expect(text.length).toBeLessThan(JOB_SUMMARY_LIMIT)
    const lines = text.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^_\(\d+ more lines did not fit; the SARIF file lists every finding\)_$/)
    expect(lines.at(-3)).toMatch(/^\| 🟠 high \| `hardcoded-credential` \| `src\/generated\/module_\d+\.py:\d+` \| new \| .* \|$/)
  })

  it('a small job summary is left whole', () => {
    const text = jobSummary(many.slice(0, 3), '3 new findings')
    expect(text).not.toContain('did not fit')
    expect(text.match(/\| 🟠 high/g)).toHaveLength(3)
  })

  it('the summary comment and the tracking issue stay within 65,536 characters', () => {
    const comment = summaryComment({ findings: many, notices: [], mode: 'diff', failed: true, failOn: 'high', notInline: many, coverage: [] })
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(comment).toMatch(/_\(\d+ more lines did not fit; the job summary and the SARIF file list every finding\)_$/)
    const issue = trackingIssueBody(many, '12000 findings', 'https://github.com/o/r/actions/runs/1')
    expect(issue.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(issue.startsWith('<!-- django-security-review:tracking -->')).toBe(true)
  })

  it('fit keeps everything that fits and counts what it dropped', () => {
    expect(fit(['a', 'b', 'c'], 5, (s) => s.length, 'x')).toBe('a\nb\nc')
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => x.repeat(30))
    const cut = fit([a, b, c, d], 110, (s) => s.length, 'see SARIF')
    expect(cut).toBe(`${a}\n${b}\n\n_(2 more lines did not fit; see SARIF)_`)
    expect(cut.length).toBeLessThanOrEqual(110)
  })
})

describe('suppressions the change adds', () => {
  it('are listed in the summary comment and the job summary, with the reason given', () => {
    const f = { ...finding(1), ruleId: 'debug-enabled', severity: 'critical' as const, path: 'mysite/settings.py', line: 4 }
    const suppressed = [{ finding: f, reason: 'staging | behind a VPN' }]
    const row = '| 🔴 critical | `debug-enabled` | `mysite/settings.py:4` | staging \\| behind a VPN |'
    const comment = summaryComment({ findings: [], notices: [], mode: 'diff', failed: false, failOn: 'high', notInline: [], coverage: [], suppressed })
    expect(comment).toContain('### Suppressed by this change')
    expect(comment).toContain(row)
    expect(jobSummary([], 'summary', suppressed)).toContain(row)
    expect(summaryComment({ findings: [], notices: [], mode: 'diff', failed: false, failOn: 'high', notInline: [], coverage: [] })).not.toContain('Suppressed')
  })
})
