// Human-readable output: path:line, severity, rule id, message, a code frame, the fix.
// Text from files and file names never reaches the terminal as control characters: an escape
// sequence in a settings file or a path could rewrite what the reader sees, so each is shown escaped.
import { styleText } from 'node:util'
import { sideOf, type Output } from '../redact.js'

type Style = Parameters<typeof styleText>[0]

/** C0 and C1 controls (tab aside), DEL, and the bidirectional overrides that reorder a line on screen. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Shows control characters as `\u001b`-style escapes. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const SEVERITY_STYLE: Record<string, Style> = { critical: ['bold', 'red'], high: 'red', medium: 'yellow', low: 'cyan' }

export interface TextOptions {
  color: boolean
}

/** The finding's line and one line around it, from the file's masked lines. */
function frame(lines: readonly string[] | undefined, line: number, paint: (s: Style, t: string) => string): string[] {
  if (lines === undefined) return []
  const from = Math.max(1, line - 1)
  const to = Math.min(lines.length, line + 1)
  const width = String(to).length
  const out: string[] = []
  for (let n = from; n <= to; n++) {
    const marker = n === line ? paint('red', '>') : ' '
    const body = printable((lines[n - 1] ?? '').slice(0, 160))
    out.push(`  ${marker} ${paint('dim', String(n).padStart(width))} | ${n === line ? body : paint('dim', body)}`)
  }
  return out
}

export function formatText(output: Output, summary: string, opts: TextOptions): string {
  const { findings, notices } = output
  // validateStream: false — the caller already decided (--color, or a terminal); Node 22+ would otherwise re-check stdout
  const paint = (s: Style, t: string): string => (opts.color ? styleText(s, t, { validateStream: false }) : t)
  const out: string[] = []
  for (const f of findings) {
    const state = f.baselineState ? `  [${f.baselineState === 'absent' ? 'fixed' : f.baselineState}]` : ''
    out.push(`${paint('bold', `${printable(f.path)}:${f.line}`)}  ${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase())}  ${f.ruleId}${f.djangoCheck ? ` (${f.djangoCheck})` : ''}${state}`)
    out.push(`  ${printable(f.message)}`)
    out.push(...frame(output.lines(f.path, sideOf(f)), f.line, paint))
    if (f.fix && f.baselineState !== 'absent') {
      out.push(`  ${paint('green', 'Fix:')} ${printable(f.fix.description)}`)
      if (f.fix.replacement !== undefined) out.push(`  ${paint('green', '+')} ${printable(f.fix.replacement.trim())}`)
    }
    for (const note of f.notes) out.push(`  ${paint('dim', printable(note))}`)
    out.push('')
  }
  for (const { finding: f, reason } of output.suppressed ?? []) out.push(printable(`suppressed by this change: ${f.path}:${f.line} ${f.ruleId} (${f.severity}) -- ${reason}`))
  if (output.suppressed?.length) out.push('')
  for (const n of notices) out.push(paint('dim', printable(`notice: ${n.path ? `${n.path}${n.line ? `:${n.line}` : ''}: ` : ''}${n.message}`)))
  if (notices.length) out.push('')
  out.push(paint('bold', summary))
  return out.join('\n') + '\n'
}
