// Line bookkeeping for unified-diff hunks: which head lines a change touched, and where a deleted
// base line would be in the head file.

export interface Hunk {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
}

/** Parses the `@@ -a,b +c,d @@` headers of a unified diff with zero context (`git diff -U0`). */
export function parseHunkHeader(line: string): Hunk | undefined {
  const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line)
  if (!m) return undefined
  return { oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]) }
}

/** Whether a head line was added or changed. */
export function isChangedLine(hunks: readonly Hunk[], line: number): boolean {
  return hunks.some((h) => h.newLines > 0 && line >= h.newStart && line < h.newStart + h.newLines)
}

/** Whether a base line was deleted or replaced. */
export function isRemovedLine(hunks: readonly Hunk[], oldLine: number): boolean {
  return hunks.some((h) => h.oldLines > 0 && oldLine >= h.oldStart && oldLine < h.oldStart + h.oldLines)
}

/** The head line nearest to where a base line was: itself shifted, or the line at a deletion. */
export function mapOldLine(hunks: readonly Hunk[], oldLine: number): number {
  let shift = 0
  for (const h of hunks) {
    if (h.oldLines > 0 && oldLine >= h.oldStart && oldLine < h.oldStart + h.oldLines) {
      // Inside a removed range: the replacement's first line, or the line just before the gap.
      return h.newLines > 0 ? h.newStart : Math.max(1, h.newStart)
    }
    const oldEnd = h.oldLines > 0 ? h.oldStart + h.oldLines - 1 : h.oldStart
    if (oldLine > oldEnd) shift += h.newLines - h.oldLines
  }
  return Math.max(1, oldLine + shift)
}

/** Unquotes a C-style quoted path as git prints it for unusual characters. */
export function unquote(p: string): string {
  if (!p.startsWith('"')) return p
  const bytes: number[] = []
  for (let i = 1; i < p.length - 1; i++) {
    const c = p[i]
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'))
      continue
    }
    const n = p[++i]
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(p.slice(i, i + 3), 8))
      i += 2
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[n] ?? n.charCodeAt(0))
  }
  return Buffer.from(bytes).toString('utf8')
}

/**
 * The path in a `--- a/x` or `+++ b/x` line of a patch (the text after `--- `), or undefined for
 * /dev/null. git ends an unquoted name holding a space with a tab (for patch(1)): it is not part of
 * the name, since a name with a tab of its own is always quoted.
 */
export function patchHeaderPath(field: string, prefix: 'a/' | 'b/'): string | undefined {
  if (field === '/dev/null') return undefined
  const name = unquote(field.endsWith('\t') ? field.slice(0, -1) : field)
  return name.startsWith(prefix) ? name.slice(prefix.length) : name
}
