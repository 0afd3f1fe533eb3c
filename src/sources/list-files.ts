// Which files of a directory a scan reads. Inside a git work tree: the files git tracks, plus new
// files that are not ignored (`git ls-files`), so committed folders named env/, build/ or venv/ are
// read and untracked build output is not. Outside git: a walk that honours every .gitignore on the
// way down and skips virtualenvs, caches and VCS folders.
import { spawnSync } from 'node:child_process'
import { lstatSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/** Never source, with or without a .gitignore saying so. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox', 'site-packages'])

export interface Listing {
  paths: string[]
  /** How the files were chosen, for the coverage notes. */
  how: 'git' | 'walk'
}

/** The repository-relative paths git lists for a work tree, or undefined when `root` is not in one. */
function gitListed(root: string): string[] | undefined {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' })
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return undefined
  // -z: names with newlines or odd bytes arrive whole; paths are relative to `root`
  const out = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.'], { cwd: root, maxBuffer: 1 << 30 })
  if (out.status !== 0) return undefined
  const prefix = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: root, encoding: 'utf8' }).stdout.trim()
  // a file both tracked and modified is listed once; a deleted one or a submodule has nothing to read
  const paths = new Set(out.stdout.toString('utf8').split('\0').filter(Boolean).map((name) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name)))
  return [...paths].filter((p) => isReadableFile(join(root, p)))
}

/** A regular file: not a directory (a submodule), not a symlink, not a device or FIFO, not deleted. */
function isReadableFile(full: string): boolean {
  try {
    return lstatSync(full).isFile()
  } catch {
    return false
  }
}

/** A directory walk honouring nested .gitignore files. */
function walked(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string, rel: string, rules: { base: string; ig: Ignore }[]): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...rules, { base: rel, ig: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) }] : rules
    // a virtualenv without a .gitignore saying so: its pyvenv.cfg gives it away
    if (rel && entries.some((e) => e.name === 'pyvenv.cfg')) return
    const ignored = (r: string, isDir: boolean): boolean => own.some(({ base, ig }) => ig.ignores((base ? r.slice(base.length + 1) : r) + (isDir ? '/' : '')))
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !ignored(r, true)) walk(join(dir, e.name), r, own)
      } else if (e.isFile() && !ignored(r, false)) out.push(r)
    }
  }
  walk(root, '', [])
  return out
}

export function listFiles(root: string): Listing {
  const git = gitListed(root)
  return git ? { paths: git.sort(), how: 'git' } : { paths: walked(root).sort(), how: 'walk' }
}
