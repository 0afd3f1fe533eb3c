// The pipeline, pure orchestration: settings model for each side → rules → findings with a
// baseline state, a location on the changed lines, suppressions and config applied.
import { createHash } from 'node:crypto'
import { initPython } from './python/parser.js'
import { severityFor, type Config } from './config/config.js'
import { isChangedLine, isRemovedLine, mapOldLine, type Hunk } from './diff.js'
import { linesOf } from './lines.js'
import type { BaselineState, Finding, Notice, SuppressedFinding } from './findings.js'
import { RULES } from './rules/index.js'
import { FILE_RULES } from './rules/file-rules.js'
import { classifyFile, type FileClass } from './files/classify.js'
import { setAside } from './files/set-aside.js'
import type { FileContext, FileRule, RuleFinding, RuleMeta } from './rules/types.js'
import type { ChangeSet } from './sources/changeset.js'
import { settingChanges, type SettingChange } from './settings/changes.js'
import { discover, referenceTarget, settingsCandidates, type Discovery, type EntryModule } from './settings/discovery.js'
import type { FileSet } from './settings/modules.js'
import { SettingsView, Worlds } from './settings/view.js'
import { fromTemplate } from './settings/deploy-worlds.js'
import { applySuppressions } from './suppressions.js'

/** The side of a review a file is read from: the change's head (or the scanned tree), or its base. */
export type Side = 'head' | 'base'

/**
 * What the analysis found, before it is shown: nothing here is redacted. Output goes through
 * `redactForOutput` (src/redact.ts), the one place that masks secrets.
 */
export interface ReviewResult {
  mode: 'scan' | 'diff'
  findings: Finding[]
  notices: Notice[]
  /** The settings modules found and how each was classified. */
  entries: EntryModule[]
  /** In a diff: the effective production settings the change alters. */
  settingChanges?: SettingChange[]
  /** Secret values the analysis saw (settings literals and defaults, credentials found): free text that quotes them is masked. */
  secrets: string[]
  /** A file's text on one side, for evidence and code frames; undefined when it is not there. */
  read(path: string, side: Side): string | undefined
  /** The files of the reviewed tree(s): their paths are names, never masked, even when a secret equals a word in them. */
  paths?: Iterable<string>
  /** In a diff: new findings silenced by suppressions the change itself adds (listed for reviewers). */
  suppressed?: SuppressedFinding[]
}

/** Secret values a side holds in any settings module (production or not), to be masked in output. */
function secretValues(side: SideAnalysis): string[] {
  const out: string[] = []
  for (const view of side.views.values())
    for (const name of ['SECRET_KEY', 'SECRET_KEY_FALLBACKS']) {
      // with the values deploy files give it (see settings/deploy-worlds.ts)
      const b = view.get(name).binding
      if (!b) continue
      const values = b.value.kind === 'oneOf' ? b.value.options : [b.value]
      for (const v of values) {
        if (v.kind === 'str') out.push(v.value)
        if (v.kind === 'seq') for (const i of v.items) if (i.value.kind === 'str') out.push(i.value.value)
      }
    }
  return out
}

export interface SideAnalysis {
  discovery: Discovery
  views: Map<string, SettingsView>
}

/** Builds the settings model of one tree; `candidates`: settingsCandidates(files), when known already. */
export function analyzeSide(files: FileSet, candidates?: string[]): SideAnalysis {
  const discovery = discover(files, candidates)
  const worlds = new Worlds(discovery.index)
  const views = new Map<string, SettingsView>()
  for (const entry of discovery.entries) views.set(entry.path, new SettingsView(entry, worlds))
  return { discovery, views }
}

/** Paths the analysis needed but the source has not read yet (imports of settings modules). */
export function wantedPaths(side: SideAnalysis): string[] {
  // Evaluate every entry so that imports are resolved and recorded as wanted.
  for (const view of side.views.values()) view.get('DEBUG')
  return [...side.discovery.index.wanted]
}

interface Keyed {
  key: string
  rule: { meta: RuleMeta }
  raw: RuleFinding
  entry: EntryModule
}

/** A finding of a file rule: about a file, not a settings module. */
interface FileKeyed {
  key: string
  rule: FileRule
  raw: RuleFinding
  fileClass: FileClass
}

