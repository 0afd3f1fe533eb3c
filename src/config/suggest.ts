// A close match for a misspelt word among the allowed ones: `did you mean "debug-enabled"?`.

/** Edit distance (insertions, deletions, substitutions, transpositions of neighbours). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  return d[a.length][b.length]
}

/** The allowed word closest to `word`, when it is close enough to be a slip (not just any word). */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  if (word.length > 200) return undefined
  const w = word.toLowerCase()
  let best: { word: string; d: number } | undefined
  for (const a of allowed) {
    const d = distance(w, a.toLowerCase())
    if (!best || d < best.d) best = { word: a, d }
  }
  if (!best) return undefined
  const limit = Math.max(1, Math.floor(Math.max(w.length, best.word.length) / 3))
  if (best.d <= limit) return best.word
  // a word the allowed one starts with, or contains (`debug` for `debug-enabled`)
  const containing = allowed.filter((a) => w.length >= 3 && (a.includes(w) || w.includes(a)))
  return containing.length === 1 ? containing[0] : undefined
}

/** ` — did you mean "x"?`, or nothing. */
export function didYouMean(word: string, allowed: readonly string[]): string {
  const c = closest(word, allowed)
  return c === undefined || c === word ? '' : ` — did you mean "${c}"?`
}
