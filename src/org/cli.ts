// The organisation commands of the CLI: org-list (the repositories to scan, as a matrix),
// org-upload-sarif (one repository's SARIF to its code scanning) and org-report (the merged report
// and tracking issues). They talk to the API: token from --token or GITHUB_TOKEN, API from
// GITHUB_API_URL (GitHub Enterprise Server and the tests' loopback server too).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CliIo } from '../cli-run.js'
import { UsageError, type FailOn } from '../config/config.js'
import { SEVERITIES } from '../findings.js'
import { httpStatus, makeClient } from '../github/client.js'
import { TOOL_NAME } from '../version.js'
import { toMatrix, MAX_MATRIX_JOBS, type OrgMatrix } from './matrix.js'
import { readReports } from './reports.js'
import { selectDjangoRepositories } from './select.js'
import { uploadSarif } from './sarif-upload.js'
import { orgSummary } from './summary.js'
import { orgOutcome, syncTrackingIssues } from './report.js'

export const ORG_USAGE = `Usage:
  ${TOOL_NAME} org-list --org NAME [--topic T]... [--name-filter GLOB]... [--include-archived] [--include-forks] [--all] [--chunk-size N] [--output FILE]
      the organisation's Django repositories (manage.py at the root, or Django named in requirements*.txt,
      requirements/*.txt, pyproject.toml, Pipfile, setup.py or setup.cfg) as a matrix for fromJSON, in chunks of
      at most ${MAX_MATRIX_JOBS} (GitHub's matrix limit); --topic keeps repositories with any of the topics, --name-filter
      those whose name matches any glob (with "/": owner/name); --all skips the Django check. Under GitHub
      Actions it also sets the step outputs matrix, chunks and count.
  ${TOOL_NAME} org-upload-sarif --repository OWNER/NAME --sarif FILE --commit SHA --ref REF
      upload a SARIF file to that repository's code scanning (the token needs security_events: write)
  ${TOOL_NAME} org-report --input DIR [--expect MATRIX.json] [--fail-on SEVERITY] [--tracking-issues] [--output FILE]
      merge the per-repository reports under DIR (folders with repository.json and scan.json) into one
      markdown report, also appended to $GITHUB_STEP_SUMMARY; --expect names the repositories org-list
      listed, so a missing report counts as not scanned; --tracking-issues opens, updates or closes one
      issue per scanned repository (issues: write)

The token comes from GITHUB_TOKEN (or --token), the API from GITHUB_API_URL (default https://api.github.com).
Exit status: 0 done; 1 (org-report) findings at or above --fail-on (default high), or a repository
not scanned; 2 usage or API error.`

