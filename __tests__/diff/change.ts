// A real change set for the src/diff unit tests: base files committed, then head's changes, in a
// real git repository, read back through the git source; both sides analysed by the real parser.
import { defaultConfig } from '../../src/config/config.js'
import { ChangeIndex } from '../../src/diff/change-index.js'
import { initPython } from '../../src/python/parser.js'
import { runRules } from '../../src/rules/run.js'
import { analyzeSide, wantedPaths, type SideAnalysis } from '../../src/settings/side.js'
import type { ChangeSet } from '../../src/sources/changeset.js'
import { gitChangeSet } from '../../src/sources/git.js'
import { makeRepo, type Files } from '../helpers/project.js'

export interface Analysed {
  change: ChangeSet
  diff: ChangeIndex
  head: SideAnalysis
  base: SideAnalysis
}

export async function analysedChange(base: Files, headChanges: Record<string, string | null>): Promise<Analysed> {
  await initPython()
  const repo = await makeRepo()
  try {
    const baseSha = await repo.commit(base, 'base')
    const headSha = await repo.commit(headChanges, 'head')
    const change = await gitChangeSet({ repo: repo.dir, base: baseSha, head: headSha }, (b, h) => ({ base: wantedPaths(analyzeSide(b)), head: wantedPaths(analyzeSide(h)) }))
    return { change, diff: new ChangeIndex(change), head: analyzeSide(change.head), base: analyzeSide(change.base) }
  } finally {
    repo.cleanup()
  }
}

/** Rule results of one side, default config. */
export function results(side: SideAnalysis, baseOf?: Parameters<typeof runRules>[2]) {
  return runRules(side, defaultConfig(), baseOf)
}
