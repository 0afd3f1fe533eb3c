// One tester for the tree rules (code and deploy rules): tables of trees a scan must leave silent or
// report, and changes (base → head, committed to a real git repository) a diff must leave silent or
// report, all through the real parser and the whole review pipeline.
import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import type { TreeRule } from '../../src/rules/types.js'
import { diffFiles, scanFiles, type Files } from './project.js'

export interface Expected {
  path: string
  line: number
  severity?: string
  /** Substrings the message must contain. */
  message?: string[]
  /** Substrings the fix must contain. */
  fix?: string[]
}

export interface ScanCase {
  name: string
  files: Files
}

export interface DiffCase {
  name: string
  base: Files
  head: Record<string, string | null>
}

export interface TreeCases {
  valid?: ScanCase[]
  invalid?: (ScanCase & { findings: Expected[] })[]
  diffValid?: DiffCase[]
  diffInvalid?: (DiffCase & { findings: Expected[] })[]
}

// what a rule finds, including what a scan would set aside in its coverage line
const config = { ...defaultConfig(), includeTests: true }

function check(got: { path: string; line: number; severity: string; message: string; fix?: { description: string } }[], expected: Expected[]): void {
  expect(got.map((f) => `${f.path}:${f.line}`)).toEqual(expected.map((e) => `${e.path}:${e.line}`))
  expected.forEach((e, i) => {
    if (e.severity !== undefined) expect(got[i].severity).toBe(e.severity)
    for (const part of e.message ?? []) expect(got[i].message).toContain(part)
    for (const part of e.fix ?? []) expect(got[i].fix?.description).toContain(part)
  })
}

export function treeRuleTester(rule: TreeRule, cases: TreeCases): void {
  const id = rule.meta.id
  describe(id, () => {
    for (const c of cases.valid ?? [])
      it(`scan, silent: ${c.name}`, async () => {
        const r = await scanFiles(c.files, config)
        expect(r.findings.filter((f) => f.ruleId === id).map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([])
      })
    for (const c of cases.invalid ?? [])
      it(`scan, reported: ${c.name}`, async () => {
        const r = await scanFiles(c.files, config)
        check(r.findings.filter((f) => f.ruleId === id), c.findings)
      })
    for (const c of cases.diffValid ?? [])
      it(`diff, silent: ${c.name}`, async () => {
        const r = await diffFiles(c.base, c.head, config)
        expect(r.findings.filter((f) => f.ruleId === id).map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([])
      })
    for (const c of cases.diffInvalid ?? [])
      it(`diff, reported: ${c.name}`, async () => {
        const r = await diffFiles(c.base, c.head, config)
        const got = r.findings.filter((f) => f.ruleId === id)
        check(got, c.findings)
        for (const f of got) expect(f.baselineState).toBe('new')
      })
  })
}