/** What kind of file a path is: a settings module discovery judged development-only, else by its path. */
function fileClassOf(path: string, side: SideAnalysis): FileClass {
  const entry = side.discovery.entries.find((e) => e.path === path)
  if (entry && !entry.production) return { kind: 'development', why: `it is a development or test settings module (${entry.reason})` }
  const byPath = classifyFile(path)
  if (byPath.kind !== 'production') return byPath
  // a compose file or Dockerfile whose Django processes are all a developer's (runserver, source mounted)
  const described = side.discovery.deployments.filter((d) => d.path === path && d.role !== 'build')
  if (described.length && described.every((d) => d.role === 'development')) return { kind: 'development', why: `${path} runs the project for development: ${described[0].why ?? 'a development process'}` }
  return byPath
}

/** Runs the file rules on the given files (whole files, or only the added lines of a diff). */
function runFileRules(files: FileSet, side: SideAnalysis, config: Config, targets: { path: string; lines?: ReadonlySet<number>; added: boolean }[]): FileKeyed[] {
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

/** File findings as findings; a line the settings rules already report as a committed SECRET_KEY is not reported twice. */
function fileFindings(items: FileKeyed[], settingsFindings: Finding[], side: SideAnalysis, files: FileSet, config: Config, state?: BaselineState): Finding[] {
  const keyLines = new Set(settingsFindings.filter((f) => f.ruleId === 'secret-key-hardcoded').map((f) => `${f.path}:${f.line}`))
  // A SECRET_KEY literal that every production module importing it overrides later is a development
  // value: secret-key-hardcoded judges what production really gets.
  const overriddenInProduction = (path: string, line: number): boolean => {
    const views = [...side.views.values()].filter((v) => v.entry.production && v.entry.chain.includes(path))
    return views.length > 0 && views.every((v) => {
      const b = v.binding('SECRET_KEY')
      return b !== undefined && (b.loc.path !== path || b.loc.line > line)
    })
  }
  const settingsKey = (it: FileKeyed): boolean => /^[^:]*:SECRET_KEY:/.test(it.raw.subject) && overriddenInProduction(it.raw.loc.path, it.raw.loc.line)
  return items
    .filter((it) => !(it.rule.meta.id === 'hardcoded-credential' && (keyLines.has(`${it.raw.loc.path}:${it.raw.loc.line}`) || (it.fileClass.kind === 'production' && settingsKey(it)))))
    .map((it) => ({
      ...located(it.rule.meta, it.raw, it.raw.loc.path, it.raw.loc.line, it.raw.loc.endLine, files, config),
      fingerprint: fingerprint([it.rule.meta.id, it.raw.subject, it.raw.loc.path]),
      baselineState: state,
      affected: [],
      notes: it.raw.notes ?? [],
      fileClass: it.fileClass,
      ...(it.raw.aside ? { aside: it.raw.aside } : {})
    }))
}

/** Text files to look at in a scan: everything read, except what cannot hold a secret. */
function allTextFiles(files: FileSet): { path: string; added: boolean }[] {
  const text = files.secrets ? [...files.secrets.keys()] : [...files.paths].filter((p) => files.read(p) !== undefined)
  return text.map((path) => ({ path, added: true }))
}

function runRules(side: SideAnalysis, config: Config, baseSide?: SideAnalysis, baseEntryOf?: (headPath: string) => string | undefined): Keyed[] {
  const out: Keyed[] = []
  for (const [path, view] of side.views) {
    if (!view.entry.production) continue
    const basePath = baseEntryOf?.(path)
    const base = basePath === undefined ? undefined : baseSide?.views.get(basePath)
    for (const rule of RULES) {
      if (config.rules[rule.meta.id] === 'off') continue
      for (const raw of rule.check({ settings: view, base })) out.push({ key: `${rule.meta.id}|${path}|${raw.subject}`, rule, raw: fromTemplate(raw, raw.severity ?? rule.meta.severity), entry: view.entry })
    }
  }
  return out
}

function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

function lineText(files: FileSet, path: string, line: number): string | undefined {
  return linesOf(files, path)?.line(line)
}

/** What every finding says, settings and file rules alike: the rule, its severity, where, what, the line, the fix. */
function located(meta: RuleMeta, raw: RuleFinding, path: string, line: number, endLine: number, files: FileSet, config: Config) {
  return {
    ruleId: meta.id,
    severity: severityFor(config, meta.id, raw.severity ?? meta.severity),
    path,
    line,
    endLine,
    message: raw.message,
    evidence: lineText(files, path, line),
    fix: raw.fix
  }
}

type Placed = Keyed & { state?: BaselineState; path?: string; line?: number; extraNotes?: string[] }

/**
 * Turns rule results into findings, one per location: modules that share a base module get one
 * finding that names them all. The fingerprint is rule + subject + file + affected modules — not the
 * line, so a finding keeps it when lines move.
 */
function toFindings(items: Placed[], files: FileSet, config: Config): Finding[] {
  const groups = new Map<string, { first: Placed; entries: EntryModule[] }>()
  for (const it of items) {
    const id = `${it.rule.meta.id}|${it.path ?? it.raw.loc.path}|${it.line ?? it.raw.loc.line}|${it.raw.subject}|${it.state ?? ''}`
    const group = groups.get(id)
    if (group) {
      if (!group.entries.some((e) => e.path === it.entry.path)) group.entries.push(it.entry)
    } else groups.set(id, { first: it, entries: [it.entry] })
  }
  return [...groups.values()].map(({ first: it, entries }) => {
    const path = it.path ?? it.raw.loc.path
    const line = it.line ?? it.raw.loc.line
    const affected = entries.map((e) => e.path).sort()
    const others = affected.filter((p) => p !== path)
    const notes = [...(it.extraNotes ?? []), ...(it.raw.notes ?? [])]
    if (others.length) notes.push(`Affects ${others.join(', ')}${entries.some((e) => e.path !== path && e.chain.includes(path)) ? `, which ${others.length === 1 ? 'imports' : 'import'} ${path}` : ''}.`)
    notes.push(`Production settings: ${entries.map((e) => `${e.path} (${e.reason})`).join('; ')}.`)
    return {
      ...located(it.rule.meta, it.raw, path, line, it.path ? line : Math.max(line, it.raw.loc.endLine), files, config),
      fingerprint: fingerprint([it.rule.meta.id, it.raw.subject, path, ...affected]),
      baselineState: it.state,
      djangoCheck: it.raw.djangoCheck,
      affected,
      notes,
      fileClass: PRODUCTION_SETTINGS
    }
  })
}

const PRODUCTION_SETTINGS: FileClass = { kind: 'production', why: 'production settings' }

// the comparison localeCompare makes, without building it again for every pair compared
const collator = new Intl.Collator()

function sorted(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => collator.compare(a.path, b.path) || a.line - b.line || collator.compare(a.ruleId, b.ruleId))
}

