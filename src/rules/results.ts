// Rule results as findings: located, with severity from the config, a fingerprint that survives line
// moves, and one finding per location for modules that share a base module.
import { createHash } from 'node:crypto'
import { severityFor, type Config } from '../config/config.js'
import type { FileClass } from '../files/classify.js'
import type { BaselineState, Finding } from '../findings.js'
import { linesOf } from '../lines.js'
import type { EntryModule } from '../settings/discovery.js'
import type { FileSet } from '../settings/modules.js'
import type { SideAnalysis } from '../settings/side.js'
import type { FileKeyed, Keyed } from './run.js'
import type { RuleFinding, RuleMeta } from './types.js'

/** Where a diff finding is shown when not at the rule's own location, and what it adds to the notes. */
export interface Placement {
  path?: string
  line?: number
  extraNotes?: string[]
}

export type Placed = Keyed & Placement & { state?: BaselineState }

export function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
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
    evidence: linesOf(files, path)?.line(line),
    fix: raw.fix
  }
}

const PRODUCTION_SETTINGS: FileClass = { kind: 'production', why: 'production settings' }

/**
 * Turns rule results into findings, one per location: modules that share a base module get one
 * finding that names them all. The fingerprint is rule + subject + file + affected modules — not the
 * line, so a finding keeps it when lines move.
 */
export function toFindings(items: Placed[], files: FileSet, config: Config): Finding[] {
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
      fileClass: PRODUCTION_SETTINGS,
      ...(it.raw.aside ? { aside: it.raw.aside } : {})
    }
  })
}

/** File findings as findings; a line the settings rules already report as a committed SECRET_KEY is not reported twice. */
export function fileFindings(items: FileKeyed[], settingsFindings: Finding[], side: SideAnalysis, files: FileSet, config: Config, state?: BaselineState): Finding[] {
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
