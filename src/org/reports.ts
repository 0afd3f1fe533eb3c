// The per-repository results an org-wide scan's jobs leave as artifacts, read back for the report.
// Each repository's artifact is a folder holding `repository.json` (who, which commit, whether the
// clone and the scan succeeded) and, when scanned, `scan.json` (the CLI's `scan --format json`).
// A repository the list expected and no artifact names was not scanned either: the job never finished.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SEVERITIES, type Finding } from '../findings.js'
import { TOOL_NAME } from '../version.js'

export const REPOSITORY_FILE = 'repository.json'
export const SCAN_FILE = 'scan.json'

/** What the scan job writes to repository.json (see .github/workflows/org-scan-chunk.yml). */
export interface RepositoryStatus {
  repository: string
  status: 'scanned' | 'clone-failed' | 'scan-failed'
  commit?: string
  message?: string
}

export type RepositoryReport =
  | { repository: string; scanned: true; commit?: string; findings: Finding[]; summary: string; failed: boolean }
  | { repository: string; scanned: false; why: string }

const MAX_DEPTH = 4
const MAX_REPORT_BYTES = 64 * 1024 * 1024

function folders(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return []
  const entries = readdirSync(dir, { withFileTypes: true })
  const here = entries.some((e) => e.isFile() && e.name === REPOSITORY_FILE) ? [dir] : []
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => folders(join(dir, e.name), depth + 1))]
}

function readJson(file: string): unknown {
  if (statSync(file).size > MAX_REPORT_BYTES) throw new Error(`over ${MAX_REPORT_BYTES} bytes`)
  return JSON.parse(readFileSync(file, 'utf8')) as unknown
}

function isFinding(f: unknown): f is Finding {
  if (typeof f !== 'object' || f === null) return false
  const x = f as Record<string, unknown>
  return typeof x.ruleId === 'string' && typeof x.path === 'string' && typeof x.line === 'number' && (SEVERITIES as readonly unknown[]).includes(x.severity)
}

function readOne(folder: string): RepositoryReport | undefined {
  let status: RepositoryStatus
  try {
    status = readJson(join(folder, REPOSITORY_FILE)) as RepositoryStatus
  } catch {
    return undefined
  }
  if (typeof status?.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(status.repository)) return undefined
  const repository = status.repository
  if (status.status === 'clone-failed') return { repository, scanned: false, why: `the clone failed${status.message ? `: ${status.message}` : ''}` }
  if (status.status !== 'scanned') return { repository, scanned: false, why: `the scan failed${status.message ? `: ${status.message}` : ''}` }
  const file = join(folder, SCAN_FILE)
  if (!existsSync(file)) return { repository, scanned: false, why: `the scan left no ${SCAN_FILE}` }
  let report: { tool?: unknown; findings?: unknown; summary?: unknown; failed?: unknown }
  try {
    report = readJson(file) as typeof report
  } catch (e) {
    return { repository, scanned: false, why: `${SCAN_FILE} cannot be read (${(e as Error).message.split('\n')[0]})` }
  }
  if (report?.tool !== TOOL_NAME || !Array.isArray(report.findings) || !report.findings.every(isFinding)) return { repository, scanned: false, why: `${SCAN_FILE} is not a ${TOOL_NAME} JSON report` }
  return { repository, scanned: true, commit: status.commit, findings: report.findings, summary: typeof report.summary === 'string' ? report.summary : '', failed: report.failed === true }
}

/**
 * Every repository report under `dir`, one per repository (a later artifact of the same repository
 * — a re-run — wins), plus one "not scanned" entry for each expected repository without one.
 */
export function readReports(dir: string, expected: string[] = []): RepositoryReport[] {
  const byName = new Map<string, RepositoryReport>()
  for (const folder of folders(dir).sort()) {
    const r = readOne(folder)
    if (r) byName.set(r.repository, r)
  }
  for (const repository of expected) if (!byName.has(repository)) byName.set(repository, { repository, scanned: false, why: 'no report: the scan job did not finish (cancelled, timed out or never started)' })
  return [...byName.values()].sort((a, b) => a.repository.localeCompare(b.repository))
}
