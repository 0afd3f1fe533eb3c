// The committed tables of facts of the real-world evaluation (eval/real/): which repositories at
// which commit, the verdict on each scan finding, and the label of each real commit. Tab-separated,
// one file per repository so that labels of different repositories never touch the same file.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface RepoRow {
  repository: string
  commit: string
  /** What kind of project it is: one-settings, split, cookiecutter, environ, compose, heroku, paas… */
  shapes: string[]
}

export type Verdict = 'true' | 'false'

export interface ScanFact {
  repository: string
  commit: string
  path: string
  line: number
  rule: string
  verdict: Verdict
  reason: string
  /** Where the row is written, for error messages. */
  at: string
}

export type CommitLabel = 'regression' | 'fix' | 'benign'

export interface CommitFact {
  repository: string
  commit: string
  parent: string
  paths: string[]
  label: CommitLabel
  family: string
  reason: string
  at: string
}

/** Rule families of the diff evaluation: recall and false alarms are counted per family. */
export const FAMILIES: Record<string, string[]> = {
  debug: ['debug-enabled'],
  'secret-key': ['secret-key-hardcoded', 'secret-key-weak'],
  hosts: ['allowed-hosts-wildcard', 'allowed-hosts-empty'],
  middleware: ['security-middleware-missing', 'csrf-middleware-missing', 'clickjacking-protection-weakened'],
  cookies: ['session-cookie-insecure', 'session-cookie-httponly-disabled', 'csrf-cookie-insecure', 'cookie-samesite-none'],
  https: ['hsts-weakened', 'ssl-redirect-disabled', 'content-type-nosniff-disabled', 'referrer-policy-weakened', 'cross-origin-opener-policy-weakened'],
  cors: ['cors-allow-all-origins'],
  credentials: ['hardcoded-credential', 'env-file-committed']
}

export function familyOf(rule: string): string | undefined {
  return Object.entries(FAMILIES).find(([, rules]) => rules.includes(rule))?.[0]
}

function rows(file: string, columns: number): { cells: string[]; at: string }[] {
  const out: { cells: string[]; at: string }[] = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return
      const cells = line.split('\t')
      const at = `${file}:${i + 1}`
      if (cells.length !== columns) throw new Error(`${at}: expected ${columns} tab-separated columns, found ${cells.length}`)
      out.push({ cells: cells.map((c) => c.trim()), at })
    })
  return out
}

function tables(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => join(dir, f))
}

export function readRepos(root: string): RepoRow[] {
  return rows(join(root, 'repos.tsv'), 3).map(({ cells: [repository, commit, shapes], at }) => {
    if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${at}: commit must be 40 hex digits`)
    return { repository, commit, shapes: shapes.split(',').map((s) => s.trim()) }
  })
}

export function readScanFacts(root: string): ScanFact[] {
  return tables(join(root, 'scan')).flatMap((file) =>
    rows(file, 7).map(({ cells: [repository, commit, path, line, rule, verdict, reason], at }) => {
      if (verdict !== 'true' && verdict !== 'false') throw new Error(`${at}: verdict must be true or false, not "${verdict}"`)
      if (!/^\d+$/.test(line)) throw new Error(`${at}: line must be a number`)
      if (!reason) throw new Error(`${at}: a verdict needs a reason`)
      return { repository, commit, path, line: Number(line), rule, verdict, reason, at }
    })
  )
}

export function readCommitFacts(root: string): CommitFact[] {
  return tables(join(root, 'commits')).flatMap((file) =>
    rows(file, 7).map(({ cells: [repository, commit, parent, paths, label, family, reason], at }) => {
      if (label !== 'regression' && label !== 'fix' && label !== 'benign') throw new Error(`${at}: label must be regression, fix or benign, not "${label}"`)
      if (!(family in FAMILIES)) throw new Error(`${at}: unknown family "${family}" (one of ${Object.keys(FAMILIES).join(', ')})`)
      if (!/^[0-9a-f]{40}$/.test(commit) || !/^[0-9a-f]{40}$/.test(parent)) throw new Error(`${at}: commit and parent must be 40 hex digits`)
      if (!reason) throw new Error(`${at}: a label needs a reason`)
      return { repository, commit, parent, paths: paths.split(',').map((p) => p.trim()), label, family, reason, at }
    })
  )
}

/** The git directory of a mirror: MIRRORS/owner+name/repo[/.git], MIRRORS/owner+name[.git]. */
export function mirrorOf(mirrors: string, repository: string): string | undefined {
  const name = repository.replace('/', '+')
  const candidates = [join(mirrors, name, 'repo', '.git'), join(mirrors, name, 'repo'), join(mirrors, `${name}.git`), join(mirrors, name, '.git'), join(mirrors, name)]
  return candidates.find((c) => existsSync(join(c, 'HEAD')) && existsSync(join(c, 'objects')))
}
