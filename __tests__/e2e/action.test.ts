// The bundled Action (dist/index.js) run as the runner runs it, against a real git checkout and a
// loopback GitHub that validates every request against GitHub's OpenAPI description.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import { pullFiles } from '../../__fixtures__/pull-files.js'
import { runAction } from '../../__fixtures__/runner.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const actionDir = new URL('../..', import.meta.url).pathname
const require = createRequire(import.meta.url)
type Example = { action?: string; pull_request: { head: { sha: string; repo: { full_name: string } }; base: { sha: string } } }
const events = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Example[] }[]
const opened = events.find((e) => e.name === 'pull_request')!.examples.find((x) => x.action === 'opened')!

const BASE = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/base.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n',
  'config/settings/production.py': 'from .base import *\n\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n',
  'shop/views.py': 'def index(request):\n    return None\n'
}

let origin: Repo
let baseSha: string
let headSha: string
let cleanSha: string
let workspace: string
let api: FakeGitHub

function event(head: string): object {
  const e = structuredClone<Example>(opened)
  e.pull_request.head.sha = head
  e.pull_request.base.sha = baseSha
  return e
}

/** A schedule payload (webhooks-examples has none; GitHub sends the cron and the repository). */
const SCHEDULE = { schedule: '30 5 * * 1', repository: { full_name: 'Codertocat/Hello-World', name: 'Hello-World', owner: { login: 'Codertocat' } } }

/** A repository whose one commit has DEBUG on in production: one finding for a full scan. */
async function repoWithDebugOn(): Promise<Repo> {
  const repo = await makeRepo()
  await repo.commit({ ...BASE, 'config/settings/production.py': BASE['config/settings/production.py'] + 'DEBUG = True\n' }, 'base with DEBUG on')
  return repo
}

beforeAll(async () => {
  origin = await makeRepo()
  baseSha = await origin.commit(BASE, 'base')
  await origin.git.checkoutLocalBranch('regressions')
  headSha = await origin.commit(
    {
      'config/settings/production.py': BASE['config/settings/production.py'].replace('SESSION_COOKIE_SECURE = True\n', '') + 'DEBUG = True\nSECURE_HSTS_SECONDS = 3600\n',
      'shop/views.py': 'def index(request):\n    return None\n\n\nSTRIPE_KEY = "sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r"\n'
    },
    'regressions'
  )
  await origin.git.addTag('pr-head')
  await origin.git.checkout(baseSha)
  await origin.git.checkoutLocalBranch('clean')
  cleanSha = await origin.commit({ 'shop/views.py': 'def index(request):\n    return "ok"\n' }, 'clean')
})
afterAll(() => origin.cleanup())

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'dsr-workspace-'))
  execFileSync('git', ['clone', '-q', '--no-checkout', origin.dir, workspace])
  api = await new FakeGitHub().start()
})
afterEach(async () => {
  rmSync(workspace, { recursive: true, force: true })
  await api.close()
})

async function runPr(head: string, extra: { inputs?: Record<string, string> } = {}) {
  execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: workspace })
  api.pull = { number: 2, head, base: baseSha }
  api.files = pullFiles(workspace, baseSha, head)
  return runAction({ actionDir, workspace, eventName: 'pull_request', event: event(head), env: api.env(), inputs: extra.inputs })
}

