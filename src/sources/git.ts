// Reads both sides of a change from git objects only: works in a bare clone and never touches the
// working tree. Contents come through one `git cat-file --batch` process, never one per file, and are
// asked for by object id: names travel NUL-separated (`-z`), so no name can be misread.
import { simpleGit, type SimpleGit } from 'simple-git'
import { parseHunkHeader, patchHeaderPath, type Hunk } from '../diff/hunks.js'
import type { Notice } from '../findings.js'
import { UsageError } from '../config/config.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import { CatFile } from './cat-file.js'
import { MapFileSet, type ChangeSet, type ChangedFile } from './changeset.js'
import { MAX_FILE_BYTES, isBinary } from './limits.js'

// the limits were defined here first: other modules still import them from this one
export { MAX_FILE_BYTES, isBinary }

export interface TreeEntry {
  path: string
  oid: string
}

/** `git ls-tree -r -z`: the blobs of a revision with their object ids. No sizes: asking for them reads every object (and a partial clone would fetch them). */
export async function listTree(git: SimpleGit, rev: string): Promise<TreeEntry[]> {
  const out = await git.raw(['ls-tree', '-r', '-z', '--full-tree', rev])
  const entries: TreeEntry[] = []
  for (const rec of out.split('\0')) {
    const tab = rec.indexOf('\t')
    if (tab < 0) continue
    const [, type, oid] = rec.slice(0, tab).split(' ')
    if (type === 'blob') entries.push({ path: rec.slice(tab + 1), oid })
  }
  return entries
}

export interface RawChange extends ChangedFile {
  /** Object ids of the blob before and after (all zeros when absent on that side). */
  oldOid: string
  newOid: string
}

const STATUS: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted', T: 'type-changed', R: 'renamed', C: 'copied' }

/** Parses `git diff --raw -z --no-abbrev`: `:mode mode oid oid status NUL path NUL [path NUL]`. */
export function parseRawDiff(out: string): RawChange[] {
  const parts = out.split('\0')
  const files: RawChange[] = []
  for (let i = 0; i < parts.length; ) {
    const meta = parts[i++]
    if (!meta.startsWith(':')) continue
    const [, , oldOid, newOid, status] = meta.slice(1).split(' ')
    const code = status[0]
    if (code === 'R' || code === 'C') {
      const oldPath = parts[i++]
      files.push({ path: parts[i++], oldPath, status: STATUS[code], hunks: [], oldOid, newOid })
    } else files.push({ path: parts[i++], status: STATUS[code] ?? 'modified', hunks: [], oldOid, newOid })
  }
  return files
}

/** Parses `git diff -U0` output into hunks per path (the new path; a deleted file's under its old one). */
export function parseUnifiedDiff(out: string): Map<string, Hunk[]> {
  const hunks = new Map<string, Hunk[]>()
  let current: string | undefined
  let minus: string | undefined
  for (const line of out.split('\n')) {
    if (line.startsWith('diff --git ')) current = minus = undefined
    else if (line.startsWith('--- ')) minus = patchHeaderPath(line.slice(4), 'a/')
    else if (line.startsWith('+++ ')) current = patchHeaderPath(line.slice(4), 'b/') ?? minus
    else if (line.startsWith('@@') && current !== undefined) {
      const h = parseHunkHeader(line)
      if (!h) continue
      const list = hunks.get(current)
      if (list) list.push(h)
      else hunks.set(current, [h])
    }
  }
  return hunks
}

export interface GitDiffOptions {
  repo: string
  base: string
  head?: string
  maxFileBytes?: number
  /** The merge-base when it is already known (a shallow clone cannot compute it). */
  mergeBase?: string
  /** Files to read on both sides even when unchanged (the review's configuration). */
  alsoRead?: string[]
  /** Review the index against HEAD (what `git commit` would record) instead of base...head. */
  staged?: boolean
}

/**
 * The index as a tree object (`git write-tree`, what `git commit` records) and HEAD, or the empty tree
 * before the first commit: the two sides of `diff --staged`.
 */
async function stagedSides(git: SimpleGit): Promise<{ head: string; base: string }> {
  let head: string
  try {
    if ((await git.raw(['rev-parse', '--is-bare-repository'])).trim() === 'true') throw new Error('fatal: a bare repository has no index')
    head = (await git.raw(['write-tree'])).trim()
  } catch (e) {
    const why = gitError(e)
    throw new UsageError(/unmerged|merge/i.test(why) ? 'the index has unmerged paths: resolve the conflicts and stage them first' : `cannot read the index (${why}): --staged needs a repository with a working tree`)
  }
  const commit = (await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '')).trim()
  // before the first commit the base is the empty tree (its id depends on the repository's hash)
  const base = commit || (await git.raw(['hash-object', '-t', 'tree', '/dev/null'])).trim()
  return { head, base }
}

