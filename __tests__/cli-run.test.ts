// The CLI in-process (src/cli-run.ts) on hostile repositories and trees: it finishes, the exit code
// reflects the findings, and what it could not read is named in one line, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { makeRepo, type Repo } from './helpers/project.js'

const cli = (args: string[], cwd: string) => runCliInProcess(args, cwd)

const TOKEN = 'ghp_Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'

describe('a blob git cannot read', () => {
  let repo: Repo
  let lost: string
  beforeAll(async () => {
    repo = await makeRepo()
    await repo.commit({ 'mysite/settings.py': 'DEBUG = False\n' })
    const head = await repo.commit({ 'mysite/settings.py': 'DEBUG = True\n', 'deploy/.env.production': `GITHUB_TOKEN=${TOKEN}\n` })
    lost = (await repo.git.revparse([`${head}:deploy/.env.production`])).trim()
    rmSync(join(repo.dir, '.git/objects', lost.slice(0, 2), lost.slice(2)))
  })
  afterAll(() => repo.cleanup())

  // history reports secrets only, and the lost file held the only one: nothing to fail on
  it.each([
    ['diff', ['diff', '--base', 'HEAD~1'], 1],
    ['scan --rev', ['scan', '--rev', 'HEAD'], 1],
    ['history', ['history'], 0]
  ])('%s goes on without it, names it, and exits on the findings', async (_name, args, code) => {
    const r = await cli([...args, '--repo', repo.dir, '--format', 'json', '--fail-on', 'critical'], repo.dir)
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; notices: { path?: string; message: string }[] }
    expect(report.notices).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'deploy/.env.production', message: expect.stringContaining(lost) })]))
    expect(report.findings.filter((f) => f.ruleId === 'debug-enabled' || f.ruleId === 'hardcoded-credential').map((f) => f.ruleId)).toEqual(code ? ['debug-enabled'] : [])
    expect(r.code).toBe(code)
  })
})

describe('a hostile working tree', () => {
  let repo: Repo
  beforeAll(async () => {
    repo = await makeRepo()
    await repo.commit({ 'mysite/settings.py': 'DEBUG = True\n' })
    mkdirSync(join(repo.dir, '.github'), { recursive: true })
  })
  afterAll(() => repo.cleanup())

  it.each([
    ['/dev/zero', 'a symbolic link out of the tree'],
    ['FIFO', 'not a regular file']
  ])('a config linked to %s is one line and exit 2, at once', async (target, why) => {
    const config = join(repo.dir, '.github/django-security.yml')
    rmSync(config, { force: true })
    rmSync(join(repo.dir, 'fifo'), { force: true })
    if (target === 'FIFO') {
      execFileSync('mkfifo', [join(repo.dir, 'fifo')])
      symlinkSync('../fifo', config)
    } else symlinkSync(target, config)
    const r = await cli(['scan', repo.dir], repo.dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`django-security-review: ${config}: cannot read the configuration file: ${why}${why.startsWith('not') ? ' (a directory, device, FIFO or socket)' : ''}\n`)
    rmSync(config)
  }, 20000)

  it('a file name that is not UTF-8 is scanned like any other', async () => {
    writeFileSync(Buffer.from(`${repo.dir}/tokens-\xff.env`, 'latin1'), `GITHUB_TOKEN=${TOKEN}\n`)
    const r = await cli(['scan', repo.dir, '--format', 'json'], repo.dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(expect.arrayContaining(['mysite/settings.py', 'tokens-\ufffd.env']))
  })
})

describe('--verbose', () => {
  let repo: Repo
  beforeAll(async () => {
    repo = await makeRepo()
    await repo.commit({
      'mysite/settings.py': 'DEBUG = False\nSECRET_KEY = "x"\n',
      'mysite/views.py': 'from django.conf import settings\n\ndef index(request):\n    return settings.DEBUG\n',
      'README.md': 'A site.\n'
    })
  })
  afterAll(() => repo.cleanup())

  it('says on stderr how many files were read and how many Python files were parsed (not the views that only mention a setting)', async () => {
    const r = await cli(['scan', repo.dir, '--format', 'json', '--fail-on', 'never', '--verbose'], repo.dir)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^django-security-review: 3 files read, \d+ Python files parsed\n$/)
    const parsed = Number(/(\d+) Python files parsed/.exec(r.stderr)?.[1])
    expect(parsed).toBeGreaterThanOrEqual(1)
    expect(parsed).toBeLessThan(2)
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'scan' })
  })
})