describe('pull_request', () => {
  it('posts one review with comments on the right lines, a summary, SARIF, outputs, and fails', async () => {
    const r = await runPr(headSha)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    expect(r.exitCode).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.reviews[0].event).toBe('COMMENT')
    expect(api.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['config/settings/production.py:2', 'config/settings/production.py:8', 'config/settings/production.py:9', 'shop/views.py:5'])
    const debug = api.reviewComments.find((c) => c.line === 8)!.body
    expect(debug).toContain('CRITICAL** · `debug-enabled` · Django `security.W018`')
    expect(debug).toContain('```suggestion\nDEBUG = False\n```')
    expect(debug).toContain('docs/rules/debug-enabled.md')
    const stripe = api.reviewComments.find((c) => c.path === 'shop/views.py')!.body
    expect(stripe).not.toContain('sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')
    expect(stripe).toContain('sk****3r')
    expect(api.issueComments).toHaveLength(1)
    expect(api.issueComments[0].body).toContain('<!-- django-security-review:summary -->')
    expect(api.issueComments[0].body).toContain('### New')
    // the effective production settings the change alters, and where each new value comes from
    expect(api.issueComments[0].body).toContain('| `config/settings/production.py` | `DEBUG` | `False` | `True` | config/settings/production.py:8 |')
    expect(api.issueComments[0].body).toContain('| `config/settings/production.py` | `SESSION_COOKIE_SECURE` | `True` | `False` | Django\'s default |')
    expect(api.issueComments[0].body).toContain('| `config/settings/production.py` | `SECURE_HSTS_SECONDS` | `31536000` | `3600` | config/settings/production.py:9 |')
    expect(r.outputs).toMatchObject({ findings: '4', 'new-findings': '4', 'highest-severity': 'critical' })
    expect(existsSync(r.outputs['sarif-file'])).toBe(true)
    expect(readFileSync(r.outputs['sarif-file'], 'utf8')).toContain('"baselineState": "new"')
    expect(r.summary).toContain('| 🔴 critical | `debug-enabled` | `config/settings/production.py:8` | new |')
    expect(r.stdout + r.summary + readFileSync(r.outputs['sarif-file'], 'utf8')).not.toContain('sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r')
    expect(r.stdout).toContain('::error::django-security-review: 4 new')
  })

  it('run three times: no duplicate comments, one summary updated in place', async () => {
    for (let i = 0; i < 3; i++) expect((await runPr(headSha)).exitCode).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.reviewComments).toHaveLength(4)
    expect(api.issueComments).toHaveLength(1)
    expect(api.calls().filter((c) => c === 'issues/update-comment')).toHaveLength(2)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })

  it('a clean pull request passes with a summary that says so', async () => {
    const r = await runPr(cleanSha)
    expect(r.exitCode).toBe(0)
    expect(api.reviews).toHaveLength(0)
    expect(api.issueComments[0].body).toContain('This change makes nothing less secure.')
    expect(r.outputs).toMatchObject({ findings: '0', 'new-findings': '0', 'highest-severity': 'none' })
  })

  it('a fork with a read-only token (403): annotations, job summary and exit code still carry every finding', async () => {
    api.failures.set('pulls/list-files', { status: 403, message: 'Resource not accessible by integration' })
    const r = await runPr(headSha)
    expect(r.exitCode).toBe(1)
    expect(api.reviews).toHaveLength(0)
    expect(r.stdout).toContain('::warning::django-security-review: the token cannot comment on this pull request (403')
    expect(r.stdout).toContain('::error title=debug-enabled (critical),file=config/settings/production.py,line=8,endLine=8::DEBUG is True in production')
    expect(r.summary).toContain('`debug-enabled`')
    expect(r.outputs['new-findings']).toBe('4')
  })

  it('a check run carries every finding as an annotation, 50 per request', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `SERVICE_${i}_TOKEN = "tok_${String(i).padStart(2, '0')}_9f8e7d6c5b4a3F2E1DzQ"`).join('\n') + '\n'
    execFileSync('git', ['checkout', '-q', '--detach', baseSha], { cwd: origin.dir })
    const tokens = await origin.commit({ 'shop/tokens.py': many }, 'sixty tokens')
    execFileSync('git', ['fetch', '-q', origin.dir, tokens], { cwd: workspace })
    const r = await runPr(tokens)
    expect(r.exitCode).toBe(1)
    const checkCalls = api.requests.filter((q) => q.operationId?.startsWith('checks/'))
    expect(checkCalls.map((q) => q.operationId)).toEqual(['checks/create', 'checks/update', 'checks/update'])
    const annotations = checkCalls.map((q) => ((q.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length)
    expect(annotations).toEqual([50, 10, 0])
    expect(api.checkRuns[0].body).toMatchObject({ status: 'completed', conclusion: 'failure' })
    // at most 30 inline comments; the other 30 are listed in the summary
    expect(api.reviewComments).toHaveLength(30)
    expect(api.issueComments[0].body).toContain('30 new findings without an inline comment')
  })

  it('a pull request that edits the configuration is judged by the base\'s: the edit is reported, not applied', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', baseSha], { cwd: origin.dir })
    const production = BASE['config/settings/production.py']
    const weakened = await origin.commit(
      {
        '.github/django-security.yml': 'fail-on: never\nrules:\n  debug-enabled: off\n',
        'config/settings/production.py': `${production}DEBUG = True\nSECURE_SSL_REDIRECT = False  # django-security: ignore[ssl-redirect-disabled] -- the load balancer redirects\n`
      },
      'weaken the review with the change'
    )
    execFileSync('git', ['fetch', '-q', origin.dir, weakened], { cwd: workspace })
    const r = await runPr(weakened)
    expect(r.exitCode).toBe(1)
    const summary = api.issueComments[0].body
    expect(summary).toContain('`debug-enabled`')
    expect(summary).toContain('| 🟠 high | `review-config-weakened` |')
    expect(summary).toContain('it switches debug-enabled off, lowers fail-on from high to never')
    expect(summary).toContain('### Suppressed by this change')
    expect(summary).toContain('| `ssl-redirect-disabled` | `config/settings/production.py:10` | the load balancer redirects |')
    expect(r.summary).toContain('### Suppressed by this change')
  })

  it('422 on one comment: the others are posted in one review, that one goes to the summary', async () => {
    api.rejectAnchors.add('config/settings/production.py:9')
    const r = await runPr(headSha)
    expect(r.exitCode).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.pendingReviews).toEqual([])
    expect(api.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['config/settings/production.py:2', 'config/settings/production.py:8', 'shop/views.py:5'])
    expect(api.issueComments[0].body).toContain('1 new finding without an inline comment')
    expect(api.issueComments[0].body).toContain('GitHub would not place 1 inline comment (422): config/settings/production.py:9')
  })

  it('secondary rate limit with retry-after: waits, retries, and the summary lands once', async () => {
    api.failures.set('issues/create-comment', { status: 403, times: 1, headers: { 'retry-after': '1' }, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' })
    const r = await runPr(headSha)
    expect(r.exitCode).toBe(1)
    expect(api.requests.filter((q) => q.operationId === 'issues/create-comment').map((q) => q.status)).toEqual([403, 201])
    expect(api.issueComments).toHaveLength(1)
    expect(r.stdout).toContain('secondary rate limit on POST')
  })

  it('500 then success: the review still lands once', async () => {
    api.failures.set('pulls/create-review', { status: 500, times: 1 })
    const r = await runPr(headSha)
    expect(r.exitCode).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.requests.filter((q) => q.operationId === 'pulls/create-review').map((q) => q.status)).toEqual([500, 200])
  })

  it('comment: summary posts the summary comment and the check run, but no inline review', async () => {
    const r = await runPr(headSha, { inputs: { comment: 'summary' } })
    expect(r.exitCode).toBe(1)
    expect(api.reviews).toHaveLength(0)
    expect(api.issueComments).toHaveLength(1)
    expect(api.issueComments[0].body).toContain('4 new findings without an inline comment')
    expect(api.checkRuns).toHaveLength(1)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })

  it('comment: off writes nothing to GitHub; annotations, job summary, SARIF and the exit code carry the findings', async () => {
    const r = await runPr(headSha, { inputs: { comment: 'off' } })
    expect(r.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    expect(r.stdout).toContain('::error title=debug-enabled (critical),file=config/settings/production.py,line=8')
    expect(r.summary).toContain('`debug-enabled`')
    expect(r.outputs['new-findings']).toBe('4')
  })
})

