// The CLI without process side effects: parses arguments, runs the review, renders, returns the exit code.
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH, UsageError, defaultConfig, loadConfig, type Config, type FailOn } from './config/config.js'
import { parseDjangoVersion } from './deps/django-version.js'
import { SEVERITIES } from './findings.js'
import { failing, summaryLine } from './report/outcome.js'
import { formatJson } from './report/json.js'
import { toSarif } from './report/sarif.js'
import { formatText } from './report/text.js'
import { historyScan } from './history.js'
import { initPython } from './python/parser.js'
import { redactForOutput } from './redact.js'
import { analyzeSide, review, scan, wantedPaths, type ReviewResult } from './review.js'
import { rulesOfChangeSet } from './config/trusted.js'
import { isSecretsCandidate } from './secrets/detect.js'
import { isSettingsRelevant } from './settings/discovery.js'
import { gitChangeSet, gitRevisionFiles } from './sources/git.js'
import { treeFiles } from './sources/tree.js'
import { TOOL_NAME, TOOL_VERSION } from './version.js'

export const USAGE = `Usage:
  ${TOOL_NAME} scan [PATH] [--rev REV]              review the state of one tree (the files git lists, or --rev from git objects)
  ${TOOL_NAME} scan --repo PATH [--rev REV]         review a commit of a repository (bare clones too; default HEAD)
  ${TOOL_NAME} diff --base REV [--head REV] [--repo PATH]   review what a change made worse
  ${TOOL_NAME} history [--since REV] [--repo PATH]         secrets ever committed (each once, with its first commit)

Options:
  --format text|json|sarif   output format (default text)
  --output FILE              write the report to FILE instead of stdout
  --fail-on critical|high|medium|low|never   exit 1 when findings reach this severity (default high)
  --config FILE              configuration (default ${DEFAULT_CONFIG_PATH} when present)
  --django-version X.Y       judge settings by this Django version's defaults (default: the project's pins, else the newest)
  --include-tests            scan: also list findings in tests, fixtures, CI, development, templates, docs and vendored files (at low)
  --color / --no-color       force colour on or off (default: on for a terminal)
  --version, --help

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or runtime error.`

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
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        'include-tests': { type: 'boolean' },
        'django-version': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
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
    if (command !== 'scan' && command !== 'diff' && command !== 'history') throw new UsageError(command ? `unknown command "${command}" (expected scan, diff or history)` : 'missing command: scan, diff or history')
    const format = values.format
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`)
    if (command === 'scan' && values.repo && rest.length) throw new UsageError('scan takes either PATH or --repo PATH, not both')
    const root = resolve(io.cwd, command === 'scan' ? (rest[0] ?? values.repo ?? '.') : (values.repo ?? '.'))
    if (command !== 'history' && values.since) throw new UsageError('--since is for the history command')
    if (!existsSync(root)) throw new UsageError(`${root}: no such directory`)
    if (command === 'scan' && rest.length > 1) throw new UsageError('scan takes one PATH')
    if (command !== 'scan' && rest.length) throw new UsageError(`${command} takes no positional arguments; use --repo PATH`)
    if (command === 'diff' && !values.base) throw new UsageError('diff needs --base REV')
    // a diff is reviewed with the configuration of its base, read from git below (unless one is named)
    const trustedFromBase = command === 'diff' && !values.config
    let config = trustedFromBase ? defaultConfig() : readConfig(values.config, root, io.cwd)
    if (values['include-tests']) config.includeTests = true
    const djangoOption = values['django-version'] === undefined ? undefined : parseDjangoVersion(values['django-version'])
    if (values['django-version'] !== undefined && !djangoOption) throw new UsageError(`--django-version must be a Django version such as 4.2 or 3.2.25, not "${values['django-version']}"`)
    if (djangoOption) config.djangoVersion = djangoOption
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'never' && !(SEVERITIES as readonly string[]).includes(values['fail-on'])) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, never`)
    // diff and history analyse settings while reading git objects; a scan loads the parser only when it needs it
    if (command !== 'scan') await initPython()

    let result: ReviewResult
    if (command === 'history') {
      const h = await historyScan(root, values.since, config)
      result = { mode: 'scan', findings: h.findings, notices: h.notices, entries: [], secrets: h.secrets, read: () => undefined }
    } else if (command === 'scan') {
      const { files, notices } = values.rev || values.repo ? await gitRevisionFiles(root, values.rev ?? 'HEAD', selectForScan) : treeFiles(root, selectForScan)
      result = await scan(files, config)
      result.notices.unshift(...notices)
    } else {
      const change = await gitChangeSet({ repo: root, base: values.base as string, head: values.head, alsoRead: trustedFromBase ? [DEFAULT_CONFIG_PATH] : [] }, (base, head) => ({
        base: wantedPaths(analyzeSide(base)),
        head: wantedPaths(analyzeSide(head))
      }))
      const rules = trustedFromBase ? rulesOfChangeSet(change, DEFAULT_CONFIG_PATH) : { config, findings: [] }
      config = { ...rules.config, includeTests: config.includeTests, ...(djangoOption ? { djangoVersion: djangoOption } : {}) }
      result = await review(change, config)
      result.findings.push(...rules.findings)
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
    return failed ? 1 : 0
  } catch (e) {
    if (e instanceof UsageError) io.stderr(`${TOOL_NAME}: ${e.message}\n`)
    else io.stderr(`${TOOL_NAME}: error: ${(e as Error).message?.split('\n')[0] ?? String(e)}\n`)
    return 2
  }
}

function readConfig(explicit: string | undefined, root: string, cwd: string): Config {
  if (explicit) return loadConfig(resolve(cwd, explicit))
  const implicit = join(root, DEFAULT_CONFIG_PATH)
  if (existsSync(implicit)) return loadConfig(implicit, root)
  return defaultConfig()
}
