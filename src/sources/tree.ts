// A plain directory tree (the working copy) for `scan`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Notice } from '../findings.js'
import { MapFileSet } from './changeset.js'
import { MAX_FILE_BYTES, isBinary } from './git.js'

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', 'env', '.tox', '.nox', '__pycache__', '.mypy_cache', '.pytest_cache', 'site-packages', 'dist', 'build', '.eggs'])

/** Lists a directory tree (relative paths with '/'), skipping VCS, virtualenv and cache folders. */
export function listTree(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string, rel: string): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name), r)
      } else if (e.isFile()) out.push(r)
    }
  }
  walk(root, '')
  return out.sort()
}

/** Reads the files `select` picks from a directory tree. */
export function treeFiles(root: string, select: (paths: string[]) => string[]): { files: MapFileSet; notices: Notice[] } {
  const paths = listTree(root)
  const contents = new Map<string, string>()
  const notices: Notice[] = []
  for (const p of select(paths)) {
    const full = join(root, p)
    const size = statSync(full).size
    if (size > MAX_FILE_BYTES) {
      notices.push({ path: p, message: `skipped: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit` })
      continue
    }
    const b = readFileSync(full)
    if (isBinary(b)) continue
    contents.set(p, b.toString('utf8'))
  }
  return { files: new MapFileSet(contents, paths), notices }
}
