// Running the rules: settings rules on each production entry module, file rules on files or added lines.
import type { Config } from '../config/config.js'
import { classifyFile, type FileClass } from '../files/classify.js'
import type { EntryModule } from '../settings/discovery.js'
import type { FileSet } from '../settings/modules.js'
import type { SideAnalysis } from '../settings/side.js'
import type { SettingsView } from '../settings/view.js'
import { FILE_RULES } from './file-rules.js'
import { fromTemplate } from '../settings/deploy-worlds.js'
import { RULES } from './index.js'
import type { FileContext, Rule, RuleFinding, RuleMeta } from './types.js'

/** A settings rule's result on one entry module; `key` is rule|entry path|subject. */
export interface Keyed {
  key: string
  rule: Rule
  raw: RuleFinding
  entry: EntryModule
}

/** A finding of a file rule: about a file, not a settings module. */
export interface FileKeyed {
  key: string
  /** The rule (a file rule, or a tree rule: only its meta is read from here on). */
  rule: { meta: RuleMeta }
  raw: RuleFinding
  fileClass: FileClass
}

/**
 * Runs the settings rules on every production entry module of a side; in a diff, `baseOf` gives the
 * base view a head module is compared with.
 */
export function runRules(side: SideAnalysis, config: Config, baseOf?: (headPath: string) => SettingsView | undefined): Keyed[] {
  const out: Keyed[] = []
  for (const [path, view] of side.views) {
    if (!view.entry.production) continue
    const base = baseOf?.(path)
    for (const rule of RULES) {
      if (config.rules[rule.meta.id] === 'off') continue
      for (const raw of rule.check({ settings: view, base })) out.push({ key: `${rule.meta.id}|${path}|${raw.subject}`, rule, raw: fromTemplate(raw, raw.severity ?? rule.meta.severity), entry: view.entry })
    }
  }
  return out
}

/** What kind of file a path is: a settings module discovery judged development-only, else by its path. */
export function fileClassOf(path: string, side: SideAnalysis): FileClass {
  const entry = side.discovery.entries.find((e) => e.path === path)
  if (entry && !entry.production) return { kind: 'development', why: `it is a development or test settings module (${entry.reason})` }
  // a template or example a production deploy puts in place of a module is what production runs
  if (side.discovery.index.placementOf(path)) return { kind: 'production', why: 'a production deploy step puts it in place of a Python module' }
  const byPath = classifyFile(path)
  if (byPath.kind !== 'production') return byPath
  // a compose file or Dockerfile whose Django processes are all a developer's (runserver, source mounted)
  const described = side.discovery.deployments.filter((d) => d.path === path && d.role !== 'build')
  if (described.length && described.every((d) => d.role === 'development')) return { kind: 'development', why: `${path} runs the project for development: ${described[0].why ?? 'a development process'}` }
  return byPath
}

export interface FileTarget {
  path: string
  /** Only these lines are new (a diff); undefined: the whole file. */
  lines?: ReadonlySet<number>
  added: boolean
}

/** Runs the file rules on the given files (whole files, or only the added lines of a diff). */
export function runFileRules(files: FileSet, side: SideAnalysis, config: Config, targets: FileTarget[]): FileKeyed[] {
  const out: FileKeyed[] = []
  for (const t of targets) {
    // a whole file the source already scanned for secrets: its text is read only if a rule asks
    const secrets = t.lines ? undefined : files.secrets?.get(t.path)
    const text = secrets ? undefined : files.read(t.path)
    if (!secrets && text === undefined) continue
    const fileClass = fileClassOf(t.path, side)
    const ctx: FileContext = {
      path: t.path,
      get text() {
        return text ?? files.read(t.path) ?? ''
      },
      lines: t.lines,
      added: t.added,
      fileClass,
      secrets
    }
    for (const rule of FILE_RULES) {
      if (config.rules[rule.meta.id] === 'off') continue
      for (const raw of rule.checkFile(ctx)) out.push({ key: `${rule.meta.id}|${t.path}|${raw.subject}`, rule, raw, fileClass })
    }
  }
  return out
}
