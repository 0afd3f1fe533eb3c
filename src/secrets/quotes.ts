// String literals of one line: where each starts and ends, its decoded value (backslash escapes), its
// Python prefix and quote, and where the raw text of each decoded character is. One pass, no rescans.
import type { Part } from './pairs.js'
import { isIdentChar } from './syntax.js'

export interface Quoted {
  /** Index of the opening quote. */
  start: number
  /** Index of the closing quote. */
  end: number
  value: string
  /** Index of the first character of the token: the string prefix (b, r, f, rb…) when there is one. */
  tokenStart: number
  /** Index of the first character of the value (after the quote or triple quote). */
  valueStart: number
  /** Index just after the value (the closing quote). */
  valueEnd: number
  quote: string
  /** The string prefix, lower-cased (`f`, `rb`…), or ''. */
  prefix: string
  /** Offsets in `value` where a backslash escape was decoded (the raw text is one character longer there). */
  escapes?: number[]
}

/** The line column of offset `i` of a quoted string's decoded value. */
export function rawColumn(q: Quoted, i: number): number {
  let shift = 0
  if (q.escapes) for (const e of q.escapes) if (e < i) shift++
  return q.valueStart + i + shift
}

/** The column of `q`'s value as a part of the line. */
export const quotedPart = (q: Quoted): Part[] => [{ line: 0, start: q.valueStart, end: q.valueEnd }]

/** An opening quote with no closing one on the line: a value that goes on on the next lines. */
export interface OpenQuote {
  start: number
  valueStart: number
  quote: string
  triple: boolean
}

/** Quoted strings of a line (single, double, backtick and Python triple quotes; backslash escapes), and an unterminated one at the end. */
export function scanQuotes(line: string): { quoted: Quoted[]; open?: OpenQuote } {
  const out: Quoted[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]
    // Comments are scanned too: a commented-out key is still committed.
    if (c === '"' || c === "'" || c === '`') {
      const triple = line[i + 1] === c && line[i + 2] === c
      const open = triple ? 3 : 1
      let j = i + open
      let escapes: number[] | undefined
      let value = ''
      let from = j
      while (j < line.length && !(line[j] === c && (!triple || (line[j + 1] === c && line[j + 2] === c)))) {
        if (line[j] === '\\' && j + 1 < line.length) {
          value += line.slice(from, j)
          ;(escapes ??= []).push(value.length)
          value += line[j + 1]
          j += 2
          from = j
          continue
        }
        j++
      }
      if (j >= line.length) return { quoted: out, open: { start: i, valueStart: i + open, quote: c, triple } } // unterminated: stop, never rescan
      value += line.slice(from, j)
      // Python string prefixes: b"…", r'…', f"…", rb"…"
      let tokenStart = i
      while (tokenStart > i - 2 && tokenStart > 0 && 'bBrRfFuU'.includes(line[tokenStart - 1])) tokenStart--
      if (tokenStart < i && isIdentChar(line[tokenStart - 1])) tokenStart = i
      out.push({ start: i, end: j + open - 1, value, tokenStart, valueStart: i + open, valueEnd: j, quote: c, prefix: line.slice(tokenStart, i).toLowerCase(), ...(escapes ? { escapes } : {}) })
      i = j + open
      continue
    }
    i++
  }
  return { quoted: out }
}

/** Quoted strings of a line (single, double, backtick and Python triple quotes; backslash escapes). */
export function quotedStrings(line: string): Quoted[] {
  return scanQuotes(line).quoted
}

/** An f-string or a JavaScript template with fields: code, not a literal. */
export const isTemplate = (q: Quoted): boolean => (q.prefix.includes('f') && q.value.includes('{')) || (q.quote === '`' && q.value.includes('${'))
