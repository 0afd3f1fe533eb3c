// The bundled Action with the adoption keys of the configuration: a baseline (the base side's, for a
// pull request), `report` (what comments and tracking issues list) and `comments`.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import { pullFiles } from '../../__fixtures__/pull-files.js'
import { runAction } from '../../__fixtures__/runner.js'
import { runCli } from '../../src/cli-run.js'
import { makeRepo } from '../helpers/project.js'

const actionDir = new URL('../..', import.meta.url).pathname
const require = createRequire(import.meta.url)
type Example = { action?: string; pull_request: { head: { sha: string }; base: { sha: string } } }
const events = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Example[] }[]
const opened = events.find((e) => e.name === 'pull_request')!.examples.find((x) => x.action === 'opened')!
const SCHEDULE = { schedule: '30 5 * * 1', repository: { full_name: 'Codertocat/Hello-World', name: 'Hello-World', owner: { login: 'Codertocat' } } }
const dispatch = events.find((e) => e.name === 'workflow_dispatch')!.examples[0] as unknown as Record<string, unknown>

const PROD = 'config/settings/production.py'
const FILES = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  [PROD]: [
    'import os',
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    'ALLOWED_HOSTS = ["shop.example.com"]',
    'INSTALLED_APPS = ["django.contrib.sessions"]',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    'SESSION_COOKIE_SECURE = True',
    'CSRF_COOKIE_SECURE = True',
    'SECURE_SSL_REDIRECT = True',
    'SECURE_HSTS_SECONDS = 31536000',
    'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
    'SECURE_HSTS_PRELOAD = True',
    'DEBUG = True',
    ''
  ].join('\n'),
  '.github/django-security.yml': 'baseline: .github/django-security-baseline.json\n'
}

let api: FakeGitHub
beforeEach(async () => {
  api = await new FakeGitHub().start()
})
afterEach(async () => {
  await api.close()
})

/** A repository whose first commit has DEBUG on in production, recorded in its baseline. */
async function baselined() {
  const repo = await makeRepo()
  await repo.commit(FILES, 'project')
  const code = await runCli(['baseline', repo.dir], { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: repo.dir })
  if (code !== 0) throw new Error('baseline failed')
  const base = await repo.commit({}, 'baseline')
  return { repo, base }
}

describe('full scan with a baseline', () => {
  it('lists nothing recorded, then says when a recorded finding is fixed', async () => {
    const { repo } = await baselined()
    try {
      const go = () => runAction({ actionDir, workspace: repo.dir, eventName: 'workflow_dispatch', event: dispatch, env: api.env(), inputs: { 'tracking-issue': 'true' } })
      let r = await go()
      expect(r.exitCode).toBe(0)
      expect(r.summary).toContain('1 finding recorded in the baseline .github/django-security-baseline.json not listed')
      expect(api.issues).toEqual([])
      await repo.commit({ [PROD]: FILES[PROD].replace('DEBUG = True', 'DEBUG = False') }, 'fix DEBUG')
      r = await go()
      expect(r.exitCode).toBe(0)
      expect(r.summary).toContain('config/settings/production.py: Fixed since the baseline: debug-enabled (critical) is gone')
    } finally {
      repo.cleanup()
    }
  })

  it('a secret the history still holds, recorded in the baseline, is not listed; a new one is', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit({ ...FILES, [PROD]: FILES[PROD].replace('DEBUG = True', 'DEBUG = False') }, 'project')
      await repo.commit({ 'deploy/.env.production': 'SENDGRID_API_KEY=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\n' }, 'oops')
      await repo.commit({ 'deploy/.env.production': null }, 'remove it')
      await runCli(['baseline', repo.dir], { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: repo.dir })
      await repo.commit({}, 'baseline')
      const go = () => runAction({ actionDir, workspace: repo.dir, eventName: 'schedule', event: SCHEDULE, env: api.env() })
      let r = await go()
      expect(r.exitCode).toBe(0)
      expect(r.summary).toContain('1 finding recorded in the baseline .github/django-security-baseline.json not listed')
      expect(r.summary).not.toContain('Fixed since the baseline')
      await repo.commit({ 'deploy/.env.production': 'SENDGRID_API_KEY=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\n' }, 'oops again')
      await repo.commit({ 'deploy/.env.production': null }, 'remove it again')
      r = await go()
      expect(r.exitCode).toBe(1)
      expect(r.outputs).toMatchObject({ findings: '1' })
    } finally {
      repo.cleanup()
    }
  })

  it('report: the tracking issue lists only findings at or above it; the job summary lists all', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit({ ...FILES, '.github/django-security.yml': 'report: critical\n', [PROD]: FILES[PROD].replace('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = False') }, 'two findings')
      const r = await runAction({ actionDir, workspace: repo.dir, eventName: 'workflow_dispatch', event: dispatch, env: api.env(), inputs: { 'tracking-issue': 'true' } })
      expect(r.exitCode).toBe(1)
      expect(r.summary).toContain('`session-cookie-insecure`')
      expect(api.issues).toHaveLength(1)
      expect(api.issues[0].title).toBe('Django security review: 1 finding')
      expect(api.issues[0].body).toContain('`debug-enabled`')
      expect(api.issues[0].body).not.toContain('session-cookie-insecure')
    } finally {
      repo.cleanup()
    }
  })
})

