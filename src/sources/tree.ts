// A plain directory tree (the working copy) for `scan`.
//
// Each selected file is read once, as bytes, and scanned for secrets right then (see tree-file.ts);
// only the files the settings analysis reads (Python modules, deployment files) are kept as text.
// Any other file's text is read again on demand, which only happens for the few files with findings.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Notice } from '../findings.js'
import type { SecretHit } from '../secrets/detect.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import type { FileSet } from '../settings/modules.js'
import { MAX_FILE_BYTES } from './limits.js'
import { listFiles } from './list-files.js'
import { readTreeFile } from './tree-file.js'

/** The files of a tree as read for a scan: text on demand, secrets already found. */
export class TreeFileSet implements FileSet {
  readonly paths: ReadonlySet<string>
  /** Every text file read, in listing order, with what the secrets detector found in it. */
  readonly secrets = new Map<string, SecretHit[]>()
  private readonly texts = new Map<string, string>()

  constructor(
    readonly root: string,
    paths: string[]
  ) {
    this.paths = new Set(paths)
  }

  add(path: string, secrets: SecretHit[], text: string | undefined): void {
    this.secrets.set(path, secrets)
    if (text !== undefined) this.texts.set(path, text)
  }

  read(path: string): string | undefined {
    if (!this.secrets.has(path)) return undefined
    let text = this.texts.get(path)
    if (text === undefined) {
      try {
        text = readFileSync(join(this.root, path), 'utf8')
      } catch {
        return undefined
      }
      this.texts.set(path, text)
    }
    return text
  }
}

/** Files whose text the settings analysis reads: every Python module and every file that may name the settings module. */
const keepsText = (path: string): boolean => path.endsWith('.py') || isSettingsRelevant(path)

/** Reads the files `select` picks from a directory tree. */
export function treeFiles(root: string, select: (paths: string[]) => string[]): { files: TreeFileSet; notices: Notice[] } {
  const { paths } = listFiles(root)
  const files = new TreeFileSet(root, paths)
  const notices: Notice[] = []
  for (const p of select(paths)) {
    const f = readTreeFile(root, p, keepsText(p))
    if (f.kind === 'large') notices.push({ path: p, message: `skipped: ${f.size} bytes is over the ${MAX_FILE_BYTES}-byte limit` })
    else if (f.kind === 'text') files.add(p, f.secrets, f.text)
  }
  return { files, notices }
}
