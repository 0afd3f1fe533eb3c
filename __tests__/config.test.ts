import { describe, expect, it } from '@jest/globals'
import { globToRegExp, parseConfig, UsageError } from '../src/config/config.js'

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

  it('matches globs without regex backtracking traps', () => {
    expect(globToRegExp('legacy/**').test('legacy/a/b.py')).toBe(true)
    expect(globToRegExp('**/tests/*.py').test('app/tests/t.py')).toBe(true)
    expect(globToRegExp('*.py').test('a/b.py')).toBe(false)
    expect(globToRegExp('a.py').test('aXpy')).toBe(false)
  })
})
