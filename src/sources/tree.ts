// A plain directory tree (the working copy) for `scan`.
//
// Each selected file is read once, as bytes, and scanned for secrets right then (see tree-file.ts);
// only the files the settings analysis reads (Python modules, deployment files) are kept as text.
// Any other file's text is read again on demand, which only happens for the few files with findings.
import { readdirSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import type { Notice } from '../findings.js'
import type { SecretHit } from '../secrets/detect.js'
import { referenceKind } from '../settings/discovery.js'
import type { FileSet } from '../settings/modules.js'
import { MAX_FILE_BYTES } from './limits.js'
import { readFileSafely } from './read-file.js'
import { readTreeFile } from './tree-file.js'

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', 'env', '.tox', '.nox', '__pycache__', '.mypy_cache', '.pytest_cache', 'site-packages', 'dist', 'build', '.eggs'])

export interface TreeListing {
  /** Relative paths with '/', sorted: regular files, and symbolic links (read only when they stay in the tree). */
  paths: string[]
  /** For a path whose name is not valid UTF-8 (shown with U+FFFD): the bytes that open it. */
  raw: Map<string, Buffer>
}

/** Lists a directory tree, skipping VCS, virtualenv and cache folders; never follows a linked folder. */
export function listTree(root: string): TreeListing {
  const paths: string[] = []
  const raw = new Map<string, Buffer>()
  const walk = (dir: Buffer, rel: string, lossy: boolean): void => {
    let entries: Dirent<Buffer>[]
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })
    } catch {
      return
    }
    for (const e of entries) {
      const name = e.name.toString('utf8')
      const r = rel ? `${rel}/${name}` : name
      const full = Buffer.concat([dir, Buffer.from('/'), e.name])
      const lossyName = lossy || !Buffer.from(name).equals(e.name)
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full, r, lossyName)
      } else if (e.isFile() || e.isSymbolicLink()) {
        paths.push(r)
        if (lossyName) raw.set(r, full)
      }
    }
  }
  walk(Buffer.from(root), '', false)
  return { paths: paths.sort(), raw }
}

/** The files of a tree as read for a scan: text on demand, secrets already found. */
export class TreeFileSet implements FileSet {
  readonly paths: ReadonlySet<string>
  /** Every text file read, in listing order, with what the secrets detector found in it. */
  readonly secrets = new Map<string, SecretHit[]>()
  private readonly texts = new Map<string, string>()

  constructor(
    readonly root: string,
    private readonly listing: TreeListing
  ) {
    this.paths = new Set(listing.paths)
  }

  /** What opens a listed path: its bytes when its name is not UTF-8. */
  file(path: string): string | Buffer {
    return this.listing.raw.get(path) ?? join(this.root, path)
  }

  add(path: string, secrets: SecretHit[], text: string | undefined): void {
    this.secrets.set(path, secrets)
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
const keepsText = (path: string): boolean => path.endsWith('.py') || referenceKind(path) !== undefined

/** Reads the files `select` picks from a directory tree; a file it may not or cannot read is named in a notice. */
export function treeFiles(root: string, select: (paths: string[]) => string[]): { files: TreeFileSet; notices: Notice[] } {
  const listing = listTree(root)
  const files = new TreeFileSet(root, listing)
  const notices: Notice[] = []
  for (const p of select(listing.paths)) {
    const f = readTreeFile(root, files.file(p), p, keepsText(p))
    if (f.kind === 'large') notices.push({ path: p, message: `skipped: ${f.size} bytes is over the ${MAX_FILE_BYTES}-byte limit` })
    else if (f.kind === 'refused') notices.push({ path: p, message: `not read: ${f.why}` })
    else if (f.kind === 'text') files.add(p, f.secrets, f.text)
  }
  return { files, notices }
}
