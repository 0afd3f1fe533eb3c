// npm run bench: times the analysis of a generated 1,000-file change (read from git objects) and a
// 5,000-module working tree, the secret scan against rg, and how time and peak memory grow with each
// exhaustion shape at 1x, 2x, 4x and 8x (`npm run bench -- --growth` for that part alone).
// `npm run bench -- --trees DIR... [--runs N] [--history DIR|''] [--cli dist/cli.js]`: real trees instead (scripts/bench/real-trees.ts).
// Benchmarks measure; tests never time anything.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultConfig } from '../src/config/config.js'
import { initPython } from '../src/python/parser.js'
import { analyzeSide, review, scan, wantedPaths } from '../src/review.js'
import { MapFileSet } from '../src/sources/changeset.js'
import { isSettingsRelevant } from '../src/settings/discovery.js'
import { gitChangeSet } from '../src/sources/git.js'
import { treeFiles } from '../src/sources/tree.js'
import { benchRealTrees, RG_PATTERNS } from './bench/real-trees.js'

const RUNS = 5

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

function settings(project: string, debug: string): Record<string, string> {
  return {
    [`${project}/wsgi.py`]: `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${project}.settings.production")\n`,
    [`${project}/settings/__init__.py`]: '',
    [`${project}/settings/base.py`]: `import os\nimport environ\nenv = environ.Env(DEBUG=(bool, ${debug}))\nDEBUG = env("DEBUG")\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["example.com"])\nINSTALLED_APPS = [\n${Array.from({ length: 30 }, (_, i) => `    "app${i}",\n`).join('')}    "django.contrib.sessions",\n]\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n`,
    [`${project}/settings/production.py`]: 'from .base import *\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n',
    [`${project}/settings/local.py`]: 'from .base import *\nDEBUG = True\n'
  }
}

function appModule(i: number, extra: string): string {
  return `from django.db import models\nfrom django.http import JsonResponse\n\n\nclass Item${i}(models.Model):\n    name = models.CharField(max_length=100)\n    price = models.DecimalField(max_digits=8, decimal_places=2)\n\n\ndef view_${i}(request):\n    items = Item${i}.objects.filter(name__icontains=request.GET.get("q", ""))\n    return JsonResponse({"items": [i.name for i in items]})\n${extra}`
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** Runs read-then-analyse RUNS times; the milliseconds of each phase per run, and the findings of the last. */
async function phases<T>(read: () => T | Promise<T>, analyse: (input: T) => Promise<{ findings: unknown[] }>): Promise<{ read: number[]; analyse: number[]; findings: number }> {
  const out = { read: [] as number[], analyse: [] as number[], findings: 0 }
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now()
    const input = await read()
    const t1 = performance.now()
    out.findings = (await analyse(input)).findings.length
    out.read.push(t1 - t0)
    out.analyse.push(performance.now() - t1)
  }
  return out
}

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })

