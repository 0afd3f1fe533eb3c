// A loopback GitHub for end-to-end tests: every request is checked against GitHub's OpenAPI
// description (__fixtures__/openapi-subset.json, extracted from @octokit/openapi) and answered the way
// GitHub answers — state kept across requests, pagination with Link headers, 422 for review comments
// outside the diff, and injectable failures (403, 500, secondary rate limits with retry-after).
// Organisations (`orgs`) hold repositories with their own files (contents API), issues and SARIF uploads.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { commentableLines } from '../src/github/patch.js'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

interface Operation {
  operationId: string
  method: string
  path: string
  parameters: { name: string; in: string; required: boolean; schema?: object }[]
  requestSchema: object | null
  status: number
  example: unknown
}

export interface RecordedRequest {
  operationId: string | null
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  errors: string[]
  status: number
}

export interface PullFile {
  filename: string
  status: string
  patch?: string
}

export interface Failure {
  status: number
  /** How many times to fail before answering normally (default: always). */
  times?: number
  headers?: Record<string, string>
  message?: string
}

const subset = JSON.parse(readFileSync(new URL('./openapi-subset.json', import.meta.url), 'utf8')) as { operations: Operation[] }

/** OpenAPI 3.0 `nullable` without a `type` (an enum, say) is not JSON Schema: say "or null" explicitly. */
function normalize(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalize)
  if (typeof schema !== 'object' || schema === null) return schema
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(schema)) out[k] = normalize(v)
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null]
    else return { anyOf: [out, { type: 'null' }] }
  }
  return out
}
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const routes = subset.operations.map((op) => ({
  op,
  // {path} of the contents API spans several segments, and is empty for the root directory
  re: new RegExp('^' + op.path.replace(/\/\{path\}/g, '(?:/(.*))?').replace(/\{[^}]+\}/g, '([^/]+)') + '$'),
  names: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
  validate: op.requestSchema ? ajv.compile(normalize(op.requestSchema) as object) : undefined
})) as { op: Operation; re: RegExp; names: string[]; validate?: ValidateFunction }[]

export interface User {
  login: string
  id: number
  type: 'Bot' | 'User'
}

const BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

/** A repository of an organisation: what `GET /orgs/{org}/repos` lists, and its default branch's files. */
export interface OrgRepo {
  name: string
  topics?: string[]
  archived?: boolean
  fork?: boolean
  private?: boolean
  defaultBranch?: string
  /** Path → text at the default branch (the contents API serves these); none: an empty repository (409). */
  files?: Record<string, string>
}