describe('only our own comments count', () => {
  it('a person\'s comment carrying our markers is neither updated nor taken for an earlier run\'s comment', async () => {
    // learn the DEBUG finding's marker from a first review, then start again with a fresh pull request
    await runPr(headSha)
    const marker = /<!-- django-security-review:finding [0-9a-f]+ -->/.exec(api.reviewComments.find((c) => c.line === 8)!.body)![0]
    await api.close()
    api = await new FakeGitHub().start()
    const person = { login: 'mallory', id: 66, type: 'User' as const }
    api.comment('<!-- django-security-review:summary -->\nAll clear, merge away!', person)
    api.reviewComments.push({ id: 1, path: 'config/settings/production.py', line: 8, body: `looks fine ${marker}`, user: person, commit_id: headSha })
    const r = await runPr(headSha)
    expect(r.exitCode).toBe(1)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    expect(api.calls()).not.toContain('issues/update-comment')
    expect(api.issueComments.map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]'])
    expect(api.issueComments[0].body).toContain('All clear, merge away!')
    // our DEBUG comment is posted although a person's comment carries its marker
    expect(api.reviewComments.filter((c) => c.user.type === 'Bot').map((c) => c.line).sort()).toEqual([2, 5, 8, 9])
  })

  it('with a personal access token, the user\'s own summary is updated and nothing is posted twice', async () => {
    const token = 'ghp_0000000000000000000000000000000000aa'
    api.users.set(token, { login: 'release-manager', id: 7, type: 'User' })
    for (let i = 0; i < 2; i++) {
      execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
      api.pull = { number: 2, head: headSha, base: baseSha }
      api.files = pullFiles(workspace, baseSha, headSha)
      expect((await runAction({ actionDir, workspace, eventName: 'pull_request', event: event(headSha), env: api.env(), token })).exitCode).toBe(1)
    }
    expect(api.calls()).toContain('graphql:viewer')
    expect(api.reviewComments).toHaveLength(4)
    expect(api.issueComments).toHaveLength(1)
    expect(api.issueComments[0].user.login).toBe('release-manager')
    expect(api.calls().filter((c) => c === 'issues/update-comment')).toHaveLength(1)
  })

  it('when the token may not ask who it is, bot-written comments count as ours', async () => {
    api.viewerForbidden = true
    for (let i = 0; i < 2; i++) expect((await runPr(headSha)).exitCode).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.issueComments).toHaveLength(1)
  })

  it('reads every page: with 250 comments before it, the summary on page three is found and updated', async () => {
    for (let i = 0; i < 250; i++) api.comment(`comment ${i}`)
    for (let i = 0; i < 2; i++) expect((await runPr(headSha)).exitCode).toBe(1)
    expect(api.issueComments.filter((c) => c.body.includes('<!-- django-security-review:summary -->'))).toHaveLength(1)
    expect(api.requests.filter((q) => q.operationId === 'issues/list-comments').map((q) => q.query.get('page') ?? '1')).toEqual(['1', '2', '3', '1', '2', '3'])
  })

  it('two summaries left by racing runs: the first is updated, the copy deleted', async () => {
    const bot = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const }
    api.comment('<!-- django-security-review:summary -->\nold', bot)
    api.comment('looks good to me')
    api.comment('<!-- django-security-review:summary -->\nold copy', bot)
    expect((await runPr(headSha)).exitCode).toBe(1)
    expect(api.calls().filter((c) => c.startsWith('issues/') && c !== 'issues/list-comments')).toEqual(['issues/update-comment', 'issues/delete-comment'])
    expect(api.issueComments.map((c) => c.body.split('\n').slice(0, 2).join(' | '))).toEqual(['<!-- django-security-review:summary --> | ## Django security review', 'looks good to me'])
  })
})

