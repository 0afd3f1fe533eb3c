import { describe, expect, it } from '@jest/globals'
import { addedLines } from '../../src/diff/change-index.js'
import { analysedChange } from './change.js'

describe('ChangeIndex', () => {
  it('knows renames both ways, deletions, and every path touched on either side', async () => {
    const { diff } = await analysedChange(
      { 'app/settings.py': 'DEBUG = False\nSECRET_KEY = "x"\nALLOWED_HOSTS = ["a.example"]\n', 'app/old.py': 'X = 1\n' },
      { 'app/settings.py': null, 'app/conf.py': 'DEBUG = False\nSECRET_KEY = "x"\nALLOWED_HOSTS = ["a.example"]\n', 'app/old.py': null }
    )
    expect(diff.basePath('app/conf.py')).toBe('app/settings.py')
    expect(diff.headPath('app/settings.py')).toBe('app/conf.py')
    expect(diff.headPath('app/unrelated.py')).toBe('app/unrelated.py')
    expect(diff.deleted.has('app/old.py')).toBe(true)
    expect([...diff.changed].sort()).toEqual(['app/conf.py', 'app/old.py', 'app/settings.py'])
  })

  it('quotes base lines (trimmed) and head lines', async () => {
    const { diff } = await analysedChange({ 's.py': 'A = 1\n    B = 2\n' }, { 's.py': 'A = 1\nC = 3\n' })
    expect(diff.baseLine('s.py', 2)).toBe('B = 2')
    expect(diff.baseLine('s.py', 9)).toBe('')
    expect(diff.headLine('s.py', 2)).toBe('C = 3')
    expect(diff.headLine('gone.py', 1)).toBeUndefined()
  })
})

describe('addedLines', () => {
  it('lists the head lines of every hunk, none for a pure deletion', () => {
    const lines = addedLines([
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 2 },
      { oldStart: 7, oldLines: 2, newStart: 8, newLines: 0 }
    ])
    expect([...lines]).toEqual([3, 4])
  })
})
