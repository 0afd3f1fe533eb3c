// Inputs shaped to exhaust time or memory finish, and every other finding is still reported.
// The engine runs in-process on the real parser; the timeouts are safety nets, not measurements
// (npm run bench measures how time and memory grow with these shapes).
import { describe, expect, it } from '@jest/globals'
import { MAX_EVIDENCE } from '../../src/redact.js'
import { scanFiles } from '../helpers/project.js'

const token = (i: number): string => `ghp_${`${i.toString(36)}Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2x`.slice(0, 36)}`
const ids = (r: Awaited<ReturnType<typeof scanFiles>>): string[] => r.findings.map((f) => `${f.ruleId}:${f.path}:${f.line}`)

describe('exhaustion', () => {
  it('10,000 tokens on one line', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `DEBUG = True\nX = [${Array.from({ length: 10_000 }, (_, i) => i).join(', ')}]\n` })
    expect(ids(r)).toContain('debug-enabled:mysite/settings.py:1')
  }, 60000)

  it('a settings module with 50,000 references', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `A0 = False\n${Array.from({ length: 50_000 }, (_, i) => `A${i + 1} = A${i}`).join('\n')}\nDEBUG = not A50000\n` })
    expect(ids(r)).toContain('debug-enabled:mysite/settings.py:50002')
  }, 60000)

  it('float() of a long run of digits (the float pattern was quadratic)', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `DEBUG = True\nSECURE_HSTS_SECONDS = float("${'1'.repeat(300_000)}x")\n` })
    expect(ids(r)).toContain('debug-enabled:mysite/settings.py:1')
  }, 30000)

  it('a mechanical fix for a line padded with spaces (the fix pattern was quadratic)', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_CONTENT_TYPE_NOSNIFF = False${' '.repeat(300_000)}or False\n` })
    const nosniff = r.findings.find((f) => f.ruleId === 'content-type-nosniff-disabled')
    expect(nosniff?.fix?.replacement).toBe('SECURE_CONTENT_TYPE_NOSNIFF = True')
  }, 30000)

  it('thousands of secrets on one minified line: each finding carries a short, masked evidence', async () => {
    const n = 2000
    const line = `{${Array.from({ length: n }, (_, i) => `"t${i}": "${token(i)}"`).join(', ')}}`
    const r = await scanFiles({ 'config/tokens.json': line })
    expect(r.findings).toHaveLength(n)
    for (const f of r.findings) {
      expect(f.evidence?.length).toBeLessThanOrEqual(MAX_EVIDENCE + 1)
      expect(f.evidence).not.toMatch(/ghp_[A-Za-z0-9]{6}/)
    }
  }, 60000)
})
