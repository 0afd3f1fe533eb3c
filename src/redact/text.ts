// Free text (messages, fixes, notes, the settings table) can quote a secret the analysis saw: whole,
// written with its escapes, or cut short by a display limit (`'django-insecure-x7!k…'`). A masker
// built from the known values masks every occurrence of any value's first six or more characters,
// and values shorter than that where they stand as a whole word. Paths, rule ids and setting names
// are never masked, even when a password happens to equal a word in them.
import { mask } from '../rules/helpers.js'
import { FORMATS } from '../secrets/formats.js'

/** Shorter values are matched as whole words only, so that common letters elsewhere survive. */
const PREFIX = 6

const isWordChar = (c: string | undefined): boolean => c !== undefined && !/[\s"'`()[\]{},;|<>]/.test(c)

/** `DB_PASSWORD`, `SECRET_KEY_FALLBACKS[0]`: a setting or variable name. */
const isName = (token: string): boolean => /^[A-Z][A-Z0-9]{0,63}(?:_[A-Z0-9]{1,63}){1,8}(?:\[\d{1,4}\])?$/.test(token)

/** The ranges of `text` that are names to keep: known paths (also `path:line`), rule ids, setting names. */
function keptRanges(text: string, keep: ReadonlySet<string>): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < text.length; ) {
    if (!isWordChar(text[i])) {
      i++
      continue
    }
    let j = i
    while (j < text.length && isWordChar(text[j])) j++
    // a token may end with a sentence's punctuation or a `:line`
    let token = text.slice(i, j)
    let end = j
    for (;;) {
      const colon = /:\d{1,9}$/.exec(token)
      const cut = colon ? colon[0].length : /[.:]$/.test(token) ? 1 : 0
      if (!cut) break
      token = token.slice(0, -cut)
      end -= cut
    }
    if (keep.has(token) || isName(token)) out.push([i, end])
    i = j
  }
  return out
}

export type TextMasker = (text: string) => string

/** The prefixes every key of a kind starts with (`django-insecure-`, `sk_live_`, `ghp_`, a JWT's header): public, and named in messages. */
const PUBLIC_PREFIXES = FORMATS.flatMap((f) => f.prefixes).filter((p) => /^[A-Za-z]/.test(p) && !p.includes('/'))

/** The part of a value that is secret: after a public prefix. */
function secretPart(v: string): string {
  if (v.startsWith('eyJ') && v.includes('.')) return v.slice(v.indexOf('.') + 1)
  const prefix = PUBLIC_PREFIXES.find((p) => v.startsWith(p))
  return prefix ? v.slice(prefix.length) : v
}

export function textMasker(values: Iterable<string>, keep: ReadonlySet<string>): TextMasker {
  const byPrefix = new Map<string, string[]>()
  const words = new Set<string>()
  for (const raw of values) {
    const v = secretPart(raw.trim())
    if (!v) continue
    if (v.length < PREFIX) words.add(v)
    else {
      const list = byPrefix.get(v.slice(0, PREFIX)) ?? []
      if (!list.includes(v)) list.push(v)
      byPrefix.set(v.slice(0, PREFIX), list)
    }
  }
  if (!byPrefix.size && !words.size) return (t) => t
  return (text) => {
    const runs: [number, number][] = []
    for (let i = 0; i + PREFIX <= text.length; ) {
      const candidates = byPrefix.get(text.slice(i, i + PREFIX))
      let longest = 0
      for (const v of candidates ?? []) {
        let k = PREFIX
        while (k < v.length && text[i + k] === v[k]) k++
        longest = Math.max(longest, k)
      }
      if (longest) {
        runs.push([i, i + longest])
        i += longest
      } else i++
    }
    if (words.size)
      for (let i = 0; i < text.length; ) {
        let j = i
        while (j < text.length && isWordChar(text[j])) j++
        if (j > i && words.has(text.slice(i, j))) runs.push([i, j])
        i = Math.max(j, i + 1)
      }
    if (!runs.length) return text
    const kept = keptRanges(text, keep)
    const covered = new Uint8Array(text.length)
    for (const [a, b] of runs) covered.fill(1, a, b)
    for (const [a, b] of kept) covered.fill(0, a, b)
    let out = ''
    for (let i = 0; i < text.length; ) {
      let j = i
      while (j < text.length && covered[j] === covered[i]) j++
      out += covered[i] ? mask(text.slice(i, j)) : text.slice(i, j)
      i = j
    }
    return out
  }
}