describe('GitHub Enterprise Server', () => {
  it('uses GITHUB_API_URL for REST and GITHUB_GRAPHQL_URL for GraphQL', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
    api.pull = { number: 2, head: headSha, base: baseSha }
    api.files = pullFiles(workspace, baseSha, headSha)
    const env = { GITHUB_SERVER_URL: api.url, GITHUB_API_URL: `${api.url}/api/v3`, GITHUB_GRAPHQL_URL: `${api.url}/api/graphql` }
    const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: event(headSha), env })
    expect(r.exitCode).toBe(1)
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    expect(api.reviews).toHaveLength(1)
    const paths = api.requests.map((q) => q.path)
    expect(paths.filter((p) => !p.startsWith('/api/v3/') && p !== '/api/graphql')).toEqual([])
    expect(paths).toContain('/api/graphql')
  })

  it('honours a GITHUB_GRAPHQL_URL octokit could not derive from the REST URL', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
    api.pull = { number: 2, head: headSha, base: baseSha }
    api.files = pullFiles(workspace, baseSha, headSha)
    const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: event(headSha), env: { ...api.env(), GITHUB_GRAPHQL_URL: `${api.url}/gateway/graphql` } })
    expect(r.exitCode).toBe(1)
    expect(api.requests.filter((q) => q.operationId?.startsWith('graphql:')).map((q) => q.path)).toEqual(['/gateway/graphql', '/gateway/graphql'])
  })
})

