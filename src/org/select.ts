// org-list's work: the organisation's repositories, filtered, each asked whether it is a Django project
// (a few at a time: the throttling plugin waits out rate limits), in the order they were listed.
import { httpStatus, type GitHub } from '../github/client.js'
import { detectDjango, type DjangoEvidence } from './django.js'
import { listOrgRepositories, skipReason, type OrgRepository, type RepositoryFilter, type Skipped } from './repos.js'

export interface Selection {
  listed: number
  django: (OrgRepository & { evidence: DjangoEvidence })[]
  skipped: Record<Skipped | 'not-django', number>
}

const CONCURRENCY = 8

/**
 * A repository the token lists but may not read is kept: its scan job fails to clone it and the
 * report names it, where leaving it out would hide it. Other errors end the listing.
 */
function unreadable(e: unknown): DjangoEvidence {
  if (httpStatus(e) === 403) return { django: true, why: 'its contents could not be read (403): kept, so the report names it' }
  throw e
}

export async function selectDjangoRepositories(octokit: GitHub, org: string, filter: RepositoryFilter, detect = true): Promise<Selection> {
  const all = await listOrgRepositories(octokit, org)
  const skipped: Selection['skipped'] = { archived: 0, fork: 0, topic: 0, name: 0, 'not-django': 0 }
  const kept: OrgRepository[] = []
  for (const r of all) {
    const why = skipReason(r, filter)
    if (why) skipped[why]++
    else kept.push(r)
  }
  const evidence: DjangoEvidence[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < kept.length) {
      const i = next++
      evidence[i] = detect ? await detectDjango(octokit, kept[i].owner, kept[i].name, kept[i].defaultBranch).catch(unreadable) : { django: true, why: 'not checked (--all)' }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, kept.length) }, worker))
  const django = kept.map((r, i) => ({ ...r, evidence: evidence[i] })).filter((r) => r.evidence.django)
  skipped['not-django'] = kept.length - django.length
  return { listed: all.length, django, skipped }
}
