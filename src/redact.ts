// Secrets never leave the process in full: every output channel goes through a redactor built from
// the secret values the analysis saw (SECRET_KEY and SECRET_KEY_FALLBACKS literals and defaults).
import { mask } from './rules/helpers.js'
import type { Finding } from './findings.js'

export type Redactor = (text: string) => string

/** Replaces each secret by its masked form. Short values only where they stand quoted, so words survive. */
export function makeRedactor(secrets: Iterable<string>): Redactor {
  const long = [...new Set(secrets)].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length)
  const short = [...new Set(secrets)].filter((s) => s.length > 0 && s.length < 8)
  if (!long.length && !short.length) return (t) => t
  return (text: string): string => {
    let out = text
    for (const s of long) if (out.includes(s)) out = out.split(s).join(mask(s))
    for (const s of short) for (const q of ['"', "'"]) if (out.includes(q + s + q)) out = out.split(q + s + q).join(q + mask(s) + q)
    return out
  }
}

export function redactFinding(f: Finding, redact: Redactor): Finding {
  return {
    ...f,
    message: redact(f.message),
    evidence: f.evidence === undefined ? undefined : redact(f.evidence),
    fix: f.fix ? { description: redact(f.fix.description), replacement: f.fix.replacement === undefined ? undefined : redact(f.fix.replacement) } : undefined,
    notes: f.notes.map(redact)
  }
}
