// Makes sure the commits a review needs are in the workspace's object store, without requiring
// `fetch-depth: 0`: fetch exactly the missing commits, and in a shallow clone take the merge-base
// from the compare API and fetch just that commit too. Nothing is checked out.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { context } from '@actions/github'
import type { GitHub } from '../github/client.js'
import type { Plan } from './event.js'

const exec = promisify(execFile)

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd, maxBuffer: 1 << 26 })).stdout.trim()
}

async function has(cwd: string, sha: string): Promise<boolean> {
  return git(cwd, 'cat-file', '-e', `${sha}^{commit}`).then(
    () => true,
    () => false
  )
}

/** Fetches commits (objects only: nothing is checked out); a failure names what and why in one line. */
async function fetch(cwd: string, refs: string[]): Promise<void> {
  try {
    await git(cwd, 'fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', ...refs)
  } catch (e) {
    const why = String((e as { stderr?: string }).stderr ?? '').split('\n').find((l) => /^(fatal|error):/.test(l)) ?? (e as Error).message.split('\n')[0]
    throw new Error(`could not fetch ${refs.map((r) => (/^[0-9a-f]{40}$/.test(r) ? r.slice(0, 7) : r)).join(', ')} from origin (${why.trim()})`, { cause: e })
  }
}

/** The merge-base of the plan's base and head, from the compare API; fetched (objects only) when the workspace lacks it. */
async function mergeBaseFromApi(cwd: string, plan: Exclude<Plan, { kind: 'full' }>, octokit: GitHub): Promise<{ sha: string; fetched: boolean }> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...context.repo, basehead: `${plan.base}...${plan.head}` })
  const sha = data.merge_base_commit.sha
  if (await has(cwd, sha)) return { sha, fetched: false }
  await fetch(cwd, [sha])
  return { sha, fetched: true }
}

/** Returns the merge-base to use (undefined: let git compute it). */
export async function ensureCommits(cwd: string, plan: Exclude<Plan, { kind: 'full' }>, octokit: GitHub, coverage: string[]): Promise<string | undefined> {
  const missing = [] as string[]
  for (const sha of [plan.base, plan.head]) if (!(await has(cwd, sha))) missing.push(sha)
  if (missing.length) {
    // A pull request's head may only be reachable as refs/pull/N/head (a fork).
    const refs = plan.kind === 'pull-request' && missing.includes(plan.head) ? [...missing.filter((s) => s !== plan.head), `+refs/pull/${plan.number}/head`] : missing
    await fetch(cwd, refs)
    for (const sha of missing) if (!(await has(cwd, sha))) throw new Error(`commit ${sha.slice(0, 7)} is not in origin (was the branch force-pushed or deleted?)`)
    coverage.push(`Fetched ${missing.length} missing commit${missing.length === 1 ? '' : 's'} (${missing.map((s) => s.slice(0, 7)).join(', ')}).`)
  }
  const local = await git(cwd, 'merge-base', plan.base, plan.head).catch(() => '')
  if (local) return local
  // Shallow clone: ask GitHub for the merge-base, fetch only that commit.
  const { sha } = await mergeBaseFromApi(cwd, plan, octokit)
  coverage.push(`Shallow clone: merge-base ${sha.slice(0, 7)} taken from the compare API and fetched alone.`)
  return sha
}

/**
 * For `pull_request_target`: the merge-base of the base branch and the pull request, from the compare
 * API, fetched (a commit of the trusted base repository) when the workspace lacks it. The pull
 * request's own commits are never fetched.
 */
export async function ensureMergeBase(cwd: string, plan: Extract<Plan, { kind: 'pull-request' }>, octokit: GitHub, coverage: string[]): Promise<string> {
  const { sha, fetched } = await mergeBaseFromApi(cwd, plan, octokit)
  if (fetched) coverage.push(`Fetched the merge-base ${sha.slice(0, 7)} of the base branch.`)
  coverage.push('pull_request_target: the pull request was read through the API; its code was not checked out or fetched.')
  return sha
}

/**
 * For `pull_request_target` when GitHub's file list is cut short: fetch the pull request's commit as
 * git objects only — never checked out, never run — so every file can be read from git.
 */
export async function fetchPullRequestObjects(cwd: string, plan: Extract<Plan, { kind: 'pull-request' }>, coverage: string[]): Promise<void> {
  if (!(await has(cwd, plan.head))) await fetch(cwd, [`+refs/pull/${plan.number}/head:refs/remotes/pull/${plan.number}/head`])
  coverage.push(`GitHub lists at most 3,000 files of a pull request, so its commit was fetched as git objects (not checked out or run) and every file was reviewed from git.`)
}