/** Reviews one tree: what is wrong now (like `check --deploy`, statically). */
export async function scan(files: FileSet, config: Config): Promise<ReviewResult> {
  // the parser's WebAssembly takes a while to load: only when there is Python settings code to parse
  const candidates = settingsCandidates(files)
  if (candidates.length) await initPython()
  const side = analyzeSide(files, candidates)
  const items = runRules(side, config)
  // a line that can set any setting unseen is news in a change; in a scan of the tree it is coverage
  const settingsFindings = toFindings(items, files, config).map((f) => (f.ruleId === 'settings-opaque-write' ? { ...f, aside: 'line that can set any setting unseen (exec, a computed setattr)' } : f))
  const fileItems = runFileRules(files, side, config, allTextFiles(files))
  const findings = applySuppressions(sorted([...settingsFindings, ...fileFindings(fileItems, settingsFindings, side, files, config)]), files, config)
  const listed = setAside(findings.kept, config.includeTests ?? false)
  const secrets = [...secretValues(side), ...fileItems.flatMap((i) => i.raw.secrets ?? [])]
  return { mode: 'scan', findings: listed.findings, notices: [...collectNotices(side), ...findings.notices, ...listed.notices], entries: side.discovery.entries, secrets, read: (p, s) => (s === 'head' ? files.read(p) : undefined), paths: files.paths }
}

