// Which lines of a pull request's head can carry an inline comment: the RIGHT side lines inside the
// hunks of the file's patch (added and context lines). Anything else makes GitHub answer 422.
import { parseHunkHeader } from '../diff/hunks.js'

export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>()
  if (!patch) return lines
  let next = 0
  let inHunk = false
  for (const line of patch.split('\n')) {
    if (line.startsWith('@@')) {
      const h = parseHunkHeader(line)
      inHunk = Boolean(h)
      next = h?.newStart ?? 0
      continue
    }
    if (!inHunk) continue
    if (line.startsWith('+') || line.startsWith(' ')) lines.add(next++)
    else if (line.startsWith('\\')) continue // "\ No newline at end of file"
  }
  return lines
}
