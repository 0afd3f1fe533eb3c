// Builds a throw-away git repository from examples/shop (base commit, then the pull request's
// changes) and reviews it with the bundled CLI, exactly as a user would run it.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const example = join(root, 'examples/shop')
const repo = mkdtempSync(join(tmpdir(), 'django-shop-'))
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
try {
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'dev@shop.example.com')
  git('config', 'user.name', 'Shop Developer')
  git('config', 'commit.gpgsign', 'false')
  cpSync(join(example, 'base'), repo, { recursive: true })
  git('add', '-A')
  git('commit', '-q', '-m', 'Shop on main')
  git('tag', 'base')
  cpSync(join(example, 'change'), repo, { recursive: true })
  git('add', '-A')
  git('commit', '-q', '-m', 'Webhooks, env-driven settings')
  git('tag', 'head')
  const args = [join(root, 'dist/cli.js'), 'diff', '--repo', repo, '--base', 'base', '--head', 'head', ...process.argv.slice(2)]
  console.log(`$ node dist/cli.js diff --repo ${repo} --base base --head head ${process.argv.slice(2).join(' ')}\n`)
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' })
  console.log(`\n(exit code ${run.status}: ${run.status === 1 ? 'as a required check, this pull request would be blocked' : run.status === 0 ? 'the check passes' : 'error'})`)
  process.exitCode = run.status === 2 ? 2 : 0
} finally {
  rmSync(repo, { recursive: true, force: true })
}
