// `history`: every secret ever added to the repository's history, reported once with the first
// commit that added it and whether HEAD still holds it. One `git log -p` stream, one cat-file process.
// When git cannot read a blob (partial clone, shallow fetch, corrupt object) the log stops: the files
// whose blobs it cannot read are named in the notices and the history is streamed again without them.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { simpleGit, type SimpleGit } from 'simple-git'
import { pathIgnored, severityFor, UsageError, type Config } from './config/config.js'
import type { Finding, Notice } from './findings.js'
import { mask } from './rules/helpers.js'
import { HistoryScanner, LOG_FORMAT, type HistorySecret } from './secrets/history.js'
import { TEST_PATH } from './secrets/detect.js'
import { CatFile } from './sources/cat-file.js'
import { gitError, isBinary, listTree, parseRawDiff } from './sources/git.js'

export interface HistoryResult {
  findings: Finding[]
  /** Fingerprints of the findings whose secret HEAD still holds (a tree scan reports those too). */
  stillInHead: Set<string>
  notices: Notice[]
  commits: number
  /** The secrets found (values, and what tells private keys apart): output masks them wherever they are quoted. */
  secrets: string[]
}


/**
 * Streams `git log -p` of `range` through the scanner (`--text`: a `-diff` attribute cannot hide a
 * file's lines), leaving out `leaveOut` paths; rename detection only when every blob is readable.
 */
