// The prefilter of the secrets detector: which lines of a file contain a trigger word, found in one
// pass over the file's bytes. Most of a repository is lines without a trigger, so this loop is
// where a full-tree scan spends its time; it is written for speed and kept exact.
//
// How: every trigger is at least three bytes long, so any occurrence covers a byte pair that starts
// at an even offset. The loop reads the file two bytes at a time (one Uint16Array element) and
// looks the pair up in a 65,536-entry table: most pairs cannot belong to a trigger and cost one
// load and one table lookup. A pair that may is checked by comparing the whole word. Pairs holding
// a newline record where lines start, so the same pass also numbers the lines.

/**
 * Substrings (ASCII, any case) without which a line cannot hold a secret: the words of
 * secret-sounding names and the prefixes of self-identifying formats. `at` picks the three
 * characters whose two pairs represent the word in the table: pairs that are rare in source code,
 * so that few pairs of ordinary code need the full comparison (any choice is correct).
 */
export const TRIGGERS: readonly { word: string; at: number }[] = [
  { word: 'pass', at: 1 },
  { word: 'pwd', at: 0 },
  { word: 'private key', at: 7 },
  { word: 'secret', at: 1 },
  { word: 'salt', at: 0 },
  { word: 'sg.', at: 0 },
  { word: 'sk_live_', at: 0 },
  { word: 'sk_test_', at: 0 },
  { word: 'token', at: 1 },
  { word: 'key', at: 0 },
  { word: 'bearer', at: 0 },
  { word: 'auth', at: 0 },
  { word: 'akia', at: 0 },
  { word: 'asia', at: 1 },
  { word: 'abia', at: 1 },
  { word: 'acca', at: 0 },
  { word: 'aiza', at: 1 },
  { word: 'credential', at: 7 },
  { word: 'create_user', at: 6 },
  { word: 'create_superuser', at: 7 },
  { word: '://', at: 0 },
  { word: 'eyj', at: 0 },
  { word: 'ghp_', at: 1 },
  { word: 'gho_', at: 1 },
  { word: 'ghu_', at: 1 },
  { word: 'ghs_', at: 0 },
  { word: 'ghr_', at: 0 },
  { word: 'github_pat_', at: 4 },
  { word: 'rk_live_', at: 0 },
  { word: 'rk_test_', at: 0 },
  { word: 'xox', at: 0 },
  { word: 'xapp-', at: 2 },
  { word: 'django-insecure-', at: 0 },
  { word: 'sk-', at: 0 },
  { word: '.login(', at: 2 },
  { word: 'bind_s(', at: 3 }
]

const NEWLINE = 10
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)

/** A word to compare, and how far before the pair it starts. */
interface Check {
  word: Uint8Array
  back: number
}

/** Pair (see `pair`) → 0 (no trigger), NEWLINE_PAIR (holds a newline), or a slot: 1 + the index of its checks in CHECKS. */
const TABLE = new Uint8Array(65536)
const NEWLINE_PAIR = 255
const CHECKS: Check[][] = []
/**
 * A cheap test before the full comparison: each word's pair is followed (back = at) or preceded
 * (back = at + 1) by a known third byte. NEIGHBOURS[slot * 512 + byte] says whether `byte` may
 * follow the pair, NEIGHBOURS[slot * 512 + 256 + byte] whether it may precede it.
 */
const NEIGHBOURS = new Uint8Array(256 * 512)

