// The byte-pair prefilter must find exactly the lines a case-insensitive search for the trigger
// words finds, and number lines like splitting the decoded text on '\n'.
import { describe, expect, it } from '@jest/globals'
import { TRIGGERS, indexLines } from '../../src/secrets/triggers.js'

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const REFERENCE = new RegExp(TRIGGERS.map((t) => escape(t.word)).join('|'), 'i')

function expected(text: string): { starts: number[]; candidates: number[] } {
  const lines = text.split('\n')
  const starts: number[] = []
  let at = 0
  for (const line of lines) {
    starts.push(at)
    at += Buffer.byteLength(line) + 1
  }
  return { starts, candidates: lines.flatMap((l, i) => (REFERENCE.test(l) ? [i] : [])) }
}

/** Deterministic pseudo-random text made of trigger fragments, their letters in both cases, newlines and non-ASCII. */
function randomText(seed: number, length: number): string {
  let x = seed
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x % n
  }
  const pieces = [...TRIGGERS.map((t) => t.word), ...TRIGGERS.map((t) => t.word.toUpperCase()), 'a', 'k', 'e', 'y', 'S', 'x', '_', '-', ':', '/', '.', ' ', '\n', '\r\n', '\n\n', 'é', '日本', '\u{1F511}', '\0']
  let out = ''
  while (out.length < length) {
    const p = pieces[next(pieces.length)]
    // cut words to make near misses
    out += p.length > 2 && next(3) === 0 ? p.slice(0, 1 + next(p.length - 1)) : p
  }
  return out
}

/** indexLines' result as plain arrays: its starts are a view of a buffer the next call reuses. */
function indexed(bytes: Uint8Array): { starts: number[]; candidates: number[] } {
  const { starts, candidates } = indexLines(bytes)
  return { starts: [...starts], candidates }
}

describe('indexLines', () => {
  it('numbers every line of a file longer than its first buffer, and the next file from scratch', () => {
    const long = Array.from({ length: 200_000 }, (_, i) => (i % 1000 === 7 ? `api_key = ${i}` : `x${i}`)).join('\n') + '\n'
    expect(indexed(Buffer.from(long))).toEqual(expected(long))
    expect(indexed(Buffer.from('token\nnone\n'))).toEqual(expected('token\nnone\n'))
  })

  it('finds the lines with a trigger in any case, wherever the trigger starts', () => {
    for (const { word } of TRIGGERS) {
      for (let pad = 0; pad < 4; pad++) {
        for (const w of [word, word.toUpperCase()]) {
          const text = `none here\n${'-'.repeat(pad)}${w}\nnone`
          expect(indexed(Buffer.from(text))).toEqual(expected(text))
        }
      }
    }
  })

  it('agrees with a regular expression on random text, at even and odd offsets', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const text = randomText(seed, 1 + (seed % 300))
      const bytes = Buffer.from(text)
      expect(indexed(bytes)).toEqual(expected(text))
      const odd = Buffer.alloc(bytes.length + 1)
      bytes.copy(odd, 1)
      expect(indexed(odd.subarray(1))).toEqual(expected(text))
    }
  })

  it('handles empty text, a final newline and words cut by the end', () => {
    for (const text of ['', '\n', 'ke', 'key', 'x\n', 'x\nke', 'token\n', '\n\n\nkey\n\n']) expect(indexed(Buffer.from(text))).toEqual(expected(text))
  })
})
