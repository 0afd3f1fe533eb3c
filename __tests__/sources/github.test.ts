import { describe, expect, it } from '@jest/globals'
import { zeroContextHunks } from '../../src/sources/github.js'

describe('zeroContextHunks', () => {
  it('turns a patch with context into the hunks `git diff -U0` gives', () => {
    const patch = ['@@ -1,8 +1,8 @@', ' a', '-b', '+B', ' c', ' d', '-e', '-f', ' g', '+h', ' i'].join('\n')
    expect(zeroContextHunks(patch)).toEqual([
      { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 },
      { oldStart: 5, oldLines: 2, newStart: 4, newLines: 0 },
      { oldStart: 7, oldLines: 0, newStart: 6, newLines: 1 }
    ])
    expect(zeroContextHunks(undefined)).toEqual([])
  })
})