/** Reviews a change: what it made worse (new), left as it was (unchanged), or fixed (absent). */
export async function review(change: ChangeSet, config: Config): Promise<ReviewResult> {
  await initPython()
  const head = analyzeSide(change.head)
  const base = analyzeSide(change.base)
  const diff = new DiffIndex(change)
  const pairs = pairEntries(head, base, diff)
  const headItems = runRules(head, config, base, (p) => pairs.get(p))
  const baseItems = runRules(base, config)
  // Base results are keyed under the head entry they pair with, so a renamed or re-split module keeps its findings.
  const headPathOfBase = new Map([...pairs].map(([h, b]) => [b, h]))
  const baseByKey = new Map(
    baseItems.map((i) => {
      const [rule, path, ...rest] = i.key.split('|')
      return [[rule, headPathOfBase.get(path) ?? path, ...rest].join('|'), i]
    })
  )
  const headKeys = new Set(headItems.map((i) => i.key))

  const touched = (it: Keyed): boolean => diff.changed.has(it.raw.loc.path) || it.entry.chain.some((p) => diff.changed.has(p))
  const out: (Placed & { state: BaselineState })[] = []
  for (const it of headItems) {
    const before = baseByKey.get(it.key)
    if (!before) {
      out.push({ ...it, state: 'new', ...relocate(it, base.views.get(pairs.get(it.entry.path) ?? ''), diff) })
      continue
    }
    const severity = it.raw.severity ?? it.rule.meta.severity
    const beforeSeverity = before.raw.severity ?? before.rule.meta.severity
    if (severity !== beforeSeverity) out.push({ ...it, state: 'updated' })
    else if (touched(it)) out.push({ ...it, state: 'unchanged' })
  }
  for (const [key, it] of baseByKey) if (!headKeys.has(key)) out.push({ ...it, state: 'absent' })

  const headFindings = toFindings(out.filter((o) => o.state !== 'absent'), change.head, config)
  const absentFindings = toFindings(out.filter((o) => o.state === 'absent'), change.base, config)
  // File rules look at what the change added: added lines of text files, and added files.
  const targets = change.changes
    .filter((c) => c.status !== 'deleted' && !c.binary)
    .map((c) => ({ path: c.path, added: c.status === 'added', lines: addedLines(c.hunks) }))
  const fileItems = runFileRules(change.head, head, config, targets)
  const findings = applySuppressions(sorted([...headFindings, ...absentFindings, ...fileFindings(fileItems, headFindings, head, change.head, config, 'new')]), change.head, config, diff.hunks)
  const notices = [...change.notices, ...collectNotices(head, diff.changed), ...findings.notices]
  const secrets = [...secretValues(head), ...secretValues(base), ...fileItems.flatMap((i) => i.raw.secrets ?? [])]
  const changes = settingChanges([...head.views.values()].filter((v) => v.entry.production).map((v) => [v, base.views.get(pairs.get(v.path) ?? '')] as [SettingsView, SettingsView | undefined]))
  return { mode: 'diff', findings: findings.kept, notices, entries: head.discovery.entries, settingChanges: changes, secrets, read: (p, side) => (side === 'base' ? change.base : change.head).read(p), suppressed: findings.byChange, paths: [...change.head.paths, ...change.base.paths] }
}

function addedLines(hunks: Hunk[]): Set<number> {
  const lines = new Set<number>()
  for (const h of hunks) for (let l = h.newStart; l < h.newStart + h.newLines; l++) lines.add(l)
  return lines
}

/** What changed, by path: hunks, renames, deletions, and base contents for quoting removed lines. */
class DiffIndex {
  readonly hunks = new Map<string, Hunk[]>()
  /** head path → base path, for renames and copies */
  readonly oldPath = new Map<string, string>()
  readonly deleted = new Set<string>()
  /** every path the change touched, on either side */
  readonly changed = new Set<string>()
  constructor(readonly change: ChangeSet) {
    for (const c of change.changes) {
      this.hunks.set(c.path, c.hunks)
      this.changed.add(c.path)
      if (c.status === 'deleted') this.deleted.add(c.path)
      if (c.oldPath) {
        this.oldPath.set(c.path, c.oldPath)
        this.changed.add(c.oldPath)
      }
    }
  }
  basePath(headPath: string): string {
    return this.oldPath.get(headPath) ?? headPath
  }
  headPath(basePath: string): string {
    for (const [h, b] of this.oldPath) if (b === basePath) return h
    return basePath
  }
  baseLine(path: string, line: number): string {
    return (lineText(this.change.base, path, line) ?? '').trim()
  }
}

/**
 * Pairs each head production module with the base module it replaces: the same path (or its
 * rename), else the module the same deploy file (wsgi.py, Dockerfile…) selected before, else the
 * only production module on each side. A settings.py split into a package keeps its findings.
 */
