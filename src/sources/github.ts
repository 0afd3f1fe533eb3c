// A change set read through the GitHub API, for `pull_request_target`: the pull request's code is
// never checked out, fetched or run. The base side comes from the (trusted) base commits in the
// workspace's git objects; the head side is the base side with the pull request's changed files,
// read one by one through the contents API; changed lines come from the files list's patches.
import type { Hunk } from '../diff/hunks.js'
import { parseHunkHeader } from '../diff/hunks.js'
import type { Notice } from '../findings.js'
import type { GitHub } from '../github/client.js'
import { isSecretsCandidate } from '../secrets/detect.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import { MapFileSet, type ChangeSet, type ChangedFile } from './changeset.js'
import { gitRevisionFiles, isBinary, MAX_FILE_BYTES } from './git.js'

/** Zero-context hunks (only added and removed lines) from a patch with context, as `git diff -U0` gives. */
export function zeroContextHunks(patch: string | undefined): Hunk[] {
  const out: Hunk[] = []
  if (!patch) return out
  let oldLine = 0
  let newLine = 0
  let current: Hunk | undefined
  const flush = (): void => {
    if (current && (current.oldLines || current.newLines)) out.push(current)
    current = undefined
  }
  for (const line of patch.split('\n')) {
    if (line.startsWith('@@')) {
      flush()
      const h = parseHunkHeader(line)
      oldLine = h?.oldStart ?? 0
      newLine = h?.newStart ?? 0
      continue
    }
    if (line.startsWith('-')) {
      current ??= { oldStart: oldLine, oldLines: 0, newStart: Math.max(0, newLine - 1), newLines: 0 }
      if (current.newLines === 0) current.newStart = Math.max(0, newLine - 1)
      current.oldLines++
      oldLine++
    } else if (line.startsWith('+')) {
      current ??= { oldStart: Math.max(0, oldLine - 1), oldLines: 0, newStart: newLine, newLines: 0 }
      if (current.newLines === 0) current.newStart = newLine
      current.newLines++
      newLine++
    } else if (line.startsWith(' ')) {
      flush()
      oldLine++
      newLine++
    }
  }
  flush()
  return out
}

const STATUS: Record<string, ChangedFile['status']> = { added: 'added', removed: 'deleted', modified: 'modified', renamed: 'renamed', copied: 'copied', changed: 'type-changed', unchanged: 'modified' }

/** The pull request's files as GitHub lists them (at most MAX_LISTED_FILES), with their patches. */
export function listPullFiles(octokit: GitHub, repo: { owner: string; repo: string }, number: number) {
  return octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 })
}

export type PullFiles = Awaited<ReturnType<typeof listPullFiles>>

export interface GitHubSourceOptions {
  octokit: GitHub
  repo: { owner: string; repo: string }
  /** From listPullFiles. */
  files: PullFiles
  head: string
  /** The merge-base, present in the workspace's git objects. */
  mergeBase: string
  workspace: string
  coverage: string[]
  /** Files to read on both sides even when unchanged (the review's configuration). */
  alsoRead?: string[]
}

/** GitHub lists at most this many files of a pull request; past it the list is cut short. */
export const MAX_LISTED_FILES = 3000

/** The change set, or `truncated` when GitHub's list of files is cut short (read it from git instead). */
export async function githubChangeSet(o: GitHubSourceOptions): Promise<ChangeSet | 'truncated'> {
  const notices: Notice[] = []
  const files = o.files
  if (files.length >= MAX_LISTED_FILES) return 'truncated'
  const changes: ChangedFile[] = files.map((f) => ({
    path: f.filename,
    oldPath: f.previous_filename,
    status: STATUS[f.status] ?? 'modified',
    hunks: zeroContextHunks(f.patch),
    binary: f.patch === undefined && f.status !== 'removed' && f.status !== 'renamed' && f.changes > 0 ? true : undefined
  }))
  const changed = new Set(changes.map((c) => c.oldPath ?? c.path))
  const also = new Set(o.alsoRead)
  const { files: base, notices: baseNotices } = await gitRevisionFiles(o.workspace, o.mergeBase, (paths) => paths.filter((p) => isSettingsRelevant(p) || changed.has(p) || also.has(p)), 'base')
  notices.push(...baseNotices)
  const headContents = new Map(base.contents)
  const headPaths = new Set(base.paths)
  for (const c of changes) {
    if (c.oldPath && c.oldPath !== c.path) {
      headContents.delete(c.oldPath)
      headPaths.delete(c.oldPath)
    }
    if (c.status === 'deleted') {
      headContents.delete(c.path)
      headPaths.delete(c.path)
      continue
    }
    headPaths.add(c.path)
    if (c.binary) {
      notices.push({ path: c.path, message: 'not reviewed: GitHub sent no patch (binary or too large a diff)' })
      headContents.delete(c.path)
      continue
    }
    if (!(c.path.endsWith('.py') || isSettingsRelevant(c.path) || isSecretsCandidate(c.path) || also.has(c.path))) continue
    const text = await readContent(o, c.path)
    if (text === undefined) notices.push({ path: c.path, message: `not reviewed: over ${MAX_FILE_BYTES} bytes or not text` })
    else headContents.set(c.path, text)
  }
  return { base, head: new MapFileSet(headContents, headPaths), changes, notices }
}

async function readContent(o: GitHubSourceOptions, path: string): Promise<string | undefined> {
  const { data } = await o.octokit.rest.repos.getContent({ ...o.repo, path, ref: o.head })
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || data.size > MAX_FILE_BYTES) return undefined
  const bytes = Buffer.from(data.content, 'base64')
  return isBinary(bytes) ? undefined : bytes.toString('utf8')
}
