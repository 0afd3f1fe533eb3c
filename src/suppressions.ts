// Inline suppressions: `# django-security: ignore[rule-id] -- reason` on the finding's line or the
// line above it (in a template: `{# django-security: ignore[rule-id] -- reason #}`). A suppression
// without a reason is not honoured: the reason is what reviewers read.
import { pathMatcher, type Config } from './config/config.js'
import { isChangedLine, type Hunk } from './diff/hunks.js'
import type { Finding, Notice, SuppressedFinding } from './findings.js'
import { linesOf } from './lines.js'
import type { FileSet } from './settings/modules.js'

const MARKER = 'django-security:'

export interface Suppression {
  rules: string[]
  reason: string
}

/** A suppression in a template or markup comment ends with the comment's closer: `{# … -- reason #}`, `<!-- … -->`. */
const CLOSERS = ['#}', '-->', '%}', '*/']

function withoutCloser(reason: string): string {
  const closer = CLOSERS.find((c) => reason.endsWith(c))
  return closer ? reason.slice(0, -closer.length).trim() : reason
}

/** Parses a suppression comment in a source line, if there is one (a `#` comment, or a Django template comment `{# … #}`). */
export function parseSuppression(line: string): Suppression | { error: string } | undefined {
  const at = line.indexOf(MARKER)
  if (at < 0) return undefined
  const rest = line.slice(at + MARKER.length).trim()
  if (!rest.startsWith('ignore[')) return { error: 'expected ignore[rule-id] after "django-security:"' }
  const close = rest.indexOf(']')
  if (close < 0) return { error: 'unclosed ignore[' }
  const rules = rest
    .slice('ignore['.length, close)
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  const after = rest.slice(close + 1).trim()
  const reason = after.startsWith('--') ? withoutCloser(after.slice(2).trim()) : ''
  if (!reason) return { error: 'a suppression needs a reason: # django-security: ignore[rule-id] -- why this is safe' }
  return { rules, reason }
}

/**
 * Drops ignored paths and suppressed findings. With `changed` (a diff: hunks by path), a suppression
 * silences a new finding only from a line the change did not touch (the base side wrote it), or from
 * the finding's own line: one the change adds there is honoured and listed in `byChange`, so reviewers
 * see it; one the change adds on the line above is not honoured.
 */
export function applySuppressions(findings: Finding[], files: FileSet, config: Config, changed?: ReadonlyMap<string, readonly Hunk[]>): { kept: Finding[]; notices: Notice[]; byChange: SuppressedFinding[] } {
  const ignored = pathMatcher(config.ignorePaths)
  const notices: Notice[] = []
  const kept: Finding[] = []
  const byChange: SuppressedFinding[] = []
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
      const s = parseSuppression(lines?.line(n) ?? '')
      if (!s) continue
      if ('error' in s) {
        notices.push({ path: f.path, line: n, message: s.error })
        continue
      }
      if (!s.rules.includes(f.ruleId) && !s.rules.includes('*')) continue
      const added = introduced && changed !== undefined && isChangedLine(changed.get(f.path) ?? [], n)
      if (added && n !== f.line) notices.push({ path: f.path, line: n, message: `not honoured for the new ${f.ruleId} finding on the next line: a suppression this change adds must be on the line it suppresses` })
      else suppressed ??= { reason: s.reason, added }
    }
    if (!suppressed) kept.push(f)
    else if (suppressed.added) byChange.push({ finding: f, reason: suppressed.reason })
  }
  return { kept, notices, byChange }
}
