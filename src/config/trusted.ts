// The rules a change is reviewed by come from its trusted side: the configuration file as the base
// has it. The change's own edit of that file takes effect once merged; until then it is reported
// (review-config-weakened), so a pull request cannot rewrite the check it is judged by.
import { createHash } from 'node:crypto'
import type { Hunk } from '../diff/hunks.js'
import type { Finding } from '../findings.js'
import type { ChangeSet } from '../sources/changeset.js'
import { LineIndex } from '../lines.js'
import { reviewConfigWeakened } from '../rules/review-config-weakened.js'
import { defaultConfig, parseConfig, severityFor, UsageError, type Config } from './config.js'

export interface ReviewRules {
  /** The configuration to review with: the base side's (defaults when the base has no file). */
  config: Config
  /** The finding about the change's own edit of the file, if it edits it. */
  findings: Finding[]
}

/**
 * `base` and `head`: the configuration file's text on each side of the change (undefined when
 * absent); `hunks`: the lines the change made to it. A base file that does not load is an error
 * (the trusted side is broken); a head file that does not load is a finding.
 */
export function rulesOfChange(path: string, base: string | undefined, head: string | undefined, hunks: readonly Hunk[] = []): ReviewRules {
  const config = base === undefined ? defaultConfig() : parseConfig(base, path)
  if (head === base || config.rules[reviewConfigWeakened.meta.id] === 'off') return { config, findings: [] }
  let after: Config | { error: string }
  try {
    after = head === undefined ? defaultConfig() : parseConfig(head, path)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    after = { error: e.message }
  }
  const lines = head === undefined ? undefined : new LineIndex(head)
  const added = new Set(hunks.flatMap((h) => Array.from({ length: h.newLines }, (_, i) => h.newStart + i)))
  const meta = reviewConfigWeakened.meta
  const findings = reviewConfigWeakened.check({ path, base: config, head: after, lines, added }).map(
    (raw): Finding => ({
      ruleId: meta.id,
      severity: severityFor(config, meta.id, raw.severity ?? meta.severity),
      path,
      line: raw.loc.line,
      endLine: raw.loc.endLine,
      message: raw.message,
      evidence: lines?.line(raw.loc.line),
      fix: raw.fix,
      fingerprint: createHash('sha256').update(`${meta.id}\0${path}`).digest('hex').slice(0, 32),
      baselineState: 'new',
      affected: [],
      notes: [],
      fileClass: { kind: 'production', why: "the review's own configuration" }
    })
  )
  return { config, findings }
}

/** rulesOfChange for the configuration file at `path` of a change set (read on both sides by the source). */
export function rulesOfChangeSet(change: ChangeSet, path: string): ReviewRules {
  return rulesOfChange(path, change.base.read(path), change.head.read(path), change.changes.find((c) => c.path === path)?.hunks)
}
