import { describe, expect, it } from '@jest/globals'
import { isChangedLine, isRemovedLine, mapOldLine, parseHunkHeader, type Hunk } from '../../src/diff/hunks.js'

// base: 10 lines. Change: line 3 replaced by two lines (3-4 new), lines 7-8 deleted (new has nothing there).
const hunks: Hunk[] = [parseHunkHeader('@@ -3 +3,2 @@ X = 1')!, parseHunkHeader('@@ -7,2 +7,0 @@')!]

describe('hunks', () => {
  it('parses headers with and without counts', () => {
    expect(hunks).toEqual([
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 2 },
      { oldStart: 7, oldLines: 2, newStart: 7, newLines: 0 }
    ])
    expect(parseHunkHeader('diff --git a/x b/x')).toBeUndefined()
  })

  it('knows which head lines changed and which base lines were removed', () => {
    expect([1, 2, 3, 4, 5].map((l) => isChangedLine(hunks, l))).toEqual([false, false, true, true, false])
    expect([6, 7, 8, 9].map((l) => isRemovedLine(hunks, l))).toEqual([false, true, true, false])
  })

  it('maps base lines to the nearest head line', () => {
    // unchanged lines shift by the net size of earlier hunks
    expect(mapOldLine(hunks, 1)).toBe(1)
    expect(mapOldLine(hunks, 5)).toBe(6)
    expect(mapOldLine(hunks, 10)).toBe(9)
    // a replaced line maps to its replacement, a deleted one to the line before the gap
    expect(mapOldLine(hunks, 3)).toBe(3)
    expect(mapOldLine(hunks, 8)).toBe(7)
  })
})