describe('a push that fixes findings', () => {
  it('resolves the fixed finding\'s thread, leaves a thread with a human reply open, and updates the summary', async () => {
    expect((await runPr(headSha)).exitCode).toBe(1)
    const hsts = api.reviewComments.find((c) => c.line === 9)!
    api.reply(hsts.id, 'We lower it on purpose while we migrate the CDN.')
    // the next push restores DEBUG = False and the HSTS value
    execFileSync('git', ['checkout', '-q', 'regressions'], { cwd: origin.dir })
    const fixed = await origin.commit({ 'config/settings/production.py': BASE['config/settings/production.py'].replace('SESSION_COOKIE_SECURE = True\n', '') }, 'fix debug and hsts')
    execFileSync('git', ['fetch', '-q', origin.dir, fixed], { cwd: workspace })
    const r = await runPr(fixed)
    expect(r.exitCode).toBe(1) // the session cookie and the Stripe key are still there
    const threads = api.reviewComments.filter((c) => c.in_reply_to_id === undefined)
    expect(threads.filter((c) => c.resolved).map((c) => `${c.path}:${c.line}`)).toEqual(['config/settings/production.py:8'])
    expect(threads.find((c) => c.id === hsts.id)?.resolved).toBeFalsy()
    const summary = api.issueComments[0].body
    expect(api.issueComments).toHaveLength(1)
    expect(summary).toContain('Resolved the thread of the fixed finding at `config/settings/production.py:8`.')
    expect(summary).toContain('its thread has replies, so it is left open')
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })
})

