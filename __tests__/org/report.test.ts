import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import type { Finding } from '../../src/findings.js'
import { makeClient } from '../../src/github/client.js'
import { orgOutcome, syncTrackingIssues } from '../../src/org/report.js'
import type { RepositoryReport } from '../../src/org/reports.js'

const f = (severity: Finding['severity'], ruleId: string): Finding => ({ ruleId, severity, path: 'settings.py', line: 1, endLine: 1, message: `${ruleId} message`, fingerprint: ruleId, affected: [], notes: [] })
const scanned = (repository: string, findings: Finding[]): RepositoryReport => ({ repository, scanned: true, findings, summary: `${findings.length} findings`, failed: false })

describe('orgOutcome', () => {
  const reports = [scanned('acme/a', [f('medium', 'm')]), scanned('acme/b', [f('high', 'h')]), { repository: 'acme/c', scanned: false as const, why: 'clone failed' }]
  it('fails on findings at fail-on and on repositories not scanned, unless fail-on is never', () => {
    expect(orgOutcome(reports, 'high')).toEqual({ failed: true, line: 'Fails at fail-on high: 1 repository has findings at or above high (acme/b); 1 could not be scanned (acme/c).' })
    expect(orgOutcome(reports.slice(0, 1), 'high')).toEqual({ failed: false, line: 'Passes at fail-on high.' })
    expect(orgOutcome(reports, 'never')).toEqual({ failed: false, line: 'fail-on never: the report does not fail (1 not scanned).' })
  })
})

describe('syncTrackingIssues', () => {
  let api: FakeGitHub
  beforeAll(async () => {
    api = await new FakeGitHub().start()
    process.env.GITHUB_API_URL = api.url
    process.env.GITHUB_GRAPHQL_URL = `${api.url}/graphql`
    api.users.set('t', { login: 'acme-security[bot]', id: 7, type: 'Bot' })
    api.orgs.set('acme', [{ name: 'a', files: {} }, { name: 'b', files: {} }, { name: 'c', files: {} }, { name: 'locked', files: {} }])
  })
  afterAll(async () => {
    delete process.env.GITHUB_API_URL
    delete process.env.GITHUB_GRAPHQL_URL
    await api.close()
  })

  it('opens one issue per repository with findings at medium or above, updates it, closes it when clean, and leaves it when not scanned', async () => {
    const octokit = makeClient('t', () => undefined)
    // someone's issue that quotes the marker is not ours
    api.issues.push({ number: 1, title: 'copied', body: '<!-- django-security-review:tracking -->', state: 'open', state_reason: null, labels: [], user: { login: 'octocat', id: 1, type: 'User' }, repository: 'acme/a' })
    const first = await syncTrackingIssues(octokit, [scanned('acme/a', [f('high', 'allowed-hosts-wildcard'), f('low', 'low-one')]), scanned('acme/b', [f('low', 'low-only')]), scanned('acme/c', [f('critical', 'debug-enabled')])], 'https://github.com/acme/sec/actions/runs/1')
    const ours = () => api.issues.filter((i) => i.user.login === 'acme-security[bot]').map((i) => `${i.repository} ${i.state} ${i.title}`)
    expect(ours()).toEqual(['acme/a open Django security review: 1 finding', 'acme/c open Django security review: 1 finding'])
    expect(first).toEqual([expect.stringMatching(/^acme\/a: Tracking issue #\d+ opened\.$/), 'acme/b: Tracking issue: nothing to report, none open.', expect.stringMatching(/^acme\/c: Tracking issue #\d+ opened\.$/)])
    const issueA = api.issues.find((i) => i.repository === 'acme/a' && i.number !== 1)
    expect(issueA?.body).toContain('`allowed-hosts-wildcard`')
    expect(issueA?.body).not.toContain('low-one')

    api.failures.set('issues/list-for-repo', { status: 403, times: 1 })
    const second = await syncTrackingIssues(octokit, [scanned('acme/locked', [f('high', 'x')]), scanned('acme/a', [f('high', 'allowed-hosts-wildcard'), f('medium', 'hsts-weakened')]), scanned('acme/c', []), { repository: 'acme/b', scanned: false, why: 'clone failed' }], 'https://github.com/acme/sec/actions/runs/2')
    expect(second).toEqual([
      'acme/locked: the tracking issue could not be written (403): give the job `issues: write` and make sure the repository has issues enabled',
      expect.stringMatching(/^acme\/a: Tracking issue #\d+ updated\.$/),
      expect.stringMatching(/^acme\/c: Tracking issue #\d+ closed: the scan is clean\.$/)
    ])
    expect(ours()).toEqual(['acme/a open Django security review: 2 findings', 'acme/c closed Django security review: 1 finding'])
    expect(api.issues.find((i) => i.number === 1)?.body).toBe('<!-- django-security-review:tracking -->')
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })
})
