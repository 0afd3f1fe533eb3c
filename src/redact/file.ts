// A file's text as it may be shown: every place a secret is written (as the detector locates it,
// escapes, concatenated parts and whole key blocks included) is masked by position, and so is every
// value stored under a secret-like name, even one too weak to report. Paths and names are untouched.
import { detectSecrets, type SecretHit } from '../secrets/detect.js'
import { mask } from '../rules/helpers.js'

export interface MaskedFile {
  /** The file's lines (without line breaks), secrets masked. */
  lines: string[]
  /** What free text may quote of the credentials found: their values and how each part is written. */
  quotable: string[]
}

/** The masked forms of a secret's pieces: its ends shown on the first and last piece only, none of a private key. */
function maskPieces(pieces: string[], privateKey: boolean): string[] {
  if (privateKey) return pieces.map(() => '****')
  if (pieces.length === 1) return [mask(pieces[0])]
  const whole = mask(pieces.join(''))
  const star = whole.indexOf('****')
  const head = whole.slice(0, star)
  const tail = whole.slice(star + 4)
  return pieces.map((p, i) => `${i === 0 && p.length > head.length ? head : ''}****${i === pieces.length - 1 && p.length > tail.length ? tail : ''}`)
}

interface Cut {
  start: number
  end: number
  text: string
}

/** Replaces the cuts of one line; overlapping cuts become one masked run. */
function applyCuts(line: string, cuts: Cut[]): string {
  cuts.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (let i = 0; i < cuts.length; i++) {
    let { start, end, text } = cuts[i]
    start = Math.max(start, at)
    while (i + 1 < cuts.length && cuts[i + 1].start < end) {
      end = Math.max(end, cuts[++i].end)
      text = '****'
    }
    if (end <= start) continue
    out += line.slice(at, start) + text
    at = end
  }
  return out + line.slice(at)
}

const splitLines = (text: string): string[] => text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))

/** Masks every secret of a file by where it is written. One detection pass, one pass over the cut lines. */
export function maskFile(path: string, text: string): MaskedFile {
  const lines = splitLines(text)
  const hits: SecretHit[] = detectSecrets(path, text, { everyValue: true })
  const cuts = new Map<number, Cut[]>()
  const quotable: string[] = []
  for (const hit of hits) {
    const spans = hit.spans.filter((s) => s.line >= 1 && s.line <= lines.length && s.end > s.start)
    const pieces = spans.map((s) => lines[s.line - 1].slice(s.start, s.end))
    const masked = maskPieces(pieces, hit.kind === 'private-key')
    spans.forEach((s, i) => {
      const list = cuts.get(s.line) ?? []
      list.push({ start: s.start, end: s.end, text: masked[i] })
      cuts.set(s.line, list)
    })
    if (!hit.belowThreshold && hit.kind !== 'private-key') quotable.push(hit.value, ...pieces)
  }
  for (const [n, list] of cuts) lines[n - 1] = applyCuts(lines[n - 1], list)
  return { lines, quotable }
}
