// The organisation-wide scan end to end, as GitHub Actions runs it: the reusable workflows' own run:
// steps (.github/workflows/org-scan.yml and org-scan-chunk.yml) executed with bash against the
// loopback GitHub (every request checked against GitHub's OpenAPI description), the CLI freshly
// bundled from src/, each repository a real git repository cloned shallow from a bare remote, one of
// them failing to clone: list → matrix → one job per repository → SARIF uploads → merged report →
// tracking issues.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { FakeGitHub, type OrgRepo } from '../../__fixtures__/github-api.js'
import { runProcess, type ProcessResult } from '../../__fixtures__/process.js'
import { interpolate, runJob, type Job, type Step } from '../../__fixtures__/workflow-runner.js'
import { root } from '../helpers/cli.js'
import type { OrgMatrix } from '../../src/org/matrix.js'

const TOKEN = 'ghs_orgScanToken0123456789abcdefABCDEF'
const SECRET = 'kq8#v!2mZx@R7pL0w$Tn4yB6cE9hJ3uF5sD1gA-=+)(*&^%_Qe'

const BASE = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/settings/base.py':
    'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n',
  'config/settings/production.py':
    'from .base import *\n\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n'
}
const BLOG_SETTINGS = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["*"]\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n]\n'

let work: string
let tool: string
let remotes: string
let api: FakeGitHub
const heads = new Map<string, string>()

/** A bare remote at remotes/acme/NAME.git whose commits carry the given dates. */
function remote(name: string, branch: string, commits: { date: string; files: Record<string, string | null> }[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-org-src-'))
  const git = (args: string[], env: Record<string, string> = {}): string => execFileSync('git', args, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env }, encoding: 'utf8' })
  git(['init', '-q', '-b', branch])
  for (const c of commits) {
    for (const [path, text] of Object.entries(c.files)) {
      if (text === null) rmSync(join(dir, path))
      else {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
    }
    git(['add', '-A'])
    git(['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', `at ${c.date}`], { GIT_AUTHOR_DATE: c.date, GIT_COMMITTER_DATE: c.date })
  }
  heads.set(`acme/${name}`, git(['rev-parse', 'HEAD']).trim())
  execFileSync('git', ['clone', '-q', '--bare', dir, join(remotes, 'acme', `${name}.git`)])
  rmSync(dir, { recursive: true, force: true })
}

function workflow(name: string): { on: { workflow_call: { inputs: Record<string, { default?: unknown }> } }; jobs: Record<string, Job & Record<string, unknown>> } {
  return parse(readFileSync(join(root, '.github/workflows', name), 'utf8')) as ReturnType<typeof workflow>
}

/** A job's workspace with the tool checked out at .django-security-review (the bundle built from src/). */
function workspace(name: string): string {
  const ws = join(work, 'jobs', name)
  mkdirSync(ws, { recursive: true })
  symlinkSync(tool, join(ws, '.django-security-review'))
  return ws
}

const artifacts = (): string => join(work, 'artifacts')

