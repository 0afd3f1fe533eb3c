// SARIF 2.1.0 for GitHub code scanning: rules with help and security-severity, results with
// partial fingerprints and, in a diff, baselineState.
import type { Finding, Severity } from '../findings.js'
import { sideOf, type Output } from '../redact.js'
import { RULE_METAS } from '../rules/catalog.js'
import { ruleHelpMarkdown, ruleHelpText, ruleDocsUrl } from '../rules/docs.js'
import { TOOL_NAME, TOOL_VERSION, TOOL_URL } from '../version.js'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' }
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' }

/** `contextRegion`: the finding's lines and one line around them, from the file's masked lines. */
function context(f: Finding, lines: readonly string[] | undefined): object {
  if (!lines || f.line > lines.length) return {}
  const startLine = Math.max(1, f.line - 1)
  const endLine = Math.min(lines.length, Math.max(f.line, f.endLine) + 1)
  return { contextRegion: { startLine, endLine, snippet: { text: lines.slice(startLine - 1, endLine).join('\n') } } }
}

export function toSarif(output: Output): object {
  const { mode, findings, notices } = output
  const rules = RULE_METAS.map((meta) => ({
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.what.replace(/`/g, '') },
    helpUri: ruleDocsUrl(meta.id),
    help: { text: ruleHelpText(meta), markdown: ruleHelpMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['security', 'django'], precision: 'high', 'security-severity': SECURITY_SEVERITY[meta.severity], ...(meta.django.length ? { djangoChecks: meta.django } : {}) }
  }))
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: RULE_METAS.findIndex((m) => m.id === f.ruleId),
    level: LEVEL[f.severity],
    message: { text: [f.message, f.fix ? `Fix: ${f.fix.description}` : '', ...f.notes].filter(Boolean).join(' ') },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, endLine: Math.max(f.line, f.endLine), ...(f.evidence ? { snippet: { text: f.evidence } } : {}) },
          ...context(f, output.lines(f.path, sideOf(f)))
        }
      }
    ],
    partialFingerprints: { 'djangoSecurityReview/v1': f.fingerprint },
    ...(mode === 'diff' && f.baselineState ? { baselineState: f.baselineState } : {}),
    properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity], affected: f.affected, ...(f.djangoCheck ? { djangoCheck: f.djangoCheck } : {}) }
  }))
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_URL, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((n) => ({
              level: 'note',
              message: { text: n.message },
              ...(n.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(n.path), uriBaseId: '%SRCROOT%' }, ...(n.line ? { region: { startLine: n.line } } : {}) } }] } : {})
            }))
          }
        ]
      }
    ]
  }
}
