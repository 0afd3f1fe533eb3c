// Test helpers: run the real engine on in-memory files, or on real git repositories built with simple-git.
// They return what every reporter gets: the review after the output boundary (secrets masked).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { simpleGit, type SimpleGit } from 'simple-git'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { initPython } from '../../src/python/parser.js'
import { redactForOutput, type Output } from '../../src/redact.js'
import { analyzeSide, review, scan, wantedPaths } from '../../src/review.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import { gitChangeSet } from '../../src/sources/git.js'

export type Files = Record<string, string>

/** Scans in-memory files (path → content) like `scan` does a tree. */
export async function scanFiles(files: Files, config: Config = defaultConfig()): Promise<Output> {
  await initPython()
  return redactForOutput(await scan(new MapFileSet(new Map(Object.entries(files))), config))
}

export interface Repo {
  dir: string
  git: SimpleGit
  /** Writes files (null deletes), commits, returns the commit id. */
  commit(files: Record<string, string | null>, message?: string): Promise<string>
  cleanup(): void
}

export async function makeRepo(): Promise<Repo> {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-repo-'))
  const git = simpleGit(dir)
  await git.init(['-q', '-b', 'main'])
  await git.addConfig('user.email', 'test@example.com')
  await git.addConfig('user.name', 'Test')
  await git.addConfig('commit.gpgsign', 'false')
  return {
    dir,
    git,
    async commit(files, message = 'change') {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path)
        if (content === null) rmSync(full, { force: true })
        else {
          mkdirSync(dirname(full), { recursive: true })
          writeFileSync(full, content)
        }
      }
      await git.add(['-A'])
      await git.commit(message, ['--allow-empty'])
      return (await git.revparse(['HEAD'])).trim()
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** Reviews base → head in a real git repository: base files are committed first, then head's changes. */
export async function diffFiles(base: Files, headChanges: Record<string, string | null>, config: Config = defaultConfig()): Promise<Output> {
  await initPython()
  const repo = await makeRepo()
  try {
    const baseSha = await repo.commit(base, 'base')
    const headSha = await repo.commit(headChanges, 'head')
    return await reviewRepo(repo.dir, baseSha, headSha, config)
  } finally {
    repo.cleanup()
  }
}

export async function reviewRepo(dir: string, base: string, head: string, config: Config = defaultConfig()): Promise<Output> {
  await initPython()
  const change = await gitChangeSet({ repo: dir, base, head }, (b, h) => ({ base: wantedPaths(analyzeSide(b)), head: wantedPaths(analyzeSide(h)) }))
  return redactForOutput(await review(change, config))
}

/** A compact view of findings for assertions: `rule@path:line[state]`. */
export function brief(result: Output): string[] {
  return result.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}${f.baselineState ? `[${f.baselineState}]` : ''}`)
}
