// Reads both sides of a change from git objects only: works in a bare clone and never touches the
// working tree. Contents come through one `git cat-file --batch` process, never one per file.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { simpleGit, type SimpleGit } from 'simple-git'
import { parseHunkHeader, unquote, type Hunk } from '../diff.js'
import type { Notice } from '../findings.js'
import { UsageError } from '../config/config.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import { MapFileSet, type ChangeSet, type ChangedFile } from './changeset.js'
import { MAX_FILE_BYTES, isBinary } from './limits.js'

// the limits were defined here first: other modules still import them from this one
export { MAX_FILE_BYTES, isBinary }

interface TreeEntry {
  path: string
  size: number
}

/** One long-lived `git cat-file --batch`: requests are queued and answered in order. */
export class CatFile {
  private readonly proc: ChildProcessWithoutNullStreams
  private buffer: Buffer = Buffer.alloc(0)
  private readonly queue: { resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }[] = []
  private failed: Error | undefined

  constructor(repo: string) {
    this.proc = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] })
    this.proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      this.drain()
    })
    this.proc.on('error', (e) => this.fail(e))
    this.proc.on('close', () => this.fail(new Error('git cat-file exited')))
  }

  private fail(e: Error): void {
    this.failed ??= e
    for (const q of this.queue.splice(0)) q.reject(e)
  }

  private drain(): void {
    while (this.queue.length) {
      const nl = this.buffer.indexOf(10)
      if (nl < 0) return
      const header = this.buffer.subarray(0, nl).toString('utf8')
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(nl + 1)
        this.queue.shift()?.resolve(undefined)
        continue
      }
      const size = Number(header.slice(header.lastIndexOf(' ') + 1))
      if (this.buffer.length < nl + 1 + size + 1) return
      const body = this.buffer.subarray(nl + 1, nl + 1 + size)
      this.buffer = this.buffer.subarray(nl + 1 + size + 1)
      this.queue.shift()?.resolve(Buffer.from(body))
    }
  }

  /** Reads `<rev>:<path>` objects; undefined for a missing one. */
  read(specs: string[]): Promise<(Buffer | undefined)[]> {
    if (this.failed) return Promise.reject(this.failed)
    const all = specs.map(
      (spec) =>
        new Promise<Buffer | undefined>((resolve, reject) => {
          this.queue.push({ resolve, reject })
          void spec
        })
    )
    this.proc.stdin.write(specs.map((s) => `${s}\n`).join(''))
    return Promise.all(all)
  }

  close(): void {
    this.proc.stdin.end()
    this.proc.removeAllListeners('close')
  }
}

async function listTree(git: SimpleGit, rev: string): Promise<TreeEntry[]> {
  const out = await git.raw(['ls-tree', '-r', '-l', '-z', rev])
  const entries: TreeEntry[] = []
  for (const rec of out.split('\0')) {
    if (!rec) continue
    const tab = rec.indexOf('\t')
    const meta = rec.slice(0, tab).split(/ +/)
    if (meta[1] !== 'blob') continue
    entries.push({ path: rec.slice(tab + 1), size: Number(meta[3]) })
  }
  return entries
}

/** Parses `git diff --name-status -z -M` output. */
export function parseNameStatus(out: string): ChangedFile[] {
  const parts = out.split('\0')
  const files: ChangedFile[] = []
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++]
    if (!status) continue
    const code = status[0]
    if (code === 'R' || code === 'C') {
      const oldPath = parts[i++]
      const path = parts[i++]
      files.push({ path, oldPath, status: code === 'R' ? 'renamed' : 'copied', hunks: [] })
    } else {
      const path = parts[i++]
      const map: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted', T: 'type-changed' }
      files.push({ path, status: map[code] ?? 'modified', hunks: [] })
    }
  }
  return files
}

