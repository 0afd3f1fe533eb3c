// The Action: inputs and event → the review engine → SARIF, outputs, job summary, comments, exit code.
// Findings always reach the job summary, the SARIF file and the exit code, whatever the API allows.
import * as core from '@actions/core'
import { context } from '@actions/github'
import { existsSync, writeFileSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { defaultConfig, loadConfig, UsageError, type Config, type FailOn } from '../config/config.js'
import { parseDjangoVersion } from '../deps/django-version.js'
import { rulesOfChangeSet } from '../config/trusted.js'
import type { ChangeSet } from '../sources/changeset.js'
import { SEVERITIES, severityRank, type Finding } from '../findings.js'
import { makeClient, type GitHub } from '../github/client.js'
import { initPython } from '../python/parser.js'
import { jobSummary } from '../report/markdown.js'
import { failing, summaryLine } from '../report/outcome.js'
import { toSarif } from '../report/sarif.js'
import { redactForOutput } from '../redact.js'
import { analyzeSide, review, scan, wantedPaths, type ReviewResult } from '../review.js'
import { isSecretsCandidate } from '../secrets/detect.js'
import { isSettingsRelevant } from '../settings/discovery.js'
import { gitChangeSet } from '../sources/git.js'
import { githubChangeSet, listPullFiles, type PullFiles } from '../sources/github.js'
import { historyScan } from '../history.js'
import { treeFiles } from '../sources/tree.js'
import { planFor, type Plan } from './event.js'
import { ensureCommits, ensureMergeBase, fetchPullRequestObjects } from './fetch.js'
import { publishCheckRun } from './check-run.js'
import { whoAmI } from './identity.js'
import { postPullRequestReview } from './pull-request.js'
import { syncTrackingIssue } from './tracking-issue.js'

export interface Inputs {
  token: string
  failOn: FailOn
  configPath: string
  comment: 'review' | 'summary' | 'off'
  maxInline: number
  sarifFile: string
  scan: 'auto' | 'diff' | 'full'
  trackingIssue: boolean
  includeTests: boolean
  /** The Django version defaults follow, over the config's and the pins'. */
  djangoVersion?: string
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`input ${name} must be one of ${allowed.join(', ')}, not "${value}"`)
  return value as T
}

export function readInputs(): Inputs {
  const max = Number(core.getInput('max-inline-comments') || '30')
  if (!Number.isInteger(max) || max < 0) throw new UsageError(`input max-inline-comments must be a whole number, not "${core.getInput('max-inline-comments')}"`)
  return {
    token: core.getInput('github-token'),
    failOn: oneOf('fail-on', core.getInput('fail-on') || 'high', [...SEVERITIES, 'never'] as const),
    configPath: core.getInput('config') || '.github/django-security.yml',
    comment: oneOf('comment', core.getInput('comment') || 'review', ['review', 'summary', 'off'] as const),
    maxInline: max,
    sarifFile: core.getInput('sarif-file') || 'django-security-review.sarif',
    scan: oneOf('scan', core.getInput('scan') || 'auto', ['auto', 'diff', 'full'] as const),
    trackingIssue: oneOf('tracking-issue', core.getInput('tracking-issue') || 'false', ['true', 'false'] as const) === 'true',
    includeTests: oneOf('include-tests', core.getInput('include-tests') || 'false', ['true', 'false'] as const) === 'true',
    ...djangoVersionInput(core.getInput('django-version'))
  }
}

function djangoVersionInput(value: string): { djangoVersion?: string } {
  if (!value) return {}
  const v = parseDjangoVersion(value)
  if (!v) throw new UsageError(`input django-version must be a Django version such as 4.2 or 3.2.25, not "${value}"`)
  return { djangoVersion: v }
}

/** What the run needs from GitHub: one client (so throttling sees every request) and the pull request's files, listed once. */
interface GitHubAccess {
  octokit: GitHub
  pullFiles: () => Promise<PullFiles>
}

/**
 * The configuration file: read from the workspace for a full scan; for a change, from the change's
 * base commit (the trusted side), the change's own edit of it reported as a finding. A file outside
 * the repository is the workflow's own choice and is read from disk.
 */
