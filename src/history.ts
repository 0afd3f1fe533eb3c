// `history`: every secret ever added to the repository's history, reported once with the first
// commit that added it and whether HEAD still holds it. One `git log -p` stream, one cat-file process.
import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { createHash } from 'node:crypto'
import { simpleGit } from 'simple-git'
import { pathMatcher, severityFor, UsageError, type Config } from './config/config.js'
import type { Finding, Notice } from './findings.js'
import { makeRedactor, redactFinding, type Redactor } from './redact.js'
import { mask } from './rules/helpers.js'
import { HistoryScanner, LOG_FORMAT, type HistorySecret } from './secrets/history.js'
import { TEST_PATH } from './secrets/detect.js'
import { CatFile, isBinary } from './sources/git.js'

export interface HistoryResult {
  findings: Finding[]
  /** Fingerprints of the findings whose secret HEAD still holds (a tree scan reports those too). */
  stillInHead: Set<string>
  notices: Notice[]
  commits: number
  redact: Redactor
}


/** The lines of git's output, split on \n only: git numbers lines that way, and a lone \r (old Mac files) is content. */
async function* gitLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8')
  let rest = ''
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n')
    rest = parts.pop() as string
    for (const p of parts) yield p.endsWith('\r') ? p.slice(0, -1) : p
  }
  if (rest) yield rest
}

/** Streams `git log -p` of `since..HEAD` (or all of HEAD's history) through the scanner. */
async function streamLog(repo: string, since: string | undefined, scanner: HistoryScanner): Promise<void> {
  const args = ['log', '-p', '--reverse', '-U0', '-M', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${LOG_FORMAT}`, since ? `${since}..HEAD` : 'HEAD', '--']
  const proc = spawn('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  for await (const line of gitLines(proc.stdout)) scanner.line(line)
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve))
  if (code !== 0) throw new UsageError(`git log failed: ${stderr.trim().split('\n')[0] || `exit ${code}`}`)
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
  const scanner = new HistoryScanner()
  await streamLog(repo, since, scanner)
  const secrets = scanner.results()
  const inHead = await stillInHead(repo, head, secrets)
  const ignored = pathMatcher(config.ignorePaths)
  const findings: Finding[] = []
  const stillInHeadPrints = new Set<string>()
  const override = config.rules['hardcoded-credential']
  for (const s of override === 'off' ? [] : secrets) {
    if (ignored(s.first.path)) continue
    const where = inHead.get(identity(s))
    const fingerprint = createHash('sha256').update(`hardcoded-credential\0history\0${identity(s)}`).digest('hex').slice(0, 32)
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
      affected: [],
      notes: [`Seen ${s.occurrences} time${s.occurrences === 1 ? '' : 's'} in ${[...s.paths].join(', ')}.`]
    })
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)
  const notices: Notice[] = []
  if (shallow) notices.push({ message: 'the clone is shallow: commits before its boundary were not scanned (fetch with fetch-depth: 0 for the whole history)' })
  const redact = makeRedactor(secrets.flatMap((s) => (s.hit.distinct ? [s.hit.value, s.hit.distinct] : [s.hit.value])))
  return { findings: findings.map((f) => redactFinding(f, redact)), stillInHead: stillInHeadPrints, notices, commits: scanner.commits, redact }
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
  const cat = new CatFile(repo)
  try {
    const blobs = await cat.read(paths.map((p) => `${head}:${p}`))
    const text = new Map(paths.map((p, i) => [p, blobs[i] && !isBinary(blobs[i]) ? blobs[i].toString('utf8') : undefined]))
    for (const s of secrets) {
      const where = [...s.paths].filter((p) => text.get(p)?.includes(identity(s)))
      if (where.length) out.set(identity(s), where)
    }
  } finally {
    cat.close()
  }
  return out
}