/** The uses: steps, played: the tool checkout, setup-node, a repository clone, artifact upload and download. */
function playUses(ws: string, ctx: Record<string, unknown>) {
  return (step: Step): 'success' | 'failure' => {
    const uses = String(step.uses)
    const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, ctx)]))
    if (uses.startsWith('actions/setup-node@')) return 'success'
    if (uses.startsWith('actions/checkout@') && w.path === '.django-security-review') {
      expect(w.repository).toBe('django-security-review/django-security-review')
      return 'success'
    }
    if (uses.startsWith('actions/checkout@')) {
      // the repository to scan, with the organisation token, shallow
      expect(w.token).toBe(TOKEN)
      expect(w['fetch-depth']).toBe('1')
      const bare = join(remotes, `${w.repository}.git`)
      if (!existsSync(bare)) return 'failure'
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', w.ref, `file://${bare}`, join(ws, w.path)])
      return 'success'
    }
    if (uses.startsWith('actions/upload-artifact@')) {
      cpSync(join(ws, w.path), join(artifacts(), w.name, w.path.endsWith('/') ? '' : w.path), { recursive: true })
      return 'success'
    }
    if (uses.startsWith('actions/download-artifact@')) {
      const pattern = new RegExp(`^${w.pattern.replace(/\*/g, '.*')}$`)
      for (const name of readdirSync(artifacts()).filter((n) => pattern.test(n))) cpSync(join(artifacts(), name), join(ws, w.path, name), { recursive: true })
      return 'success'
    }
    throw new Error(`unexpected step ${uses}`)
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dsr-org-'))
  tool = join(work, 'tool')
  remotes = join(work, 'remotes')
  execFileSync(process.execPath, ['scripts/build.mjs', join(tool, 'dist')], { cwd: root })
  // shop: DEBUG on in production (2022), and a secret key committed (2021) and removed (2023): only the history holds it
  remote('shop', 'main', [
    { date: '2020-01-02T00:00:00Z', files: BASE },
    { date: '2021-03-04T00:00:00Z', files: { 'config/settings/base.py': BASE['config/settings/base.py'].replace('os.environ["DJANGO_SECRET_KEY"]', `"${SECRET}"`) } },
    { date: '2022-05-06T00:00:00Z', files: { 'config/settings/production.py': BASE['config/settings/production.py'] + 'DEBUG = True\n' } },
    { date: '2023-01-01T00:00:00Z', files: { 'config/settings/base.py': BASE['config/settings/base.py'] } }
  ])
  // blog: a lone settings module open to any host, since 2018, on branch trunk
  remote('blog', 'trunk', [{ date: '2018-07-08T00:00:00Z', files: { 'requirements.txt': 'Django\n', 'mysite/settings.py': BLOG_SETTINGS } }])
  // clean: nothing to report
  remote('clean', 'main', [{ date: '2024-02-03T00:00:00Z', files: { 'pyproject.toml': '[project]\nname = "clean"\ndependencies = ["Django>=5.2"]\n', ...BASE } }])
  api = await new FakeGitHub().start()
  api.users.set(TOKEN, { login: 'acme-security[bot]', id: 99, type: 'Bot' })
  const django = { 'manage.py': BASE['manage.py'] }
  const repos: OrgRepo[] = [
    { name: 'shop', topics: ['django', 'web'], files: { ...BASE } },
    { name: 'blog', topics: ['Django'], defaultBranch: 'trunk', files: { 'requirements.txt': 'Django\n', 'mysite/settings.py': BLOG_SETTINGS } },
    { name: 'clean', topics: ['django'], files: { 'pyproject.toml': '[project]\nname = "clean"\ndependencies = ["Django>=5.2"]\n', ...BASE } },
    // listed and Django, but the token cannot clone it
    { name: 'broken', topics: ['django'], files: django },
    // left out: not Django, archived, a fork, without the topic, empty
    { name: 'docs', topics: ['django'], files: { 'README.md': '# Docs\n', 'requirements.txt': 'mkdocs\ndjango-environ\n' } },
    { name: 'legacy', topics: ['django'], archived: true, files: django },
    { name: 'shop-fork', topics: ['django'], fork: true, files: django },
    { name: 'internal', files: django },
    { name: 'empty', topics: ['django'] },
    // and enough others for two pages of 100
    ...Array.from({ length: 120 }, (_, i) => ({ name: `site-${String(i).padStart(3, '0')}`, files: { 'index.html': '<h1>hi</h1>\n' } }))
  ]
  api.orgs.set('acme', repos)
}, 120000)

