import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readReports } from '../../src/org/reports.js'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function artifact(name: string, files: Record<string, unknown>): void {
  mkdirSync(join(dir, name), { recursive: true })
  for (const [f, v] of Object.entries(files)) writeFileSync(join(dir, name, f), typeof v === 'string' ? v : JSON.stringify(v))
}
const finding = { ruleId: 'debug-enabled', severity: 'critical', path: 'settings.py', line: 3, endLine: 3, message: 'DEBUG', fingerprint: 'f', affected: [], notes: [] }
const scanJson = (findings: unknown[]) => ({ tool: 'django-security-review', version: '0.1.0', mode: 'scan', summary: `${findings.length} findings`, failed: findings.length > 0, findings, notices: [], suppressed: [] })

describe('readReports', () => {
  it('reads each artifact folder, whatever happened to its repository, and names the expected ones without a report', () => {
    dir = mkdtempSync(join(tmpdir(), 'dsr-reports-'))
    artifact('django-security-acme__a', { 'repository.json': { repository: 'acme/a', status: 'scanned', commit: 'c'.repeat(40), message: '' }, 'scan.json': scanJson([finding]) })
    artifact('django-security-acme__b', { 'repository.json': { repository: 'acme/b', status: 'clone-failed', commit: '', message: 'no access' } })
    artifact('django-security-acme__c', { 'repository.json': { repository: 'acme/c', status: 'scan-failed', commit: '', message: '' } })
    artifact('django-security-acme__d', { 'repository.json': { repository: 'acme/d', status: 'scanned' } })
    artifact('django-security-acme__e', { 'repository.json': { repository: 'acme/e', status: 'scanned' }, 'scan.json': '{"tool": "other", "findings": []}' })
    artifact('django-security-acme__f', { 'repository.json': { repository: 'acme/f', status: 'scanned' }, 'scan.json': '{ not json' })
    artifact('nested/deeper/django-security-acme__g', { 'repository.json': { repository: 'acme/g', status: 'scanned' }, 'scan.json': scanJson([]) })
    artifact('django-security-org-matrix', { 'matrix.json': { chunks: [] } })
    artifact('junk', { 'repository.json': { repository: '../../etc', status: 'scanned' } })
    const reports = readReports(dir, ['acme/a', 'acme/h'])
    expect(reports.map((r) => (r.scanned ? `${r.repository}: ${r.findings.length} finding(s), ${r.summary}` : `${r.repository}: ${r.why}`))).toEqual([
      'acme/a: 1 finding(s), 1 findings',
      'acme/b: the clone failed: no access',
      'acme/c: the scan failed',
      'acme/d: the scan left no scan.json',
      'acme/e: scan.json is not a django-security-review JSON report',
      expect.stringMatching(/^acme\/f: scan.json cannot be read \(/),
      'acme/g: 0 finding(s), 0 findings',
      'acme/h: no report: the scan job did not finish (cancelled, timed out or never started)'
    ])
  })
})
