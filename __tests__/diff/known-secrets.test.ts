import { describe, expect, it } from '@jest/globals'
import { BaseTexts, splitKnownSecrets } from '../../src/diff/known-secrets.js'
import { MapFileSet } from '../../src/sources/changeset.js'

const base = new BaseTexts(new MapFileSet(new Map([['a.py', 'X = ("abc"\n     "def")\nY = "ghi" + \\\n    "jkl"\n']])))

describe('BaseTexts', () => {
  it('finds values whole, split over lines, or joined by +', () => {
    expect(base.has('abc')).toBe(true)
    expect(base.has('abcdef')).toBe(true)
    expect(base.has('ghijkl')).toBe(true)
    expect(base.where('abcdef')).toBe('a.py')
    expect(base.has('zzz')).toBe(false)
    expect(base.has('')).toBe(false)
  })
})

describe('splitKnownSecrets', () => {
  it('keeps results without secret values (private keys) and unknown values as added', () => {
    const items: { raw: { secrets: string[]; notes?: string[] } }[] = [{ raw: { secrets: ['abcdef'] } }, { raw: { secrets: [] } }, { raw: { secrets: ['zzz'] } }]
    const { added, known } = splitKnownSecrets(items, base)
    expect(known.map((k) => k.raw.notes)).toEqual([['Not new: the same value was already in a.py before this change.']])
    expect(added).toHaveLength(2)
  })
})