/** A SARIF upload to a repository's code scanning, decoded. */
export interface SarifUpload {
  repository: string
  commit_sha: string
  ref: string
  sarif: unknown
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  files: PullFile[] = []
  pull = { number: 2, head: 'a'.repeat(40), base: 'b'.repeat(40) }
  mergeBase = 'c'.repeat(40)
  reviewComments: { id: number; path: string; line: number; body: string; user: User; commit_id: string; in_reply_to_id?: number; resolved?: boolean }[] = []
  reviews: { id: number; body: string; event: string; commit_id: string }[] = []
  issueComments: { id: number; body: string; user: User }[] = []
  /** Issues of the repository (pull requests are not listed here). */
  issues: { number: number; title: string; body: string; state: 'open' | 'closed'; state_reason: string | null; labels: string[]; user: User; repository?: string }[] = []
  /** Who each token is; any other token is the workflow's GITHUB_TOKEN (github-actions[bot]). */
  users = new Map<string, User>()
  /** GraphQL `viewer` answers FORBIDDEN, as it may for installation tokens. */
  viewerForbidden = false
  checkRuns: { id: number; body: Record<string, unknown> }[] = []
  pendingReviews: { id: number; comments: number }[] = []
  /** Files of the pull request's head commit, for the contents API (path → text). */
  headContents = new Map<string, string>()
  /** `path:line` anchors GitHub refuses even though they look commentable (GitHub's diff view differs). */
  rejectAnchors = new Set<string>()
  failures = new Map<string, Failure>()
  /** Organisations and their repositories (login → repositories). */
  orgs = new Map<string, OrgRepo[]>()
  sarifUploads: SarifUpload[] = []
  private nextId = 1000
  private server = createServer((req, res) => void this.handle(req, res))
  url = ''

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())))
  }

  /** What the runner sets for the Action to reach this server (GitHub.com layout). */
  env(): Record<string, string> {
    return { GITHUB_API_URL: this.url, GITHUB_GRAPHQL_URL: `${this.url}/graphql` }
  }

  /** Operation ids of the requests so far, with their validation errors. */
  calls(): string[] {
    return this.requests.map((r) => `${r.operationId ?? `${r.method} ${r.path}`}${r.errors.length ? ` !${r.errors.join('; ')}` : ''}`)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = new URL(req.url ?? '/', 'http://x')
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown
    const errors: string[] = []
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      errors.push('body is not JSON')
    }
    const user = this.userOf(req)
    if (req.method === 'POST' && url.pathname.endsWith('/graphql')) return this.graphql(req, res, url.pathname, body as { query?: string; variables?: Record<string, unknown> }, errors, user)
    // GitHub Enterprise Server serves REST under /api/v3
    const restPath = url.pathname.replace(/^\/api\/v3(?=\/)/, '')
    const route = routes.find((r) => r.op.method === req.method && r.re.test(restPath))
    const record: RecordedRequest = { operationId: route?.op.operationId ?? null, method: req.method ?? '', path: url.pathname, query: url.searchParams, body, errors, status: 0 }
    this.requests.push(record)
    const auth = String(req.headers.authorization ?? '')
    if (!/^(token|Bearer) \S+/.test(auth)) errors.push('missing token authorization')
    if (!route) return this.send(res, record, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
    if (route.validate && !route.validate(body)) errors.push(...(route.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`))
    for (const p of route.op.parameters.filter((x) => x.in === 'query')) {
      const v = url.searchParams.get(p.name)
      if (v !== null && p.schema && !ajv.validate(normalize(p.schema) as object, /^\d+$/.test(v) ? Number(v) : v)) errors.push(`query ${p.name}=${v} is invalid`)
    }
    if (errors.length) return this.send(res, record, 422, { message: 'Validation Failed', errors: errors.map((message) => ({ message })), documentation_url: 'https://docs.github.com/rest' })
    const failure = this.failures.get(route.op.operationId)
    if (failure && (failure.times === undefined || failure.times > 0)) {
      if (failure.times !== undefined) failure.times--
      return this.send(res, record, failure.status, { message: failure.message ?? 'failure injected by the test', documentation_url: 'https://docs.github.com/rest' }, failure.headers)
    }
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(route.re.exec(restPath)?.[i + 1] ?? '')]))
    const [status, payload, headers] = this.answer(route.op, params, body as Record<string, unknown>, url, user)
    this.send(res, record, status, payload, headers)
  }

  private userOf(req: IncomingMessage): User {
    const token = /^(?:token|Bearer) (\S+)/.exec(String(req.headers.authorization ?? ''))?.[1] ?? ''
    return this.users.get(token) ?? BOT
  }

  /** A person comments on the pull request's conversation. */
  comment(body: string, user: User = { login: 'octocat', id: 1, type: 'User' }): void {
    this.issueComments.push({ id: this.nextId++, body, user })
  }

  /** A person answers one of our review comments (a reply keeps the thread open). */
  reply(toCommentId: number, body: string): void {
    const parent = this.reviewComments.find((c) => c.id === toCommentId)
    if (!parent) throw new Error('no such comment')
    this.reviewComments.push({ id: this.nextId++, path: parent.path, line: parent.line, body, user: { login: 'octocat', id: 1, type: 'User' }, commit_id: parent.commit_id, in_reply_to_id: parent.id })
  }

  /** The GraphQL operations the Action uses: viewer, list review threads, resolve one. Anything else is an error. */
  private graphql(req: IncomingMessage, res: ServerResponse, path: string, body: { query?: string; variables?: Record<string, unknown> }, errors: string[], user: User): void {
    const record: RecordedRequest = { operationId: null, method: 'POST', path, query: new URLSearchParams(), body, errors, status: 0 }
    this.requests.push(record)
    const query = body?.query ?? ''
    const vars = body?.variables ?? {}
    if (!/^(token|Bearer) \S+/.test(String(req.headers.authorization ?? ''))) errors.push('missing token authorization')
    if (/^query \{ viewer \{ login \} \}$/.test(query.trim())) {
      record.operationId = 'graphql:viewer'
      if (this.viewerForbidden) return this.send(res, record, 200, { data: null, errors: [{ type: 'FORBIDDEN', path: ['viewer'], message: 'Resource not accessible by integration' }] })
      // GraphQL names bots without the [bot] suffix REST gives them
      return this.send(res, record, 200, { data: { viewer: { login: user.login.replace(/\[bot\]$/, '') } } })
    }
    if (/reviewThreads\(first: 100/.test(query) && typeof vars.owner === 'string' && typeof vars.name === 'string' && typeof vars.number === 'number') {
      record.operationId = 'graphql:reviewThreads'
      const roots = this.reviewComments.filter((c) => c.in_reply_to_id === undefined)
      const nodes = roots.map((root) => ({
        id: `PRRT_${root.id}`,
        isResolved: Boolean(root.resolved),
        path: root.path,
        line: root.line,
        comments: { nodes: [root, ...this.reviewComments.filter((c) => c.in_reply_to_id === root.id)].map((c) => ({ body: c.body, author: { login: c.user.login.replace(/\[bot\]$/, ''), __typename: c.user.type } })) }
      }))
      return this.send(res, record, errors.length ? 401 : 200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } })
    }
    if (/resolveReviewThread\(input: \{ threadId: \$threadId \}\)/.test(query) && typeof vars.threadId === 'string') {
      record.operationId = 'graphql:resolveReviewThread'
      const root = this.reviewComments.find((c) => `PRRT_${c.id}` === vars.threadId)
      if (!root) return this.send(res, record, 200, { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${String(vars.threadId)}'` }] })
      root.resolved = true
      return this.send(res, record, 200, { data: { resolveReviewThread: { thread: { id: vars.threadId, isResolved: true } } } })
    }
    errors.push(`unexpected GraphQL operation: ${query.slice(0, 80)}`)
    return this.send(res, record, 200, { data: null, errors: [{ message: 'unexpected operation' }] })
  }

  private page<T>(items: T[], url: URL): [number, T[], Record<string, string>] {
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (page * perPage < items.length) {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`
    }
    return [200, slice, headers]
  }

  private answer(op: Operation, params: Record<string, string>, body: Record<string, unknown>, url: URL, user: User): [number, unknown, Record<string, string>?] {
    switch (op.operationId) {
      case 'pulls/list-files':
        // GitHub lists at most 3,000 files of a pull request
        return this.page(this.files.slice(0, 3000).map((f, i) => ({ sha: String(i).padStart(40, '0'), filename: f.filename, status: f.status, additions: 1, deletions: 0, changes: 1, blob_url: '', raw_url: '', contents_url: '', ...(f.patch ? { patch: f.patch } : {}) })), url)
      case 'pulls/list-review-comments':
        // `resolved` is GraphQL-only state; REST review comments do not carry it
        return this.page(this.reviewComments.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'resolved'))), url)
      case 'issues/list-comments':
        return this.page(this.issueComments, url)
      case 'pulls/create-review': {
        const comments = (body.comments ?? []) as { path: string; line: number; side?: string; body: string }[]
        const commentable = new Map(this.files.map((f) => [f.filename, commentableLines(f.patch)]))
        const bad = comments.filter((c) => !commentable.get(c.path)?.has(c.line) || this.rejectAnchors.has(`${c.path}:${c.line}`))
        if (bad.length) return [422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' }]
        if (body.commit_id !== this.pull.head) return [422, { message: 'Unprocessable Entity', errors: ['commit_id is not part of the pull request'] }]
        const id = this.nextId++
        if (body.event === undefined) {
          // a pending review: visible to nobody, one per user and pull request
          if (this.pendingReviews.length) return [422, { message: 'Unprocessable Entity', errors: ['User can only have one pending review per pull request'] }]
          this.pendingReviews.push({ id, comments: comments.length })
          return [200, { id, node_id: 'PRR_p', user, body: '', state: 'PENDING', html_url: '', pull_request_url: '', author_association: 'NONE', _links: { html: { href: '' }, pull_request: { href: '' } }, commit_id: body.commit_id }]
        }
        this.reviews.push({ id, body: typeof body.body === 'string' ? body.body : '', event: typeof body.event === 'string' ? body.event : '', commit_id: String(body.commit_id) })
        for (const c of comments) this.reviewComments.push({ id: this.nextId++, path: c.path, line: c.line, body: c.body, user, commit_id: String(body.commit_id) })
        return [200, { id, node_id: 'PRR_x', user, body: body.body ?? '', state: 'COMMENTED', html_url: '', pull_request_url: '', author_association: 'NONE', _links: { html: { href: '' }, pull_request: { href: '' } }, commit_id: body.commit_id }]
      }
      case 'pulls/delete-pending-review': {
        const i = this.pendingReviews.findIndex((r) => r.id === Number(params.review_id))
        if (i < 0) return [404, { message: 'Not Found' }]
        this.pendingReviews.splice(i, 1)
        return [200, { id: Number(params.review_id), node_id: 'PRR_p', user, body: '', state: 'PENDING', html_url: '', pull_request_url: '', author_association: 'NONE', _links: { html: { href: '' }, pull_request: { href: '' } } }]
      }
      case 'issues/create-comment': {
        const c = { id: this.nextId++, body: String(body.body), user }
        this.issueComments.push(c)
        return [201, { ...c, node_id: 'IC_x', url: '', html_url: '', created_at: '', updated_at: '', author_association: 'NONE' }]
      }
      case 'issues/update-comment': {
        const c = this.issueComments.find((x) => x.id === Number(params.comment_id))
        if (!c) return [404, { message: 'Not Found' }]
        // the workflow token may not edit what people wrote
        if (c.user.login !== user.login) return [403, { message: 'Resource not accessible by integration' }]
        c.body = String(body.body)
        return [200, { ...c, node_id: 'IC_x', url: '', html_url: '', created_at: '', updated_at: '', author_association: 'NONE' }]
      }
      case 'issues/delete-comment': {
        const i = this.issueComments.findIndex((x) => x.id === Number(params.comment_id))
        if (i < 0) return [404, { message: 'Not Found' }]
        if (this.issueComments[i].user.login !== user.login) return [403, { message: 'Resource not accessible by integration' }]
        this.issueComments.splice(i, 1)
        return [204, undefined]
      }
      case 'issues/list-for-repo': {
        const state = url.searchParams.get('state') ?? 'open'
        const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean)
        const creator = url.searchParams.get('creator')
        const list = this.issuesOf(params).filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)) && (!creator || i.user.login === creator))
        return this.page(list.map((i) => this.issueJson(i)), url)
      }
      case 'issues/create': {
        const issue = { number: this.nextId++, title: String(body.title), body: typeof body.body === 'string' ? body.body : '', state: 'open' as const, state_reason: null, labels: ((body.labels ?? []) as string[]).map(String), user, ...(this.orgRepo(params) ? { repository: `${params.owner}/${params.repo}` } : {}) }
        this.issues.push(issue)
        return [201, this.issueJson(issue)]
      }
      case 'issues/update': {
        const issue = this.issuesOf(params).find((i) => i.number === Number(params.issue_number))
        if (!issue) return [404, { message: 'Not Found' }]
        if (typeof body.title === 'string') issue.title = body.title
        if (typeof body.body === 'string') issue.body = body.body
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state
        if (body.state_reason !== undefined) issue.state_reason = body.state_reason as string | null
        return [200, this.issueJson(issue)]
      }
      case 'checks/create': {
        const id = this.nextId++
        this.checkRuns.push({ id, body })
        return [201, { id, head_sha: body.head_sha, name: body.name, status: body.status ?? 'queued' }]
      }
      case 'checks/update': {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id))
        if (!run) return [404, { message: 'Not Found' }]
        run.body = { ...run.body, ...body }
        return [200, { id: run.id, ...run.body }]
      }
      case 'repos/compare-commits-with-basehead':
        return [200, { merge_base_commit: { sha: this.mergeBase }, base_commit: { sha: this.pull.base }, status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1, commits: [], files: [] }]
      case 'repos/list-for-org': {
        const repos = this.orgs.get(params.org)
        if (!repos) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#list-organization-repositories' }]
        return this.page(repos.map((r, i) => this.repoJson(params.org, r, i)), url)
      }
      case 'code-scanning/upload-sarif': {
        if (!this.orgRepo(params)) return [404, { message: 'Not Found' }]
        let sarif: unknown
        try {
          sarif = JSON.parse(gunzipSync(Buffer.from(String(body.sarif), 'base64')).toString('utf8'))
        } catch {
          return [400, { message: 'Invalid SARIF: not gzip-compressed, base64-encoded JSON' }]
        }
        this.sarifUploads.push({ repository: `${params.owner}/${params.repo}`, commit_sha: String(body.commit_sha), ref: String(body.ref), sarif })
        return [202, { id: `sarif-${this.nextId++}`, url: `${this.url}/repos/${params.owner}/${params.repo}/code-scanning/sarifs/x` }]
      }
      case 'repos/get-content': {
        const repo = this.orgRepo(params)
        if (repo) return this.orgContent(repo, params.path, url.searchParams.get('ref'))
        if (url.searchParams.get('ref') !== this.pull.head) return [404, { message: 'Not Found' }]
        const text = this.headContents.get(params.path)
        if (text === undefined) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' }]
        const content = Buffer.from(text).toString('base64')
        return [200, { type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name: params.path.split('/').pop(), path: params.path, content, sha: '0'.repeat(40), url: '', git_url: null, html_url: null, download_url: null, _links: { self: '', git: null, html: null } }]
      }
      case 'pulls/get':
        return [200, { number: this.pull.number, head: { sha: this.pull.head }, base: { sha: this.pull.base } }]
      default:
        return [op.status, op.example ?? {}]
    }
  }

  /** The organisation repository a request names, if it is one. */
  private orgRepo(params: Record<string, string>): OrgRepo | undefined {
    return this.orgs.get(params.owner)?.find((r) => r.name === params.repo)
  }

  /** Issues of the repository a request names: an organisation repository's own, else the default repository's. */
  private issuesOf(params: Record<string, string>): FakeGitHub['issues'] {
    const name = `${params.owner}/${params.repo}`
    return this.orgRepo(params) ? this.issues.filter((i) => i.repository === name) : this.issues.filter((i) => i.repository === undefined)
  }

  private repoJson(org: string, r: OrgRepo, index: number): object {
    const owner = { login: org, id: 1, node_id: 'O_x', avatar_url: '', gravatar_id: null, url: '', html_url: `https://github.com/${org}`, type: 'Organization', site_admin: false }
    return { id: 5000 + index, node_id: 'R_x', name: r.name, full_name: `${org}/${r.name}`, owner, private: Boolean(r.private), html_url: `https://github.com/${org}/${r.name}`, description: null, fork: Boolean(r.fork), archived: Boolean(r.archived), disabled: false, topics: r.topics ?? [], default_branch: r.defaultBranch ?? 'main', visibility: r.private ? 'private' : 'public', url: '' }
  }

  /** The contents API on an organisation repository's default branch: a file (base64) or a directory listing. */
  private orgContent(r: OrgRepo, path: string, ref: string | null): [number, unknown] {
    if (!r.files) return [409, { message: 'This repository is empty.', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' }]
    if (ref !== null && ref !== (r.defaultBranch ?? 'main')) return [404, { message: 'No commit found for the ref ' + ref }]
    const text = r.files[path]
    const entry = (p: string, type: 'file' | 'dir'): object => ({ type, size: type === 'file' ? Buffer.byteLength(r.files?.[p] ?? '') : 0, name: p.split('/').pop(), path: p, sha: '0'.repeat(40), url: '', git_url: null, html_url: null, download_url: null, _links: { self: '', git: null, html: null } })
    if (text !== undefined) return [200, { ...entry(path, 'file'), encoding: 'base64', content: Buffer.from(text).toString('base64') }]
    const prefix = path ? `${path.replace(/\/$/, '')}/` : ''
    const children = new Map<string, 'file' | 'dir'>()
    for (const p of Object.keys(r.files)) {
      if (!p.startsWith(prefix)) continue
      const [first, ...more] = p.slice(prefix.length).split('/')
      children.set(`${prefix}${first}`, more.length ? 'dir' : 'file')
    }
    if (!children.size) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' }]
    return [200, [...children].map(([p, type]) => entry(p, type))]
  }

  private issueJson(i: FakeGitHub['issues'][number]): object {
    return { id: i.number, node_id: 'I_x', number: i.number, title: i.title, body: i.body, state: i.state, state_reason: i.state_reason, user: i.user, labels: i.labels.map((name) => ({ name })), url: '', html_url: `https://github.com/${i.repository ?? 'octo/repo'}/issues/${i.number}`, created_at: '', updated_at: '', author_association: 'NONE' }
  }

  private send(res: ServerResponse, record: RecordedRequest, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    record.status = status
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': 'TEST', 'x-ratelimit-remaining': '4999', ...headers })
    res.end(payload === undefined ? undefined : JSON.stringify(payload))
  }
}
