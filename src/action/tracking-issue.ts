// The tracking issue of scheduled scans: one open issue listing the current findings, updated in
// place on every scan and closed by the first clean one. Found by its hidden marker and author.
import type { Finding } from '../findings.js'
import { httpStatus, type GitHub } from '../github/client.js'
import { TRACKING_MARKER, trackingIssueBody } from '../report/markdown.js'
import type { Identity } from './identity.js'

export interface TrackingArgs {
  octokit: GitHub
  repo: { owner: string; repo: string }
  identity: Identity
  /** Open findings of the scan (redacted). */
  findings: Finding[]
  summary: string
  runUrl: string
}

/** Creates, updates or closes the tracking issue; returns one line for the coverage notes. */
export async function syncTrackingIssue(a: TrackingArgs): Promise<{ ok: boolean; note: string }> {
  try {
    return { ok: true, note: await sync(a) }
  } catch (e) {
    const code = httpStatus(e)
    if (code === 403 || code === 404 || code === 410) return { ok: false, note: `the tracking issue could not be written (${code}): give the job \`issues: write\` and make sure the repository has issues enabled` }
    throw e
  }
}

async function sync(a: TrackingArgs): Promise<string> {
  const { octokit, repo } = a
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 })
  const ours = open.find((i) => !i.pull_request && i.body?.includes(TRACKING_MARKER) && a.identity.owns(i.user))
  const count = a.findings.length
  const body = trackingIssueBody(a.findings, a.summary, a.runUrl)
  if (count === 0) {
    if (!ours) return 'Tracking issue: nothing to report, none open.'
    await octokit.rest.issues.update({ ...repo, issue_number: ours.number, body, state: 'closed', state_reason: 'completed' })
    return `Tracking issue #${ours.number} closed: the scan is clean.`
  }
  const title = `Django security review: ${count} finding${count === 1 ? '' : 's'}`
  if (ours) {
    await octokit.rest.issues.update({ ...repo, issue_number: ours.number, title, body })
    return `Tracking issue #${ours.number} updated.`
  }
  const { data } = await octokit.rest.issues.create({ ...repo, title, body })
  return `Tracking issue #${data.number} opened.`
}
