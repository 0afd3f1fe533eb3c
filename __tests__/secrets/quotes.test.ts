// String literals of one line: values, prefixes, escapes and where each decoded character is written.
import { describe, expect, it } from '@jest/globals'
import { quotedStrings, rawColumn, scanQuotes } from '../../src/secrets/quotes.js'

describe('quotedStrings', () => {
  it('reads single, double, backtick and triple quotes, escapes, and Python prefixes', () => {
    const qs = quotedStrings(`a = "x\\"y" + 'z' + \`t\` + rb"raw" + """doc"""`)
    expect(qs.map((q) => q.value)).toEqual(['x"y', 'z', 't', 'raw', 'doc'])
    const raw = qs[3]
    expect([raw.tokenStart, raw.start]).toEqual([raw.start - 2, raw.start])
  })

  it('stops at an unterminated quote instead of rescanning', () => {
    expect(quotedStrings(`ok = "a" and "unterminated`).map((q) => q.value)).toEqual(['a'])
    expect(quotedStrings(`# don't run with debug turned on in production!`)).toEqual([])
  })

  it('does not take an identifier’s last letter for a string prefix', () => {
    const [q] = quotedStrings('x = prefix"value"')
    expect(q.tokenStart).toBe(q.start)
  })
})

describe('raw positions and open quotes', () => {
  it('maps a decoded offset back to the column its raw text starts at', () => {
    const line = `x = "a\\"b\\\\c"`
    const [q] = quotedStrings(line)
    expect(q.value).toBe('a"b\\c')
    expect([0, 1, 2, 3, 4].map((i) => line[rawColumn(q, i)])).toEqual(['a', '\\', 'b', '\\', 'c'])
  })

  it('reports a quote left open at the end of the line, and the string prefix', () => {
    expect(scanQuotes('KEY = r"""abc').open).toEqual({ start: 7, valueStart: 10, quote: '"', triple: true })
    expect(quotedStrings('f"x{y}" rb\'z\'').map((q) => [q.prefix, q.quote])).toEqual([['f', '"'], ['rb', "'"]])
  })
})
