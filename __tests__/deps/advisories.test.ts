// The bundled advisory data: it parses, names its source and date, and answers for known releases.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { ADVISORY_DATA, STALE_AFTER_DAYS, advisoriesFor, dataAgeDays, firstFixed } from '../../src/deps/advisories.js'
import { compactAdvisories, intervals } from '../../src/deps/osv.js'
import { NEWEST_SERIES, pastSupport } from '../../src/deps/support.js'

describe('bundled advisory data', () => {
  it('parses and names its source, commit and date', () => {
    expect(ADVISORY_DATA.source).toContain('pypa/advisory-database')
    expect(ADVISORY_DATA.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(Number.isNaN(Date.parse(ADVISORY_DATA.date))).toBe(false)
    expect(ADVISORY_DATA.date.slice(0, 10)).toBe('2024-10-10')
    expect(ADVISORY_DATA.advisories.length).toBeGreaterThan(100)
    for (const a of ADVISORY_DATA.advisories) {
      expect(a.id).toMatch(/^(PYSEC|GHSA|CVE)-/)
      expect(a.ranges.length).toBeGreaterThan(0)
    }
  })

  it('knows the advisories of well-known releases and their fixes', () => {
    const a = advisoriesFor('3.2.4')
    // CVE-2021-33203 (admindocs directory traversal) was fixed in 3.2.4; CVE-2021-35042 (QuerySet.order_by SQL injection) in 3.2.5
    expect(a.map((x) => x.advisory.aliases).flat()).toContain('CVE-2021-35042')
    expect(a.map((x) => x.advisory.aliases).flat()).not.toContain('CVE-2021-33203')
    expect(firstFixed('3.2.4', a)).toEqual({ release: '3.2.25', inSeries: true })
    expect(advisoriesFor('4.2.16')).toEqual([])
    expect(advisoriesFor('4.2.15').map((x) => x.advisory.aliases).flat()).toContain('CVE-2024-45230')
  })

  it('is what scripts/build-advisories.ts makes of the shared OSV file (no hand edits)', () => {
    const source = new URL('../../../shared/data/django-advisories.osv.json', import.meta.url).pathname
    if (!existsSync(source)) {
      console.log(`skipped: ${source} is not here to rebuild the data from`)
      return
    }
    const doc = JSON.parse(readFileSync(source, 'utf8')) as { commit: string; date: string; advisories: Parameters<typeof compactAdvisories>[0] }
    expect({ commit: ADVISORY_DATA.commit, date: ADVISORY_DATA.date }).toEqual({ commit: doc.commit, date: doc.date })
    expect(ADVISORY_DATA.advisories).toEqual(compactAdvisories(doc.advisories))
  })

  it('says how old it is', () => {
    expect(dataAgeDays(new Date('2024-10-20T00:00:00Z'))).toBe(9)
    expect(dataAgeDays(new Date('2025-06-01T00:00:00Z'))).toBeGreaterThan(STALE_AFTER_DAYS)
  })
})

describe('OSV records made compact', () => {
  it('evaluates events in version order, whatever order they are written in', () => {
    expect(intervals([{ introduced: '5.0' }, { fixed: '5.0.8' }, { introduced: '4.2' }, { fixed: '4.2.15' }, { introduced: '0' }, { fixed: '3.2.25' }])).toEqual([
      { introduced: '0', fixed: '3.2.25' },
      { introduced: '4.2', fixed: '4.2.15' },
      { introduced: '5.0', fixed: '5.0.8' }
    ])
    expect(intervals([{ introduced: '1.0' }, { last_affected: '1.2' }, { introduced: '2.0' }])).toEqual([{ introduced: '1.0', lastAffected: '1.2' }, { introduced: '2.0' }])
  })

  it('keeps django ECOSYSTEM ranges, drops withdrawn records and other packages', () => {
    const out = compactAdvisories([
      { id: 'PYSEC-1', aliases: ['CVE-1'], details: 'First sentence. Second.', published: '2024-01-02T00:00:00Z', affected: [{ package: { name: 'Django', ecosystem: 'PyPI' }, ranges: [{ type: 'GIT', events: [{ introduced: 'abc' }] }, { type: 'ECOSYSTEM', events: [{ introduced: '4.2' }, { fixed: '4.2.9' }] }] }] },
      { id: 'PYSEC-2', withdrawn: '2024-01-01', affected: [{ package: { name: 'django', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] },
      { id: 'PYSEC-3', affected: [{ package: { name: 'django-cms', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] }
    ])
    expect(out).toEqual([{ id: 'PYSEC-1', aliases: ['CVE-1'], published: '2024-01-02', summary: 'First sentence.', ranges: [{ introduced: '4.2', fixed: '4.2.9' }] }])
  })
})

describe('support table', () => {
  it('knows when series ended, to the end of the month named', () => {
    expect(pastSupport('3.2', new Date('2024-04-30T12:00:00Z')).past).toBe(false)
    expect(pastSupport('3.2', new Date('2024-05-01T00:00:00Z'))).toEqual({ past: true, endOfSupport: '2024-04' })
    expect(pastSupport('1.4', new Date('2020-01-01')).past).toBe(true)
    expect(pastSupport('9.0', new Date('2030-01-01')).past).toBe(false)
    expect(NEWEST_SERIES).toBe('6.0')
  })
})
