// The published package, as npx and pre-commit get it: `npm pack` of this repository (its committed
// dist/), installed offline into an empty directory, its bin run; and the pre-commit hook's command
// run by git itself as a real pre-commit hook.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseShell } from 'shell-quote'
import { parse } from 'yaml'
import { TOOL_VERSION } from '../../src/version.js'
import { root } from '../helpers/cli.js'

let work: string
let bin: string
let packed: string[]
const env = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache }

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dsr-pack-'))
  mkdirSync(join(work, 'out'))
  const pack = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(work, 'out')], { cwd: root, encoding: 'utf8', env: { ...process.env } })) as { filename: string; files: { path: string }[] }[]
  packed = pack[0].files.map((f) => f.path).sort()
  const install = join(work, 'install')
  mkdirSync(install)
  writeFileSync(join(install, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n')
  // offline: the package must need nothing but itself (dist/cli.js bundles every dependency)
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, 'out', readdirSync(join(work, 'out'))[0])], { cwd: install, stdio: 'pipe', env: { ...process.env } })
  bin = join(install, 'node_modules', '.bin', 'django-security-review')
}, 120000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Hook {
  id: string
  entry: string
  language: string
  pass_filenames: boolean
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`setup failed: ${what}`)
}

const run = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8', env })

describe('the packed package', () => {
  it('holds the bundle, its WebAssembly, the schema and action.yml, and nothing of the sources or tests', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'action.yml', 'dist/cli.js', 'dist/cli-run.js', 'dist/tree-sitter-python.wasm', 'dist/web-tree-sitter.wasm', 'schema/django-security.schema.json']))
    expect(packed.filter((p) => /^(src|__tests__|__fixtures__|scripts|eval|examples)\//.test(p))).toEqual([])
  })

  it('installs offline into an empty directory and its bin runs there', () => {
    expect(run(['--version'], work)).toMatchObject({ status: 0, stdout: `${TOOL_VERSION}\n` })
    const project = join(work, 'project')
    mkdirSync(join(project, 'mysite'), { recursive: true })
    writeFileSync(join(project, 'mysite', 'settings.py'), 'DEBUG = True\nALLOWED_HOSTS = ["*"]\n')
    const r = run(['scan', '.', '--no-color'], project)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('debug-enabled')
  })
})

describe('the pre-commit hook', () => {
  const SETTINGS = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["shop.example.com"]\nDEBUG = False\n'
  let repo: string
  let hook: Hook | undefined
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' } })

  beforeAll(() => {
    repo = join(work, 'hooked')
    mkdirSync(join(repo, 'config', 'settings'), { recursive: true })
    must(git('init', '-q', '-b', 'main').status === 0, 'git init')
    writeFileSync(join(repo, 'config', 'wsgi.py'), 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n')
    writeFileSync(join(repo, 'config', 'settings', 'production.py'), SETTINGS)
    git('add', '-A')
    must(git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'start').status === 0, 'first commit')
    // the hook as pre-commit runs it: the entry of .pre-commit-hooks.yaml, its bin on PATH, no file names (pass_filenames: false)
    hook = (parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]).find((h) => h.id === 'django-security-review')
    const [command, ...args] = parseShell(hook?.entry ?? '') as string[]
    must(command === 'django-security-review', `the hook's entry runs the package's bin, not ${command}`)
    const script = join(repo, '.git', 'hooks', 'pre-commit')
    writeFileSync(script, `#!/bin/sh\nPATH=${JSON.stringify(join(work, 'install', 'node_modules', '.bin'))}:"$PATH"\nexec ${command} ${args.join(' ')}\n`)
    chmodSync(script, 0o755)
  })

  it('is a node hook that reviews the staged change as a whole', () => {
    expect(hook).toMatchObject({ language: 'node', pass_filenames: false, entry: 'django-security-review diff --staged' })
  })

  it('rejects a commit that sets DEBUG = True in production settings', () => {
    writeFileSync(join(repo, 'config', 'settings', 'production.py'), SETTINGS.replace('DEBUG = False', 'DEBUG = True'))
    git('add', '-A')
    const r = git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'debug on')
    expect(r.status).not.toBe(0)
    expect(r.stdout + r.stderr).toMatch(/config\/settings\/production\.py:4 +CRITICAL +debug-enabled .*\[new\]/)
    expect(r.stdout + r.stderr).toContain('fails at --fail-on high')
    expect(git('rev-list', '--count', 'HEAD').stdout.trim()).toBe('1')
  })

  it('accepts it with a reasoned suppression on the line', () => {
    writeFileSync(join(repo, 'config', 'settings', 'production.py'), SETTINGS.replace('DEBUG = False', 'DEBUG = True  # django-security: ignore[debug-enabled] -- kiosk demo build, never deployed'))
    git('add', '-A')
    const r = git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'debug on, on purpose')
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('suppressed by this change: config/settings/production.py:4 debug-enabled (critical) -- kiosk demo build, never deployed')
    expect(r.stderr).toContain('passes at --fail-on high')
    expect(git('rev-list', '--count', 'HEAD').stdout.trim()).toBe('2')
  })
})
