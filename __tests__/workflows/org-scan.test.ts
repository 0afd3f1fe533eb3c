// The reusable workflows of the organisation-wide scan parse, and hold together: the inputs the
// README documents, list → scan → report, the matrix from fromJSON at each level, and every CLI
// command and flag their scripts use exists. (e2e/org-scan.test.ts runs their scripts.)
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { USAGE } from '../../src/cli-run.js'
import { ORG_FLAGS, ORG_USAGE } from '../../src/org/cli.js'
import { root } from '../helpers/cli.js'

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
  if?: string
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, { type: string; required?: boolean; default?: unknown }>; secrets: Record<string, { required?: boolean }> } }
  permissions: Record<string, string>
  jobs: Record<string, { needs?: string | string[]; if?: string; uses?: string; with?: Record<string, string>; secrets?: Record<string, string>; strategy?: { matrix: unknown; 'fail-fast'?: boolean; 'max-parallel'?: unknown }; steps?: Step[]; outputs?: Record<string, string> }>
}

const read = (name: string): Workflow => parse(readFileSync(join(root, '.github/workflows', name), 'utf8'), { uniqueKeys: true }) as Workflow
const org = read('org-scan.yml')
const chunk = read('org-scan-chunk.yml')

describe('org-scan.yml', () => {
  it('is a reusable workflow with the documented inputs and one required token secret', () => {
    const inputs = org.on.workflow_call.inputs
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['org', 'topic', 'name-filter', 'fail-on', 'tracking-issues']))
    expect(inputs.org).toMatchObject({ type: 'string', required: true })
    expect(inputs['fail-on']).toMatchObject({ type: 'string', default: 'high' })
    expect(inputs['tracking-issues']).toMatchObject({ type: 'boolean', default: false })
    expect(org.on.workflow_call.secrets.token).toMatchObject({ required: true })
    expect(org.permissions).toEqual({ contents: 'read' })
  })

  it('lists, then scans each chunk with the chunk workflow from a fromJSON matrix, then reports whatever the scans did', () => {
    expect(Object.keys(org.jobs)).toEqual(['list', 'scan', 'report'])
    expect(org.jobs.list.outputs).toEqual({ matrix: '${{ steps.list.outputs.matrix }}', chunks: '${{ steps.list.outputs.chunks }}', count: '${{ steps.list.outputs.count }}' })
    const scan = org.jobs.scan
    expect(scan.needs).toBe('list')
    expect(scan.if).toBe("needs.list.outputs.count != '0'")
    expect(scan.strategy).toEqual({ 'fail-fast': false, matrix: { chunk: '${{ fromJSON(needs.list.outputs.chunks) }}' } })
    expect(scan.uses).toBe('./.github/workflows/org-scan-chunk.yml')
    expect(existsSync(join(root, '.github/workflows/org-scan-chunk.yml'))).toBe(true)
    expect(scan.with?.repositories).toBe('${{ toJSON(fromJSON(needs.list.outputs.matrix).chunks[matrix.chunk]) }}')
    expect(scan.secrets).toEqual({ token: '${{ secrets.token }}' })
    // the chunk workflow takes what it is given
    expect(Object.keys(scan.with ?? {}).sort()).toEqual(Object.keys(chunk.on.workflow_call.inputs).sort())
    const report = org.jobs.report
    expect(report.needs).toEqual(['list', 'scan'])
    expect(report.if).toBe("always() && needs.list.result == 'success'")
    expect(report.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with).toEqual({ pattern: 'django-security-*', path: 'reports' })
  })
})

describe('org-scan-chunk.yml', () => {
  it('runs one job per repository of the chunk, each leaving an artifact whatever happened', () => {
    const scan = chunk.jobs.scan
    expect(scan.strategy).toEqual({ 'fail-fast': false, 'max-parallel': '${{ inputs.max-parallel }}', matrix: '${{ fromJSON(inputs.repositories) }}' })
    const steps = scan.steps ?? []
    const clone = steps.find((s) => s.id === 'clone')
    expect(clone?.with).toMatchObject({ repository: '${{ matrix.repository }}', ref: '${{ matrix.ref }}', token: '${{ secrets.token }}', 'fetch-depth': 1 })
    expect(steps.find((s) => s.id === 'history')?.run).toContain('git fetch --unshallow')
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload).toMatchObject({ if: 'always()', with: { name: '${{ matrix.artifact }}', path: 'out/' } })
  })
})

describe('both workflows', () => {
  const all = [org, chunk].flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps ?? []))

  it('pin actions to a major version, and keep expressions out of scripts (values come through env:)', () => {
    for (const s of all.filter((x) => x.uses)) expect(s.uses).toMatch(/^(actions\/(checkout|setup-node|upload-artifact|download-artifact))@v\d+$/)
    for (const s of all.filter((x) => x.run)) expect(s.run).not.toContain('${{')
  })

  it('only use commands and flags the CLI has', () => {
    const usage = `${USAGE}\n${ORG_USAGE}`
    for (const s of all.filter((x) => x.run)) {
      const script = String(s.run)
      for (const [, command] of script.matchAll(/dist\/cli\.js (\S+)/g)) expect(['scan', ...Object.keys(ORG_FLAGS)]).toContain(command)
      // flags of the CLI: on the lines that call it or build its arguments
      const lines = script.split('\n').filter((l) => /dist\/cli\.js|args\+?=\(/.test(l))
      for (const line of lines) for (const [flag] of line.matchAll(/--[a-z][a-z-]+/g)) expect(usage).toContain(flag)
    }
  })
})

describe('the README', () => {
  it('calls org-scan.yml with inputs and secrets it has', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const example = /```yaml\n(# acme\/security: \.github\/workflows\/org-scan\.yml\n[\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const caller = parse(example) as { jobs: { 'org-scan': { uses: string; with: Record<string, unknown>; secrets: Record<string, string> } } }
    const job = caller.jobs['org-scan']
    expect(job.uses).toBe('django-security-review/django-security-review/.github/workflows/org-scan.yml@v0')
    for (const key of Object.keys(job.with)) expect(Object.keys(org.on.workflow_call.inputs)).toContain(key)
    expect(Object.keys(job.secrets)).toEqual(Object.keys(org.on.workflow_call.secrets))
  })
})
