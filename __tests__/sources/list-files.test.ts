// Which files a scan of a directory reads: what git lists (tracked, and new files not ignored), or
// outside git a walk that honours .gitignore files.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { listFiles } from '../../src/sources/list-files.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const write = (root: string, files: Record<string, string>): void => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
}

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup) c()
  cleanup = []
})

describe('listFiles', () => {
  it('in a git work tree: committed env/, build/ and venv/ folders are read; ignored build output is not; new files are', async () => {
    const repo: Repo = await makeRepo()
    cleanup.push(() => repo.cleanup())
    await repo.commit({
      '.gitignore': 'out/\n*.log\n',
      'docker/prod/env/.django': 'DJANGO_SECRET_KEY=x\n',
      'build/deploy.sh': 'echo\n',
      'venv/README': 'kept on purpose\n',
      'shop/settings.py': 'DEBUG = False\n'
    })
    write(repo.dir, { 'out/bundle.py': 'PASSWORD = "x"\n', 'debug.log': 'x\n', 'shop/new_module.py': 'X = 1\n' })
    const listing = listFiles(repo.dir)
    expect(listing.how).toBe('git')
    expect(listing.paths).toEqual(['.gitignore', 'build/deploy.sh', 'docker/prod/env/.django', 'shop/new_module.py', 'shop/settings.py', 'venv/README'])
  })

  it('from a subdirectory of a work tree, paths are relative to it', async () => {
    const repo: Repo = await makeRepo()
    cleanup.push(() => repo.cleanup())
    await repo.commit({ 'app/shop/settings.py': 'DEBUG = False\n', 'other/x.py': 'X = 1\n' })
    expect(listFiles(join(repo.dir, 'app')).paths).toEqual(['shop/settings.py'])
  })

  it('outside git: honours nested .gitignore files, skips virtualenvs and caches', () => {
    const root = mkdtempSync(join(tmpdir(), 'dsr-list-'))
    cleanup.push(() => rmSync(root, { recursive: true, force: true }))
    write(root, {
      '.gitignore': '/dist/\n',
      'dist/bundle.js': 'x',
      'shop/.gitignore': 'secret_local.py\n',
      'shop/secret_local.py': 'X = 1\n',
      'shop/settings.py': 'DEBUG = False\n',
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/site.py': 'x',
      'node_modules/pkg/index.js': 'x',
      'env/prod/.env': 'A=1\n'
    })
    const listing = listFiles(root)
    expect(listing.how).toBe('walk')
    expect(listing.paths).toEqual(['.gitignore', 'env/prod/.env', 'shop/.gitignore', 'shop/settings.py'])
  })
})
