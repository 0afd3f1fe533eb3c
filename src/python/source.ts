// The text of a module as Python's tokenizer sees it, before parsing: decoded as its PEP 263 coding
// cookie says, and with every line ending (\r\n, a lone \r, \n) made one \n. A cookie such as utf-7
// or unicode_escape can turn what a reviewer reads as a comment into code, and a lone \r ends a
// comment for Python but not for tree-sitter: the parser must see what Python runs.
// Lines of that text are mapped back to lines of the file as git shows it (split on \n only).
import { TextDecoder } from 'node:util'

export interface Coding {
  /** The name as written in the cookie. */
  name: string
  /** The line of the file that declares it (1 or 2). */
  line: number
  /**
   * 'suspicious': Python decodes it, but ASCII text can turn into other code (utf-7, unicode_escape,
   * multi-byte legacy encodings); 'unsupported': Python refuses the file or the review cannot decode
   * it as Python does, so what it defines is unknown.
   */
  problem?: 'suspicious' | 'unsupported'
}

interface PythonSource {
  /** The text Python tokenizes, every line ended by \n. */
  text: string
  /** For each line of `text` (index 0 = line 1), the line of the file it comes from (1-based). */
  fileLine: number[]
  coding?: Coding
  /** Set when the text could not be decoded as Python would: nothing in it can be trusted. */
  undecodable?: string
}

/** One-byte encodings that keep ASCII as it is: decoding them changes string values, never code. */
const ASCII_SAFE = /^(utf[-_]?8([-_].*)?|u8|ascii|us[-_]ascii|646|latin[-_]?\d*|l\d|iso[-_]?8859[-_]?\d+|iso[-_]?latin[-_]?\d*|8859|cp(437|737|775|85\d|86\d|869|874|125\d)|windows[-_]?125\d|koi8[-_][a-z]+|mac[-_]?(roman|latin2|cyrillic|greek|turkish|iceland)|macintosh)$/
const UTF8 = /^(utf[-_]?8([-_].*)?|u8)$/
/** Multi-byte encodings whose second bytes can be ASCII quotes or backslashes. */
const MULTI_BYTE = /^(shift[-_]?jis|sjis|s[-_]jis|cp932|ms[-_]?kanji|euc[-_]?(jp|kr|cn|jis[-_]?2004|jisx0213)|gb[-_]?2312|gbk|gb[-_]?18030|big[-_]?5([-_]?hkscs)?|cp9[45]0|cp949|uhc|johab|iso[-_]?2022[-_a-z0-9]*|hz)$/

/** Python's cookie pattern, `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`, as a linear scan. */
function cookieIn(line: string): string | undefined {
  let i = 0
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++
  if (line[i] !== '#') return undefined
  const at = line.indexOf('coding', i)
  for (let c = at; c >= 0; c = line.indexOf('coding', c + 1)) {
    let j = c + 6
    if (line[j] !== ':' && line[j] !== '=') continue
    j++
    while (line[j] === ' ' || line[j] === '\t') j++
    let end = j
    while (end < line.length && /[-\w.]/.test(line[end])) end++
    if (end > j) return line.slice(j, end)
  }
  return undefined
}

function isBlankOrComment(line: string): boolean {
  const t = line.replace(/^[ \t\f]+/, '')
  return t === '' || t.startsWith('#')
}

/** The coding cookie of a file (Python looks at the first two lines only). */
export function findCoding(fileText: string): Coding | undefined {
  const firstTwo = firstLines(fileText, 2)
  for (let i = 0; i < firstTwo.length; i++) {
    const name = cookieIn(firstTwo[i])
    if (name) return { name, line: i + 1, problem: classify(name, fileText.startsWith('\ufeff')) }
    if (!isBlankOrComment(firstTwo[i])) return undefined
  }
  return undefined
}

/** The first `n` lines, for the tokenizer's purposes (\r, \n and \r\n all end a line); each at most 4 KiB. */
function firstLines(text: string, n: number): string[] {
  const out: string[] = []
  let start = text.startsWith('\ufeff') ? 1 : 0
  while (out.length < n && start <= text.length) {
    let end = start
    while (end < text.length && end - start < 4096 && text[end] !== '\n' && text[end] !== '\r') end++
    out.push(text.slice(start, end))
    if (end >= text.length) break
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1)
  }
  return out
}

function classify(name: string, bom: boolean): Coding['problem'] {
  const n = name.toLowerCase()
  if (bom && !UTF8.test(n)) return 'unsupported'
  if (ASCII_SAFE.test(n)) return undefined
  if (/^(utf[-_]?7|u7|unicode[-_]?1[-_]?1[-_]?utf[-_]?7|(raw[-_])?unicode[-_]?escape)$/.test(n) || MULTI_BYTE.test(n)) return 'suspicious'
  return 'unsupported'
}

