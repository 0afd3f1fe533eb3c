// npm run bench -- --trees DIR...: the scan of real trees against rg, history against git log -p
// alone, and the CLI's start-up against node's. Each DIR is a git repository (a bare mirror too);
// its HEAD is exported to a temporary directory (blobs a snapshot omits are skipped). Timings are
// whole processes run in alternating pairs (ours, then theirs, the order swapped every pair), and a
// ratio is the median of the pairs' ratios: other work on the machine slows both sides of a pair alike.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { exportTree } from './export-tree.js'

/** The detector's patterns in rg's (Rust regex) syntax, ASCII only. */
export const RG_PATTERNS = [
  '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}',
  'gh[pousr]_[A-Za-z0-9]{36,255}',
  'github_pat_[A-Za-z0-9_]{60,255}',
  '[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}',
  'xox[bpares]-[A-Za-z0-9-]{10,250}',
  'hooks\\.slack\\.com/',
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  'AIza[0-9A-Za-z_-]{35}',
  'PRIVATE KEY-----',
  'eyJ[A-Za-z0-9_-]{10,}\\.eyJ',
  'django-insecure-',
  '://[^\\s/:@]{0,128}:[^\\s/@]{1,256}@',
  '(?i)(password|passwd|pwd|secret|token|api_?key|access_key|signing_key|private_key)\\w*["\']?\\s*[:=]'
]

let CLI = join(process.cwd(), 'dist/cli.js')

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

