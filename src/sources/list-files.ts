// Which files of a directory a scan reads. Inside a git work tree: the files git tracks, plus new
// files that are not ignored (`git ls-files`), so committed folders named env/, build/ or venv/ are
// read and untracked build output is not. Outside git: a walk that honours every .gitignore on the
// way down and skips virtualenvs, caches and VCS folders.
// Names are handled as bytes: one that is not valid UTF-8 is listed with U+FFFD and opened by its bytes.
import { spawnSync } from 'node:child_process'
import { lstatSync, readFileSync, readdirSync, type Dirent } from 'node:fs'
import ignore, { type Ignore } from 'ignore'

/** Never source, with or without a .gitignore saying so. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox', 'site-packages'])

export interface Listing {
  paths: string[]
  /** For a path whose name is not valid UTF-8 (listed with U+FFFD): the bytes that open it. */
  raw: Map<string, Buffer>
  /** How the files were chosen, for the coverage notes. */
  how: 'git' | 'walk'
}

const SLASH = Buffer.from('/')

/** A relative name (bytes) as a listed path, and as the bytes to open it by when it is not UTF-8. */
function collect(root: Buffer, into: { paths: string[]; raw: Map<string, Buffer> }, rel: Buffer): void {
  const path = rel.toString('utf8')
  into.paths.push(path)
  if (!Buffer.from(path).equals(rel)) into.raw.set(path, Buffer.concat([root, SLASH, rel]))
}

/** The repository-relative paths git lists for a work tree, or undefined when `root` is not in one. */
function gitListed(root: string): { paths: string[]; raw: Map<string, Buffer> } | undefined {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' })
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return undefined
  // -z: names with newlines or odd bytes arrive whole; paths are relative to `root`
  const out = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.'], { cwd: root, maxBuffer: 1 << 30 })
  if (out.status !== 0) return undefined
  const prefixOut = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: root }).stdout
  const prefix = prefixOut.subarray(0, prefixOut.length - (prefixOut.at(-1) === 10 ? 1 : 0))
  const top = Buffer.from(root)
  const listed = { paths: [] as string[], raw: new Map<string, Buffer>() }
  // a file both tracked and modified is listed once; a deleted one or a submodule has nothing to read
  const seen = new Set<string>()
  for (let start = 0; start < out.stdout.length; ) {
    const end = out.stdout.indexOf(0, start)
    const name = out.stdout.subarray(start, end < 0 ? out.stdout.length : end)
    start = end < 0 ? out.stdout.length : end + 1
    const rel = prefix.length && name.subarray(0, prefix.length).equals(prefix) ? name.subarray(prefix.length) : name
    const key = rel.toString('latin1')
    if (!rel.length || seen.has(key) || !isReadableFile(Buffer.concat([top, SLASH, rel]))) continue
    seen.add(key)
    collect(top, listed, rel)
  }
  return listed
}

/** A regular file: not a directory (a submodule), not a symlink, not a device or FIFO, not deleted. */
function isReadableFile(full: Buffer): boolean {
  try {
    return lstatSync(full).isFile()
  } catch {
    return false
  }
}

/** A directory walk honouring nested .gitignore files. */
function walked(root: string): { paths: string[]; raw: Map<string, Buffer> } {
  const top = Buffer.from(root)
  const listed = { paths: [] as string[], raw: new Map<string, Buffer>() }
  const walk = (dir: Buffer, rel: Buffer | undefined, rules: { base: string; ig: Ignore }[]): void => {
    let entries: Dirent<Buffer>[]
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })
    } catch {
      return
    }
    const relText = rel?.toString('utf8') ?? ''
    const named = (e: Dirent<Buffer>, name: string): boolean => e.name.toString('utf8') === name
    const own = entries.some((e) => named(e, '.gitignore') && e.isFile()) ? [...rules, { base: relText, ig: ignore().add(readFileSync(Buffer.concat([dir, Buffer.from('/.gitignore')]), 'utf8')) }] : rules
    // a virtualenv without a .gitignore saying so: its pyvenv.cfg gives it away
    if (rel && entries.some((e) => named(e, 'pyvenv.cfg'))) return
    const ignored = (r: string, isDir: boolean): boolean => own.some(({ base, ig }) => ig.ignores((base ? r.slice(base.length + 1) : r) + (isDir ? '/' : '')))
    for (const e of entries) {
      const r = rel ? Buffer.concat([rel, SLASH, e.name]) : e.name
      const text = r.toString('utf8')
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name.toString('utf8')) && !ignored(text, true)) walk(Buffer.concat([dir, SLASH, e.name]), r, own)
      } else if (e.isFile() && !ignored(text, false)) collect(top, listed, r)
    }
  }
  walk(top, undefined, [])
  return listed
}

export function listFiles(root: string): Listing {
  const git = gitListed(root)
  const { paths, raw } = git ?? walked(root)
  return { paths: paths.sort(), raw, how: git ? 'git' : 'walk' }
}
