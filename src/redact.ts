// The one boundary where a review becomes output. Every reporter (text, JSON, SARIF, the pull
// request review and summary, check-run annotations, the job summary, the tracking issue, the log)
// takes what `redactForOutput` returns and nothing else, so redaction happens once, here:
// - file text (evidence, code frames and their context lines, SARIF snippets and context regions)
//   is masked by position: where the detector says each secret is written (./redact/file.ts);
// - free text (messages, fixes, notes, notices, the settings table) is masked by value: the secrets
//   the analysis saw and those the shown files hold, whole, cut short or as written (./redact/text.ts).
import type { Finding, Notice, SuppressedFinding } from './findings.js'
import type { ReviewResult, Side } from './review.js'
import { RULE_METAS } from './rules/catalog.js'
import type { EntryModule } from './settings/discovery.js'
import type { SettingChange } from './settings/changes.js'
import { maskFile, type MaskedFile } from './redact/file.js'
import { textMasker } from './redact/text.js'

export interface Output {
  mode: 'scan' | 'diff'
  findings: Finding[]
  notices: Notice[]
  entries: EntryModule[]
  settingChanges?: SettingChange[]
  /** In a diff: new findings silenced by suppressions the change itself adds (listed for reviewers). */
  suppressed?: SuppressedFinding[]
  /** A file's lines as they may be shown, secrets masked; undefined when the file is not known. */
  lines(path: string, side: Side): readonly string[] | undefined
}

/** The side of the review a finding's lines are read from: a fixed finding is in the base. */
export const sideOf = (f: Finding): Side => (f.baselineState === 'absent' ? 'base' : 'head')

/** Evidence is cut at this many characters (a minified line can be megabytes), after masking, so a cut never halves a secret. */
export const MAX_EVIDENCE = 240

function clip(line: string): string {
  const t = line.trim()
  return t.length <= MAX_EVIDENCE ? t : `${t.slice(0, MAX_EVIDENCE)}…`
}

export function redactForOutput(result: ReviewResult): Output {
  const files = new Map<string, MaskedFile | undefined>()
  const file = (path: string, side: Side): MaskedFile | undefined => {
    const key = `${side}\0${path}`
    if (!files.has(key)) {
      const text = result.read(path, side)
      files.set(key, text === undefined ? undefined : maskFile(path, text))
    }
    return files.get(key)
  }
  // the files shown (a finding's, on both sides of a diff) tell which values free text may quote
  for (const f of result.findings) {
    file(f.path, sideOf(f))
    if (result.mode === 'diff') file(f.path, sideOf(f) === 'head' ? 'base' : 'head')
  }
  const quotable = [...result.secrets, ...[...files.values()].flatMap((m) => m?.quotable ?? [])]
  const keep = new Set<string>([
    ...RULE_METAS.map((m) => m.id),
    ...result.findings.flatMap((f) => [f.path, ...f.affected]),
    ...result.entries.map((e) => e.path),
    ...result.notices.flatMap((n) => (n.path ? [n.path] : [])),
    ...(result.paths ?? [])
  ])
  const text = textMasker(quotable, keep)
  // a value the analysis saw as a secret is masked in file lines too, where the detector cannot see
  // it as one (a compose default: `SECRET_KEY=${SECRET_KEY:-…}`)
  const shown = new Map<string, readonly string[] | undefined>()
  const lines = (path: string, side: Side): readonly string[] | undefined => {
    const key = `${side}\0${path}`
    if (!shown.has(key)) shown.set(key, file(path, side)?.lines.map(text))
    return shown.get(key)
  }
  const redactFinding = (f: Finding): Finding => ({
    ...f,
    message: text(f.message),
    evidence: f.evidence === undefined ? undefined : clip(lines(f.path, sideOf(f))?.[f.line - 1] ?? ''),
    fix: f.fix && { description: text(f.fix.description), ...(f.fix.replacement === undefined ? {} : { replacement: text(f.fix.replacement) }) },
    notes: f.notes.map(text)
  })
  return {
    mode: result.mode,
    findings: result.findings.map(redactFinding),
    notices: result.notices.map((n) => ({ ...n, message: text(n.message) })),
    entries: result.entries,
    ...(result.suppressed ? { suppressed: result.suppressed.map((s) => ({ finding: redactFinding(s.finding), reason: text(s.reason) })) } : {}),
    ...(result.settingChanges ? { settingChanges: result.settingChanges.map((c) => ({ ...c, before: text(c.before), after: text(c.after), source: text(c.source) })) } : {}),
    lines
  }
}
