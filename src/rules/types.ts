import type { FileClass } from '../files/classify.js'
import type { Fix, Severity } from '../findings.js'
import type { Loc } from '../python/values.js'
import type { SecretHit } from '../secrets/detect.js'
import type { SettingsView } from '../settings/view.js'
import type { Precondition } from './preconditions.js'

export interface RuleDocs {
  /** One sentence: what the rule finds. */
  what: string
  /** Why it is dangerous. */
  why: string
  /** A settings snippet that the rule reports. */
  bad: string
  /** The same snippet fixed. */
  fix: string
}

export interface RuleMeta {
  id: string
  severity: Severity
  title: string
  /** Django system check ids this rule mirrors, e.g. `security.W018`. */
  django: string[]
  docs: RuleDocs
}

export interface RuleContext {
  /** The entry module as it is (scan) or after the change (diff). */
  settings: SettingsView
  /** The same module before the change, when reviewing a diff and it existed then. */
  base?: SettingsView
}

export interface RuleFinding {
  /** What the finding is about (a setting, or setting + element): part of the fingerprint. */
  subject: string
  message: string
  loc: Loc
  djangoCheck?: string
  fix?: Fix
  severity?: Severity
  /** Where, before the change, the thing now missing was written (a deleted override or list entry). */
  removed?: { loc: Loc; text: string }
  notes?: string[]
  /** Secret values this finding is about: masked in every output. */
  secrets?: string[]
  /** A low finding a scan sets aside even in a production file, counted under these words (local service passwords). */
  aside?: string
}

export interface Rule {
  meta: RuleMeta
  /** What must hold before the setting a finding (by subject) is about has any effect. */
  preconditions?(subject: string): readonly Precondition[]
  check(ctx: RuleContext): RuleFinding[]
}

/** What a file rule knows about the file it looks at. */
export interface FileContext {
  path: string
  text: string
  /** Only these lines (1-based) are new: a diff looks at added lines only. Undefined: the whole file. */
  lines?: ReadonlySet<number>
  /** The file was added by the change (diff), or exists (scan). */
  added: boolean
  /** What kind of file it is (production, test, CI, development, template, docs, vendored) and why. */
  fileClass: FileClass
  /** The secrets detector's hits over the whole file, when the source already ran it (see FileSet.secrets). */
  secrets?: SecretHit[]
}

/** A rule about files of any kind rather than the settings model: secrets, committed env files. */
export interface FileRule {
  meta: RuleMeta
  checkFile(ctx: FileContext): RuleFinding[]
}