interface ConfigSource {
  /** Repository-relative path, when the file is in the repository. */
  inRepo?: string
  file: string
  includeTests: boolean
  djangoVersion?: string
}

function configFromDisk(source: ConfigSource, workspace: string): Config {
  const config = existsSync(source.file) ? loadConfig(source.file, source.inRepo === undefined ? undefined : workspace) : defaultConfig()
  return { ...config, includeTests: source.includeTests || undefined, ...(source.djangoVersion ? { djangoVersion: source.djangoVersion } : {}) }
}

/** Reviews a change with the rules of its trusted side. */
async function reviewChange(change: ChangeSet, source: ConfigSource, workspace: string): Promise<{ result: ReviewResult; config: Config }> {
  const rules = source.inRepo === undefined ? { config: configFromDisk(source, workspace), findings: [] } : rulesOfChangeSet(change, source.inRepo)
  const config: Config = { ...rules.config, includeTests: source.includeTests || undefined, ...(source.djangoVersion ? { djangoVersion: source.djangoVersion } : {}) }
  const result = await review(change, config)
  result.findings.push(...rules.findings)
  return { result, config }
}

async function analyse(plan: Plan, workspace: string, github: GitHubAccess, source: ConfigSource, coverage: string[]): Promise<{ result: ReviewResult; config: Config }> {
  const alsoRead = source.inRepo === undefined ? [] : [source.inRepo]
  if (plan.kind === 'full') {
    const config = configFromDisk(source, workspace)
    const { files, notices } = treeFiles(workspace, (paths) => paths.filter((p) => p.endsWith('.py') || isSettingsRelevant(p) || isSecretsCandidate(p)))
    coverage.push(`Full scan (${plan.reason}).`)
    const result = await scan(files, config)
    result.notices.unshift(...notices)
    // Secrets that were committed and removed stay in history: scan it too when git has it.
    if (!existsSync(resolve(workspace, '.git'))) return { result, config }
    const history = await historyScan(workspace, undefined, config)
    coverage.push(`History: ${history.commits} commit${history.commits === 1 ? '' : 's'} scanned for secrets.`)
    // Secrets HEAD still holds are already reported by the tree scan; add the ones only history has.
    const merged: ReviewResult = {
      ...result,
      findings: [...result.findings, ...history.findings.filter((f) => !history.stillInHead.has(f.fingerprint))],
      notices: [...result.notices, ...history.notices],
      secrets: [...result.secrets, ...history.secrets]
    }
    return { result: merged, config }
  }
  if (plan.kind === 'pull-request' && plan.target) {
    const mergeBase = await ensureMergeBase(workspace, plan, github.octokit, coverage)
    const change = await githubChangeSet({ octokit: github.octokit, repo: context.repo, files: await github.pullFiles(), head: plan.head, mergeBase, workspace, coverage, alsoRead })
    if (change !== 'truncated') return reviewChange(change, source, workspace)
    await fetchPullRequestObjects(workspace, plan, coverage)
    return reviewChange(await fromGit(workspace, plan, mergeBase, alsoRead), source, workspace)
  }
  return reviewChange(await fromGit(workspace, plan, await ensureCommits(workspace, plan, github.octokit, coverage), alsoRead), source, workspace)
}

