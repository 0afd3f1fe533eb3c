// review-config-weakened: a table of configuration edits (base file → head file) and what is reported,
// then the rule at work on a real repository through the CLI: the edit does not take effect.
import { describe, expect, it } from '@jest/globals'
import { UsageError } from '../../src/config/config.js'
import { rulesOfChange } from '../../src/config/trusted.js'
import { runCli } from '../../src/cli-run.js'
import { makeRepo } from '../helpers/project.js'

const PATH = '.github/django-security.yml'
/** The whole head file counts as added, as a diff of a rewritten file would say. */
const report = (base: string | undefined, head: string | undefined) =>
  rulesOfChange(PATH, base, head, head ? [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: head.split('\n').length }] : [])

describe('review-config-weakened', () => {
  const cases: [string, string | undefined, string | undefined, null | { severity: string; line: number; message: string }][] = [
    ['no change', 'fail-on: high\n', 'fail-on: high\n', null],
    ['no file on either side', undefined, undefined, null],
    ['stricter fail-on', 'fail-on: high\n', 'fail-on: low\n', { severity: 'low', line: 1, message: 'without weakening it' }],
    ['fail-on never', undefined, 'fail-on: never\n', { severity: 'high', line: 1, message: 'it lowers fail-on from high to never' }],
    ['a rule switched off', 'fail-on: high\n', 'fail-on: high\nrules:\n  debug-enabled: off\n', { severity: 'high', line: 3, message: 'it switches debug-enabled off' }],
    ['a rule lowered', 'rules:\n  hsts-weakened: medium\n', 'rules:\n  hsts-weakened: low\n', { severity: 'high', line: 2, message: 'it lowers hsts-weakened from medium to low' }],
    ['a rule raised', 'rules:\n  hsts-weakened: low\n', 'rules:\n  hsts-weakened: high\n', { severity: 'low', line: 1, message: 'without weakening it' }],
    ['paths ignored', 'ignore-paths: ["legacy/**"]\n', 'ignore-paths: ["legacy/**", "mysite/**"]\n', { severity: 'high', line: 1, message: 'it ignores the paths mysite/**' }],
    ['the file deleted', 'fail-on: low\n', undefined, { severity: 'high', line: 1, message: 'it lowers fail-on from low to high' }],
    ['a file that does not load', 'fail-on: high\n', 'fail-on: sometimes\n', { severity: 'low', line: 1, message: 'the new file does not load (.github/django-security.yml:1: fail-on must be one of' }],
    ['several at once', undefined, 'fail-on: critical\nrules:\n  debug-enabled: off\n  secret-key-hardcoded: false\n', { severity: 'high', line: 3, message: 'it switches debug-enabled off, switches secret-key-hardcoded off, lowers fail-on from high to critical' }],
    ['a dependency rule lowered from its own severity', undefined, 'rules:\n  django-unsupported-version: low\n', { severity: 'high', line: 2, message: 'it lowers django-unsupported-version from medium to low' }],
    ['django-version set', 'fail-on: high\n', 'fail-on: high\ndjango-version: "2.0"\n', { severity: 'high', line: 2, message: 'it sets django-version to 2.0 (from the pinned version), which changes the defaults settings are judged by' }],
    ['switched off by the base itself', 'rules:\n  review-config-weakened: off\n', 'fail-on: never\nrules:\n  review-config-weakened: off\n', null]
  ]
  it.each(cases)('%s', (_name, base, head, expected) => {
    const { findings } = report(base, head)
    const want = expected ? [{ severity: expected.severity, line: expected.line, message: expected.message }] : []
    expect(findings.map((f) => ({ severity: f.severity, line: f.line, message: f.message.includes(want[0]?.message ?? '') ? want[0]?.message : f.message }))).toEqual(want)
  })

  it('reviews with the base configuration, whatever the head says', () => {
    expect(report('fail-on: low\nrules:\n  debug-enabled: medium\n', 'fail-on: never\nrules:\n  debug-enabled: off\n').config).toEqual({ failOn: 'low', rules: { 'debug-enabled': 'medium' }, ignorePaths: [] })
    expect(report(undefined, 'fail-on: never\n').config).toEqual({ rules: {}, ignorePaths: [] })
  })

  it('a base configuration that does not load is an error: the trusted side is broken', () => {
    expect(() => report('fail-on: sometimes\n', 'fail-on: high\n')).toThrow(UsageError)
  })

  it('diff: a pull request that sets fail-on never and switches DEBUG checks off still fails, and says why', async () => {
    const repo = await makeRepo()
    try {
      const base = await repo.commit({ 'mysite/settings.py': 'DEBUG = False\n' })
      await repo.commit({ 'mysite/settings.py': 'DEBUG = True\n', [PATH]: 'fail-on: never\nrules:\n  debug-enabled: off\n' })
      let stdout = ''
      const code = await runCli(['diff', '--repo', repo.dir, '--base', base, '--format', 'json'], { stdout: (s) => (stdout += s), stderr: (s) => (stdout += s), isTTY: false, cwd: repo.dir })
      const findings = (JSON.parse(stdout) as { findings: { ruleId: string; severity: string; path: string; line: number; baselineState: string }[] }).findings
      expect(findings.filter((f) => f.baselineState === 'new').map((f) => `${f.ruleId}@${f.path}:${f.line} ${f.severity} ${f.baselineState}`)).toEqual(['debug-enabled@mysite/settings.py:1 critical new', `review-config-weakened@${PATH}:3 high new`])
      expect(code).toBe(1)
    } finally {
      repo.cleanup()
    }
  })
})