describe('pull_request_target', () => {
  it('reads the pull request through the API and never fetches or checks out its code', async () => {
    const target = mkdtempSync(join(tmpdir(), 'dsr-target-'))
    try {
      // what actions/checkout gives pull_request_target: the base branch only
      execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', `file://${origin.dir}`, target])
      api.pull = { number: 2, head: headSha, base: baseSha }
      api.mergeBase = baseSha
      api.files = pullFiles(origin.dir, baseSha, headSha)
      for (const f of api.files) api.headContents.set(f.filename, execFileSync('git', ['show', `${headSha}:${f.filename}`], { cwd: origin.dir, encoding: 'utf8' }))
      const r = await runAction({ actionDir, workspace: target, eventName: 'pull_request_target', event: event(headSha), env: api.env() })
      expect(r.exitCode).toBe(1)
      expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
      expect(api.calls()).toContain('repos/get-content')
      expect(api.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(['config/settings/production.py:2', 'config/settings/production.py:8', 'config/settings/production.py:9', 'shop/views.py:5'])
      expect(api.issueComments[0].body).toContain('its code was not checked out or fetched')
      // the pull request's commit never entered the workspace
      expect(() => execFileSync('git', ['cat-file', '-e', `${headSha}^{commit}`], { cwd: target, stdio: 'ignore' })).toThrow()
    } finally {
      rmSync(target, { recursive: true, force: true })
    }
  })

  it('a partial clone whose blobs cannot be fetched: the review goes on, and the coverage notes name each unreadable file', async () => {
    const target = mkdtempSync(join(tmpdir(), 'dsr-partial-'))
    try {
      execFileSync('git', ['clone', '-q', '--no-checkout', '--filter=blob:none', '--upload-pack=git -c uploadpack.allowFilter=true upload-pack', '--single-branch', '--branch', 'main', `file://${origin.dir}`, target])
      execFileSync('git', ['remote', 'set-url', 'origin', `file://${target}/gone`], { cwd: target })
      api.pull = { number: 2, head: headSha, base: baseSha }
      api.mergeBase = baseSha
      api.files = pullFiles(origin.dir, baseSha, headSha)
      for (const f of api.files) api.headContents.set(f.filename, execFileSync('git', ['show', `${headSha}:${f.filename}`], { cwd: origin.dir, encoding: 'utf8' }))
      const r = await runAction({ actionDir, workspace: target, eventName: 'pull_request_target', event: event(headSha), env: api.env() })
      expect(r.exitCode).toBe(1)
      expect(api.issueComments[0].body).toContain('`config/settings/production.py`: not reviewed (base side): git cannot read it')
      expect(api.reviewComments.map((c) => `${c.path}:${c.line}`)).toContain('shop/views.py:5')
    } finally {
      rmSync(target, { recursive: true, force: true })
    }
  })
})

describe('a pull request of 3,500 files', () => {
  it('reviews every file from git, comments inline where GitHub lists the file, and says what it covered', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', baseSha], { cwd: origin.dir })
    const many: Record<string, string> = {}
    for (let i = 0; i < 3499; i++) many[`shop/generated/m${String(i).padStart(4, '0')}.py`] = `VALUE = ${i}\n`
    // sorted last, so GitHub's 3,000-file list does not include it
    many['zz/settings_override.py'] = 'WEBHOOK_SECRET = "whsec_9f8e7d6c5b4a3F2E1DzQxY"\n'
    const big = await origin.commit(many, 'vendor 3,500 files')
    execFileSync('git', ['fetch', '-q', origin.dir, big], { cwd: workspace })
    const r = await runPr(big)
    expect(r.exitCode).toBe(1)
    expect(api.files.length).toBe(3500)
    expect(api.reviewComments).toHaveLength(0)
    const summary = api.issueComments[0].body
    expect(summary).toContain('`zz/settings_override.py:1`')
    expect(summary).toContain('GitHub lists at most 3,000 files')
  })
})

describe('pull_request_target of 3,500 files', () => {
  it('fetches the pull request\'s commit as objects only (never checked out) and reviews every file from git', async () => {
    const target = mkdtempSync(join(tmpdir(), 'dsr-target-big-'))
    try {
      execFileSync('git', ['checkout', '-q', '--detach', baseSha], { cwd: origin.dir })
      const many: Record<string, string> = {}
      for (let i = 0; i < 3499; i++) many[`shop/generated/m${String(i).padStart(4, '0')}.py`] = `VALUE = ${i}\n`
      many['zz/settings_override.py'] = 'WEBHOOK_SECRET = "whsec_9f8e7d6c5b4a3F2E1DzQxY"\n'
      const big = await origin.commit(many, 'vendor 3,500 files')
      // GitHub keeps every pull request's head at refs/pull/N/head of the base repository
      execFileSync('git', ['update-ref', 'refs/pull/2/head', big], { cwd: origin.dir })
      execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', `file://${origin.dir}`, target])
      api.pull = { number: 2, head: big, base: baseSha }
      api.mergeBase = baseSha
      api.files = pullFiles(origin.dir, baseSha, big)
      const r = await runAction({ actionDir, workspace: target, eventName: 'pull_request_target', event: event(big), env: api.env() })
      expect(r.exitCode).toBe(1)
      expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
      expect(api.calls()).not.toContain('repos/get-content')
      const summary = api.issueComments[0].body
      expect(summary).toContain('`zz/settings_override.py:1`')
      expect(summary).toContain('fetched as git objects (not checked out or run)')
      // the workspace still has the base branch checked out, untouched (but for the SARIF file)
      expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: target, encoding: 'utf8' }).trim()).toBe(baseSha)
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: target, encoding: 'utf8' })).toBe('?? django-security-review.sarif\n')
    } finally {
      rmSync(target, { recursive: true, force: true })
    }
  })
})

