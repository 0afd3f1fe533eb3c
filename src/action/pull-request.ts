// Posts the pull request review (inline comments only on commentable lines of the head commit, never
// twice) and the one summary comment, updated in place.
import type { FailOn } from '../config/config.js'
import { severityRank, type Finding } from '../findings.js'
import type { GitHub } from '../github/client.js'
import { commentableLines } from '../github/patch.js'
import { COMMENT_MARKER, inlineComment, SUMMARY_MARKER, summaryComment } from '../report/markdown.js'
import type { ReviewResult } from '../review.js'
import type { Plan } from './event.js'

export interface ReviewArgs {
  octokit: GitHub
  repo: { owner: string; repo: string }
  plan: Extract<Plan, { kind: 'pull-request' }>
  result: ReviewResult
  inputs: { comment: 'review' | 'summary' | 'off'; maxInline: number }
  failOn: FailOn
  failed: boolean
  coverage: string[]
}

const FINGERPRINT = new RegExp(`<!-- ${COMMENT_MARKER}:finding ([0-9a-f]+) -->`)

function status(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined
}

export async function postPullRequestReview(a: ReviewArgs): Promise<{ ok: true } | { ok: false; why: string }> {
  const { octokit, repo, plan } = a
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: plan.number, per_page: 100 })
    if (files.length >= 3000) a.coverage.push('GitHub lists at most 3,000 files of a pull request: inline comments are limited to those; every finding is still in this summary, SARIF and the job summary.')
    const commentable = new Map(files.map((f) => [f.filename, commentableLines(f.patch)]))
    const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: plan.number, per_page: 100 })
    const posted = new Set(existing.flatMap((c) => FINGERPRINT.exec(c.body)?.[1] ?? []))

    const introduced = a.result.findings
      .filter((f) => f.baselineState === 'new' || f.baselineState === 'updated')
      .sort((x, y) => severityRank(y.severity) - severityRank(x.severity))
    const inline: Finding[] = []
    const notInline: Finding[] = []
    for (const f of introduced) {
      if (posted.has(f.fingerprint)) continue // already commented on an earlier run
      if (a.inputs.comment === 'review' && inline.length < a.inputs.maxInline && commentable.get(f.path)?.has(f.line)) inline.push(f)
      else notInline.push(f)
    }
    if (inline.length) {
      try {
        await octokit.rest.pulls.createReview({
          ...repo,
          pull_number: plan.number,
          commit_id: plan.head,
          event: 'COMMENT',
          body: `${inline.length} new security finding${inline.length === 1 ? '' : 's'} on the changed lines; the summary comment lists everything.`,
          comments: inline.map((f) => ({ path: f.path, line: f.line, side: 'RIGHT' as const, body: inlineComment(f) }))
        })
      } catch (e) {
        if (status(e) !== 422) throw e
        notInline.unshift(...inline)
        a.coverage.push('GitHub rejected the inline comments (422); they are listed in this summary instead.')
      }
    }
    await upsertSummary(a, summaryComment({ findings: a.result.findings, notices: a.result.notices, mode: a.result.mode, failed: a.failed, failOn: a.failOn, notInline, coverage: a.coverage }))
    return { ok: true }
  } catch (e) {
    const code = status(e)
    if (code === 403 || code === 404)
      return { ok: false, why: `the token cannot comment on this pull request (${code}${plan.fork ? ', it comes from a fork' : ', read-only permissions'}): the findings are in the annotations, the job summary and the SARIF file` }
    throw e
  }
}

/** Finds our summary comment (marker, written by a bot) on every page, and updates it or creates it. */
async function upsertSummary(a: ReviewArgs, body: string): Promise<void> {
  const comments = await a.octokit.paginate(a.octokit.rest.issues.listComments, { ...a.repo, issue_number: a.plan.number, per_page: 100 })
  const ours = comments.find((c) => c.body?.includes(SUMMARY_MARKER) && c.user?.type === 'Bot')
  if (ours) await a.octokit.rest.issues.updateComment({ ...a.repo, comment_id: ours.id, body })
  else await a.octokit.rest.issues.createComment({ ...a.repo, issue_number: a.plan.number, body })
}
