// Machine-readable output for scripts: the findings as they are, plus notices and counts.
import type { Finding, Notice, SuppressedFinding } from '../findings.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

export function formatJson(mode: 'scan' | 'diff', findings: Finding[], notices: Notice[], summary: string, failed: boolean, suppressed: SuppressedFinding[] = []): string {
  return JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION, mode, summary, failed, findings, notices, suppressed }, null, 2) + '\n'
}