describe('nothing could be read', () => {
  it('fails closed with one clear line in the log and the job summary', async () => {
    // the event names a head commit origin no longer has (refs/pull/2/head has moved on)
    const ghost = 'f'.repeat(40)
    execFileSync('git', ['update-ref', 'refs/pull/2/head', headSha], { cwd: origin.dir })
    execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
    api.pull = { number: 2, head: ghost, base: baseSha }
    const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: event(ghost), env: api.env() })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/^::error::django-security-review: nothing was reviewed, so the check fails: commit fffffff is not in origin \(was the branch force-pushed or deleted\?\)$/m)
    expect(r.stdout).not.toMatch(/\n\s+at /)
    expect(r.summary).toContain('**django-security-review: nothing was reviewed, so the check fails')
    expect(r.outputs).toEqual({})
  })
})

describe('shallow clone', () => {
  it('fetches just the missing commits and takes the merge-base from the compare API', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'dsr-shallow-'))
    try {
      execFileSync('git', ['clone', '-q', '--depth=1', '--branch', 'pr-head', `file://${origin.dir}`, shallow])
      expect(execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: shallow, encoding: 'utf8' }).trim()).toBe('true')
      api.pull = { number: 2, head: headSha, base: baseSha }
      api.mergeBase = baseSha
      api.files = pullFiles(origin.dir, baseSha, headSha)
      const r = await runAction({ actionDir, workspace: shallow, eventName: 'pull_request', event: event(headSha), env: api.env() })
      expect(r.stderr).toBe('')
      expect(r.stdout).not.toContain('::error::django-security-review: Command failed')
      expect(r.exitCode).toBe(1)
      expect(api.calls()[0]).toBe('repos/compare-commits-with-basehead')
      expect(r.outputs['new-findings']).toBe('4')
      expect(api.issueComments[0].body).toContain('merge-base')
    } finally {
      rmSync(shallow, { recursive: true, force: true })
    }
  })
})

