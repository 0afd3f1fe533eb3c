// What every source produces: the two sides of a change and what changed between them.
import type { Hunk } from '../diff/hunks.js'
import type { Notice } from '../findings.js'
import type { FileSet } from '../settings/modules.js'

export interface ChangedFile {
  path: string
  /** The path before a rename or copy. */
  oldPath?: string
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'
  /** Zero-context hunks; empty for binary files and pure renames. */
  hunks: Hunk[]
  binary?: boolean
}

export interface ChangeSet {
  base: FileSet
  head: FileSet
  changes: ChangedFile[]
  notices: Notice[]
}

/** A FileSet over an in-memory map (tests, the GitHub API source, and the loaded parts of git trees). */
export class MapFileSet implements FileSet {
  readonly paths: Set<string>
  constructor(
    readonly contents: Map<string, string>,
    paths?: Iterable<string>
  ) {
    this.paths = new Set(paths ?? contents.keys())
    for (const p of contents.keys()) this.paths.add(p)
  }
  read(path: string): string | undefined {
    return this.contents.get(path)
  }
}