function token(values: { token?: string }): string {
  const t = values.token ?? process.env.GITHUB_TOKEN ?? ''
  if (!t) throw new UsageError('a token is needed: set GITHUB_TOKEN (or pass --token); see the README for the scopes')
  return t
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`)
  return value
}

/** A line for a failed request: the status and GitHub's message, never the request's headers. */
function apiError(e: unknown, what: string): Error {
  const code = httpStatus(e)
  const hint = code === 401 ? ': the token is not valid' : code === 403 || code === 404 ? ': the token cannot see it (a fine-grained token or GitHub App installed on the organisation, with metadata and contents read)' : ''
  return new UsageError(`${what} failed${code ? ` (${code})` : ''}${hint}: ${(e as Error).message?.split('\n')[0] ?? String(e)}`, { cause: e })
}

export async function runOrgCli(command: string, argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        org: { type: 'string' },
        topic: { type: 'string', multiple: true },
        'name-filter': { type: 'string', multiple: true },
        'include-archived': { type: 'boolean' },
        'include-forks': { type: 'boolean' },
        all: { type: 'boolean' },
        'chunk-size': { type: 'string' },
        repository: { type: 'string' },
        sarif: { type: 'string' },
        commit: { type: 'string' },
        ref: { type: 'string' },
        input: { type: 'string' },
        expect: { type: 'string' },
        'fail-on': { type: 'string' },
        'tracking-issues': { type: 'boolean' },
        output: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
    if (values.help) {
      io.stdout(`${ORG_USAGE}\n`)
      return 0
    }
    const foreign = Object.keys(values).filter((k) => k !== 'token' && !ORG_FLAGS[command].includes(k))
    if (foreign.length) throw new UsageError(`${command} takes no --${foreign[0]} (${command} --help)`)
    const log = (m: string): void => io.stderr(`${TOOL_NAME}: ${m}\n`)
    if (command === 'org-list') return await orgList(values, io, log)
    if (command === 'org-upload-sarif') return await orgUpload(values, io, log)
    return await orgReport(values, io, log)
  } catch (e) {
    if (e instanceof UsageError) io.stderr(e.message.split('\n').map((line) => `${TOOL_NAME}: ${line}\n`).join(''))
    else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) io.stderr(`${TOOL_NAME}: ${e.message.split('\n')[0]}\n${ORG_USAGE}\n`)
    else io.stderr(`${TOOL_NAME}: error: ${(e as Error).message?.split('\n')[0] ?? String(e)}\n`)
    return 2
  }
}

/** The flags each organisation command takes (--token and --help: all of them). */
export const ORG_FLAGS: Record<string, string[]> = {
  'org-list': ['org', 'topic', 'name-filter', 'include-archived', 'include-forks', 'all', 'chunk-size', 'output'],
  'org-upload-sarif': ['repository', 'sarif', 'commit', 'ref'],
  'org-report': ['input', 'expect', 'fail-on', 'tracking-issues', 'output']
}

type Values = Record<string, string | string[] | boolean | undefined> & { token?: string }

async function orgList(values: Values, io: CliIo, log: (m: string) => void): Promise<number> {
  const org = required(values.org as string | undefined, '--org')
  const chunkSize = values['chunk-size'] === undefined ? MAX_MATRIX_JOBS : Number(values['chunk-size'])
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_MATRIX_JOBS) throw new UsageError(`--chunk-size must be a whole number from 1 to ${MAX_MATRIX_JOBS}, not "${String(values['chunk-size'])}"`)
  const octokit = makeClient(token(values), log)
  const filter = { topics: (values.topic as string[] | undefined) ?? [], nameFilters: (values['name-filter'] as string[] | undefined) ?? [], includeArchived: Boolean(values['include-archived']), includeForks: Boolean(values['include-forks']) }
  const selection = await selectDjangoRepositories(octokit, org, filter, !values.all).catch((e: unknown) => {
    throw apiError(e, `listing the repositories of ${org}`)
  })
  let matrix: OrgMatrix
  try {
    matrix = toMatrix(org, selection.django, chunkSize)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const json = JSON.stringify(matrix)
  if (values.output) writeFileSync(resolve(io.cwd, values.output as string), json + '\n')
  else io.stdout(json + '\n')
  // under GitHub Actions: the step outputs the workflow's matrix jobs read (one line each: JSON has no newline)
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `matrix=${json}\nchunks=${JSON.stringify(matrix.chunkIndexes)}\ncount=${matrix.count}\n`)
  const s = selection.skipped
  const left = [s.archived && `${s.archived} archived`, s.fork && `${s.fork} fork${s.fork === 1 ? '' : 's'}`, s.topic && `${s.topic} without the topic`, s.name && `${s.name} not matching the name filter`, s['not-django'] && `${s['not-django']} not Django`].filter(Boolean)
  log(`${org}: ${selection.listed} repositor${selection.listed === 1 ? 'y' : 'ies'} listed, ${matrix.count} to scan in ${matrix.chunks.length} chunk${matrix.chunks.length === 1 ? '' : 's'}${left.length ? ` (left out: ${left.join(', ')})` : ''}`)
  return 0
}

async function orgUpload(values: Values, io: CliIo, log: (m: string) => void): Promise<number> {
  const repository = required(values.repository as string | undefined, '--repository')
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository)
  if (!m) throw new UsageError(`--repository must be OWNER/NAME, not "${repository}"`)
  const file = required(values.sarif as string | undefined, '--sarif')
  const commit = required(values.commit as string | undefined, '--commit')
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(commit)) throw new UsageError(`--commit must be a full commit id (40 or 64 hex digits), not "${commit}"`)
  const ref = required(values.ref as string | undefined, '--ref')
  let sarif: string
  try {
    sarif = readFileSync(resolve(io.cwd, file), 'utf8')
    JSON.parse(sarif)
  } catch (e) {
    throw new UsageError(`${file}: not a readable SARIF file (${(e as Error).message.split('\n')[0]})`)
  }
  const id = await uploadSarif(makeClient(token(values), log), { owner: m[1], repo: m[2], commit, ref, sarif })
  io.stdout(`uploaded ${file} to ${repository} code scanning${id ? ` (${id})` : ''}\n`)
  return 0
}

async function orgReport(values: Values, io: CliIo, log: (m: string) => void): Promise<number> {
  const input = resolve(io.cwd, required(values.input as string | undefined, '--input'))
  const failOn = (values['fail-on'] ?? 'high') as FailOn
  if (failOn !== 'never' && !(SEVERITIES as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, never`)
  let expected: string[] = []
  let organisation: string | undefined
  if (values.expect) {
    try {
      const matrix = JSON.parse(readFileSync(resolve(io.cwd, values.expect as string), 'utf8')) as OrgMatrix
      expected = matrix.chunks.flatMap((c) => c.include.map((e) => e.repository))
      organisation = typeof matrix.organisation === 'string' ? matrix.organisation : undefined
    } catch (e) {
      throw new UsageError(`${String(values.expect)}: not an org-list matrix (${(e as Error).message.split('\n')[0]})`)
    }
  }
  let reports
  try {
    reports = readReports(input, expected)
  } catch (e) {
    throw new UsageError(`${input}: cannot read the reports (${(e as Error).message.split('\n')[0]})`)
  }
  const outcome = orgOutcome(reports, failOn)
  const notes = [outcome.line]
  if (values['tracking-issues']) {
    const server = process.env.GITHUB_SERVER_URL || 'https://github.com'
    const runUrl = process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : server
    notes.push(...(await syncTrackingIssues(makeClient(token(values), log), reports, runUrl)))
  }
  const title = `Django security review — ${organisation ? `organisation ${organisation}` : 'organisation'}${reports.length ? '' : ' (no repositories)'}`
  const markdown = orgSummary({ title, reports, serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com', notes })
  if (values.output) writeFileSync(resolve(io.cwd, values.output as string), markdown)
  else io.stdout(markdown)
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown)
  log(outcome.line)
  return outcome.failed ? 1 : 0
}
