// lineAt reads one line the way splitting on /\r?\n/ would.
import { describe, expect, it } from '@jest/globals'
import { lineAt } from '../src/lines.js'

describe('lineAt', () => {
  it('agrees with splitting the text on line breaks', () => {
    for (const text of ['', 'a', 'a\n', 'a\r\nb\r\n', '\n\nc', 'one\ntwo\r\nthree', 'x\r', 'x\ry\n']) {
      const lines = text.split(/\r?\n/)
      for (let n = 0; n <= lines.length + 1; n++) expect([text, n, lineAt(text, n)]).toEqual([text, n, lines[n - 1]])
    }
  })
})
