// Hostile shapes finish, fast, with every other finding intact: the part past a limit is unknown and
// a notice names the file. Each ran out of stack or took minutes before the limits.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { scanFiles } from '../helpers/project.js'

beforeAll(() => initPython())

/** Scans the files and times it; DEBUG = True is in every case, so debug-enabled must be found. */
async function scanTimed(files: Record<string, string>) {
  const started = performance.now()
  const r = await scanFiles(files)
  return { ms: performance.now() - started, debug: r.findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => `${f.path}:${f.line}`), notices: r.notices.map((n) => `${n.path}:${n.line}: ${n.message}`) }
}

const settings = (body: string): Record<string, string> => ({ 'mysite/settings.py': `import json, ast\nDEBUG = True\n${body}\n` })

describe('recursion limits', () => {
  it.each([
    ['an expression 3,000 terms deep (a 6 KB line)', `X = ${'('.repeat(3000)}1${')'.repeat(3000)}`],
    ['10,000 tokens on one line', `X = ${Array(5000).fill('A').join(' + ')}`],
    ['a list nested 3,000 deep', `X = ${'['.repeat(3000)}${']'.repeat(3000)}`],
    ['calls nested 3,000 deep', `X = ${'str('.repeat(3000)}1${')'.repeat(3000)}`]
  ])('%s: unknown past the limit, noted, the rest evaluated', async (_name, line) => {
    const r = await scanTimed(settings(line))
    expect(r.debug).toEqual(['mysite/settings.py:2'])
    expect(r.notices).toContain('mysite/settings.py:3: code nested more than 100 levels deep; that part is unknown')
    expect(r.ms).toBeLessThan(5000)
  })

  it.each([
    ['json.loads', 'json.loads'],
    ['ast.literal_eval', 'ast.literal_eval']
  ])('%s of a literal nested 100,000 deep', async (_name, fn) => {
    const r = await scanTimed(settings(`X = ${fn}("${'['.repeat(100000)}${']'.repeat(100000)}")`))
    expect(r.debug).toEqual(['mysite/settings.py:2'])
    expect(r.notices.join('\n')).toContain(`mysite/settings.py:3: ${fn}() of a value nested more than 100 levels deep`)
  })

  it('a star-import chain of 1,000 modules', async () => {
    const files: Record<string, string> = { 'mysite/settings.py': 'from chain.m0 import *\nDEBUG = True\n' }
    for (let i = 0; i < 1000; i++) files[`chain/m${i}.py`] = i < 999 ? `from chain.m${i + 1} import *\nX${i} = ${i}\n` : 'SECURE_SSL_REDIRECT = False\n'
    const r = await scanTimed(files)
    expect(r.debug).toEqual(['mysite/settings.py:2'])
    expect(r.notices).toContainEqual(expect.stringMatching(/^chain\/m\d+\.py:1: imports nest more than 64 modules deep here; what this module defines is unknown$/))
  })
})

describe('linear work', () => {
  it('a module with 50,000 references to a list it grows', async () => {
    const r = await scanTimed(settings(`A = "x"\nM = []\n${'M.append(A)\n'.repeat(50000)}`))
    expect(r.debug).toEqual(['mysite/settings.py:2'])
    expect(r.ms).toBeLessThan(15000)
  })

  it('2,000 branches the review cannot decide, each growing MIDDLEWARE: what every branch holds stays known', async () => {
    const body = Array.from({ length: 2000 }, (_, i) => `if flag${i}():\n    MIDDLEWARE += ["m${i}"]\nV${i} = ${i}`).join('\n')
    const started = performance.now()
    const r = await scanFiles(settings(`MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 0\n${body}`))
    expect(performance.now() - started).toBeLessThan(15000)
    // SecurityMiddleware is in every alternative, so its HSTS check applies
    expect(r.findings.filter((f) => f.ruleId === 'hsts-weakened').map((f) => f.line)).toEqual([4])
  })
})
