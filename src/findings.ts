// The one diagnostic type every stage and reporter shares.
import type { FileClass } from './files/classify.js'
import type { Loc } from './python/values.js'

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s)
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent'

export interface Fix {
  /** What to do, in words. */
  description: string
  /** A mechanical replacement of the finding's lines, when there is one (a GitHub suggestion). */
  replacement?: string
}

export interface Finding {
  ruleId: string
  severity: Severity
  path: string
  line: number
  endLine: number
  /** What is wrong, in one or two sentences, with the value and where it comes from. */
  message: string
  /** The source line the finding points at. */
  evidence?: string
  fix?: Fix
  /** Stable across line moves: rule + setting + affected modules. */
  fingerprint: string
  baselineState?: BaselineState
  /** Django's own system check id, e.g. `security.W018`. */
  djangoCheck?: string
  /** The settings modules this finding affects (entry modules that production loads). */
  affected: string[]
  /** Extra lines: why the module counts as production, what was removed. */
  notes: string[]
  /** What kind of file the finding is in (production, test, CI, development…) and why: a wrong guess is visible. */
  fileClass?: FileClass
  /** When what the finding points at was committed: for a secret in the history, the commit that first added it. */
  since?: { commit: string; date: string }
  /** A low finding a scan sets aside even in a production file, counted under these words. */
  aside?: string
}

/** A new finding silenced by a suppression comment the change itself adds on its line: listed for reviewers. */
export interface SuppressedFinding {
  finding: Finding
  reason: string
}

export interface Notice {
  path?: string
  line?: number
  message: string
}

export type { Loc }
