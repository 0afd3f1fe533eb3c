// The baseline file (.github/django-security-baseline.json): the findings a project has accepted for
// now, by fingerprint, so that turning the review on does not bury new regressions under old ones.
// It holds the rule, the path, the severity and the fingerprint of each finding: never a message, a
// line of code or any part of a secret value, masked or not.
import { SEVERITIES, type Finding, type Severity } from '../findings.js'
import { UsageError } from '../config/config.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

export const DEFAULT_BASELINE_PATH = '.github/django-security-baseline.json'
/** A baseline is small next to a project: past this it is refused rather than parsed. */
export const MAX_BASELINE_BYTES = 4 * 1024 * 1024

export interface BaselineEntry {
  rule: string
  path: string
  severity: Severity
  fingerprint: string
  /** A secret committed and removed: only a scan of the history (the Action's full scan, `history`) sees it. */
  history?: boolean
}

export interface Baseline {
  entries: BaselineEntry[]
}

const collator = new Intl.Collator('en')

/** The baseline of these findings (the ones a scan lists, and `history`'s), as the file's text: sorted, so it diffs well. */
export function formatBaseline(findings: readonly Finding[], history: readonly Finding[] = []): string {
  const entries: BaselineEntry[] = [...findings.map((f) => ({ f, history: false })), ...history.map((f) => ({ f, history: true }))]
    .filter(({ f }) => f.baselineState !== 'absent')
    .map(({ f, history }) => ({ rule: f.ruleId, path: f.path, severity: f.severity, fingerprint: f.fingerprint, ...(history ? { history } : {}) }))
    .sort((a, b) => collator.compare(a.path, b.path) || collator.compare(a.rule, b.rule) || Number(a.history ?? false) - Number(b.history ?? false) || collator.compare(a.fingerprint, b.fingerprint))
  const doc = {
    $comment: `Findings accepted for now: ${TOOL_NAME} does not report them again. Written by \`${TOOL_NAME} baseline\`; run it again after fixing some, and review changes to this file like code.`,
    tool: TOOL_NAME,
    version: 1,
    generatedBy: `${TOOL_NAME} ${TOOL_VERSION}`,
    findings: entries
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** Reads a baseline file's text; anything else is a one-line UsageError naming the file. */
export function parseBaseline(text: string, file: string): Baseline {
  if (text.length > MAX_BASELINE_BYTES) throw new UsageError(`${file}: the baseline is over the ${MAX_BASELINE_BYTES}-byte limit`)
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`${file}: not a baseline file: ${(e as Error).message.split('\n')[0]}`)
  }
  const findings = (doc as { findings?: unknown } | null)?.findings
  if (typeof doc !== 'object' || doc === null || (doc as { tool?: unknown }).tool !== TOOL_NAME || !Array.isArray(findings))
    throw new UsageError(`${file}: not a baseline file (write one with \`${TOOL_NAME} baseline\`)`)
  if ((doc as { version?: unknown }).version !== 1) throw new UsageError(`${file}: baseline version ${JSON.stringify((doc as { version?: unknown }).version)} is not supported (expected 1)`)
  const entries: BaselineEntry[] = findings.map((e: unknown, i: number) => {
    const o = e as Partial<BaselineEntry> | null
    if (typeof o?.rule !== 'string' || typeof o.path !== 'string' || typeof o.fingerprint !== 'string' || !/^[0-9a-f]{8,64}$/.test(o.fingerprint) || !(SEVERITIES as readonly unknown[]).includes(o.severity))
      throw new UsageError(`${file}: findings[${i}] must have rule, path, severity and a hex fingerprint`)
    return { rule: o.rule, path: o.path, severity: o.severity as Severity, fingerprint: o.fingerprint, ...(o.history === true ? { history: true } : {}) }
  })
  return { entries }
}
