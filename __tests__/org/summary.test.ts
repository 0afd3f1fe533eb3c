import { describe, expect, it } from '@jest/globals'
import type { Finding, Severity } from '../../src/findings.js'
import { oldest, orgSummary } from '../../src/org/summary.js'
import type { RepositoryReport } from '../../src/org/reports.js'

function f(severity: Severity, ruleId: string, line: number, since?: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, path: 'app/settings.py', line, endLine: line, message: `secret kq****Qe in ${ruleId}`, fingerprint: `${ruleId}${line}`, affected: [], notes: [], ...(since ? { since: { commit: 'a'.repeat(40), date: since } } : {}), ...extra }
}
const scanned = (repository: string, findings: Finding[]): RepositoryReport => ({ repository, scanned: true, findings, summary: '', failed: false })

describe('oldest', () => {
  it('is the earliest dated critical, high or medium finding still open; the worst of a day', () => {
    expect(oldest([f('low', 'a', 1, '2001-01-01'), f('medium', 'b', 2, '2019-05-05'), f('high', 'c', 3, '2020-01-01'), f('critical', 'd', 4)])?.ruleId).toBe('b')
    expect(oldest([f('medium', 'b', 2, '2019-05-05T10:00:00Z'), f('high', 'c', 3, '2019-05-05T10:00:00Z')])?.ruleId).toBe('c')
    expect(oldest([f('high', 'fixed', 1, '2001-01-01', { baselineState: 'absent' }), f('high', 'open', 2, '2020-01-01')])?.ruleId).toBe('open')
    expect(oldest([f('high', 'x', 1)])).toBeUndefined()
  })
})

describe('orgSummary', () => {
  const md = orgSummary({
    title: 'Django security review — organisation',
    serverUrl: 'https://ghe.example.com',
    reports: [
      scanned('acme/quiet', []),
      scanned('acme/lots', [f('high', 'h1', 1, '2022-02-02'), f('high', 'h2', 2), f('medium', 'm', 3, '2021-01-01T00:00:00+00:00'), f('low', 'l', 4, '1999-01-01')]),
      scanned('acme/worst', [f('critical', 'debug-enabled', 9)]),
      { repository: 'acme/gone', scanned: false, why: 'the clone failed | no access' }
    ],
    notes: ['Passes at fail-on never.']
  })

  it('has one row per scanned repository, worst first, with counts and the oldest open finding', () => {
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toEqual([
      '| Repository | Critical | High | Medium | Oldest open finding |',
      '|---|---:|---:|---:|---|',
      '| [acme/worst](https://ghe.example.com/acme/worst) | 1 | 0 | 0 | n/a (no finding could be dated) |',
      '| [acme/lots](https://ghe.example.com/acme/lots) | 0 | 2 | 1 | 2021-01-01 · `m` · `app/settings.py:3` |',
      '| [acme/quiet](https://ghe.example.com/acme/quiet) | 0 | 0 | 0 | — |',
      '| Repository | Why |',
      '|---|---|',
      '| [acme/gone](https://ghe.example.com/acme/gone) | the clone failed \\| no access |'
    ])
    expect(md).toContain('4 repositories: 3 scanned, **1 could not be scanned**. Open findings: 1 critical, 2 high, 1 medium.')
    expect(md).toContain('Passes at fail-on never.')
  })

  it('quotes no finding message', () => {
    expect(md).not.toContain('kq****Qe')
  })
})