async function resolveCommit(git: SimpleGit, rev: string): Promise<string> {
  const sha = await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => '')
  if (!/^[0-9a-f]{40,64}$/.test(sha.trim())) throw new UsageError(`unknown revision "${rev}" (not a commit in this repository; is it fetched?)`)
  return sha.trim()
}

async function openRepo(repo: string): Promise<SimpleGit> {
  const git = simpleGit({ baseDir: repo, binary: 'git', maxConcurrentProcesses: 4 })
  try {
    await git.raw(['rev-parse', '--git-dir'])
  } catch {
    throw new UsageError(`${repo}: not a git repository`)
  }
  return git
}

/** Loads text files of one revision by object id, skipping binary and oversized files; an unreadable blob is named. */
class RevisionReader {
  readonly contents = new Map<string, string>()
  /** path → object id, for every blob of the tree */
  readonly oids = new Map<string, string>()
  readonly binary = new Set<string>()
  readonly unreadable = new Set<string>()
  private readonly tried = new Set<string>()
  constructor(
    private readonly cat: CatFile,
    private readonly notices: Notice[],
    private readonly maxBytes: number,
    /** How the side is named in notices ('' for a scan's only side); a base side's skipped files go unmentioned. */
    private readonly side: 'base' | 'head' | ''
  ) {}

  async load(paths: string[]): Promise<void> {
    const todo = [...new Set(paths)].filter((p) => !this.tried.has(p) && this.oids.has(p))
    for (const p of todo) this.tried.add(p)
    const blobs = await this.cat.read(todo.map((p) => this.oids.get(p) as string), this.maxBytes)
    todo.forEach((p, i) => {
      const b = blobs[i]
      if (b.kind === 'unreadable') {
        this.unreadable.add(p)
        this.notices.push({ path: p, message: `not reviewed${this.side ? ` (${this.side} side)` : ''}: git cannot read it (${b.why}: a partial clone, a shallow fetch or a corrupt repository)` })
      } else if (b.kind === 'large') {
        if (this.side !== 'base') this.notices.push({ path: p, message: `skipped: ${b.size} bytes is over the ${this.maxBytes}-byte limit` })
      } else if (isBinary(b.bytes)) {
        this.binary.add(p)
        if (this.side !== 'base' && p.endsWith('.py')) this.notices.push({ path: p, message: 'skipped: binary file' })
      } else this.contents.set(p, b.bytes.toString('utf8'))
    })
  }
}

/** Every line of a file as added: for a file whose other side git cannot read. */
function wholeFile(text: string | undefined): Hunk[] {
  const lines = text === undefined ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
  return lines ? [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines }] : []
}

// Explicit, so that no user configuration (diff.noprefix, color.diff, an external diff) changes the output.
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/']

/** The line of a git failure (an error, or its stderr) that says what went wrong. */
export function gitError(e: unknown): string {
  const lines = String((e as Error).message ?? e).trim().split('\n')
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0]).replace(/^(fatal|error): /, '')
}

/**
 * The changed files with object ids. Rename detection reads the blobs of added and deleted files:
 * when git cannot (a missing object), the diff is taken again without it, and a notice says so.
 */
async function rawChanges(git: SimpleGit, from: string, to: string, notices: Notice[]): Promise<{ changes: RawChange[]; renames: string }> {
  const raw = (renames: string): Promise<string> => git.raw(['diff', '--raw', '-z', '--no-abbrev', renames, ...DIFF_FLAGS, from, to])
  try {
    return { changes: parseRawDiff(await raw('-M')), renames: '-M' }
  } catch (e) {
    notices.push({ message: `rename detection failed (${gitError(e)}): files are compared by path, a renamed file as deleted and added` })
    return { changes: parseRawDiff(await raw('--no-renames')), renames: '--no-renames' }
  }
}

/**
 * Zero-context hunks of the changed files (`--text`: a `-diff` attribute cannot hide a file's lines).
 * Files git cannot read are left out by pathspec: one missing blob makes git give up the whole patch.
 */
async function changedHunks(git: SimpleGit, from: string, to: string, renames: string, leaveOut: string[]): Promise<Map<string, Hunk[]>> {
  const pathspec = leaveOut.length ? ['--', '.', ...leaveOut.map((p) => `:(exclude,literal)${p}`)] : []
  return parseUnifiedDiff(await git.raw(['diff', '-U0', '--text', renames, ...DIFF_FLAGS, from, to, ...pathspec]))
}