/** The Uint16Array element that holds bytes a, b (in this order in memory). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const pair = (a: number, b: number): number => (LITTLE_ENDIAN ? a | (b << 8) : (a << 8) | b)

function buildTable(): void {
  const index = new Map<number, number>()
  const cases = (c: number): number[] => (c >= 97 && c <= 122 ? [c, c - 32] : [c])
  for (const { word, at } of TRIGGERS) {
    const bytes = new Uint8Array(Buffer.from(word))
    // An occurrence at i is seen at the even one of i+at and i+at+1: as the pair at `at` or the one after it.
    for (const back of [at, at + 1]) {
      const key = bytes[back] | (bytes[back + 1] << 8)
      let slot = index.get(key)
      if (slot === undefined) {
        slot = CHECKS.length
        CHECKS.push([])
        index.set(key, slot)
      }
      CHECKS[slot].push({ word: bytes, back })
      const [offset, third] = back === at ? [0, bytes[at + 2]] : [256, bytes[at]]
      for (const c of cases(third)) NEIGHBOURS[(slot + 1) * 512 + offset + c] = 1
      for (const a of cases(bytes[back])) for (const b of cases(bytes[back + 1])) TABLE[pair(a, b)] = slot + 1
    }
  }
  if (CHECKS.length + 1 >= NEWLINE_PAIR) throw new Error('too many trigger pairs for the table')
  for (let c = 0; c < 256; c++) TABLE[pair(NEWLINE, c)] = TABLE[pair(c, NEWLINE)] = NEWLINE_PAIR
}
buildTable()

/** Whether a trigger word covers the pair at j, whose table slot is `slot`. Kept out of the scanning loop so that loop stays small. */
function hasTrigger(data: Uint8Array, j: number, slot: number, end: number): boolean {
  const n = slot * 512
  if (!(j + 2 < end && NEIGHBOURS[n + data[j + 2]]) && !(j > 0 && NEIGHBOURS[n + 256 + data[j - 1]])) return false
  for (const c of CHECKS[slot - 1]) if (wordAt(data, j - c.back, c.word, end)) return true
  return false
}

function wordAt(bytes: Uint8Array, i: number, word: Uint8Array, end: number): boolean {
  if (i < 0 || i + word.length > end) return false
  for (let n = 0; n < word.length; n++) if (lower(bytes[i + n]) !== word[n]) return false
  return true
}

export interface LineIndex {
  /**
   * Byte offset where each line starts (line n, 0-based, starts at starts[n]). A view of a buffer the
   * next call reuses: a tree's millions of lines allocate nothing, so read it before calling again.
   */
  starts: Int32Array
  /** 0-based indices of the lines that contain a trigger, ascending. */
  candidates: number[]
}

/** Scratch space for bytes at an odd offset, which a Uint16Array cannot view. */
let scratch = new Uint8Array(0)
/** The line starts of the last call (see LineIndex.starts). */
let lineStarts: Int32Array = new Int32Array(1 << 16)

function grown(starts: Int32Array): Int32Array {
  const bigger = new Int32Array(starts.length * 2)
  bigger.set(starts)
  return bigger
}

function aligned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset % 2 === 0) return bytes
  if (scratch.length < bytes.length) scratch = new Uint8Array(Math.max(bytes.length, scratch.length * 2))
  scratch.set(bytes)
  return scratch.subarray(0, bytes.length)
}

/**
 * Finds the lines of UTF-8 `bytes` that contain a trigger (any case) and where every line starts.
 * The triggers are ASCII and UTF-8 never uses ASCII bytes inside a multi-byte character, so this
 * finds exactly the lines a case-insensitive search of the decoded text would.
 */
export function indexLines(bytes: Uint8Array): LineIndex {
  const data = aligned(bytes)
  const end = data.length
  // A word examined at pair (e, e+1) lies within the text, so an odd last byte never starts a pair
  // that matters for words; it is only checked for a newline, after the loop.
  const pairs = new Uint16Array(data.buffer, data.byteOffset, end >> 1)
  // a pair holds at most two line starts, and one more may follow the loop
  let starts: Int32Array = lineStarts
  let count = 1
  starts[0] = 0
  const candidates: number[] = []
  const done = (): LineIndex => {
    lineStarts = starts
    return { starts: starts.subarray(0, count), candidates }
  }
  for (let w = 0; w < pairs.length; w++) {
    const slot = TABLE[pairs[w]]
    if (slot === 0) continue
    const j = w << 1
    if (slot === NEWLINE_PAIR) {
      if (count + 3 > starts.length) starts = grown(starts)
      if (data[j] === NEWLINE) starts[count++] = j + 1
      if (data[j + 1] === NEWLINE) starts[count++] = j + 2
      continue
    }
    if (!hasTrigger(data, j, slot, end)) continue
    // One trigger makes the line a candidate: go on from the pair that holds its newline.
    candidates.push(count - 1)
    const nl = data.indexOf(NEWLINE, j)
    if (nl < 0) return done()
    w = (nl >> 1) - 1
  }
  if (end % 2 === 1 && data[end - 1] === NEWLINE) {
    if (count + 1 > starts.length) starts = grown(starts)
    starts[count++] = end
  }
  return done()
}
