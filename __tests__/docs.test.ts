import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { rulePage } from '../src/rules/docs.js'
import { RULE_METAS } from '../src/rules/catalog.js'

const root = new URL('..', import.meta.url).pathname

describe('rule docs', () => {
  it('docs/rules/ is generated from the rules (run `npm run docs` when this fails)', () => {
    expect(readdirSync(`${root}docs/rules`).sort()).toEqual(RULE_METAS.map((m) => `${m.id}.md`).sort())
    for (const meta of RULE_METAS) expect(readFileSync(`${root}docs/rules/${meta.id}.md`, 'utf8')).toBe(rulePage(meta))
  })

  it('every rule has complete docs and a unique kebab-case id', () => {
    const ids = RULE_METAS.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const meta of RULE_METAS) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      for (const part of [meta.title, meta.docs.what, meta.docs.why, meta.docs.bad, meta.docs.fix]) expect(part.length).toBeGreaterThan(10)
      for (const id of meta.django) expect(id).toMatch(/^security\.[WE]\d{3}$/)
    }
  })

  it('the README lists every rule', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    for (const meta of RULE_METAS) expect(readme).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`)
  })
})
