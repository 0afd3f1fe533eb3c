// The line index reads one line the way splitting on /\r?\n/ would, and is built once per file.
import { describe, expect, it } from '@jest/globals'
import { LineIndex, linesOf } from '../src/lines.js'
import { MapFileSet } from '../src/sources/changeset.js'

describe('LineIndex', () => {
  it('agrees with splitting the text on line breaks', () => {
    for (const text of ['', 'a', 'a\n', 'a\r\nb\r\n', '\n\nc', 'one\ntwo\r\nthree', 'x\r', 'x\ry\n', '\r\n']) {
      const lines = text.split(/\r?\n/)
      const index = new LineIndex(text)
      expect(index.count).toBe(lines.length)
      for (let n = 0; n <= lines.length + 1; n++) expect([text, n, index.line(n)]).toEqual([text, n, lines[n - 1]])
    }
  })

  it('is built once per file of a file set', () => {
    let reads = 0
    const files = new MapFileSet(new Map([['a.py', 'A = 1\nB = 2\n']]))
    const counting = { paths: files.paths, read: (p: string) => (reads++, files.read(p)) }
    for (let i = 0; i < 1000; i++) expect(linesOf(counting, 'a.py')?.line(2)).toBe('B = 2')
    expect(linesOf(counting, 'missing.py')).toBeUndefined()
    expect(reads).toBe(2)
  })
})
