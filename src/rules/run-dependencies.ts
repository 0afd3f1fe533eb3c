// Running the dependency rules: on the pins of a tree (scan), or on both sides of a change (diff),
// where a head finding is new when the base had none for that pin or covered less (a downgrade, a
// widened range), unchanged when it covers nothing more, and a base finding gone is absent.
import { severityFor, type Config } from '../config/config.js'
import { dependencyFileClass } from '../deps/files.js'
import { judgedPins } from '../deps/judged.js'
import { installedInProduction } from '../deps/installed.js'
import { djangoPins } from '../deps/pins.js'
import type { DjangoPin } from '../deps/types.js'
import type { Deployment } from '../deploy/types.js'
import { severityRank, type BaselineState, type Finding, type Notice } from '../findings.js'
import { linesOf } from '../lines.js'
import type { FileSet } from '../settings/modules.js'
import { DEPENDENCY_RULES, type DependencyFinding, type DependencyRule } from './dependency-rules.js'
import { fingerprint } from './results.js'

/** One side of a change: its files and the deployments they describe. */
interface SideFiles {
  files: FileSet
  deployments: readonly Deployment[]
}

interface Result {
  rule: DependencyRule
  raw: DependencyFinding
}

/** The pins of the files production images install (and what those include), when a production Dockerfile says which. */
function installedPins(files: FileSet, deployments: readonly Deployment[]): DjangoPin[] {
  const found = djangoPins(files)
  const installed = found.pins.length ? installedInProduction(files, deployments) : undefined
  if (!installed) return found.pins
  const queue = [...installed]
  for (const path of queue) {
    for (const inc of found.includes.get(path) ?? []) {
      if (installed.has(inc)) continue
      installed.add(inc)
      queue.push(inc)
    }
  }
  return found.pins.filter((p) => installed.has(p.path))
}

function runOn(files: FileSet, config: Config, today: Date, deployments: readonly Deployment[]): Result[] {
  const pins = judgedPins(installedPins(files, deployments))
  if (!pins.length) return []
  const ctx = { pins, today, lineText: (path: string, line: number) => linesOf(files, path)?.line(line) }
  const results = DEPENDENCY_RULES.filter((r) => config.rules[r.meta.id] !== 'off').flatMap((rule) => rule.check(ctx).map((raw) => ({ rule, raw })))
  // several pins of one file (markers, `||` alternatives, a lock's forks): distinct subjects, so distinct fingerprints
  const seen = new Map<string, number>()
  return results.map((r) => {
    const key = `${r.rule.meta.id}|${r.raw.loc.path}|${r.raw.subject}`
    const n = (seen.get(key) ?? 0) + 1
    seen.set(key, n)
    return n === 1 ? r : { ...r, raw: { ...r.raw, subject: `${r.raw.subject}#${n}` } }
  })
}

function toFinding(r: Result, files: FileSet, config: Config, state?: BaselineState, extraNotes: string[] = []): Finding {
  const { meta } = r.rule
  const { loc } = r.raw
  return {
    ruleId: meta.id,
    severity: severityFor(config, meta.id, r.raw.severity ?? meta.severity),
    path: loc.path,
    line: loc.line,
    endLine: loc.endLine,
    message: r.raw.message,
    evidence: linesOf(files, loc.path)?.line(loc.line),
    fix: r.raw.fix,
    fingerprint: fingerprint([meta.id, r.raw.subject, loc.path]),
    ...(state ? { baselineState: state } : {}),
    affected: [],
    notes: [...extraNotes, ...(r.raw.notes ?? [])],
    fileClass: dependencyFileClass(loc.path)
  }
}

/** Scan: what the tree's pins admit now (`deployments`: what the tree describes, for the files production installs). */
export function scanDependencies(files: FileSet, config: Config, deployments: readonly Deployment[], today = new Date()): Finding[] {
  return runOn(files, config, today, deployments).map((r) => toFinding(r, files, config))
}

/** Notes for dependency files that could not be read (one line each, naming the file). */
export function dependencyNotices(files: FileSet, only?: ReadonlySet<string>): Notice[] {
  // a broken pyproject.toml among test fixtures says nothing about what production installs
  return djangoPins(files).notices.filter((n) => n.path !== undefined && dependencyFileClass(n.path).kind === 'production' && (!only || only.has(n.path)))
}

const severityOf = (r: Result): number => severityRank(r.raw.severity ?? r.rule.meta.severity)

/** Diff: head findings against base findings of the same rule and file (or, for a pin moved to another file, any file). */
export function reviewDependencies(head: SideFiles, base: SideFiles, changed: ReadonlySet<string>, config: Config, today = new Date()): Finding[] {
  const headResults = runOn(head.files, config, today, head.deployments)
  const baseResults = runOn(base.files, config, today, base.deployments)
  const out: Finding[] = []
  const matched = new Set<Result>()
  for (const h of headResults) {
    const same = (b: Result): boolean => b.rule === h.rule && b.raw.subject === h.raw.subject
    const before = baseResults.find((b) => same(b) && b.raw.loc.path === h.raw.loc.path) ?? baseResults.find((b) => same(b) && !matched.has(b) && !headResults.some((x) => x !== h && x.rule === b.rule && x.raw.loc.path === b.raw.loc.path))
    if (!before) {
      out.push(toFinding(h, head.files, config, 'new'))
      continue
    }
    matched.add(before)
    const gained = h.raw.covers.filter((c) => !before.raw.covers.includes(c))
    if (gained.length) out.push(toFinding(h, head.files, config, 'new', [`Before this change the pin was ${before.raw.loc.path}:${before.raw.loc.line}; the change newly admits ${gained.length} of these (${gained.slice(0, 6).join(', ')}${gained.length > 6 ? ', …' : ''}).`]))
    else if (severityOf(h) > severityOf(before)) out.push(toFinding(h, head.files, config, 'updated', [`Before this change: ${before.raw.message}`]))
    else if (changed.has(h.raw.loc.path)) out.push(toFinding(h, head.files, config, 'unchanged'))
  }
  // base findings the change fixed (an upgrade), where it touched the file
  for (const b of baseResults) if (!matched.has(b) && changed.has(b.raw.loc.path) && !headResults.some((h) => h.rule === b.rule && h.raw.loc.path === b.raw.loc.path)) out.push(toFinding(b, base.files, config, 'absent'))
  return out
}