async function benchChange(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-change-'))
  try {
    git(dir, 'init', '-q', '-b', 'main')
    git(dir, 'config', 'user.email', 'bench@example.com')
    git(dir, 'config', 'user.name', 'Bench')
    const base: Record<string, string> = { ...settings('shop', 'False') }
    for (let i = 0; i < 995; i++) base[`apps/app${i % 30}/module_${i}.py`] = appModule(i, '')
    write(dir, base)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'base')
    // The change: every one of the 1,000 files edited, DEBUG's env default flipped in base.py.
    const head: Record<string, string> = { ...settings('shop', 'True') }
    for (const path of Object.keys(head)) head[path] += '\nLOGGING_LEVEL = "INFO"\n'
    for (let i = 0; i < 995; i++) head[`apps/app${i % 30}/module_${i}.py`] = appModule(i, `\n\ndef extra_${i}(request):\n    return JsonResponse({})\n`)
    write(dir, head)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
    const changed = git(dir, 'diff', '--name-only', 'HEAD~1', 'HEAD').trim().split('\n').length
    await initPython()
    // fresh commits are loose objects (a local diff, pre-commit); a CI checkout fetches packs: both are timed
    for (const objects of ['loose', 'packed']) {
      if (objects === 'packed') git(dir, 'gc', '-q')
      const { read, analyse, findings } = await phases(
        () => gitChangeSet({ repo: dir, base: 'HEAD~1', head: 'HEAD' }, (b, h) => ({ base: wantedPaths(analyzeSide(b)), head: wantedPaths(analyzeSide(h)) })),
        (change) => review(change, defaultConfig())
      )
      console.log(`change of ${changed} files (read from ${objects} git objects, ${RUNS} runs, median):`)
      console.log(`  read both sides (git ls-tree, diff, one cat-file --batch): ${median(read).toFixed(0)} ms`)
      console.log(`  analysis (both settings models, all rules, diff states):   ${median(analyse).toFixed(0)} ms`)
      console.log(`  total:                                                       ${(median(read) + median(analyse)).toFixed(0)} ms  (${findings} findings)`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchTree(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-tree-'))
  try {
    const files: Record<string, string> = {}
    for (let p = 0; p < 10; p++) Object.assign(files, settings(`project${p}`, p % 3 === 0 ? 'True' : 'False'))
    let modules = Object.keys(files).length
    for (let i = 0; modules < 5000; i++, modules++) files[`apps/pkg${i % 100}/mod_${i}.py`] = appModule(i, '')
    write(dir, files)
    await initPython()
    const { read, analyse, findings } = await phases(
      () => treeFiles(dir, (paths) => paths.filter((p) => p.endsWith('.py') || isSettingsRelevant(p))).files,
      (tree) => scan(tree, defaultConfig())
    )
    console.log(`tree of ${modules} Python modules (working tree scan, ${RUNS} runs, median):`)
    console.log(`  read files:  ${median(read).toFixed(0)} ms`)
    console.log(`  analysis:    ${median(analyse).toFixed(0)} ms`)
    console.log(`  total:       ${(median(read) + median(analyse)).toFixed(0)} ms  (${findings} findings)`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function randomText(seed: number, length: number): string {
  let x = seed
  let out = ''
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648
    out += alphabet[x % alphabet.length]
  }
  return out
}

function timeCommand(cmd: string, args: string[]): number {
  const t0 = performance.now()
  try {
    execFileSync(cmd, args, { stdio: 'ignore', maxBuffer: 1 << 28 })
  } catch (e) {
    // rg exits 1 when nothing matches, the CLI exits 1 when it finds something: both are fine here
    if ((e as { status?: number }).status !== 1) throw e
  }
  return performance.now() - t0
}

function benchSecrets(): void {
  let rg: string
  try {
    rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim()
  } catch {
    console.log('secret scan vs rg: skipped (rg is not installed; apt-get install ripgrep)')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-secrets-'))
  try {
    const files: Record<string, string> = {}
    const kinds = ['py', 'js', 'yaml', 'json', 'md', 'env', 'txt', 'html']
    for (let i = 0; i < 4000; i++) {
      const ext = kinds[i % kinds.length]
      const body = Array.from({ length: 120 }, (_, l) => `line_${l} = "${randomText(i * 1000 + l, 60)}"  # ${ext} ${l}`).join('\n')
      const planted = i % 97 === 0 ? `\nDB_PASSWORD = "Pw-${randomText(i, 14)}!"\nTOKEN = "ghp_${randomText(i + 7, 36)}"\n` : ''
      files[`src/pkg${i % 50}/file_${i}.${ext === 'env' ? 'env' : ext}`] = body + planted
    }
    files['static/app.min.js'] = `!function(){${Array.from({ length: 20000 }, (_, i) => `var a${i}="${randomText(i, 40)}";`).join('')}}();`
    write(dir, files)
    const bytes = Object.values(files).reduce((n, t) => n + t.length, 0)
    const cli = join(process.cwd(), 'dist/cli.js')
    const ours: number[] = []
    const theirs: number[] = []
    for (let run = 0; run < 3; run++) {
      ours.push(timeCommand(process.execPath, [cli, 'scan', dir, '--format', 'json', '--fail-on', 'never', '--output', join(tmpdir(), 'dsr-bench.json')]))
      theirs.push(timeCommand(rg, ['-n', '--no-heading', '--hidden', ...RG_PATTERNS.flatMap((p) => ['-e', p]), dir]))
    }
    const a = median(ours)
    const b = median(theirs)
    console.log(`full-tree secret scan, ${Object.keys(files).length} files, ${(bytes / 1048576).toFixed(1)} MiB (3 runs, median, whole processes):`)
    console.log(`  django-security-review scan (all rules, secrets included): ${a.toFixed(0)} ms`)
    console.log(`  rg with the equivalent patterns:                             ${b.toFixed(0)} ms`)
    console.log(`  ratio: ${(a / b).toFixed(2)}x rg`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const token = (i: number): string => `ghp_${`${i.toString(36)}Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2x`.slice(0, 36)}`
const WSGI = { 'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n' }

/** The exhaustion shapes of issue 10, each a project of size n (the 1x size is the first of SIZES). */
const SHAPES: Record<string, { unit: string; base: number; files: (n: number) => Record<string, string> }> = {
  'long line of tokens': { unit: 'tokens on one line', base: 10_000, files: (n) => ({ 'mysite/settings.py': `DEBUG = True\nX = [${Array.from({ length: n }, (_, i) => i).join(', ')}]\n` }) },
  'many references': { unit: 'references', base: 6_250, files: (n) => ({ 'mysite/settings.py': `A0 = False\n${Array.from({ length: n }, (_, i) => `A${i + 1} = A${i}`).join('\n')}\nDEBUG = not A${n}\n` }) },
  'deep expression': { unit: 'terms in one expression', base: 375, files: (n) => ({ 'mysite/settings.py': `DEBUG = True\nSECURE_HSTS_SECONDS = ${Array.from({ length: n }, () => '1').join(' + ')}\n` }) },
  'long star-import chain': {
    unit: 'modules in the chain',
    base: 125,
    files: (n) => {
      const files: Record<string, string> = { ...WSGI, 'config/__init__.py': '', 'config/settings/__init__.py': '', 'config/settings/production.py': 'from .m0 import *\n' }
      for (let i = 0; i < n; i++) files[`config/settings/m${i}.py`] = i + 1 < n ? `from .m${i + 1} import *\nX${i} = ${i}\n` : 'DEBUG = True\n'
      return files
    }
  },
  'many secrets in one file': { unit: 'secrets', base: 1_000, files: (n) => ({ 'deploy/.env.production': Array.from({ length: n }, (_, i) => `SERVICE_${i}_TOKEN=${token(i)}`).join('\n') }) },
  'many findings on one line': { unit: 'findings on one line', base: 500, files: (n) => ({ 'config/tokens.json': `{${Array.from({ length: n }, (_, i) => `"t${i}": "${token(i)}"`).join(', ')}}` }) }
}
const SIZES = [1, 2, 4, 8]

/** In a fresh process (so its peak memory is its own): scans one shape at one size. */
async function growthRun(shape: string, n: number): Promise<void> {
  await initPython()
  const files = new MapFileSet(new Map(Object.entries(SHAPES[shape].files(n))))
  const rssBefore = process.memoryUsage().rss
  const t0 = performance.now()
  let result: { findings: number } | { error: string }
  try {
    result = { findings: (await scan(files, defaultConfig())).findings.length }
  } catch (e) {
    result = { error: (e as Error).message.split('\n')[0] }
  }
  const ms = performance.now() - t0
  console.log(JSON.stringify({ ms, peakMiB: (process.resourceUsage().maxRSS * 1024 - rssBefore) / 1048576, ...result }))
}

function benchGrowth(): void {
  console.log('growth: scan time and peak memory (above the process at rest) for 1x, 2x, 4x, 8x of each exhaustion shape;')
  console.log('a ratio is the next size\'s figure over this one\'s: linear work doubles (2.0), quadratic quadruples (4.0)')
  for (const [shape, { unit, base }] of Object.entries(SHAPES)) {
    const rows: { n: number; ms: number; peakMiB: number; note: string }[] = []
    for (const k of SIZES) {
      const n = base * k
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--growth-run', shape, '--n', String(n)], { encoding: 'utf8', timeout: 300_000 })
      const line = child.stdout.trim().split('\n').pop() ?? ''
      if (child.error || !line.startsWith('{')) {
        rows.push({ n, ms: NaN, peakMiB: NaN, note: child.error ? 'over 300 s' : `exit ${child.status}: ${child.stderr.trim().split('\n').pop() ?? ''}` })
        break
      }
      const r = JSON.parse(line) as { ms: number; peakMiB: number; findings?: number; error?: string }
      rows.push({ n, ms: r.ms, peakMiB: r.peakMiB, note: r.error ? `error: ${r.error}` : `${r.findings} findings` })
    }
    console.log(`  ${shape} (${unit}):`)
    rows.forEach((r, i) => {
      const prev = rows[i - 1]
      const ratio = prev ? `  x${(r.ms / prev.ms).toFixed(1)} time, x${(r.peakMiB / Math.max(prev.peakMiB, 1)).toFixed(1)} memory` : ''
      console.log(`    ${String(r.n).padStart(7)}: ${r.ms.toFixed(0).padStart(7)} ms ${r.peakMiB.toFixed(0).padStart(5)} MiB  ${r.note}${ratio}`)
    })
  }
}

const parsed = parseArgs({ allowPositionals: true, options: { growth: { type: 'boolean' }, 'growth-run': { type: 'string' }, n: { type: 'string' }, trees: { type: 'boolean' }, runs: { type: 'string' }, history: { type: 'string' }, cli: { type: 'string' } } })
const args = parsed.values
if (args['growth-run']) await growthRun(args['growth-run'], Number(args.n))
else if (args.trees) {
  if (!parsed.positionals.length) throw new Error('--trees needs one or more git repositories (bare mirrors too)')
  benchRealTrees(parsed.positionals, { runs: args.runs ? Number(args.runs) : undefined, history: args.history, cli: args.cli })
} else {
  console.log(`node ${process.version}`)
  if (!args.growth) {
    await benchChange()
    await benchTree()
    benchSecrets()
    console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
  }
  benchGrowth()
}
