// What a change touched, by path: hunks, renames, deletions, and the base text for quoting removed lines.
import { linesOf } from '../lines.js'
import type { ChangeSet } from '../sources/changeset.js'
import type { Hunk } from './hunks.js'

export class ChangeIndex {
  readonly hunks = new Map<string, Hunk[]>()
  /** head path → base path, for renames and copies */
  readonly oldPath = new Map<string, string>()
  readonly deleted = new Set<string>()
  /** every path the change touched, on either side */
  readonly changed = new Set<string>()
  constructor(readonly change: ChangeSet) {
    for (const c of change.changes) {
      this.hunks.set(c.path, c.hunks)
      this.changed.add(c.path)
      if (c.status === 'deleted') this.deleted.add(c.path)
      if (c.oldPath) {
        this.oldPath.set(c.path, c.oldPath)
        this.changed.add(c.oldPath)
      }
    }
  }

  basePath(headPath: string): string {
    return this.oldPath.get(headPath) ?? headPath
  }

  headPath(basePath: string): string {
    for (const [h, b] of this.oldPath) if (b === basePath) return h
    return basePath
  }

  /** A base line, trimmed ('' past the end or when the file is not there). */
  baseLine(path: string, line: number): string {
    return (linesOf(this.change.base, path)?.line(line) ?? '').trim()
  }

  /** A head line, trimmed, or undefined. */
  headLine(path: string, line: number): string | undefined {
    return linesOf(this.change.head, path)?.line(line)?.trim()
  }
}

/** The head lines a file's hunks added or changed. */
export function addedLines(hunks: readonly Hunk[]): Set<number> {
  const lines = new Set<number>()
  for (const h of hunks) for (let l = h.newStart; l < h.newStart + h.newLines; l++) lines.add(l)
  return lines
}
