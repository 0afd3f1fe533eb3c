// The CLI without process side effects: parses arguments, runs the review, renders, returns the exit code.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH, UsageError, defaultConfig, loadConfig, parseConfig, type Config, type FailOn } from './config/config.js'
import { applyBaseline } from './baseline/apply.js'
import { DEFAULT_BASELINE_PATH, formatBaseline, MAX_BASELINE_BYTES, parseBaseline, type Baseline, type BaselineEntry } from './baseline/file.js'
import { SEVERITIES, type Finding } from './findings.js'
import { parseDjangoVersion } from './deps/django-version.js'
import { failing, summaryLine } from './report/outcome.js'
import { formatJson } from './report/json.js'
import { toSarif } from './report/sarif.js'
import { formatText } from './report/text.js'
import { historyScan } from './history.js'
import { initPython, pythonParsed } from './python/parser.js'
import { redactForOutput } from './redact.js'
import { analyzeSide, review, scan, wantedPaths, type ReviewResult } from './review.js'
import { rulesOfChangeSet } from './config/trusted.js'
import { isSecretsCandidate } from './secrets/detect.js'
import { isSettingsRelevant } from './settings/discovery.js'
import { gitChangeSet, gitRevisionFiles } from './sources/git.js'
import type { ChangeSet, MapFileSet } from './sources/changeset.js'
import type { FileSet } from './settings/modules.js'
import { readFileSafely } from './sources/read-file.js'
import { treeFiles } from './sources/tree.js'
import { dateFindings } from './sources/blame.js'
import { TOOL_NAME, TOOL_VERSION } from './version.js'

export const USAGE = `Usage:
  ${TOOL_NAME} scan [PATH] [--rev REV]              review the state of one tree (the files git lists, or --rev from git objects)
  ${TOOL_NAME} scan --repo PATH [--rev REV]         review a commit of a repository (bare clones too; default HEAD)
  ${TOOL_NAME} scan [PATH] --history                 also the secrets only the history holds, as the Action's scheduled scan does
  ${TOOL_NAME} diff --base REV [--head REV] [--repo PATH]   review what a change made worse
  ${TOOL_NAME} diff --staged [--repo PATH] [FILE...]       review what is staged for commit (the index against HEAD; pre-commit)
  ${TOOL_NAME} history [--since REV] [--repo PATH]         secrets ever committed (each once, with its first commit)
  ${TOOL_NAME} baseline [PATH] [--rev REV] [--output FILE]  record the current findings, and secrets the history still holds (default ${DEFAULT_BASELINE_PATH}): reviews then list only what is not in it
  ${TOOL_NAME} org-list | org-upload-sarif | org-report     organisation-wide scans on GitHub Actions (${TOOL_NAME} org-list --help)

Options:
  --format text|json|sarif   output format (default text)
  --output FILE              write the report to FILE instead of stdout
  --sarif-output FILE        also write the report as SARIF to FILE (one run for a JSON or text report and code scanning)
  --fail-on critical|high|medium|low|never   exit 1 when findings reach this severity (default high)
  --config FILE              configuration (default ${DEFAULT_CONFIG_PATH} when present)
  --django-version X.Y       judge settings by this Django version's defaults (default: the project's pins, else the newest)
  --baseline FILE            scan, diff, history: list only findings not recorded in this baseline (default: the configuration's baseline:)
  --history                  scan: also the history, for secrets committed and removed since (needs the whole history: not a shallow clone)
  --include-tests            scan: also list findings in tests, fixtures, CI, development, templates, docs and vendored files (at low)
  --color / --no-color       force colour on or off (default: on for a terminal)
  --verbose                  also say on stderr how many files were read and how many Python files parsed
  --version, --help

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or runtime error.`

const ORG_COMMANDS = new Set(['org-list', 'org-upload-sarif', 'org-report'])

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  isTTY: boolean
  cwd: string
}

