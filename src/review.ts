// The pipeline, pure orchestration: settings model for each side → rules → findings with a
// baseline state, a location on the changed lines, suppressions and config applied.
import { placesModules } from './deploy/placements.js'
import { initPython } from './python/parser.js'
import type { Config } from './config/config.js'
import { addedLines, ChangeIndex } from './diff/change-index.js'
import { compareResults } from './diff/baseline.js'
import { BaseTexts, splitKnownSecrets } from './diff/known-secrets.js'
import { pairModules } from './diff/pairing.js'
import { settingsSecrets } from './diff/secrets.js'
import type { Finding, Notice, SuppressedFinding } from './findings.js'
import { setAside } from './files/set-aside.js'
import { fileFindings, toFindings } from './rules/results.js'
import { runFileRules, runRules } from './rules/run.js'
import { runTreeRules, treeContext, treeFindings } from './rules/tree-run.js'
import { dependencyNotices, reviewDependencies, scanDependencies } from './rules/run-dependencies.js'
import type { ChangeSet } from './sources/changeset.js'
import { settingChanges, type SettingChange } from './settings/changes.js'
import { settingsCandidates } from './settings/candidates.js'
import type { EntryModule } from './settings/discovery.js'
import type { FileSet } from './settings/modules.js'
import { analyzeSide, type SideAnalysis } from './settings/side.js'
import type { SettingsView } from './settings/view.js'
import { applySuppressions, staleSuppressions } from './suppressions.js'

export { analyzeSide, wantedPaths, type SideAnalysis } from './settings/side.js'

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

/** Text files to look at in a scan: everything read, except what cannot hold a secret. */
function allTextFiles(files: FileSet): { path: string; added: boolean }[] {
  const text = files.secrets ? [...files.secrets.keys()] : [...files.paths].filter((p) => files.read(p) !== undefined)
  return text.map((path) => ({ path, added: true }))
}

// the comparison localeCompare makes, without building it again for every pair compared
const collator = new Intl.Collator()

function sorted(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => collator.compare(a.path, b.path) || a.line - b.line || collator.compare(a.ruleId, b.ruleId))
}

/** Reviews one tree: what is wrong now (like `check --deploy`, statically). */
export async function scan(files: FileSet, config: Config): Promise<ReviewResult> {
  // the parser's WebAssembly takes a while to load: only when there is Python settings code to parse
  const candidates = settingsCandidates(files)
  // (a file a deploy puts in place of a module is parsed too, see deploy/placements.ts)
  if (candidates.length || placesModules(files)) await initPython()
  const side = analyzeSide(files, candidates, { djangoVersion: config.djangoVersion, settings: config.settings })
  const items = runRules(side, config)
  // a line that can set any setting unseen is news in a change; in a scan of the tree it is coverage
  const settingsFindings = toFindings(items, files, config).map((f) => (f.ruleId === 'settings-opaque-write' ? { ...f, aside: 'line that can set any setting unseen (exec, a computed setattr)' } : f))
  const fileItems = runFileRules(files, side, config, allTextFiles(files))
  const treeItems = await runTreeRules(treeContext({ mode: 'scan', head: { files, analysis: side } }), config)
  const findings = applySuppressions(sorted([...settingsFindings, ...fileFindings(fileItems, settingsFindings, side, files, config), ...treeFindings(treeItems, settingsFindings, side, files, config), ...scanDependencies(files, config, side.discovery.deployments)]), files, config)
  const listed = setAside(findings.kept, config.includeTests ?? false)
  const secrets = [...settingsSecrets(side), ...[...items, ...fileItems].flatMap((i) => i.raw.secrets ?? [])]
  const stale = staleSuppressions(files, files.paths, findings.used, findings.notices, config)
  return { mode: 'scan', findings: listed.findings, notices: [...collectNotices(side), ...versionNotice(side), ...dependencyNotices(files), ...findings.notices, ...stale, ...listed.notices], entries: side.discovery.entries, secrets, read: (p, s) => (s === 'head' ? files.read(p) : undefined), paths: files.paths }
}

/** Reviews a change: what it made worse (new), left as it was (unchanged), or fixed (absent). */
export async function review(change: ChangeSet, config: Config): Promise<ReviewResult> {
  await initPython()
  const head = analyzeSide(change.head, undefined, { djangoVersion: config.djangoVersion, settings: config.settings })
  const base = analyzeSide(change.base, undefined, { djangoVersion: config.djangoVersion, settings: config.settings })
  const diff = new ChangeIndex(change)
  const pairs = pairModules(head, base, diff)
  const headItems = runRules(head, config, (p) => base.views.get(pairs.get(p) ?? ''))
  const baseItems = runRules(base, config)
  const compared = compareResults(headItems, baseItems, { head, base, pairs, diff })
  const headFindings = toFindings(compared.filter((o) => o.state !== 'absent'), change.head, config)
  const absentFindings = toFindings(compared.filter((o) => o.state === 'absent'), change.base, config)
  // File rules look at what the change added: added lines of text files, and added files.
  const targets = change.changes
    .filter((c) => c.status !== 'deleted' && !c.binary)
    .map((c) => ({ path: c.path, added: c.status === 'added', lines: addedLines(c.hunks) }))
  const fileItems = runFileRules(change.head, head, config, targets)
  const { added, known } = splitKnownSecrets(fileItems, new BaseTexts(change.base))
  // Code and deploy rules report what the change adds (or, for access checks, removes): new.
  const treeItems = await runTreeRules(treeContext({ mode: 'diff', head: { files: change.head, analysis: head }, base: { files: change.base, analysis: base }, diff }), config)
  const fileResults = [...fileFindings(added, headFindings, head, change.head, config, 'new'), ...fileFindings(known, headFindings, head, change.head, config, 'unchanged'), ...treeFindings(treeItems, headFindings, head, change.head, config, 'new')]
  const dependencyResults = reviewDependencies({ files: change.head, deployments: head.discovery.deployments }, { files: change.base, deployments: base.discovery.deployments }, diff.changed, config)
  const findings = applySuppressions(sorted([...headFindings, ...absentFindings, ...fileResults, ...dependencyResults]), change.head, config, diff.hunks)
  const notices = [...change.notices, ...collectNotices(head, diff.changed), ...versionNotice(head), ...dependencyNotices(change.head, diff.changed), ...findings.notices]
  const secrets = [...settingsSecrets(head), ...settingsSecrets(base), ...[...headItems, ...baseItems, ...fileItems].flatMap((i) => i.raw.secrets ?? [])]
  const changes = settingChanges([...head.views.values()].filter((v) => v.entry.production).map((v) => [v, base.views.get(pairs.get(v.path) ?? '')] as [SettingsView, SettingsView | undefined]))
  return { mode: 'diff', findings: findings.kept, notices, entries: head.discovery.entries, settingChanges: changes, secrets, read: (p, side) => (side === 'base' ? change.base : change.head).read(p), suppressed: findings.byChange, paths: [...change.head.paths, ...change.base.paths] }
}

/** When no pin says which Django the project runs and there are production settings to judge: which version was assumed. */
function versionNotice(side: SideAnalysis): Notice[] {
  if (side.django.source !== 'assumed' || ![...side.views.values()].some((v) => v.entry.production)) return []
  return [{ message: `no Django pin found: settings are judged by the defaults of ${side.django.why.replace(/: no Django pin was found$/, '')} (name the version with --django-version or django-version in the config)` }]
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