describe('push, merge_group, schedule and workflow_dispatch', () => {
  it('push: reviews the pushed range, annotates, and writes only a check run', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
    const push = events.find((e) => e.name === 'push')!.examples[0] as unknown as Record<string, unknown>
    const r = await runAction({ actionDir, workspace, eventName: 'push', event: { ...push, before: baseSha, after: headSha }, env: api.env() })
    expect(r.exitCode).toBe(1)
    // no pull request: no review or comment, only the check run with its annotations
    expect(api.calls()).toEqual(['checks/create', 'checks/update'])
    expect(api.checkRuns[0].body).toMatchObject({ name: 'django-security-review', head_sha: headSha, conclusion: 'failure' })
    expect(r.stdout).toContain('::error title=debug-enabled (critical),file=config/settings/production.py,line=8')
    expect(r.outputs['new-findings']).toBe('4')
  })

  it('merge_group: reviews the queued change against the queue base and gates it', async () => {
    execFileSync('git', ['checkout', '-q', '--detach', headSha], { cwd: workspace })
    const group = structuredClone(events.find((e) => e.name === 'merge_group')!.examples[0]) as unknown as { merge_group: { base_sha: string; head_sha: string } }
    group.merge_group.base_sha = baseSha
    group.merge_group.head_sha = headSha
    const r = await runAction({ actionDir, workspace, eventName: 'merge_group', event: group, env: api.env() })
    expect(r.exitCode).toBe(1)
    expect(api.calls()).toEqual(['checks/create', 'checks/update'])
    expect(api.checkRuns[0].body).toMatchObject({ head_sha: headSha, conclusion: 'failure' })
    expect(r.outputs).toMatchObject({ findings: '4', 'new-findings': '4' })
    expect(r.summary).toContain('| 🔴 critical | `debug-enabled` | `config/settings/production.py:8` | new |')
  })

  it('schedule: scans the whole tree and the history, where a removed secret still counts', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit(BASE, 'base')
      await repo.commit({ 'deploy/.env.production': 'SENDGRID_API_KEY=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\n' }, 'oops')
      await repo.commit({ 'deploy/.env.production': null }, 'remove it')
      const r = await runAction({ actionDir, workspace: repo.dir, eventName: 'schedule', event: SCHEDULE, env: api.env() })
      expect(r.exitCode).toBe(1)
      expect(api.requests).toEqual([])
      expect(r.summary).toContain('Full scan (schedule event).')
      expect(r.summary).toContain('History: 3 commits scanned for secrets.')
      expect(r.summary).toContain('SendGrid API key (SG****cr) was committed in')
      expect(r.summary).not.toContain('TwL2iGABf9DHoTf')
      expect(r.outputs).toMatchObject({ findings: '1', 'new-findings': '1', 'highest-severity': 'high' })
    } finally {
      repo.cleanup()
    }
  })

  it('workflow_dispatch with tracking-issue: opens one issue, updates it in place, closes it when clean', async () => {
    const repo = await repoWithDebugOn()
    try {
      const dispatch = events.find((e) => e.name === 'workflow_dispatch')!.examples[0] as unknown as Record<string, unknown>
      const go = () => runAction({ actionDir, workspace: repo.dir, eventName: 'workflow_dispatch', event: dispatch, env: api.env(), inputs: { 'tracking-issue': 'true' } })
      let r = await go()
      expect(r.exitCode).toBe(1)
      expect(r.summary).toContain('Full scan (workflow_dispatch event).')
      expect(api.issues).toHaveLength(1)
      expect(api.issues[0]).toMatchObject({ state: 'open', title: 'Django security review: 1 finding' })
      expect(api.issues[0].body).toContain('`debug-enabled` | `config/settings/production.py:9`')
      expect(r.summary).toContain(`Tracking issue #${api.issues[0].number} opened.`)
      await repo.commit({ 'config/settings/production.py': BASE['config/settings/production.py'] + 'DEBUG = True\nSESSION_COOKIE_SECURE = False\n' }, 'insecure session cookie too')
      r = await go()
      expect(api.issues).toHaveLength(1)
      expect(api.issues[0].title).toBe('Django security review: 2 findings')
      expect(api.issues[0].body).toContain('`session-cookie-insecure`')
      await repo.commit({ 'config/settings/production.py': BASE['config/settings/production.py'] }, 'fix both')
      r = await go()
      expect(r.exitCode).toBe(0)
      expect(api.issues).toHaveLength(1)
      expect(api.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' })
      expect(r.summary).toContain('closed: the scan is clean')
      expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    } finally {
      repo.cleanup()
    }
  })

  it('tracking issue without issues: write (403): one warning, the findings still fail the job', async () => {
    const repo = await repoWithDebugOn()
    try {
      api.failures.set('issues/list-for-repo', { status: 403, message: 'Resource not accessible by integration' })
      const r = await runAction({ actionDir, workspace: repo.dir, eventName: 'schedule', event: SCHEDULE, env: api.env(), inputs: { 'tracking-issue': 'true' } })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toContain('::warning::django-security-review: the tracking issue could not be written (403)')
      expect(r.summary).toContain('`debug-enabled`')
      expect(r.summary).toContain('The tracking issue could not be written (403)')
    } finally {
      repo.cleanup()
    }
  })
})
