// Dependency rules: about the Django release the project's pins admit, not about settings or one
// file's lines. Each judges the pins of one side; run-dependencies.ts compares base and head.
import type { JudgedPin } from '../deps/judged.js'
import { djangoUnsupportedVersion } from './django-unsupported-version.js'
import { djangoVulnerableVersion } from './django-vulnerable-version.js'
import type { RuleFinding, RuleMeta } from './types.js'

export interface DependencyContext {
  /** The pins judged: production dependency files, a lock deciding over its manifest. */
  pins: JudgedPin[]
  /** The day the review runs (support ends and the advisory data's age are judged on it). */
  today: Date
  /** The text of a line of the side's files, for mechanical fixes. */
  lineText(path: string, line: number): string | undefined
}

export interface DependencyFinding extends RuleFinding {
  /** What the finding is about, to compare sides: advisory ids, series. A head finding covering something the base's did not is new. */
  covers: string[]
}

export interface DependencyRule {
  meta: RuleMeta
  check(ctx: DependencyContext): DependencyFinding[]
}

export const DEPENDENCY_RULES: readonly DependencyRule[] = [djangoVulnerableVersion, djangoUnsupportedVersion]