/** Parses `git diff -U0` output into hunks per (new) path, and the binary files. */
export function parseUnifiedDiff(out: string): { hunks: Map<string, Hunk[]>; binary: Set<string> } {
  const hunks = new Map<string, Hunk[]>()
  const binary = new Set<string>()
  let current: string | undefined
  let minus: string | undefined
  for (const line of out.split('\n')) {
    if (line.startsWith('diff --git ')) current = minus = undefined
    else if (line.startsWith('--- ')) {
      const p = line.slice(4)
      minus = p === '/dev/null' ? undefined : unquote(p).replace(/^a\//, '')
    } else if (line.startsWith('+++ ')) {
      // A deleted file's hunks are kept under its old path.
      const p = line.slice(4)
      current = p === '/dev/null' ? minus : unquote(p).replace(/^b\//, '')
    } else if (line.startsWith('@@') && current !== undefined) {
      const h = parseHunkHeader(line)
      if (h) hunks.set(current, [...(hunks.get(current) ?? []), h])
    } else if (line.startsWith('Binary files ')) {
      const m = / and (.*) differ$/.exec(line)
      if (m) binary.add(unquote(m[1]).replace(/^b\//, ''))
    }
  }
  return { hunks, binary }
}

export interface GitDiffOptions {
  repo: string
  base: string
  head?: string
  maxFileBytes?: number
  /** The merge-base when it is already known (a shallow clone cannot compute it). */
  mergeBase?: string
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

/** Loads text files of one revision through cat-file, skipping binary and oversized files. */
class RevisionReader {
  readonly contents = new Map<string, string>()
  readonly sizes = new Map<string, number>()
  constructor(
    private readonly rev: string,
    private readonly cat: CatFile,
    private readonly notices: Notice[],
    private readonly maxBytes: number,
    private readonly announce: boolean
  ) {}

  async load(paths: string[]): Promise<void> {
    const todo = paths.filter((p) => !this.contents.has(p) && this.sizes.has(p))
    const small = todo.filter((p) => {
      const size = this.sizes.get(p) ?? 0
      if (size <= this.maxBytes) return true
      if (this.announce) this.notices.push({ path: p, message: `skipped: ${size} bytes is over the ${this.maxBytes}-byte limit` })
      return false
    })
    const blobs = await this.cat.read(small.map((p) => `${this.rev}:${p}`))
    small.forEach((p, i) => {
      const b = blobs[i]
      if (!b) return
      if (isBinary(b)) {
        if (this.announce && p.endsWith('.py')) this.notices.push({ path: p, message: 'skipped: binary file' })
        return
      }
      this.contents.set(p, b.toString('utf8'))
    })
  }
}

/** Both sides of `base...head` (merge-base of base and head, then head), read from git objects. */
export async function gitChangeSet(opts: GitDiffOptions, want: (base: MapFileSet, head: MapFileSet) => { base: string[]; head: string[] }): Promise<ChangeSet> {
  const git = await openRepo(opts.repo)
  const head = await resolveCommit(git, opts.head ?? 'HEAD')
  const baseTip = await resolveCommit(git, opts.base)
  let mergeBase = opts.mergeBase ? await resolveCommit(git, opts.mergeBase) : ''
  if (!mergeBase) {
    mergeBase = (await git.raw(['merge-base', baseTip, head]).catch(() => '')).trim()
    if (!mergeBase) throw new UsageError(`${opts.base} and ${opts.head ?? 'HEAD'} have no common ancestor (is the clone too shallow? fetch more history)`)
  }
  const notices: Notice[] = []
  const [baseTree, headTree, nameStatus, patch] = await Promise.all([
    listTree(git, mergeBase),
    listTree(git, head),
    git.raw(['diff', '--name-status', '-z', '-M', '--no-ext-diff', mergeBase, head]),
    git.raw(['diff', '-U0', '-M', '--no-color', '--no-ext-diff', '--no-textconv', mergeBase, head])
  ])
  const changes = parseNameStatus(nameStatus)
  const { hunks, binary } = parseUnifiedDiff(patch)
  for (const c of changes) {
    c.hunks = hunks.get(c.path) ?? []
    if (binary.has(c.path)) {
      c.binary = true
      notices.push({ path: c.path, message: 'skipped: binary file' })
    }
  }
  const cat = new CatFile(opts.repo)
  try {
    const max = opts.maxFileBytes ?? MAX_FILE_BYTES
    const baseReader = new RevisionReader(mergeBase, cat, notices, max, false)
    const headReader = new RevisionReader(head, cat, notices, max, true)
    for (const e of baseTree) baseReader.sizes.set(e.path, e.size)
    for (const e of headTree) headReader.sizes.set(e.path, e.size)
    const changedHead = changes.filter((c) => c.status !== 'deleted' && !c.binary).map((c) => c.path)
    const changedBase = changes.filter((c) => c.status !== 'added' && !c.binary).map((c) => c.oldPath ?? c.path)
    await Promise.all([
      baseReader.load([...changedBase, ...baseTree.map((e) => e.path).filter(isSettingsRelevant)]),
      headReader.load([...changedHead, ...headTree.map((e) => e.path).filter(isSettingsRelevant)])
    ])
    const baseSet = new MapFileSet(baseReader.contents, baseReader.sizes.keys())
    const headSet = new MapFileSet(headReader.contents, headReader.sizes.keys())
    // Follow imports of settings modules into files not read yet (a few rounds at most).
    for (let round = 0; round < 4; round++) {
      const more = want(baseSet, headSet)
      const fresh = more.base.some((p) => !baseReader.contents.has(p)) || more.head.some((p) => !headReader.contents.has(p))
      if (!fresh) break
      await Promise.all([baseReader.load(more.base), headReader.load(more.head)])
    }
    return { base: baseSet, head: headSet, changes, notices }
  } finally {
    cat.close()
  }
}

/** One revision's tree, read from git objects (for `scan --rev`). */
export async function gitRevisionFiles(repo: string, rev: string, load: (paths: string[]) => string[]): Promise<{ files: MapFileSet; notices: Notice[] }> {
  const git = await openRepo(repo)
  const commit = await resolveCommit(git, rev)
  const tree = await listTree(git, commit)
  const notices: Notice[] = []
  const cat = new CatFile(repo)
  try {
    const reader = new RevisionReader(commit, cat, notices, MAX_FILE_BYTES, true)
    for (const e of tree) reader.sizes.set(e.path, e.size)
    await reader.load(load(tree.map((e) => e.path)))
    return { files: new MapFileSet(reader.contents, reader.sizes.keys()), notices }
  } finally {
    cat.close()
  }
}