afterAll(async () => {
  await api?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('org-scan.yml', () => {
  it('lists the Django repositories, scans each in its own job, uploads SARIF, merges one report and opens tracking issues', async () => {
    const org = workflow('org-scan.yml')
    const chunk = workflow('org-scan-chunk.yml')
    const defaults = (w: ReturnType<typeof workflow>): Record<string, unknown> => Object.fromEntries(Object.entries(w.on.workflow_call.inputs).map(([k, v]) => [k, v.default]))
    const inputs = { ...defaults(org), org: 'acme', topic: 'django', 'tracking-issues': true }
    const env = { PATH: String(process.env.PATH), HOME: work, ...api.env(), GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/security', GITHUB_RUN_ID: '4242' }

    // list
    const listWs = workspace('list')
    const listCtx = { inputs, secrets: { token: TOKEN } }
    const list = await runJob(org.jobs.list, listWs, env, listCtx, playUses(listWs, listCtx))
    expect(list.steps.list.stderr).toContain('acme: 129 repositories listed, 4 to scan in 1 chunk (left out: 1 archived, 1 fork, 121 without the topic, 2 not Django)')
    expect(list.steps.list.outcome).toBe('success')
    const outputs = list.steps.list.outputs
    expect(outputs.count).toBe('4')
    expect(JSON.parse(outputs.chunks)).toEqual([0])
    const matrix = JSON.parse(outputs.matrix) as OrgMatrix
    expect(matrix.chunks[0].include).toEqual([
      { repository: 'acme/blog', ref: 'trunk', artifact: 'django-security-acme__blog' },
      { repository: 'acme/broken', ref: 'main', artifact: 'django-security-acme__broken' },
      { repository: 'acme/clean', ref: 'main', artifact: 'django-security-acme__clean' },
      { repository: 'acme/shop', ref: 'main', artifact: 'django-security-acme__shop' }
    ])
    // two pages of repositories, then the contents API only for repositories that passed the filters
    expect(api.requests.filter((r) => r.operationId === 'repos/list-for-org').map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2'])
    const contents = api.requests.filter((r) => r.operationId === 'repos/get-content').map((r) => `${r.path.replace(/^\/repos\/acme\//, '')}@${r.query.get('ref')}`)
    // the root listing settles manage.py; otherwise only the dependency files present are read
    expect(contents.sort()).toEqual(['blog/contents/requirements.txt@trunk', 'blog/contents@trunk', 'broken/contents@main', 'clean/contents@main', 'docs/contents/requirements.txt@main', 'docs/contents@main', 'empty/contents@main', 'shop/contents@main'])

    // scan: the outer matrix hands each chunk to org-scan-chunk.yml, whose matrix is the chunk
    expect(org.jobs.scan.with).toMatchObject({ repositories: '${{ toJSON(fromJSON(needs.list.outputs.matrix).chunks[matrix.chunk]) }}' })
    const jobs: Record<string, string> = {}
    for (const index of JSON.parse(outputs.chunks) as number[]) {
      const repositories = JSON.stringify(matrix.chunks[index])
      for (const entry of (JSON.parse(repositories) as OrgMatrix['chunks'][number]).include) {
        const ws = workspace(entry.artifact)
        const ctx = { matrix: entry, inputs: { ...defaults(chunk), repositories }, secrets: { token: TOKEN } }
        const job = await runJob(chunk.jobs.scan, ws, env, ctx, playUses(ws, ctx))
        jobs[entry.repository] = `clone ${job.steps.clone.outcome}, history ${job.steps.history.outcome}, scan ${job.steps.scan.outcome}${job.steps.scan.stderr}`
      }
    }
    expect(jobs).toEqual({
      'acme/blog': 'clone success, history success, scan success',
      'acme/broken': 'clone failure, history skipped, scan skipped',
      'acme/clean': 'clone success, history success, scan success',
      'acme/shop': 'clone success, history success, scan success'
    })
    // every repository left an artifact; each SARIF went to its own repository's code scanning, for the commit scanned
    expect(readdirSync(artifacts()).sort()).toEqual(['django-security-acme__blog', 'django-security-acme__broken', 'django-security-acme__clean', 'django-security-acme__shop', 'django-security-org-matrix'])
    expect(JSON.parse(readFileSync(join(artifacts(), 'django-security-acme__broken/repository.json'), 'utf8'))).toMatchObject({ repository: 'acme/broken', status: 'clone-failed' })
    expect(api.sarifUploads.map((u) => [u.repository, u.commit_sha, u.ref])).toEqual([
      ['acme/blog', heads.get('acme/blog'), 'refs/heads/trunk'],
      ['acme/clean', heads.get('acme/clean'), 'refs/heads/main'],
      ['acme/shop', heads.get('acme/shop'), 'refs/heads/main']
    ])
    const shopSarif = api.sarifUploads[2].sarif as { runs: { results: { ruleId: string }[] }[] }
    expect(shopSarif.runs[0].results.map((r) => r.ruleId).sort()).toEqual(['debug-enabled', 'hardcoded-credential'])

    // report
    const reportWs = workspace('report')
    const summaryFile = join(reportWs, 'step-summary.md')
    writeFileSync(summaryFile, '')
    const reportCtx = { inputs, secrets: { token: TOKEN }, needs: { list: { result: 'success', outputs } } }
    const report = await runJob(org.jobs.report, reportWs, { ...env, GITHUB_STEP_SUMMARY: summaryFile }, reportCtx, playUses(reportWs, reportCtx))
    // fails: findings at high and above, and one repository not scanned
    expect(report.steps.Report.outcome).toBe('failure')
    expect(report.steps.Report.stderr).toContain('Fails at fail-on high: 2 repositories have findings at or above high (acme/blog, acme/shop); 1 could not be scanned (acme/broken).')
    const md = readFileSync(join(reportWs, 'org-report.md'), 'utf8')
    expect(readFileSync(summaryFile, 'utf8')).toBe(md)
    const rows = md.split('\n').filter((l) => l.startsWith('| ['))
    expect(rows).toEqual([
      '| [acme/shop](https://github.com/acme/shop) | 1 | 1 | 0 | 2021-03-04 · `hardcoded-credential` · `config/settings/base.py:2` |',
      '| [acme/blog](https://github.com/acme/blog) | 0 | 1 | 3 | 2018-07-08 · `allowed-hosts-wildcard` · `mysite/settings.py:4` |',
      '| [acme/clean](https://github.com/acme/clean) | 0 | 0 | 0 | — |',
      '| [acme/broken](https://github.com/acme/broken) | the clone failed: the token could not clone it (does it reach this repository?) |'
    ])
    expect(md.startsWith('## Django security review — organisation acme\n')).toBe(true)
    expect(md).toContain('4 repositories: 3 scanned, **1 could not be scanned**. Open findings: 1 critical, 2 high, 3 medium.')

    // one tracking issue in each repository with findings, none where it is clean or was not scanned
    expect(api.issues.map((i) => [i.repository, i.title, i.state])).toEqual([
      ['acme/blog', 'Django security review: 4 findings', 'open'],
      ['acme/shop', 'Django security review: 2 findings', 'open']
    ])
    expect(api.issues[1].body).toContain('`debug-enabled`')
    expect(md).toContain('acme/clean: Tracking issue: nothing to report, none open.')
    expect(md).toMatch(/acme\/shop: Tracking issue #\d+ opened\./)
    expect(api.issues[0].body).toContain('https://github.com/acme/security/actions/runs/4242')

    // every request was one GitHub's description allows, with the token
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
    // and no secret anywhere: not the committed key, not the token
    const everything = [md, ...api.issues.map((i) => i.body), JSON.stringify(api.sarifUploads), ...['shop', 'blog', 'clean'].map((n) => readFileSync(join(artifacts(), `django-security-acme__${n}/scan.json`), 'utf8'))].join('\n')
    expect(everything).not.toContain(SECRET)
    expect(everything).not.toContain(TOKEN)
    for (const j of Object.values(list.steps)) expect(j.stdout + j.stderr).not.toContain(TOKEN)
  })
})

describe('org-list', () => {
  const cli = (args: string[], env: Record<string, string>): Promise<ProcessResult> =>
    runProcess(process.execPath, [join(tool, 'dist/cli.js'), ...args], { cwd: work, env: { PATH: process.env.PATH, HOME: work, ...api.env(), ...env } })


  it('chunks more than 256 repositories so that no matrix exceeds GitHub\'s limit', async () => {
    api.orgs.set('big', Array.from({ length: 300 }, (_, i) => ({ name: `svc-${String(i).padStart(3, '0')}`, files: { 'manage.py': '' } })))
    const outputFile = join(work, 'big-output')
    writeFileSync(outputFile, '')
    const r = await cli(['org-list', '--org', 'big'], { GITHUB_TOKEN: TOKEN, GITHUB_OUTPUT: outputFile })
    expect(r.stderr).toBe('django-security-review: big: 300 repositories listed, 300 to scan in 2 chunks\n')
    expect(r.code).toBe(0)
    const matrix = JSON.parse(r.stdout) as OrgMatrix
    expect(matrix.count).toBe(300)
    expect(matrix.chunks.map((c) => c.include.length)).toEqual([256, 44])
    expect(matrix.chunks[1].include[0]).toEqual({ repository: 'big/svc-256', ref: 'main', artifact: 'django-security-big__svc-256' })
    // the step outputs the workflow reads: one line each
    const outputs = readFileSync(outputFile, 'utf8').split('\n')
    expect(outputs.filter(Boolean).map((l) => l.split('=')[0])).toEqual(['matrix', 'chunks', 'count'])
    expect(outputs).toContain('chunks=[0,1]')
    expect(outputs).toContain('count=300')
    expect(JSON.parse(outputs[0].slice('matrix='.length))).toEqual(matrix)
  })

  it('narrows by name glob, takes archived repositories and forks when asked, and skips the Django check with --all', async () => {
    const r = await cli(['org-list', '--org', 'acme', '--name-filter', 'shop*', '--name-filter', 'leg?cy', '--include-archived', '--include-forks'], { GITHUB_TOKEN: TOKEN })
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as OrgMatrix).chunks[0].include.map((e) => e.repository)).toEqual(['acme/legacy', 'acme/shop', 'acme/shop-fork'])
    const all = await cli(['org-list', '--org', 'acme', '--topic', 'web', '--all'], { GITHUB_TOKEN: TOKEN })
    expect((JSON.parse(all.stdout) as OrgMatrix).chunks[0].include.map((e) => e.repository)).toEqual(['acme/shop'])
  })

  it('says what is wrong in one line, without the token', async () => {
    expect(await cli(['org-list', '--org', 'acme'], {})).toMatchObject({ code: 2, stderr: 'django-security-review: a token is needed: set GITHUB_TOKEN (or pass --token); see the README for the scopes\n' })
    const missing = await cli(['org-list', '--org', 'nobody'], { GITHUB_TOKEN: TOKEN })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^django-security-review: listing the repositories of nobody failed \(404\): the token cannot see it .*\n$/)
    expect(missing.stderr).not.toContain(TOKEN)
    expect(await cli(['org-list', '--org', 'acme', '--input', 'x'], { GITHUB_TOKEN: TOKEN })).toMatchObject({ code: 2, stderr: 'django-security-review: org-list takes no --input (org-list --help)\n' })
    expect(await cli(['org-list', '--org', 'acme', '--chunk-size', '300'], { GITHUB_TOKEN: TOKEN })).toMatchObject({ code: 2, stderr: 'django-security-review: --chunk-size must be a whole number from 1 to 256, not "300"\n' })
  })
})