describe('a configuration with problems', () => {
  it('fails the job naming every problem with its line and column, and reviews nothing', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit({ ...FILES, '.github/django-security.yml': 'rules:\n  debug-enabeld: off\nfail-on: hihg\n' }, 'bad config')
      const r = await runAction({ actionDir, workspace: repo.dir, eventName: 'workflow_dispatch', event: dispatch, env: api.env() })
      expect(r.exitCode).toBe(1)
      expect(r.summary).toContain('nothing was reviewed, so the check fails: ')
      expect(r.summary).toMatch(/django-security\.yml:2:3: unknown rule "debug-enabeld" — did you mean "debug-enabled"\?/)
      expect(r.summary).toMatch(/django-security\.yml:3:10: fail-on must be one of critical, high, medium, low, never, not "hihg" — did you mean "high"\?/)
      expect(api.requests).toEqual([])
    } finally {
      repo.cleanup()
    }
  })
})

describe('pull request with a baseline', () => {
  it('uses the base commit\'s baseline: a change that records its own regression in the baseline is still reported', async () => {
    const { repo, base } = await baselined()
    const workspace = mkdtempSync(join(tmpdir(), 'dsr-workspace-'))
    try {
      await repo.git.checkoutLocalBranch('pr')
      await repo.commit({ [PROD]: FILES[PROD].replace('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SECURE = False') }, 'regression')
      await runCli(['baseline', repo.dir], { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: repo.dir })
      const head = await repo.commit({}, 'and baseline it')
      execFileSync('git', ['clone', '-q', '--no-checkout', repo.dir, workspace])
      execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: workspace })
      api.pull = { number: 2, head, base }
      api.files = pullFiles(workspace, base, head)
      const e = structuredClone<Example>(opened)
      e.pull_request.head.sha = head
      e.pull_request.base.sha = base
      const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: e, env: api.env(), inputs: { comment: '' } })
      expect(r.exitCode).toBe(1)
      expect(api.reviewComments.map((c) => `${c.path}:${c.line}`)).toEqual(['config/settings/production.py:11'])
      expect(api.issueComments[0].body).toContain('session-cookie-insecure')
      expect(api.issueComments[0].body).not.toContain('`debug-enabled`')
    } finally {
      rmSync(workspace, { recursive: true, force: true })
      repo.cleanup()
    }
  })

  it('comments and fail-on from the configuration apply when the workflow does not set the inputs', async () => {
    const repo = await makeRepo()
    const workspace = mkdtempSync(join(tmpdir(), 'dsr-workspace-'))
    try {
      const base = await repo.commit({ ...FILES, '.github/django-security.yml': 'fail-on: never\ncomments:\n  mode: summary\n', [PROD]: FILES[PROD].replace('DEBUG = True', 'DEBUG = False') }, 'base')
      const head = await repo.commit({ [PROD]: FILES[PROD] }, 'debug on')
      execFileSync('git', ['clone', '-q', '--no-checkout', repo.dir, workspace])
      execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: workspace })
      api.pull = { number: 2, head, base }
      api.files = pullFiles(workspace, base, head)
      const e = structuredClone<Example>(opened)
      e.pull_request.head.sha = head
      e.pull_request.base.sha = base
      const r = await runAction({ actionDir, workspace, eventName: 'pull_request', event: e, env: api.env() })
      expect(r.exitCode).toBe(0)
      expect(api.reviews).toEqual([])
      expect(api.issueComments).toHaveLength(1)
      expect(api.issueComments[0].body).toContain('debug-enabled')
    } finally {
      rmSync(workspace, { recursive: true, force: true })
      repo.cleanup()
    }
  })
})