/** Both sides of `base...head` (merge-base of base and head, then head), read from git objects. */
export async function gitChangeSet(opts: GitDiffOptions, want: (base: MapFileSet, head: MapFileSet) => { base: string[]; head: string[] }): Promise<ChangeSet> {
  const git = await openRepo(opts.repo)
  const staged = opts.staged ? await stagedSides(git) : undefined
  const head = staged ? staged.head : await resolveCommit(git, opts.head ?? 'HEAD')
  const baseTip = staged ? staged.base : await resolveCommit(git, opts.base)
  let mergeBase = staged ? staged.base : opts.mergeBase ? await resolveCommit(git, opts.mergeBase) : ''
  if (!mergeBase) {
    mergeBase = (await git.raw(['merge-base', baseTip, head]).catch(() => '')).trim()
    if (!mergeBase) throw new UsageError(`${opts.base} and ${opts.head ?? 'HEAD'} have no common ancestor (is the clone too shallow? fetch more history)`)
  }
  const notices: Notice[] = []
  const [baseTree, headTree, { changes, renames }] = await Promise.all([listTree(git, mergeBase), listTree(git, head), rawChanges(git, mergeBase, head, notices)])
  const cat = new CatFile(opts.repo)
  try {
    const max = opts.maxFileBytes ?? MAX_FILE_BYTES
    const baseReader = new RevisionReader(cat, notices, max, 'base')
    const headReader = new RevisionReader(cat, notices, max, 'head')
    for (const e of baseTree) baseReader.oids.set(e.path, e.oid)
    for (const e of headTree) headReader.oids.set(e.path, e.oid)
    const basePath = (c: ChangedFile): string => c.oldPath ?? c.path
    await Promise.all([
      baseReader.load([...changes.filter((c) => c.status !== 'added').map(basePath), ...baseTree.map((e) => e.path).filter(isSettingsRelevant), ...(opts.alsoRead ?? [])]),
      headReader.load([...changes.filter((c) => c.status !== 'deleted').map((c) => c.path), ...headTree.map((e) => e.path).filter(isSettingsRelevant), ...(opts.alsoRead ?? [])])
    ])
    const unreadable = new Set(changes.filter((c) => baseReader.unreadable.has(basePath(c)) || headReader.unreadable.has(c.path)))
    let hunks: Map<string, Hunk[]>
    try {
      hunks = await changedHunks(git, mergeBase, head, renames, [...new Set([...unreadable].flatMap((c) => [c.path, basePath(c)]))])
    } catch (e) {
      notices.push({ message: `git could not produce the diff (${gitError(e)}): every line of the changed files was reviewed as added` })
      hunks = new Map(changes.map((c) => [c.path, wholeFile(headReader.contents.get(c.path))]))
    }
    for (const c of changes) {
      // a file whose base side git cannot read: every line of its head is reviewed as added
      c.hunks = hunks.get(c.path) ?? (unreadable.has(c) ? wholeFile(headReader.contents.get(c.path)) : [])
      if (headReader.binary.has(c.path) || (c.status === 'deleted' && baseReader.binary.has(basePath(c)))) {
        c.binary = true
        notices.push({ path: c.path, message: 'skipped: binary file' })
      }
    }
    const baseSet = new MapFileSet(baseReader.contents, baseReader.oids.keys())
    const headSet = new MapFileSet(headReader.contents, headReader.oids.keys())
    // Follow imports of settings modules into files not read yet (a few rounds at most).
    for (let round = 0; round < 4; round++) {
      const more = want(baseSet, headSet)
      const fresh = more.base.some((p) => !baseReader.contents.has(p)) || more.head.some((p) => !headReader.contents.has(p))
      if (!fresh) break
      await Promise.all([baseReader.load(more.base), headReader.load(more.head)])
    }
    return { base: baseSet, head: headSet, changes: changes.map((c): ChangedFile => ({ path: c.path, oldPath: c.oldPath, status: c.status, hunks: c.hunks, binary: c.binary })), notices }
  } finally {
    cat.close()
  }
}

/**
 * One revision's tree, read from git objects (for `scan --rev`, or the base side of a change read
 * through the API); a blob git cannot read is named in the notices.
 */
export async function gitRevisionFiles(repo: string, rev: string, load: (paths: string[]) => string[], side: 'base' | '' = ''): Promise<{ files: MapFileSet; notices: Notice[] }> {
  const git = await openRepo(repo)
  const commit = await resolveCommit(git, rev)
  const tree = await listTree(git, commit)
  const notices: Notice[] = []
  const cat = new CatFile(repo)
  try {
    const reader = new RevisionReader(cat, notices, MAX_FILE_BYTES, side)
    for (const e of tree) reader.oids.set(e.path, e.oid)
    await reader.load(load(tree.map((e) => e.path)))
    return { files: new MapFileSet(reader.contents, reader.oids.keys()), notices }
  } finally {
    cat.close()
  }
}
