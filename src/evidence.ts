// A finding's evidence (the line it points at) as it leaves the process: redacted once per line,
// then trimmed and cut. Cut after redaction, so a cut never leaves half a secret the redactor would
// no longer recognise; once per line, so a minified line holding thousands of findings is not
// redacted (or held) thousands of times.
import type { Finding } from './findings.js'
import { redactFinding, type Redactor } from './redact.js'

/** Evidence is cut at this many characters (a minified line can be megabytes). */
export const MAX_EVIDENCE = 240

function clip(text: string): string {
  const t = text.trim()
  return t.length <= MAX_EVIDENCE ? t : `${t.slice(0, MAX_EVIDENCE)}…`
}

/** Findings redacted for output, evidence included. */
export function redactFindings(findings: Finding[], redact: Redactor): Finding[] {
  const shown = new Map<string, string>()
  return findings.map((f) => {
    if (f.evidence === undefined) return redactFinding(f, redact)
    const key = `${f.baselineState === 'absent' ? 'base' : 'head'}\0${f.path}\0${f.line}`
    let evidence = shown.get(key)
    if (evidence === undefined) shown.set(key, (evidence = clip(redact(f.evidence))))
    return { ...redactFinding({ ...f, evidence: undefined }, redact), evidence }
  })
}
