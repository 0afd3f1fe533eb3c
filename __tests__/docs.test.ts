import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { rulePage } from '../src/rules/docs.js'
import { RULES } from '../src/rules/index.js'

const root = new URL('..', import.meta.url).pathname

describe('rule docs', () => {
  it('docs/rules/ is generated from the rules (run `npm run docs` when this fails)', () => {
    expect(readdirSync(`${root}docs/rules`).sort()).toEqual(RULES.map((r) => `${r.meta.id}.md`).sort())
    for (const rule of RULES) expect(readFileSync(`${root}docs/rules/${rule.meta.id}.md`, 'utf8')).toBe(rulePage(rule.meta))
  })

  it('every rule has complete docs and a unique kebab-case id', () => {
    const ids = RULES.map((r) => r.meta.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      for (const part of [meta.title, meta.docs.what, meta.docs.why, meta.docs.bad, meta.docs.fix]) expect(part.length).toBeGreaterThan(10)
      for (const id of meta.django) expect(id).toMatch(/^security\.[WE]\d{3}$/)
    }
  })

  it('the README lists every rule', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    for (const { meta } of RULES) expect(readme).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`)
  })
})
