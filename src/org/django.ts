// Is a repository a Django project? Asked of the contents API, cheaply: the root listing (one request)
// settles most repositories — manage.py, or no dependency file at all — and only the dependency files
// present (requirements*.txt/.in at the root or in requirements/, pyproject.toml, Pipfile, setup.py,
// setup.cfg) are read, at most MAX_READS of them, until one names Django.
import type { GitHub } from '../github/client.js'
import { httpStatus } from '../github/client.js'

export interface DjangoEvidence {
  django: boolean
  /** What decided it: `manage.py`, the file naming Django, or why not. */
  why: string
}

const MAX_READS = 6
const DEPENDENCY_FILE = /^(requirements[^/]*\.(txt|in)|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/i
const REQUIREMENTS_DIR = /^requirements$/i

/** Whether a dependency file's text names the Django distribution (not merely a django-* package). */
export function namesDjango(text: string): boolean {
  // `Django>=4.2`, `django==4.2.1`, `"Django (>=4)"`, poetry's `django = "^4.2"`, `django[argon2]`, a bare `Django` line
  return /(^|[\s"',[(])django\s*(?:$|[<>=!~;[(@,"'\s^])/im.test(text)
}

interface Entry {
  name: string
  path: string
  type: string
}

async function list(octokit: GitHub, owner: string, repo: string, path: string, ref: string): Promise<Entry[] | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
    return Array.isArray(data) ? data.map((e) => ({ name: e.name, path: e.path, type: e.type })) : undefined
  } catch (e) {
    // 404: no such folder (or branch); 409: an empty repository
    if (httpStatus(e) === 404 || httpStatus(e) === 409) return undefined
    throw e
  }
}

async function read(octokit: GitHub, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (e) {
    if (httpStatus(e) === 404) return undefined
    throw e
  }
}

export async function detectDjango(octokit: GitHub, owner: string, repo: string, ref: string): Promise<DjangoEvidence> {
  const root = await list(octokit, owner, repo, '', ref)
  if (!root) return { django: false, why: 'empty repository' }
  if (root.some((e) => e.type === 'file' && e.name === 'manage.py')) return { django: true, why: 'manage.py' }
  const candidates = root.filter((e) => e.type === 'file' && DEPENDENCY_FILE.test(e.name)).map((e) => e.path)
  const dir = root.find((e) => e.type === 'dir' && REQUIREMENTS_DIR.test(e.name))
  if (dir) candidates.push(...((await list(octokit, owner, repo, dir.path, ref)) ?? []).filter((e) => e.type === 'file' && /\.(txt|in)$/i.test(e.name)).map((e) => e.path))
  if (!candidates.length) return { django: false, why: 'no manage.py and no dependency file at the root' }
  // requirements first (the most direct), then the others; a project's main file is usually among the first
  candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  for (const path of candidates.slice(0, MAX_READS)) {
    const text = await read(octokit, owner, repo, path, ref)
    if (text !== undefined && namesDjango(text)) return { django: true, why: path }
  }
  return { django: false, why: `no manage.py, and Django is not named in ${candidates.slice(0, MAX_READS).join(', ')}` }
}

function rank(path: string): number {
  if (/(^|\/)requirements(\.txt|\/base\.txt|\/prod[^/]*\.txt)$/i.test(path)) return 0
  if (/pyproject\.toml$/i.test(path)) return 1
  if (/requirements/i.test(path)) return 2
  return 3
}
