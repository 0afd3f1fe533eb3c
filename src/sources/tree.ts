// A plain directory tree (the working copy) for `scan`.
//
// Each selected file is read once, as bytes, and scanned for secrets right then (see tree-file.ts);
// only the files the settings analysis reads (Python modules, deployment files) are kept as text.
// Any other file's text is read again on demand, which only happens for the few files with findings.
// Every read goes through read-file.ts: no link out of the tree, no device or FIFO, a size limit.
import { join } from 'node:path'
import type { Notice } from '../findings.js'
import type { SecretHit } from '../secrets/detect.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import type { FileSet } from '../settings/modules.js'
import { MAX_FILE_BYTES } from './limits.js'
import { listFiles } from './list-files.js'
import { readFileSafely } from './read-file.js'
import { readTreeFile } from './tree-file.js'

/** The files of a tree as read for a scan: text on demand, secrets already found. */
export class TreeFileSet implements FileSet {
  readonly paths: ReadonlySet<string>
  /** Every text file read, in listing order, with what the secrets detector found in it. */
  readonly secrets = new Map<string, SecretHit[]>()
  /** The text files that hold the suppression marker. */
  readonly suppressing = new Set<string>()
  private readonly texts = new Map<string, string>()

  constructor(
    readonly root: string,
    paths: string[],
    /** For a path whose name is not valid UTF-8 (shown with U+FFFD): the bytes that open it. */
    private readonly raw: ReadonlyMap<string, Buffer> = new Map()
  ) {
    this.paths = new Set(paths)
  }

  /** What opens a listed path: its bytes when its name is not UTF-8. */
  file(path: string): string | Buffer {
    return this.raw.get(path) ?? join(this.root, path)
  }

  add(path: string, secrets: SecretHit[], suppressing: boolean, text: string | undefined): void {
    this.secrets.set(path, secrets)
    if (suppressing) this.suppressing.add(path)
    if (text !== undefined) this.texts.set(path, text)
  }

  read(path: string): string | undefined {
    if (!this.secrets.has(path)) return undefined
    let text = this.texts.get(path)
    if (text === undefined) {
      const read = readFileSafely(this.file(path), this.root, MAX_FILE_BYTES)
      if (read.kind !== 'bytes') return undefined
      this.texts.set(path, (text = read.bytes.toString('utf8')))
    }
    return text
  }
}

/** Files whose text the settings analysis reads: every Python module and every file that may name the settings module. */
const keepsText = (path: string): boolean => path.endsWith('.py') || isSettingsRelevant(path)

/** Reads the files `select` picks from a directory tree; a file it may not or cannot read is named in a notice. */
export function treeFiles(root: string, select: (paths: string[]) => string[]): { files: TreeFileSet; notices: Notice[] } {
  const { paths, raw } = listFiles(root)
  const files = new TreeFileSet(root, paths, raw)
  const notices: Notice[] = []
  for (const p of select(paths)) {
    const f = readTreeFile(root, files.file(p), p, keepsText(p))
    if (f.kind === 'large') notices.push({ path: p, message: `skipped: ${f.size} bytes is over the ${MAX_FILE_BYTES}-byte limit` })
    else if (f.kind === 'refused') notices.push({ path: p, message: `not read: ${f.why}` })
    else if (f.kind === 'text') files.add(p, f.secrets, f.suppressing, f.text)
  }
  return { files, notices }
}
