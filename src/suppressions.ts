// Inline suppressions: `# django-security: ignore[rule-id] -- reason` on the finding's line or on a
// comment line right above it, in any file with `#` comments (Python, YAML, .env, Dockerfiles, shell)
// and in templates as `{# django-security: ignore[rule-id] -- reason #}`. A suppression without a
// reason is not honoured: the reason is what reviewers read. In a scan, a suppression that silences
// nothing is reported, so suppressions do not outlive what they were written for.
import { pathIgnored, type Config } from './config/config.js'
import { didYouMean } from './config/suggest.js'
import { isChangedLine, type Hunk } from './diff/hunks.js'
import { classifyFile } from './files/classify.js'
import type { Finding, Notice, SuppressedFinding } from './findings.js'
import { linesOf } from './lines.js'
import { RULE_METAS } from './rules/catalog.js'
import type { FileSet } from './settings/modules.js'
import { SUPPRESSION_MARKER as MARKER } from './suppression-marker.js'

/** The comment openers a suppression may follow: `#` (Python, YAML, .env, Dockerfile), `{#` (Django/Jinja templates), `<!--` (HTML). */
const OPENER = /(?:\{#|<!--|#)\s*django-security:/
/** What closes a template or HTML comment, left out of the reason. */
const CLOSER = /\s*(?:#\}|-->)\s*$/

export interface Suppression {
  rules: string[]
  reason: string
}

/** Parses a suppression comment in a source line, if there is one (a `#` comment, or a Django template comment `{# … #}`). */
export function parseSuppression(line: string): Suppression | { error: string } | undefined {
  if (!line.includes(MARKER)) return undefined
  const m = OPENER.exec(line)
  if (!m) return undefined
  const rest = line.slice(m.index + m[0].length).replace(CLOSER, '').trim()
  if (!rest.startsWith('ignore[')) return { error: 'expected ignore[rule-id] after "django-security:"' }
  const close = rest.indexOf(']')
  if (close < 0) return { error: 'unclosed ignore[' }
  const rules = rest
    .slice('ignore['.length, close)
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  if (!rules.length) return { error: 'ignore[] names no rule: write ignore[rule-id] -- why this is safe' }
  const after = rest.slice(close + 1).trim()
  const reason = after.startsWith('--') ? after.slice(2).trim() : ''
  if (!reason) return { error: `a suppression needs a reason, so it does not suppress: # django-security: ignore[${rules.join(', ')}] -- why this is safe` }
  return { rules, reason }
}

/** A line holding nothing but a comment: a suppression there is about the line below it. */
function commentOnly(line: string): boolean {
  return /^\s*(?:#|\{#|<!--)/.test(line)
}

/** `path:line` of a suppression comment. */
const at = (path: string, line: number): string => `${path}:${line}`

/**
 * Drops ignored paths and suppressed findings. With `changed` (a diff: hunks by path), a suppression
 * silences a new finding only from a line the change did not touch (the base side wrote it), or from
 * the finding's own line: one the change adds there is honoured and listed in `byChange`, so reviewers
 * see it; one the change adds on the line above is not honoured. `used`: the suppressions that
 * silenced a finding, as `path:line`.
 */
export function applySuppressions(findings: Finding[], files: FileSet, config: Config, changed?: ReadonlyMap<string, readonly Hunk[]>): { kept: Finding[]; notices: Notice[]; byChange: SuppressedFinding[]; used: Set<string> } {
  const ignored = pathIgnored(config)
  const notices: Notice[] = []
  const told = new Set<string>()
  const kept: Finding[] = []
  const byChange: SuppressedFinding[] = []
  const used = new Set<string>()
  for (const f of findings) {
    if (ignored(f.path)) continue
    if (f.baselineState === 'absent') {
      kept.push(f)
      continue
    }
    const lines = linesOf(files, f.path)
    const introduced = f.baselineState === 'new' || f.baselineState === 'updated'
    let suppressed: { reason: string; added: boolean } | undefined
    for (const n of [f.line, f.line - 1]) {
      const text = lines?.line(n) ?? ''
      const s = parseSuppression(text)
      if (!s) continue
      if (n !== f.line && !commentOnly(text)) continue // a trailing comment is about its own line
      if ('error' in s) {
        if (!told.has(at(f.path, n))) notices.push({ path: f.path, line: n, message: s.error })
        told.add(at(f.path, n))
        continue
      }
      if (!s.rules.includes(f.ruleId) && !s.rules.includes('*')) continue
      const added = introduced && changed !== undefined && isChangedLine(changed.get(f.path) ?? [], n)
      if (added && n !== f.line) notices.push({ path: f.path, line: n, message: `not honoured for the new ${f.ruleId} finding on the next line: a suppression this change adds must be on the line it suppresses` })
      else {
        suppressed ??= { reason: s.reason, added }
        used.add(at(f.path, n))
      }
    }
    if (!suppressed) kept.push(f)
    else if (suppressed.added) byChange.push({ finding: f, reason: suppressed.reason })
  }
  return { kept, notices, byChange, used }
}

/**
 * In a scan: every suppression comment of the scanned files that silenced nothing (no finding of its
 * rules on its line, or on the next for a comment line), that names an unknown rule, or that has no
 * reason. Files whose findings a scan sets aside (tests, docs, vendored…) are left out unless listed.
 */
export function staleSuppressions(files: FileSet, paths: Iterable<string>, used: ReadonlySet<string>, told: readonly Notice[], config: Config): Notice[] {
  const ignored = pathIgnored(config)
  const known = RULE_METAS.map((m) => m.id)
  const already = new Set(told.filter((n) => n.path !== undefined && n.line !== undefined).map((n) => at(n.path as string, n.line as number)))
  const out: Notice[] = []
  for (const path of paths) {
    if (ignored(path)) continue
    const kind = classifyFile(path).kind
    if (kind === 'docs' || kind === 'vendored' || (kind !== 'production' && !config.includeTests)) continue
    // a tree source knows from its one read which files hold the marker: the others are not read again
    if (files.suppressing && !files.suppressing.has(path)) continue
    const text = files.read(path)
    if (text === undefined || !text.includes(MARKER)) continue
    const lines = linesOf(files, path)
    for (let n = 1; lines && n <= lines.count; n++) {
      const line = lines.line(n) ?? ''
      if (!line.includes(MARKER) || already.has(at(path, n))) continue
      const s = parseSuppression(line)
      if (!s) continue
      if ('error' in s) out.push({ path, line: n, message: s.error })
      else if (!used.has(at(path, n))) {
        const unknown = s.rules.filter((r) => r !== '*' && !known.includes(r))
        if (unknown.length) out.push({ path, line: n, message: `suppression of an unknown rule "${unknown[0]}"${didYouMean(unknown[0], known)}: it silences nothing` })
        else if (s.rules.some((r) => r !== '*' && config.rules[r] === 'off')) out.push({ path, line: n, message: `unused suppression of ${s.rules.join(', ')}: the rule is off in the configuration; remove the comment` })
        else out.push({ path, line: n, message: `unused suppression of ${s.rules.join(', ')}: nothing is reported ${commentOnly(line) ? 'on the next line' : 'on this line'} any more; remove the comment` })
      }
    }
  }
  return out
}
