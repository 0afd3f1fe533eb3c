// What to review, decided from the workflow event alone (pure).

export type Plan =
  | { kind: 'pull-request'; number: number; base: string; head: string; fork: boolean; target: boolean; htmlUrl?: string }
  | { kind: 'range'; base: string; head: string; label: string }
  | { kind: 'full'; head: string; reason: string }

interface Payload {
  pull_request?: { number: number; html_url?: string; base: { sha: string; repo?: { full_name?: string } }; head: { sha: string; repo?: { full_name?: string } | null } }
  before?: string
  after?: string
  merge_group?: { base_sha: string; head_sha: string }
  repository?: { full_name?: string }
}

const ZERO = /^0+$/

export function planFor(eventName: string, payload: Payload, sha: string, scan: 'auto' | 'diff' | 'full'): Plan {
  if (scan === 'full') return { kind: 'full', head: sha, reason: 'scan: full' }
  const pr = payload.pull_request
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    const fork = Boolean(pr.head.repo?.full_name && pr.base.repo?.full_name && pr.head.repo.full_name !== pr.base.repo.full_name) || pr.head.repo === null
    return { kind: 'pull-request', number: pr.number, base: pr.base.sha, head: pr.head.sha, fork, target: eventName === 'pull_request_target', htmlUrl: pr.html_url }
  }
  if (eventName === 'merge_group' && payload.merge_group) return { kind: 'range', base: payload.merge_group.base_sha, head: payload.merge_group.head_sha, label: 'merge group' }
  if (eventName === 'push' && payload.after && !ZERO.test(payload.after)) {
    // a new branch (before = 0000…) has no range to compare: review it whole
    if (!payload.before || ZERO.test(payload.before)) return { kind: 'full', head: payload.after, reason: 'a new branch was pushed' }
    return { kind: 'range', base: payload.before, head: payload.after, label: 'push' }
  }
  if (scan === 'diff') throw new Error(`scan: diff needs a pull_request, push or merge_group event, not ${eventName}`)
  return { kind: 'full', head: sha, reason: `${eventName} event` }
}