function fromGit(workspace: string, plan: Exclude<Plan, { kind: 'full' }>, mergeBase: string | undefined, alsoRead: string[]) {
  return gitChangeSet({ repo: workspace, base: plan.base, head: plan.head, mergeBase, alsoRead }, (b, h) => ({ base: wantedPaths(analyzeSide(b)), head: wantedPaths(analyzeSide(h)) }))
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const configFile = resolve(workspace, inputs.configPath)
    const inRepo = relative(workspace, configFile).split(sep).join('/')
    const source: ConfigSource = { file: configFile, inRepo: inRepo.startsWith('../') || isAbsolute(inRepo) ? undefined : inRepo, includeTests: inputs.includeTests, djangoVersion: inputs.djangoVersion }
    const plan = planFor(context.eventName, context.payload as Parameters<typeof planFor>[1], context.sha, inputs.scan)
    await initPython()
    const coverage: string[] = []
    const octokit = makeClient(inputs.token, (m) => core.info(m))
    let listed: Promise<PullFiles> | undefined // only pull-request plans ask for it
    const pullFiles = (): Promise<PullFiles> => (listed ??= listPullFiles(octokit, context.repo, plan.kind === 'pull-request' ? plan.number : 0))
    const { result: analysed, config } = await analyse(plan, workspace, { octokit, pullFiles }, source, coverage).catch((e: unknown) => {
      // Nothing could be read: fail closed, and say so where people look.
      throw new Error(`nothing was reviewed, so the check fails: ${(e as Error).message.split('\n')[0]}`)
    })
    const failOn: FailOn = core.getInput('fail-on') ? inputs.failOn : (config.failOn ?? inputs.failOn)
    // everything below shows the review (SARIF, comments, annotations, issue, summary, log): only its redacted form
    const result = redactForOutput(analysed)
    const failed = failing(result.findings, failOn).length > 0
    const summary = `${summaryLine(result.findings, result.mode)}${failOn === 'never' ? '' : failed ? ` — fails at fail-on ${failOn}` : ` — passes at fail-on ${failOn}`}`

    // 1. SARIF and outputs: no API needed.
    const sarifPath = resolve(workspace, inputs.sarifFile)
    writeFileSync(sarifPath, JSON.stringify(toSarif(result), null, 2))
    const open = result.findings.filter((f) => f.baselineState !== 'absent')
    const introduced = result.mode === 'diff' ? open.filter((f) => f.baselineState === 'new' || f.baselineState === 'updated') : open
    core.setOutput('findings', String(open.length))
    core.setOutput('new-findings', String(introduced.length))
    core.setOutput('highest-severity', highest(open))
    core.setOutput('sarif-file', sarifPath)

    // 2. Comments, when the token may write them.
    if (plan.kind === 'pull-request' && inputs.comment !== 'off') {
      const posted = await postPullRequestReview({ octokit, repo: context.repo, plan, result, inputs, failOn, failed, coverage, identity: await whoAmI(octokit), files: pullFiles })
      if (!posted.ok) {
        coverage.push(posted.why)
        core.warning(`django-security-review: ${posted.why}`)
        annotate(introduced)
      }
    } else annotate(introduced) // no comments asked for (or possible): annotations carry the findings

    // The tracking issue of scheduled (and manual) full scans, when asked for.
    if (inputs.trackingIssue && plan.kind === 'full' && SCHEDULED.has(context.eventName)) {
      const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`
      const tracking = await syncTrackingIssue({ octokit, repo: context.repo, identity: await whoAmI(octokit), findings: open, summary, runUrl })
      coverage.push(tracking.ok ? tracking.note : `${tracking.note[0].toUpperCase()}${tracking.note.slice(1)}.`)
      if (!tracking.ok) core.warning(`django-security-review: ${tracking.note}`)
    }

    // 3. A check run with annotations, for the pull request's or the pushed head, when the token may.
    if (plan.kind !== 'full' && inputs.comment !== 'off' && !(plan.kind === 'pull-request' && plan.fork)) {
      const check = await publishCheckRun(octokit, context.repo, plan.head, introduced, failed, summary)
      if (!check.ok) coverage.push(check.why)
    }

    // 4. The job summary, always.
    await core.summary.addRaw(jobSummary(result.findings, [summary, ...coverage].join('\n\n'), result.suppressed)).write()
    core.info(summary)
    if (failed) core.setFailed(`django-security-review: ${summary}`)
  } catch (e) {
    const message = `django-security-review: ${(e as Error).message.split('\n')[0]}`
    core.setFailed(message)
    await core.summary.addRaw(`## Django security review\n\n**${message}**\n`).write().catch(() => undefined)
  }
}

const SCHEDULED = new Set(['schedule', 'workflow_dispatch'])

function highest(findings: Finding[]): string {
  const top = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0]
  return top ? top.severity : 'none'
}

/** Workflow-command annotations: seen on the run and the PR's files even without write access. */
function annotate(findings: Finding[]): void {
  for (const f of findings) {
    const props = { file: f.path, startLine: f.line, endLine: f.endLine, title: `${f.ruleId} (${f.severity})` }
    if (f.severity === 'critical' || f.severity === 'high') core.error(f.message, props)
    else if (f.severity === 'medium') core.warning(f.message, props)
    else core.notice(f.message, props)
  }
}