interface Run {
  /** wall milliseconds */
  wall: number
  /** user + system CPU milliseconds, and peak resident MiB (from GNU time, when installed) */
  cpu?: number
  rss?: number
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** One whole process; exit 1 (rg: no match; the CLI: findings) is fine. */
function run(cmd: string, args: string[]): Run {
  const t0 = performance.now()
  const r = GNU_TIME ? spawnSync(GNU_TIME, ['-f', '%U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }) : spawnSync(cmd, args, { stdio: 'ignore' })
  const wall = performance.now() - t0
  if (r.error) throw r.error
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}: exit ${r.status}`)
  const m = GNU_TIME ? /(\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(String(r.stderr ?? '')) : null
  return m ? { wall, cpu: (Number(m[1]) + Number(m[2])) * 1000, rss: Number(m[3]) / 1024 } : { wall }
}

interface Pairs {
  ours: number
  theirs: number
  /** median of the pairs' wall ratios */
  ratio: number
  /** median of the pairs' CPU-time ratios (less moved by other work on the machine) */
  cpuRatio?: number
  /** our highest peak RSS over the runs, MiB */
  rss?: number
}

/** `n` alternating runs of two commands (the order swapped every pair): medians. */
function pairs(n: number, ours: () => Run, theirs: () => Run): Pairs {
  const a: Run[] = []
  const b: Run[] = []
  for (let i = 0; i < n; i++) {
    if (i % 2) {
      b.push(theirs())
      a.push(ours())
    } else {
      a.push(ours())
      b.push(theirs())
    }
  }
  const cpu = a.every((x) => x.cpu !== undefined) && b.every((x) => x.cpu) ? median(a.map((x, i) => (x.cpu as number) / (b[i].cpu as number))) : undefined
  const rss = a.every((x) => x.rss !== undefined) ? Math.max(...a.map((x) => x.rss as number)) : undefined
  return { ours: median(a.map((x) => x.wall)), theirs: median(b.map((x) => x.wall)), ratio: median(a.map((x, i) => x.wall / b[i].wall)), cpuRatio: cpu, rss }
}

/** Peak resident memory (MiB) of one run; undefined without GNU time. */
const peakRss = (args: string[]): number | undefined => run(process.execPath, args).rss

/** A checksum of the findings (rule, path, line; sorted), and the files the scan parsed (--verbose). */
function findingsOf(dir: string): { checksum: string; findings: number; parsed: number; read: number } {
  const out = join(tmpdir(), `dsr-bench-${process.pid}.json`)
  const run = (verbose: boolean) => spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'never', ...(verbose ? ['--verbose'] : []), '--output', out], { encoding: 'utf8' })
  let r = run(true)
  // a build from before --verbose (comparing with an older dist/): no count of files parsed
  if (r.status === 2 && r.stderr.includes("'--verbose'")) r = run(false)
  if (r.status !== 0) throw new Error(`scan ${dir}: exit ${r.status}: ${r.stderr}`)
  const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: { ruleId: string; path: string; line: number }[] }
  rmSync(out, { force: true })
  const keys = report.findings.map((f) => JSON.stringify([f.ruleId, f.path, f.line])).sort()
  const m = /(\d+) files read, (\d+) Python files parsed/.exec(r.stderr)
  return { checksum: createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 12), findings: keys.length, read: Number(m?.[1]), parsed: Number(m?.[2]) }
}

function rgPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

const pad = (s: string | number, n: number): string => String(s).padStart(n)

function benchScans(repos: string[], runs: number, rg: string | undefined, work: string): void {
  const patterns = join(work, 'patterns.txt')
  writeFileSync(patterns, RG_PATTERNS.join('\n') + '\n')
  console.log(`full scan of HEAD of each tree (${runs} alternating pairs, medians; rg -j 2 with ${RG_PATTERNS.length} equivalent ASCII patterns)`)
  console.log(rg ? `rg: ${execFileSync(rg, ['--version'], { encoding: 'utf8' }).split('\n')[0]}` : 'rg: not installed (apt-get install ripgrep): no ratios')
  console.log(`${'tree'.padEnd(28)} ${pad('files', 6)} ${pad('MB', 6)} ${pad('ours ms', 8)} ${pad('rg ms', 7)} ${pad('ratio', 6)} ${pad('cpu', 6)} ${pad('RSS MiB', 8)} ${pad('parsed', 7)} ${pad('findings', 8)}  checksum`)
  for (const repo of repos) {
    const name = basename(repo) === 'repo' ? basename(dirname(repo)) : basename(repo).replace(/\.git$/, '')
    const dir = join(work, name)
    const exported = exportTree(repo, dir)
    const scanArgs = [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'never', '--output', join(work, 'out.json')]
    const f = findingsOf(dir)
    const ours = () => run(process.execPath, scanArgs)
    const t: Pairs = rg ? pairs(runs, ours, () => run(rg, ['-j', '2', '--hidden', '--no-require-git', '-n', '--no-heading', '-f', patterns, dir])) : { ours: median(Array.from({ length: runs }, () => ours().wall)), theirs: NaN, ratio: NaN }
    const rss = t.rss ?? peakRss(scanArgs)
    const mb = exported.bytes / 1e6
    console.log(
      `${name.padEnd(28)} ${pad(exported.files, 6)} ${pad(mb.toFixed(1), 6)} ${pad(t.ours.toFixed(0), 8)} ${pad(rg ? t.theirs.toFixed(0) : '-', 7)} ${pad(rg ? `${t.ratio.toFixed(1)}x` : '-', 6)} ${pad(t.cpuRatio ? `${t.cpuRatio.toFixed(1)}x` : '-', 6)} ${pad(rss?.toFixed(0) ?? '-', 8)} ${pad(Number.isNaN(f.parsed) ? '-' : f.parsed, 7)} ${pad(f.findings, 8)}  ${f.checksum}${exported.missing ? `  (${exported.missing} blobs missing)` : ''}`
    )
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The paths whose blobs some commit of HEAD's history names but the repository does not hold (history leaves them out too). */
function unreadablePaths(repo: string): string[] {
  const raw = execFileSync('git', ['-C', repo, 'log', '--raw', '--no-abbrev', '--no-renames', '--format=', 'HEAD'], { encoding: 'utf8', maxBuffer: 2 ** 31 })
  const pathsOf = new Map<string, Set<string>>()
  for (const line of raw.split('\n')) {
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) \w+\t(.*)$/.exec(line)
    if (!m) continue
    for (const oid of [m[1], m[2]]) if (!/^0+$/.test(oid)) pathsOf.set(oid, (pathsOf.get(oid) ?? new Set()).add(m[3]))
  }
  const oids = [...pathsOf.keys()]
  const answer = execFileSync('git', ['-C', repo, 'cat-file', '--batch-check'], { input: oids.join('\n') + '\n', encoding: 'utf8', maxBuffer: 2 ** 31 }).split('\n')
  const out = new Set<string>()
  oids.forEach((oid, i) => {
    if (answer[i]?.endsWith(' missing')) for (const p of pathsOf.get(oid) ?? []) out.add(p)
  })
  return [...out]
}

function benchHistory(repo: string, runs: number): void {
  const commits = execFileSync('git', ['-C', repo, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim()
  const leaveOut = unreadablePaths(repo)
  // the log history reads: the same options, and the same paths left out when blobs are missing
  const logArgs = ['-C', repo, 'log', '-p', '--reverse', '-U0', leaveOut.length ? '--no-renames' : '-M', '--text', '--no-color', '--no-ext-diff', '--no-textconv', 'HEAD', '--', ...(leaveOut.length ? ['.', ...leaveOut.map((p) => `:(exclude,literal)${p}`)] : [])]
  const out = join(tmpdir(), `dsr-bench-history-${process.pid}.json`)
  const args = [CLI, 'history', '--repo', repo, '--format', 'json', '--fail-on', 'never', '--output', out]
  const t = pairs(runs, () => run(process.execPath, args), () => run('git', logArgs))
  rmSync(out, { force: true })
  console.log(`history of ${repo} (${commits} commits${leaveOut.length ? `, ${leaveOut.length} paths with missing blobs left out on both sides` : ''}; ${runs} alternating pairs, medians):`)
  console.log(`  history ${t.ours.toFixed(0)} ms, git log -p alone ${t.theirs.toFixed(0)} ms: ${t.ratio.toFixed(2)}x wall, ${t.cpuRatio?.toFixed(2) ?? '-'}x CPU (peak RSS ${t.rss?.toFixed(0) ?? '-'} MiB)`)
}

function benchStartup(runs: number): void {
  const node = () => run(process.execPath, ['-e', '0'])
  const version = pairs(runs, () => run(process.execPath, [CLI, '--version']), node)
  // --help loads the whole engine and does nothing: what any command pays before reading a file
  const help = pairs(runs, () => run(process.execPath, [CLI, '--help']), node)
  console.log(`start-up (${runs} alternating pairs, medians), against node -e 0 (${version.theirs.toFixed(0)} ms):`)
  console.log(`  node dist/cli.js --version ${version.ours.toFixed(0)} ms: ${version.ratio.toFixed(2)}x; --help (the engine loaded) ${help.ours.toFixed(0)} ms: ${help.ratio.toFixed(2)}x`)
}

/** The benchmark on real trees; `history`: the repository whose history is timed (default: the one with the most commits). */
export function benchRealTrees(repos: string[], options: { runs?: number; history?: string; cli?: string } = {}): void {
  const runs = options.runs ?? 5
  if (options.cli) CLI = options.cli
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build')
  const work = mkdtempSync(join(tmpdir(), 'dsr-bench-trees-'))
  try {
    console.log(`node ${process.version}, ${CLI}`)
    benchStartup(Math.max(runs, 10))
    benchScans(repos, runs, rgPath(), work)
    const commits = (r: string): number => Number(execFileSync('git', ['-C', r, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }))
    const longest = options.history ?? [...repos].sort((a, b) => commits(b) - commits(a))[0]
    if (longest && options.history !== '') benchHistory(longest, Math.min(runs, 3))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
