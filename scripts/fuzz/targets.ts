// What the fuzzer runs on one input, in-process: a scan of a small project held in a MapFileSet,
// and a diff from the unmutated project to the mutated one. An input is plain data (JSON), so a
// reproducer file can be replayed as it was run.
import { defaultConfig } from '../../src/config/config.js'
import type { Hunk } from '../../src/diff/hunks.js'
import { review, scan } from '../../src/review.js'
import { MapFileSet } from '../../src/sources/changeset.js'

export interface FuzzInput {
  /** Where the input came from: a seed settings file or a corpus case, and the mutation's index. */
  origin: string
  /** The file the mutation changed. */
  path: string
  /** The project before the mutation (a diff's base) and after it (the scan, a diff's head). */
  base: Record<string, string>
  head: Record<string, string>
}

/** One zero-context hunk around what differs between two texts (common leading and trailing lines kept). */
export function lineHunk(before: string | undefined, after: string): Hunk[] {
  const a = before === undefined ? [] : before.split('\n')
  const b = after.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const oldLines = a.length - start - end
  const newLines = b.length - start - end
  if (!oldLines && !newLines) return []
  return [{ oldStart: oldLines ? start + 1 : start, oldLines, newStart: newLines ? start + 1 : start, newLines }]
}

/** Runs the engine on an input: scan, then diff. Throws what the engine throws. */
export async function runInput(input: FuzzInput): Promise<{ findings: number }> {
  const config = defaultConfig()
  const scanned = await scan(new MapFileSet(new Map(Object.entries(input.head))), config)
  const before = input.base[input.path]
  const change = {
    base: new MapFileSet(new Map(Object.entries(input.base))),
    head: new MapFileSet(new Map(Object.entries(input.head))),
    changes: [{ path: input.path, status: before === undefined ? ('added' as const) : ('modified' as const), hunks: lineHunk(before, input.head[input.path]) }],
    notices: []
  }
  const diffed = await review(change, config)
  return { findings: scanned.findings.length + diffed.findings.length }
}
