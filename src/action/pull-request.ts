// Posts the pull request review (inline comments only on commentable lines of the head commit, never
// twice) and the one summary comment, updated in place.
import type { FailOn } from '../config/config.js'
import { severityRank, type Finding } from '../findings.js'
import { httpStatus, type GitHub } from '../github/client.js'
import { commentableLines } from '../github/patch.js'
import { inlineComment, markedFingerprint, SUMMARY_MARKER, summaryComment } from '../report/markdown.js'
import type { Output } from '../redact.js'
import { MAX_LISTED_FILES, type PullFiles } from '../sources/github.js'
import type { Plan } from './event.js'
import type { Identity } from './identity.js'
import { resolveFixedThreads } from './threads.js'

export interface ReviewArgs {
  octokit: GitHub
  repo: { owner: string; repo: string }
  plan: Extract<Plan, { kind: 'pull-request' }>
  result: Output
  inputs: { comment: 'review' | 'summary' | 'off'; maxInline: number }
  failOn: FailOn
  failed: boolean
  coverage: string[]
  /** Whose comments count as ours (markers in anyone else's comments are ignored). */
  identity: Identity
  /** The pull request's files (listed once per run: the API source may have needed them already). */
  files: () => Promise<PullFiles>
}

export async function postPullRequestReview(a: ReviewArgs): Promise<{ ok: true } | { ok: false; why: string }> {
  const { octokit, repo, plan } = a
  try {
    const files = await a.files()
    if (files.length >= MAX_LISTED_FILES) a.coverage.push('GitHub lists at most 3,000 files of a pull request: inline comments are limited to those; every finding is still in this summary, SARIF and the job summary.')
    const commentable = new Map(files.map((f) => [f.filename, commentableLines(f.patch)]))
    const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: plan.number, per_page: 100 })
    const posted = new Set(existing.filter((c) => a.identity.owns(c.user)).flatMap((c) => markedFingerprint(c.body) ?? []))

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
      const rejected = await postReview(a, inline)
      if (rejected.length) {
        notInline.unshift(...rejected)
        a.coverage.push(`GitHub would not place ${rejected.length} inline comment${rejected.length === 1 ? '' : 's'} (422): ${rejected.map((f) => `${f.path}:${f.line}`).join(', ')}; listed in this summary instead.`)
      }
    }
    // Findings a later push fixed: resolve their threads (present = every finding still open now).
    const present = new Set(a.result.findings.filter((f) => f.baselineState !== 'absent').map((f) => f.fingerprint))
    a.coverage.push(...(await resolveFixedThreads(octokit, repo, plan.number, present, a.identity)))
    await upsertSummary(a, summaryComment({ findings: a.result.findings, notices: a.result.notices, mode: a.result.mode, failed: a.failed, failOn: a.failOn, notInline, coverage: a.coverage, settingChanges: a.result.settingChanges, suppressed: a.result.suppressed }))
    return { ok: true }
  } catch (e) {
    const code = httpStatus(e)
    if (code === 403 || code === 404)
      return { ok: false, why: `the token cannot comment on this pull request (${code}${plan.fork ? ', it comes from a fork' : ', read-only permissions'}): the findings are in the annotations, the job summary and the SARIF file` }
    throw e
  }
}

function reviewComments(findings: Finding[]) {
  return findings.map((f) => ({ path: f.path, line: f.line, side: 'RIGHT' as const, body: inlineComment(f) }))
}

/**
 * Posts one review. A review is atomic — one comment GitHub cannot place fails it whole (422) — so on
 * a 422 the comments are tried in halves as pending (invisible, deleted at once) reviews to find the
 * ones GitHub rejects; the rest are then posted as the one review. Returns the rejected findings.
 */
async function postReview(a: ReviewArgs, findings: Finding[]): Promise<Finding[]> {
  const post = (list: Finding[]) =>
    a.octokit.rest.pulls.createReview({
      ...a.repo,
      pull_number: a.plan.number,
      commit_id: a.plan.head,
      event: 'COMMENT',
      body: `${list.length} new security finding${list.length === 1 ? '' : 's'} on the changed lines; the summary comment lists everything.`,
      comments: reviewComments(list)
    })
  try {
    await post(findings)
    return []
  } catch (e) {
    if (httpStatus(e) !== 422) throw e
  }
  const accepted = async (list: Finding[]): Promise<boolean> => {
    try {
      const { data } = await a.octokit.rest.pulls.createReview({ ...a.repo, pull_number: a.plan.number, commit_id: a.plan.head, comments: reviewComments(list) })
      await a.octokit.rest.pulls.deletePendingReview({ ...a.repo, pull_number: a.plan.number, review_id: data.id })
      return true
    } catch (e) {
      if (httpStatus(e) !== 422) throw e
      return false
    }
  }
  const rejected = async (list: Finding[]): Promise<Finding[]> => {
    if (await accepted(list)) return []
    if (list.length === 1) return list
    const mid = Math.ceil(list.length / 2)
    return [...(await rejected(list.slice(0, mid))), ...(await rejected(list.slice(mid)))]
  }
  const bad = findings.length === 1 ? findings : [...(await rejected(findings.slice(0, Math.ceil(findings.length / 2)))), ...(await rejected(findings.slice(Math.ceil(findings.length / 2))))]
  const good = findings.filter((f) => !bad.includes(f))
  if (good.length) await post(good)
  return bad
}

/**
 * Finds our summary comment (marker, written by us) on every page, and updates it or creates it.
 * Two runs racing can each create one; the later copies are deleted so one summary remains.
 */
async function upsertSummary(a: ReviewArgs, body: string): Promise<void> {
  const comments = await a.octokit.paginate(a.octokit.rest.issues.listComments, { ...a.repo, issue_number: a.plan.number, per_page: 100 })
  const [ours, ...copies] = comments.filter((c) => c.body?.includes(SUMMARY_MARKER) && a.identity.owns(c.user))
  if (!ours) return void (await a.octokit.rest.issues.createComment({ ...a.repo, issue_number: a.plan.number, body }))
  await a.octokit.rest.issues.updateComment({ ...a.repo, comment_id: ours.id, body })
  for (const copy of copies) await a.octokit.rest.issues.deleteComment({ ...a.repo, comment_id: copy.id })
}