function pairEntries(head: SideAnalysis, base: SideAnalysis, diff: DiffIndex): Map<string, string> {
  const pairs = new Map<string, string>()
  const production = (side: SideAnalysis): string[] => side.discovery.entries.filter((e) => e.production).map((e) => e.path)
  const baseProduction = production(base)
  const taken = new Set<string>()
  const selectedBy = (side: SideAnalysis, path: string): string[] =>
    side.discovery.references.filter((r) => r.kind === 'deploy' && referenceTarget(r, side.discovery.index) === path).map((r) => r.path)
  const unpaired: string[] = []
  for (const h of production(head)) {
    const same = diff.basePath(h)
    if (base.views.has(same)) {
      pairs.set(h, same)
      taken.add(same)
    } else unpaired.push(h)
  }
  for (const h of [...unpaired]) {
    const deployFiles = selectedBy(head, h).map((p) => diff.basePath(p))
    const match = baseProduction.find((b) => !taken.has(b) && selectedBy(base, b).some((p) => deployFiles.includes(p)))
    if (match) {
      pairs.set(h, match)
      taken.add(match)
      unpaired.splice(unpaired.indexOf(h), 1)
    }
  }
  const leftover = baseProduction.filter((b) => !taken.has(b))
  if (unpaired.length === 1 && leftover.length === 1) pairs.set(unpaired[0], leftover[0])
  return pairs
}

/**
 * A new finding whose line the change did not touch comes from something else the change did:
 * it removed an override or list entry (point at the nearest remaining line, say what was removed),
 * it deleted a module production imported (point where the import was), or it changed which modules
 * production loads (point at the first changed line of the module).
 */
function relocate(it: Keyed, baseView: SettingsView | undefined, diff: DiffIndex): { path?: string; line?: number; extraNotes?: string[] } {
  const loc = it.raw.loc
  const headHunks = diff.hunks.get(loc.path)
  if (headHunks && isChangedLine(headHunks, loc.line)) return {}
  let removed = it.raw.removed
  if (!removed && baseView) {
    // The setting's assignment before the change, e.g. a deleted production override.
    const setting = it.raw.subject.split(/[:[]/)[0]
    const b = baseView.binding(setting)
    if (b) removed = { loc: b.loc, text: b.text.trim() }
  }
  if (removed) {
    const headPath = diff.headPath(removed.loc.path)
    const hunks = diff.hunks.get(headPath)
    if (hunks && isRemovedLine(hunks, removed.loc.line)) {
      const text = removed.text || diff.baseLine(removed.loc.path, removed.loc.line)
      if (!diff.deleted.has(headPath))
        return { path: headPath, line: mapOldLine(hunks, removed.loc.line), extraNotes: [`This change removed \`${text}\` (line ${removed.loc.line} of ${removed.loc.path} before the change).`] }
      const viaImport = removedImportOf(removed.loc.path, baseView, diff)
      if (viaImport)
        return { ...viaImport, extraNotes: [`This change removed \`${viaImport.text}\`, and with it \`${text}\` from ${removed.loc.path}, which it deletes.`] }
    }
  }
  // Production now loads a different set of modules: point at the change in the module itself.
  for (const path of it.entry.chain) {
    const first = diff.hunks.get(path)?.find((h) => h.newLines > 0)
    if (!first) continue
    const evidence = lineText(diff.change.head, loc.path, loc.line)?.trim()
    return { path, line: first.newStart, extraNotes: [`The value comes from ${loc.path}:${loc.line}${evidence ? ` (\`${evidence}\`)` : ''}.`] }
  }
  return {}
}

/** The removed `from .x import *` line (in a module production still loads) that imported a deleted module. */
function removedImportOf(deletedPath: string, baseView: SettingsView | undefined, diff: DiffIndex): { path: string; line: number; text: string } | undefined {
  if (!baseView) return undefined
  const stem = deletedPath.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').pop() as string
  for (const importer of baseView.entry.chain) {
    if (importer === deletedPath || diff.deleted.has(importer)) continue
    const headPath = diff.headPath(importer)
    const hunks = diff.hunks.get(headPath)
    if (!hunks) continue
    const lines = linesOf(diff.change.base, importer)
    for (let i = 1; lines && i <= lines.count; i++) {
      const text = lines.line(i) as string
      if (isRemovedLine(hunks, i) && text.includes('import') && new RegExp(`\\b${stem}\\b`).test(text)) return { path: headPath, line: mapOldLine(hunks, i), text: text.trim() }
    }
  }
  return undefined
}

function collectNotices(side: SideAnalysis, only?: Set<string>): Notice[] {
  const seen = new Set<string>()
  const out: Notice[] = []
  for (const view of side.views.values()) {
    for (const n of view.notices()) {
      if (seen.has(n)) continue
      seen.add(n)
      const m = /^([^:]+):(\d+): (.*)$/.exec(n)
      const path = m ? m[1] : n.split(':')[0]
      if (only && !only.has(path)) continue
      out.push(m ? { path: m[1], line: Number(m[2]), message: m[3] } : { message: n })
    }
  }
  return out
}