/** Every text file that can hold settings or a secret (binary and lock files are not read). */
export function selectForScan(paths: string[]): string[] {
  return paths.filter((p) => p.endsWith('.py') || isSettingsRelevant(p) || isSecretsCandidate(p))
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // the organisation commands talk to the API, not to a tree: their own arguments and module
  if (argv[0] !== undefined && ORG_COMMANDS.has(argv[0])) return (await import('./org/cli.js')).runOrgCli(argv[0], argv.slice(1), io)
  const parsedBefore = pythonParsed()
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rev: { type: 'string' },
        since: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        repo: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'sarif-output': { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        baseline: { type: 'string' },
        staged: { type: 'boolean' },
        history: { type: 'boolean' },
        'include-tests': { type: 'boolean' },
        'django-version': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' }
      }
    })
  } catch (e) {
    io.stderr(`${TOOL_NAME}: ${(e as Error).message.split('\n')[0]}\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(`${USAGE}\n`)
    return 0
  }
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`)
    return 0
  }
  try {
    const [command, ...rest] = positionals
    if (command !== 'scan' && command !== 'diff' && command !== 'history' && command !== 'baseline') throw new UsageError(command ? `unknown command "${command}" (expected scan, diff, history or baseline)` : 'missing command: scan, diff, history or baseline')
    // baseline scans the tree like scan, and writes what it finds
    const scanning = command === 'scan' || command === 'baseline'
    const format = values.format
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`)
    if (scanning && values.repo && rest.length) throw new UsageError(`${command} takes either PATH or --repo PATH, not both`)
    const root = resolve(io.cwd, scanning ? (rest[0] ?? values.repo ?? '.') : (values.repo ?? '.'))
    if (command !== 'history' && values.since) throw new UsageError('--since is for the history command')
    if (!existsSync(root)) throw new UsageError(`${root}: no such directory`)
    if (scanning && rest.length > 1) throw new UsageError(`${command} takes one PATH`)
    if (!scanning && rest.length && !values.staged) throw new UsageError(`${command} takes no positional arguments; use --repo PATH`)
    if (values.staged && command !== 'diff') throw new UsageError('--staged is for diff')
    if (values.history && command !== 'scan') throw new UsageError('--history is for scan (the history command lists only the history)')
    if (values.history && values.rev) throw new UsageError('scan --history reviews HEAD and its history: it takes no --rev')
    if (values.history && !values.repo && !existsSync(join(root, '.git'))) throw new UsageError(`scan --history needs a git repository: ${root} is not one`)
    if (values.staged && (values.base || values.head)) throw new UsageError('diff --staged reviews the index against HEAD: it takes no --base or --head')
    if (values.baseline !== undefined && command === 'baseline') throw new UsageError('--baseline is for scan, diff and history (baseline writes one: --output FILE)')
    if (command === 'diff' && !values.base && !values.staged) throw new UsageError('diff needs --base REV (or --staged)')
    // a diff is reviewed with the configuration of its base, read from git below (unless one is named)
    // (not for --staged: a commit on one's own machine is reviewed with the configuration it stages)
    const trustedFromBase = command === 'diff' && !values.config && !values.staged
    const fromIndex = command === 'diff' && !values.config && Boolean(values.staged)
    let config = trustedFromBase ? defaultConfig() : readConfig(values.config, root, io.cwd)
    if (values['include-tests']) config.includeTests = true
    const djangoOption = values['django-version'] === undefined ? undefined : parseDjangoVersion(values['django-version'])
    if (values['django-version'] !== undefined && !djangoOption) throw new UsageError(`--django-version must be a Django version such as 4.2 or 3.2.25, not "${values['django-version']}"`)
    if (djangoOption) config.djangoVersion = djangoOption
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'never' && !(SEVERITIES as readonly string[]).includes(values['fail-on'])) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, never`)
    // diff analyses settings while reading git objects; a scan loads the parser only when it needs it, history never
    if (command === 'diff') await initPython()

    let result: ReviewResult
    /** For --verbose: the text files a scan read. */
    let filesRead: number | undefined
    if (command === 'history') {
      const h = await historyScan(root, values.since, config)
      result = { mode: 'scan', findings: h.findings, notices: h.notices, entries: [], secrets: h.secrets, read: () => undefined }
      const baseline = values.baseline !== undefined ? explicitBaseline(values.baseline, io.cwd) : config.baseline !== undefined ? await treeBaseline(config.baseline, root, 'HEAD') : undefined
      // a history scan sees only secrets, and with --since only some: what it does not see is not fixed
      if (baseline) withBaseline(result, only(baseline, (e) => e.history === true), 'diff')
    } else if (scanning) {
      const { files, notices } = values.rev || values.repo ? await gitRevisionFiles(root, values.rev ?? 'HEAD', selectForScan) : treeFiles(root, selectForScan)
      const fileSet: FileSet = files
      filesRead = fileSet.secrets?.size ?? [...fileSet.paths].filter((p) => fileSet.read(p) !== undefined).length
      result = await scan(files, config)
      result.notices.unshift(...notices)
      /** With --history: the history's secrets HEAD still holds (the tree scan reports those). */
      let stillInHead: Set<string> | undefined
      if (values.history) {
        const h = await historyScan(root, undefined, config)
        stillInHead = h.stillInHead
        result = { ...result, findings: [...result.findings, ...h.findings.filter((f) => !h.stillInHead.has(f.fingerprint))], notices: [...result.notices, ...h.notices], secrets: [...result.secrets, ...h.secrets] }
        // how long each finding has been there: the history says for its secrets, git blame for the rest
        await dateFindings(root, result.findings)
      }
      if (command === 'baseline') {
        // a git repository's history too, as the Action's scheduled scan sees it: secrets committed and removed
        const history = !values.rev && (values.repo || existsSync(join(root, '.git'))) ? (await historyScan(root, undefined, config)).findings : []
        return writeBaseline(result.findings, history, values.output ? resolve(io.cwd, values.output) : join(root, DEFAULT_BASELINE_PATH), io)
      }
      const baseline = values.baseline !== undefined ? explicitBaseline(values.baseline, io.cwd) : config.baseline !== undefined ? await treeBaseline(config.baseline, root, values.rev || values.repo ? (values.rev ?? 'HEAD') : undefined) : undefined
      // secrets only the history holds are for the history scan to match (and to call fixed)
      if (baseline) withBaseline(result, only(baseline, (e) => (stillInHead ? !(e.history === true && stillInHead.has(e.fingerprint)) : e.history !== true)))
    } else {
      // the baseline a diff is reviewed with is the base side's, like its configuration: a change cannot baseline its own findings
      // with --staged, both come from the index (the side being committed)
      const trusted = (change: ChangeSet): FileSet => (values.staged ? change.head : change.base)
      const baselineOf = (side: MapFileSet): string | undefined => (trustedFromBase || fromIndex ? configBaselinePath(side.read(DEFAULT_CONFIG_PATH)) : config.baseline)
      const wantBaseline = (side: MapFileSet): string[] => {
        const b = values.baseline === undefined ? baselineOf(side) : undefined
        return b !== undefined && side.paths.has(b) && side.read(b) === undefined ? [b] : []
      }
      const change = await gitChangeSet({ repo: root, base: values.base ?? 'HEAD', head: values.head, staged: values.staged, alsoRead: trustedFromBase || fromIndex ? [DEFAULT_CONFIG_PATH] : [] }, (base, head) => ({
        base: [...wantedPaths(analyzeSide(base)), ...(values.staged ? [] : wantBaseline(base))],
        head: [...wantedPaths(analyzeSide(head)), ...(values.staged ? wantBaseline(head) : [])]
      }))
      const indexConfig = change.head.read(DEFAULT_CONFIG_PATH)
      const rules = trustedFromBase ? rulesOfChangeSet(change, DEFAULT_CONFIG_PATH) : { config: fromIndex && indexConfig !== undefined ? parseConfig(indexConfig, DEFAULT_CONFIG_PATH) : config, findings: [] }
      config = { ...rules.config, includeTests: config.includeTests || rules.config.includeTests, ...(djangoOption ? { djangoVersion: djangoOption } : {}) }
      result = await review(change, config)
      result.findings.push(...rules.findings)
      if (values.baseline !== undefined) withBaseline(result, explicitBaseline(values.baseline, io.cwd))
      else if (config.baseline !== undefined) {
        const text = trusted(change).read(config.baseline)
        if (text === undefined) result.notices.push({ path: config.baseline, message: values.staged ? 'the baseline the configuration names is not staged' : 'the baseline the configuration names is not in the base commit: it applies once merged' })
        else withBaseline(result, { baseline: parseBaseline(text, config.baseline), file: config.baseline })
      }
      // pre-commit may pass the staged files it selected: list only findings in those
      if (values.staged && rest.length) {
        const named = new Set(rest.map((p) => p.replace(/^\.\//, '')))
        result.findings = result.findings.filter((f) => named.has(f.path))
      }
    }
    // everything below shows the review: only its redacted form
    const out = redactForOutput(result)
    const failOn = (values['fail-on'] ?? config.failOn ?? 'high') as FailOn
    const failed = failing(out.findings, failOn).length > 0
    const summary = `${summaryLine(out.findings, out.mode)}${failOn === 'never' ? '' : failed ? ` — fails at --fail-on ${failOn}` : ` — passes at --fail-on ${failOn}`}`
    const color = values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && !process.env.NO_COLOR))
    const report =
      format === 'json'
        ? formatJson(out.mode, out.findings, out.notices, summary, failed, out.suppressed)
        : format === 'sarif'
          ? JSON.stringify(toSarif(out), null, 2) + '\n'
          : formatText(out, summary, { color })
    if (values.output) writeFileSync(resolve(io.cwd, values.output), report)
    else io.stdout(report)
    if (values['sarif-output']) writeFileSync(resolve(io.cwd, values['sarif-output']), JSON.stringify(toSarif(out), null, 2) + '\n')
    if (values.verbose) io.stderr(`${TOOL_NAME}: ${filesRead === undefined ? '' : `${filesRead} files read, `}${pythonParsed() - parsedBefore} Python files parsed\n`)
    return failed ? 1 : 0
  } catch (e) {
    // a configuration with several problems says each on its own line
    if (e instanceof UsageError) io.stderr(e.message.split('\n').map((line) => `${TOOL_NAME}: ${line}\n`).join(''))
    else io.stderr(`${TOOL_NAME}: error: ${(e as Error).message?.split('\n')[0] ?? String(e)}\n`)
    return 2
  }
}

