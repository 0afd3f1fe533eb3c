// One shared tester for every rule: a table of settings that must stay silent (valid) and settings
// that must produce exactly the listed findings (invalid), run through the real parser and engine.
import { describe, expect, it } from '@jest/globals'
import type { Rule } from '../../src/rules/types.js'
import { defaultConfig } from '../../src/config/config.js'
import { scanFiles, type Files } from './project.js'

export interface ValidCase {
  name: string
  /** The content of a lone `settings.py` (production), or a whole tree. */
  code: string | Files
}

export interface ExpectedFinding {
  line: number
  path?: string
  djangoCheck?: string
  severity?: string
  /** Substrings the message must contain. */
  message?: string[]
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[]
}

export function ruleTester(rule: Pick<Rule, 'meta'>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const files = (code: string | Files): Files => (typeof code === 'string' ? { 'mysite/settings.py': code } : code)
  // what a rule finds, including what a scan would set aside in its coverage line
  const config = { ...defaultConfig(), includeTests: true }
  describe(rule.meta.id, () => {
    for (const c of cases.valid)
      it(`valid: ${c.name}`, async () => {
        const result = await scanFiles(files(c.code), config)
        expect(result.findings.filter((f) => f.ruleId === rule.meta.id).map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([])
      })
    for (const c of cases.invalid)
      it(`invalid: ${c.name}`, async () => {
        const result = await scanFiles(files(c.code), config)
        const got = result.findings.filter((f) => f.ruleId === rule.meta.id)
        expect(got.map((f) => `${f.path}:${f.line}`)).toEqual(c.findings.map((e) => `${e.path ?? 'mysite/settings.py'}:${e.line}`))
        c.findings.forEach((e, i) => {
          if (e.djangoCheck !== undefined) expect(got[i].djangoCheck).toBe(e.djangoCheck)
          if (e.severity !== undefined) expect(got[i].severity).toBe(e.severity)
          for (const part of e.message ?? []) expect(got[i].message).toContain(part)
        })
      })
  })
}
