import type { FileClass } from '../files/classify.js'
import type { Fix, Severity } from '../findings.js'
import type { Loc } from '../python/values.js'
import type { SecretHit } from '../secrets/detect.js'
import type { ParsedModule } from '../python/ast.js'
import type { FileSet } from '../settings/modules.js'
import type { SideAnalysis } from '../settings/side.js'
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
  /** The language of the two snippets, for the docs' code fences (default: python). */
  language?: string
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
  /** Whether it holds for every value production can take, or only some (others known fine): a diff that widens it is worse. */
  reach?: 'all' | 'some'
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

/** A file of code a code rule reads: Python, or a Django template. */
export interface CodeFile {
  path: string
  kind: 'python' | 'template'
  fileClass: FileClass
  text: string
  /** In a diff, the head lines the change added; undefined in a scan (every line counts). */
  added?: ReadonlySet<number>
  /** In a diff, the same file before the change (followed through a rename), when it existed. */
  base?: { path: string; text: string }
}

/** One side of a review as a tree rule sees it: its files and its settings analysis (deployments included). */
export interface TreeSide {
  files: FileSet
  analysis: SideAnalysis
}

/** What a tree rule sees: the code files to look at, and both sides of the tree. */
export interface TreeContext {
  mode: 'scan' | 'diff'
  /** Production code and templates: every one in a scan, the changed ones in a diff. */
  code: CodeFile[]
  head: TreeSide
  base?: TreeSide
  /** Whether a head line is new: in a scan every line is; in a diff, the lines the change added. */
  isNew(path: string, line: number): boolean
  /** Every production Python file of the head the source read whose text contains `needle`, parsed: code the change did not touch too. */
  pythonWith(needle: string): { path: string; text: string; module: ParsedModule }[]
  /** Any Python module of a side parsed (cached), when the source read it. */
  python(path: string, side?: 'head' | 'base'): ParsedModule | undefined
  fileClass(path: string): FileClass
}

/**
 * A rule about code and deploy files seen as a whole tree (and, in a diff, its base): Python code
 * through the parser, templates, the deployments the deploy files describe.
 */
export interface TreeRule {
  meta: RuleMeta
  /**
   * In a scan, its findings are set aside under these words (listed with --include-tests): a use
   * that is often deliberate (each `|safe`, each exemption) is news when a change adds it, not in
   * a survey of the tree.
   */
  scanAside?: string
  check(ctx: TreeContext): RuleFinding[]
}