/** The baseline path a configuration file's text names, if it loads and names one. */
function configBaselinePath(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  try {
    return parseConfig(text, DEFAULT_CONFIG_PATH).baseline
  } catch {
    return undefined // a broken trusted configuration is reported by rulesOfChangeSet
  }
}

/** The baseline with only some of its entries. */
function only(loaded: LoadedBaseline, keep: (e: BaselineEntry) => boolean): LoadedBaseline {
  return { ...loaded, baseline: { entries: loaded.baseline.entries.filter(keep) } }
}

interface LoadedBaseline {
  baseline: Baseline
  /** How the file is named in notices. */
  file: string
}

/** `--baseline FILE`: the user's own file, from disk. */
function explicitBaseline(name: string, cwd: string): LoadedBaseline {
  const read = readFileSafely(resolve(cwd, name), undefined, MAX_BASELINE_BYTES)
  if (read.kind === 'large') throw new UsageError(`${name}: the baseline is over the ${MAX_BASELINE_BYTES}-byte limit`)
  if (read.kind === 'refused') throw new UsageError(`${name}: cannot read the baseline: ${read.why}`)
  return { baseline: parseBaseline(read.bytes.toString('utf8'), name), file: name }
}

/** The configuration's `baseline:`, relative to the scanned tree, or read from the revision's git objects. */
async function treeBaseline(rel: string, root: string, rev: string | undefined): Promise<LoadedBaseline> {
  if (rev !== undefined) {
    const { files } = await gitRevisionFiles(root, rev, (paths) => paths.filter((p) => p === rel))
    const text = files.read(rel)
    if (text === undefined) throw new UsageError(`${rel}: the baseline the configuration names is not in ${rev}`)
    return { baseline: parseBaseline(text, rel), file: rel }
  }
  const read = readFileSafely(join(root, rel), root, MAX_BASELINE_BYTES)
  if (read.kind === 'large') throw new UsageError(`${rel}: the baseline is over the ${MAX_BASELINE_BYTES}-byte limit`)
  if (read.kind === 'refused') throw new UsageError(`${rel}: cannot read the baseline the configuration names: ${read.why}`)
  return { baseline: parseBaseline(read.bytes.toString('utf8'), rel), file: rel }
}

function withBaseline(result: ReviewResult, loaded: LoadedBaseline, mode: 'scan' | 'diff' = result.mode): void {
  const outcome = applyBaseline(result.findings, loaded.baseline, loaded.file, mode)
  result.findings = outcome.findings
  result.notices.push(...outcome.notices)
}

/** `baseline`: writes the scan's findings (rule, path, severity, fingerprint: no message, no code, no secret). */
function writeBaseline(findings: Finding[], history: Finding[], file: string, io: CliIo): number {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, formatBaseline(findings, history))
  const shown = relative(io.cwd, file) || file
  const n = findings.length + history.length
  io.stdout(`wrote ${n} finding${n === 1 ? '' : 's'}${history.length ? ` (${history.length} from the history)` : ''} to ${shown.startsWith('..') ? file : shown}; name it in the configuration (baseline: ${DEFAULT_BASELINE_PATH}) or pass --baseline\n`)
  return 0
}

function readConfig(explicit: string | undefined, root: string, cwd: string): Config {
  if (explicit) return loadConfig(resolve(cwd, explicit))
  const implicit = join(root, DEFAULT_CONFIG_PATH)
  if (existsSync(implicit)) return loadConfig(implicit, root)
  return defaultConfig()
}