/** Reads a file as Python does: decoded per its cookie, line endings normalised, lines mapped. */
export function pythonSource(fileText: string): PythonSource {
  const coding = findCoding(fileText)
  const body = fileText.startsWith('\ufeff') ? fileText.slice(1) : fileText
  const decode = decoderFor(coding, body)
  const out: string[] = []
  const fileLine: number[] = []
  const fileLines = body.split('\n')
  // unicode_escape: a backslash at the end of a line escapes the newline away, joining the lines
  let pending = ''
  let pendingFrom = 0
  for (let i = 0; i < fileLines.length; i++) {
    const raw = fileLines[i].endsWith('\r') ? fileLines[i].slice(0, -1) : fileLines[i]
    if (!pendingFrom) pendingFrom = i + 1
    const joins = decode.joinsNext?.(raw) === true && i + 1 < fileLines.length
    const piece = joins ? raw.slice(0, -1) : raw
    pending += decode.line ? decode.line(piece) : piece
    if (joins) continue
    const first = out.length
    splitLines(pending, out)
    for (let k = first; k < out.length; k++) fileLine.push(pendingFrom)
    pending = ''
    pendingFrom = 0
  }
  return { text: out.join('\n'), fileLine, coding, undecodable: decode.undecodable }
}

/** Splits at \r\n, \r and \n, appending each piece to `out`. */
function splitLines(text: string, out: string[]): void {
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch !== '\r' && ch !== '\n') continue
    out.push(text.slice(start, i))
    if (ch === '\r' && text[i + 1] === '\n') i++
    start = i + 1
  }
  out.push(text.slice(start))
}

interface Decoder {
  /** Decodes one line of the file (without its \n); undefined: the text is used as it is. */
  line?: (raw: string) => string
  joinsNext?: (raw: string) => boolean
  undecodable?: string
}

function decoderFor(coding: Coding | undefined, text: string): Decoder {
  if (!coding) return {}
  const n = coding.name.toLowerCase().replace(/-/g, '_')
  if (coding.problem === 'unsupported') return { undecodable: `it declares the encoding ${coding.name}, which Python refuses or the review cannot decode as Python does` }
  if (/^(utf_?8(_.*)?|u8|ascii|us_ascii|646)$/.test(n)) return {}
  if (/^(utf_?7|u7|unicode_1_1_utf_7)$/.test(n)) return { line: decodeUtf7 }
  if (n === 'unicode_escape') return { line: (raw) => decodeEscapes(utf8AsLatin1(raw), false), joinsNext: endsWithEscape }
  if (n === 'raw_unicode_escape') return { line: (raw) => decodeEscapes(utf8AsLatin1(raw), true) }
  // ASCII reads the same in every encoding left; the source decoded the file as UTF-8, so a U+FFFD
  // means bytes were lost that another encoding reads.
  if (isAscii(text)) return {}
  if (text.includes('\ufffd')) return { undecodable: `it declares the encoding ${coding.name}, and bytes of it are not valid UTF-8, so the review cannot read them as Python does` }
  if (/^(latin_?1|l1|iso_?8859_?1|iso_?latin_?1|8859)$/.test(n)) return { line: utf8AsLatin1 }
  const label = n.replace(/^cp(125\d)$/, 'windows-$1').replace(/_/g, '-')
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(label)
  } catch {
    return { undecodable: `it declares the encoding ${coding.name}, which the review cannot decode` }
  }
  return { line: (raw) => decoder.decode(Buffer.from(raw, 'utf8')) }
}

/** Whether a string is plain ASCII (every code unit below 128). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false
  return true
}

/** The bytes of a UTF-8 string read one byte per character, as latin-1 and the escape codecs do. */
function utf8AsLatin1(raw: string): string {
  return isAscii(raw) ? raw : Buffer.from(raw, 'utf8').toString('latin1')
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** RFC 2152 UTF-7: `+` starts a run of modified base64 holding UTF-16, ended by any other character (`-` is dropped). */
function decodeUtf7(raw: string): string {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '+') {
      out += raw[i]
      continue
    }
    let j = i + 1
    if (raw[j] === '-') {
      out += '+'
      i = j
      continue
    }
    let bits = 0
    let value = 0
    const units: number[] = []
    for (; j < raw.length && B64.includes(raw[j]); j++) {
      value = ((value << 6) | B64.indexOf(raw[j])) & 0xffffff
      bits += 6
      if (bits >= 16) {
        bits -= 16
        units.push((value >> bits) & 0xffff)
      }
    }
    for (const u of units) out += String.fromCharCode(u)
    i = raw[j] === '-' ? j : j - 1
  }
  return out
}

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }

/** Python's unicode_escape (all escapes) or raw_unicode_escape (\u and \U only) over latin-1 text. */
function decodeEscapes(text: string, rawOnly: boolean): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch
      continue
    }
    const next = text[i + 1]
    const width = next === 'u' ? 4 : next === 'U' ? 8 : next === 'x' && !rawOnly ? 2 : 0
    if (width) {
      const hex = text.slice(i + 2, i + 2 + width)
      const code = hex.length === width && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN
      if (code <= 0x10ffff) {
        out += String.fromCodePoint(code)
        i += 1 + width
        continue
      }
    }
    if (!rawOnly && next in SIMPLE) {
      out += SIMPLE[next]
      i++
      continue
    }
    if (!rawOnly && next >= '0' && next <= '7') {
      let j = i + 1
      while (j < i + 4 && text[j] >= '0' && text[j] <= '7') j++
      out += String.fromCharCode(parseInt(text.slice(i + 1, j), 8) & 0xff)
      i = j - 1
      continue
    }
    out += ch
  }
  return out
}

/** Whether a line ends in an odd number of backslashes (an escaped newline). */
function endsWithEscape(raw: string): boolean {
  let n = 0
  for (let i = raw.length - 1; i >= 0 && raw[i] === '\\'; i--) n++
  return n % 2 === 1
}
