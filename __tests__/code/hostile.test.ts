// Hostile code for the code rules: deep nesting, many sinks, long chains. Each must finish quickly
// through the whole scan (the pull request's files are attacker-controlled input).
import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { scanFiles } from '../helpers/project.js'

async function timed(files: Record<string, string>): Promise<{ ms: number; rules: string[] }> {
  const start = Date.now()
  // --include-tests: a scan sets the template and mark_safe findings aside, and they are what is counted here
  const r = await scanFiles(files, { ...defaultConfig(), includeTests: true })
  return { ms: Date.now() - start, rules: r.findings.map((f) => f.ruleId) }
}

describe('code rules on hostile input', () => {
  it('expressions nested past the parser limit inside a sink', async () => {
    const deep = `${'f('.repeat(300)}x${')'.repeat(300)}`
    const { ms } = await timed({ 'app/views.py': `def v(request, x):\n    cursor.execute("SELECT " + ${deep})\n    return mark_safe(${deep})\n` })
    expect(ms).toBeLessThan(10_000)
  })

  it('thousands of sinks fed by one long chain of +', async () => {
    const chain = Array.from({ length: 200 }, (_, i) => `a${i}`).join(' + ')
    const body = Array.from({ length: 2000 }, () => '    cursor.execute("SELECT " + q)\n    format_html(q)\n').join('')
    const { ms, rules } = await timed({ 'app/views.py': `def v(request, ${Array.from({ length: 200 }, (_, i) => `a${i}`).join(', ')}):\n    q = ${chain}\n${body}` })
    // at most 200 findings of a rule in one file
    expect(rules.filter((r) => r === 'raw-sql-string-formatting')).toHaveLength(200)
    expect(ms).toBeLessThan(20_000)
  })

  it('a template of unclosed tags and a very long line', async () => {
    const { ms, rules } = await timed({ 'app/templates/x.html': `${'{{ x|safe '.repeat(50_000)}\n${'{% autoescape off %}'.repeat(20_000)}\n${'{{ y|safe }}\n'.repeat(5000)}` })
    expect(ms).toBeLessThan(10_000)
    // one per line, at most 200 per file
    expect(rules.filter((r) => r === 'template-unescaped-output')).toHaveLength(200)
  })
})
