import { describe, expect, it } from '@jest/globals'
import { parseConfig, pathMatcher, UsageError } from '../src/config/config.js'

describe('config', () => {
  it('reads rules, ignore-paths and fail-on', () => {
    expect(parseConfig('fail-on: medium\nrules:\n  debug-enabled: off\n  hsts-weakened: low\nignore-paths:\n  - "legacy/**"\n', 'c.yml')).toEqual({
      rules: { 'debug-enabled': 'off', 'hsts-weakened': 'low' },
      ignorePaths: ['legacy/**'],
      failOn: 'medium'
    })
    expect(parseConfig('', 'c.yml')).toEqual({ rules: {}, ignorePaths: [] })
  })

  it.each([
    ['rules:\n  debug-enabled: loud\n', 'c.yml:2: rule debug-enabled must be off or one of critical, high, medium, low'],
    ['fail-on: sometimes\n', 'c.yml:1: fail-on must be one of critical, high, medium, low, never'],
    ['colour: red\n', 'c.yml:1: unknown key "colour" (expected rules, ignore-paths, fail-on)'],
    ['rules: [a]\n', 'c.yml:1: rules must map rule ids to off or a severity'],
    ['rules:\n  a: b\n c: d\n', /^c\.yml:3: /]
  ])('rejects %j with one line naming the file and line', (text, message) => {
    expect(() => parseConfig(text, 'c.yml')).toThrow(UsageError)
    expect(() => parseConfig(text, 'c.yml')).toThrow(message)
  })

  it('matches globs: ** across folders, * and ? within one, dot files, literal ! and #', () => {
    const m = (glob: string, path: string): boolean => pathMatcher([glob])(path)
    expect(m('legacy/**', 'legacy/a/b.py')).toBe(true)
    expect(m('**/tests/*.py', 'app/tests/t.py')).toBe(true)
    expect(m('**/tests/*.py', 'tests/t.py')).toBe(true)
    expect(m('*.py', 'a/b.py')).toBe(false)
    expect(m('a.py', 'aXpy')).toBe(false)
    expect(m('deploy/*', 'deploy/.env')).toBe(true)
    expect(m('!legacy/**', 'shop/settings.py')).toBe(false)
    expect(m('#notes', '#notes')).toBe(true)
    expect(pathMatcher([])('a.py')).toBe(false)
  })

  it('matches a glob with many stars against a long name without backtracking', () => {
    // the hand-written glob-to-regex took half a minute on one 100-character name; this is 10,000
    const name = `${'a'.repeat(10000)}.py`
    expect(pathMatcher(['*a*a*a*a*b', '**/*a*a*a*a*b', '?*?*?*?*?*b'])(name)).toBe(false)
    expect(pathMatcher(['*a*a*a*a*b'])(`${'a'.repeat(10000)}b`)).toBe(true)
  }, 10000)
})