async function streamLog(repo: string, range: string, scanner: HistoryScanner, leaveOut: string[] = []): Promise<void> {
  const renames = leaveOut.length ? '--no-renames' : '-M'
  const pathspec = leaveOut.length ? ['.', ...leaveOut.map((p) => `:(exclude,literal)${p}`)] : []
  const args = ['log', '-p', '--reverse', '-U0', renames, '--text', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', `--format=${LOG_FORMAT}`, range, '--', ...pathspec]
  const proc = spawn('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
  const exited = new Promise<number | null>((resolve) => {
    proc.on('close', resolve)
    proc.on('error', () => resolve(null))
  })
  for await (const chunk of proc.stdout as AsyncIterable<Buffer>) scanner.push(chunk)
  scanner.end()
  const code = await exited
  if (code !== 0) throw new UsageError(`git log failed: ${gitError(stderr) || `exit ${code}`}`)
}

/** The paths (with why) whose blobs, in the commits of `range`, git cannot read. */
async function unreadablePaths(git: SimpleGit, repo: string, range: string): Promise<Map<string, string>> {
  const changes = parseRawDiff(await git.raw(['log', '--raw', '-z', '--no-abbrev', '--no-renames', '--format=', range]))
  const pathsOf = new Map<string, Set<string>>()
  for (const c of changes)
    for (const oid of [c.oldOid, c.newOid]) if (!/^0+$/.test(oid)) pathsOf.set(oid, (pathsOf.get(oid) ?? new Set()).add(c.path))
  const out = new Map<string, string>()
  const cat = new CatFile(repo)
  try {
    const oids = [...pathsOf.keys()]
    const blobs = await cat.read(oids, 0)
    blobs.forEach((b, i) => {
      if (b.kind === 'unreadable') for (const p of pathsOf.get(oids[i]) ?? []) out.set(p, b.why)
    })
  } finally {
    cat.close()
  }
  return out
}

export async function historyScan(repo: string, since: string | undefined, config: Config): Promise<HistoryResult> {
  const git = simpleGit(repo)
  try {
    await git.raw(['rev-parse', '--git-dir'])
  } catch {
    throw new UsageError(`${repo}: not a git repository`)
  }
  const head = (await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '')).trim()
  if (!head) throw new UsageError(`${repo}: the repository has no commits`)
  if (since) {
    const ok = (await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`]).catch(() => '')).trim()
    if (!ok) throw new UsageError(`unknown revision "${since}" (not a commit in this repository; is it fetched?)`)
  }
  const shallow = (await git.raw(['rev-parse', '--is-shallow-repository']).catch(() => 'false')).trim() === 'true'
  const range = since ? `${since}..HEAD` : 'HEAD'
  const notices: Notice[] = []
  let scanner = new HistoryScanner()
  try {
    await streamLog(repo, range, scanner)
  } catch (e) {
    const unreadable = await unreadablePaths(git, repo, range)
    if (!unreadable.size) throw e
    for (const [path, why] of unreadable) notices.push({ path, message: `history not scanned for secrets: git cannot read it (${why}: a partial clone, a shallow fetch or a corrupt repository)` })
    scanner = new HistoryScanner()
    await streamLog(repo, range, scanner, [...unreadable.keys()])
  }
  const secrets = scanner.results()
  const inHead = await stillInHead(repo, head, secrets)
  const ignored = pathIgnored(config)
  const findings: Finding[] = []
  const stillInHeadPrints = new Set<string>()
  const override = config.rules['hardcoded-credential']
  for (const s of override === 'off' ? [] : secrets) {
    if (ignored(s.first.path)) continue
    const where = inHead.get(identity(s))
    // where the secret was first committed, never the value: the fingerprint is published (SARIF,
    // comment markers, the baseline file), and a hash of a weak password could be reversed by guessing
    const fingerprint = createHash('sha256').update(`hardcoded-credential\0history\0${s.first.commit}\0${s.first.path}\0${s.first.line}\0${s.hit.kind}\0${s.hit.key ?? ''}\0${s.hit.label}`).digest('hex').slice(0, 32)
    if (where) stillInHeadPrints.add(fingerprint)
    const shown = s.hit.kind === 'private-key' ? 'A private key block' : `${s.hit.label[0].toUpperCase()}${s.hit.label.slice(1)} (${mask(s.hit.value)})`
    const when = `${s.first.commit.slice(0, 12)} (${s.first.date.slice(0, 10)}, ${s.first.author})`
    const low = TEST_PATH.test(s.first.path) || s.hit.testKey
    findings.push({
      ruleId: 'hardcoded-credential',
      severity: severityFor(config, 'hardcoded-credential', low ? 'low' : 'high'),
      path: s.first.path,
      line: s.first.line,
      endLine: s.first.line,
      message: `${shown} was committed in ${when} to ${s.first.path}:${s.first.line}${where ? `, and HEAD still holds it in ${where.join(', ')}` : ', and was removed later, but it stays in the history'}. It must be rotated: deleting it does not revoke it.`,
      fix: { description: 'Rotate (revoke and replace) the credential, then move it to the environment or a secret store; rewriting history does not help once it was pushed.' },
      fingerprint,
      since: { commit: s.first.commit, date: s.first.date },
      affected: [],
      notes: [`Seen ${s.occurrences} time${s.occurrences === 1 ? '' : 's'} in ${[...s.paths].join(', ')}.`]
    })
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)
  if (shallow) notices.push({ message: 'the clone is shallow: commits before its boundary were not scanned (fetch with fetch-depth: 0 for the whole history)' })
  const values = secrets.flatMap((s) => (s.hit.kind === 'private-key' ? (s.hit.distinct ? [s.hit.distinct] : []) : [s.hit.value]))
  return { findings, stillInHead: stillInHeadPrints, notices, commits: scanner.commits, secrets: values }
}

/** What tells a secret apart: its value, or for a private key (whose header all keys share) its body's start. */
function identity(s: HistorySecret): string {
  return s.hit.distinct ?? s.hit.value
}

/** For each secret, the HEAD paths (of those it was added to) that still contain it. */
async function stillInHead(repo: string, head: string, secrets: HistorySecret[]): Promise<Map<string, string[]>> {
  const paths = [...new Set(secrets.flatMap((s) => [...s.paths]))]
  const out = new Map<string, string[]>()
  if (!paths.length) return out
  const oids = new Map((await listTree(simpleGit(repo), head)).map((e) => [e.path, e.oid]))
  const cat = new CatFile(repo)
  try {
    const blobs = await cat.read(paths.map((p) => oids.get(p) ?? ''))
    const text = new Map(paths.map((p, i) => {
      const b = blobs[i]
      return [p, b.kind === 'bytes' && !isBinary(b.bytes) ? b.bytes.toString('utf8') : undefined]
    }))
    for (const s of secrets) {
      const where = [...s.paths].filter((p) => text.get(p)?.includes(identity(s)))
      if (where.length) out.set(identity(s), where)
    }
  } finally {
    cat.close()
  }
  return out
}
