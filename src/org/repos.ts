// The repositories of an organisation an org-wide scan considers: listed through the API (paginated),
// without archived repositories and forks unless asked, narrowed by topics and a name glob.
import { minimatch } from 'minimatch'
import type { GitHub } from '../github/client.js'

export interface OrgRepository {
  /** `owner/name`. */
  fullName: string
  owner: string
  name: string
  defaultBranch: string
  topics: string[]
  archived: boolean
  fork: boolean
  private: boolean
}

export interface RepositoryFilter {
  /** Keep a repository carrying any of these topics (none: no topic filter). */
  topics: string[]
  /** Keep a repository whose name matches any of these globs (a glob with "/" is matched against owner/name). */
  nameFilters: string[]
  includeArchived: boolean
  includeForks: boolean
}

/** Why a repository was left out, counted for the summary line. */
export type Skipped = 'archived' | 'fork' | 'topic' | 'name'

export function skipReason(r: OrgRepository, filter: RepositoryFilter): Skipped | undefined {
  if (r.archived && !filter.includeArchived) return 'archived'
  if (r.fork && !filter.includeForks) return 'fork'
  if (filter.topics.length && !filter.topics.some((t) => r.topics.includes(t.toLowerCase()))) return 'topic'
  if (filter.nameFilters.length && !filter.nameFilters.some((g) => minimatch(g.includes('/') ? r.fullName : r.name, g, { nocase: true, dot: true }))) return 'name'
  return undefined
}

/** Every repository of the organisation the token can see (`GET /orgs/{org}/repos`, 100 a page). */
export async function listOrgRepositories(octokit: GitHub, org: string): Promise<OrgRepository[]> {
  const repos = await octokit.paginate(octokit.rest.repos.listForOrg, { org, type: 'all', per_page: 100 })
  return repos.map((r) => ({
    fullName: r.full_name,
    owner: r.owner.login,
    name: r.name,
    defaultBranch: r.default_branch ?? 'main',
    topics: (r.topics ?? []).map((t) => t.toLowerCase()),
    archived: Boolean(r.archived),
    fork: r.fork,
    private: r.private
  }))
}
