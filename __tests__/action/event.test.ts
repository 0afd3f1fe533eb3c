// What each workflow event reviews (pure: payload in, plan out).
import { describe, expect, it } from '@jest/globals'
import { planFor } from '../../src/action/event.js'

const pr = (base: string, head: string, headRepo: string | null = 'octo/repo') => ({
  pull_request: { number: 7, base: { sha: base, repo: { full_name: 'octo/repo' } }, head: { sha: head, repo: headRepo === null ? null : { full_name: headRepo } } }
})
const ZERO = '0'.repeat(40)

describe('planFor', () => {
  it('pull_request and pull_request_target review the pull request; a fork is recognised', () => {
    expect(planFor('pull_request', pr('b', 'h'), 'm', 'auto')).toMatchObject({ kind: 'pull-request', number: 7, base: 'b', head: 'h', fork: false, target: false })
    expect(planFor('pull_request_target', pr('b', 'h', 'eve/repo'), 'm', 'auto')).toMatchObject({ kind: 'pull-request', fork: true, target: true })
    // a fork whose repository was deleted
    expect(planFor('pull_request', pr('b', 'h', null), 'm', 'auto')).toMatchObject({ fork: true })
  })

  it('push reviews the pushed range; a new branch is scanned whole', () => {
    expect(planFor('push', { before: 'a', after: 'b' }, 'b', 'auto')).toEqual({ kind: 'range', base: 'a', head: 'b', label: 'push' })
    expect(planFor('push', { before: ZERO, after: 'b' }, 'b', 'auto')).toEqual({ kind: 'full', head: 'b', reason: 'a new branch was pushed' })
  })

  it('merge_group reviews the queued change against the queue base', () => {
    expect(planFor('merge_group', { merge_group: { base_sha: 'a', head_sha: 'b' } }, 'b', 'auto')).toEqual({ kind: 'range', base: 'a', head: 'b', label: 'merge group' })
  })

  it('schedule and workflow_dispatch scan everything; scan: full forces it, scan: diff refuses them', () => {
    expect(planFor('schedule', {}, 's', 'auto')).toEqual({ kind: 'full', head: 's', reason: 'schedule event' })
    expect(planFor('workflow_dispatch', {}, 's', 'auto')).toEqual({ kind: 'full', head: 's', reason: 'workflow_dispatch event' })
    expect(planFor('pull_request', pr('b', 'h'), 's', 'full')).toEqual({ kind: 'full', head: 's', reason: 'scan: full' })
    expect(() => planFor('schedule', {}, 's', 'diff')).toThrow('scan: diff needs a pull_request, push or merge_group event, not schedule')
  })
})
