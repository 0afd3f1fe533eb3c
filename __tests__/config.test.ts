import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, MAX_CONFIG_BYTES, parseConfig, pathMatcher, UsageError } from '../src/config/config.js'

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
    ['a wrong value', 'rules:\n  debug-enabled: loud\n', 'c.yml:2:18: rule debug-enabled must be one of off, critical, high, medium, low, not "loud"'],
    ['a wrong fail-on, with a close match', 'fail-on: hihg\n', 'c.yml:1:10: fail-on must be one of critical, high, medium, low, never, not "hihg" — did you mean "high"?'],
    ['an unknown key, with a close match', 'fail_on: high\n', 'c.yml:1:1: unknown key "fail_on" — did you mean "fail-on"? (allowed: rules, ignore-paths, paths, settings, django-version, fail-on, report, include-tests, comments, baseline)'],
    ['an unknown nested key', 'paths:\n  exlude: [a]\n', 'c.yml:2:3: unknown key "exlude" in paths — did you mean "exclude"? (allowed: include, exclude)'],
    ['an unknown rule', 'rules:\n  hsts-weakened: low\n  debug-enabeld: off\n', /^c\.yml:3:3: unknown rule "debug-enabeld" — did you mean "debug-enabled"\? \(rules: .*allowed-hosts-empty, .*debug-enabled, .*\)$/],
    ['a wrong type', 'rules: [a]\n', 'c.yml:1:8: rules must be a mapping (key: value lines), not a list'],
    ['a wrong type in a list', 'ignore-paths:\n  - legacy/**\n  - 3\n', 'c.yml:3:5: ignore-paths[1] must be a string, not 3'],
    ['a wrong boolean', 'include-tests: yes\n', 'c.yml:1:16: include-tests must be true or false, not "yes"'],
    ['a bad glob', 'paths:\n  exclude:\n    - "/legacy/**"\n', 'c.yml:3:7: paths.exclude[0]: the glob "/legacy/**" is not relative to the repository root: write "legacy/**"'],
    ['an unclosed glob', 'ignore-paths: ["a/[bc/*.py"]\n', 'c.yml:1:16: ignore-paths[0]: the glob "a/[bc/*.py" has a "[" that is never closed by "]"'],
    ['a bad version', 'django-version: four\n', 'c.yml:1:17: django-version must be a version like "4.2" or "5.1.3", not "four"'],
    ['a YAML syntax error', 'rules:\n  a: b\n c: d\n', /^c\.yml:3:\d+: YAML syntax error: /],
    ['a duplicate key', 'fail-on: high\nrules: {}\nfail-on: low\n', 'c.yml:3:1: duplicate key "fail-on": each key may appear once in a mapping'],
    ['not a mapping', '- a\n', 'c.yml:1:1: the configuration must be a mapping (key: value lines), not a list']
  ])('rejects %s with a line naming the file, line, column, what is allowed', (_name, text, message) => {
    expect(() => parseConfig(text, 'c.yml')).toThrow(UsageError)
    const got = ((): string => {
      try {
        parseConfig(text, 'c.yml')
        return ''
      } catch (e) {
        return (e as Error).message
      }
    })()
    expect(got).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message)
  })

  it('lists every problem of a file, one line each, and applies none of it', () => {
    const text = 'fail-on: low\nrules:\n  debug-enabeld: off\ncolour: red\nreport: hihg\nignore-paths: ["./old/**"]\n'
    expect(() => parseConfig(text, 'c.yml')).toThrow(
      /^c\.yml:3:3: unknown rule "debug-enabeld".*\nc\.yml:4:1: unknown key "colour".*\nc\.yml:5:9: report must be one of critical, high, medium, low, not "hihg" — did you mean "high"\?\nc\.yml:6:16: ignore-paths\[0\]: the glob "\.\/old\/\*\*" starts with "\.\/", which matches nothing: write "old\/\*\*"$/
    )
  })

  it('reads every key', () => {
    const text = [
      'rules:',
      '  debug-enabled: high',
      '  hsts-weakened: false',
      'ignore-paths: ["old/**"]',
      'paths:',
      '  include: ["src/**"]',
      '  exclude: ["legacy/**"]',
      'settings:',
      '  production: [config/settings/live.py]',
      '  non-production: [config.settings.ci]',
      'django-version: 4.10',
      'fail-on: medium',
      'report: low',
      'include-tests: true',
      'comments:',
      '  mode: summary',
      '  max-inline: 5',
      'baseline: .github/django-security-baseline.json'
    ].join('\n')
    expect(parseConfig(text, 'c.yml')).toEqual({
      rules: { 'debug-enabled': 'high', 'hsts-weakened': 'off' },
      ignorePaths: ['old/**', 'legacy/**'],
      includePaths: ['src/**'],
      settings: { production: ['config/settings/live.py'], nonProduction: ['config.settings.ci'] },
      djangoVersion: '4.10',
      failOn: 'medium',
      report: 'low',
      includeTests: true,
      comments: { mode: 'summary', maxInline: 5 },
      baseline: '.github/django-security-baseline.json'
    })
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

describe('loadConfig', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dsr-config-'))
    mkdirSync(join(root, '.github'))
    writeFileSync(join(root, 'real.yml'), 'fail-on: low\n')
    writeFileSync(join(root, 'big.yml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`)
    symlinkSync('/dev/zero', join(root, 'zero.yml'))
    execFileSync('mkfifo', [join(root, 'fifo.yml')])
    symlinkSync('fifo.yml', join(root, 'to-fifo.yml'))
    symlinkSync('../real.yml', join(root, '.github/linked.yml'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads a regular file, and follows a link that stays in the tree', () => {
    expect(loadConfig(join(root, 'real.yml'), root).failOn).toBe('low')
    expect(loadConfig(join(root, '.github/linked.yml'), root).failOn).toBe('low')
  })

  it.each([
    ['zero.yml', 'in the tree', 'a symbolic link out of the tree'],
    ['zero.yml', 'named by the user', 'not a regular file'],
    ['fifo.yml', 'in the tree', 'not a regular file'],
    ['to-fifo.yml', 'named by the user', 'not a regular file'],
    ['big.yml', 'in the tree', `over the ${MAX_CONFIG_BYTES}-byte limit`],
    ['missing.yml', 'in the tree', 'cannot be read (ENOENT)']
  ])('refuses %s (%s) at once, in one line naming the file', (name, where, why) => {
    const load = (): unknown => loadConfig(join(root, name), where === 'in the tree' ? root : undefined)
    expect(load).toThrow(UsageError)
    expect(load).toThrow(`${join(root, name)}: cannot read the configuration file: `)
    expect(load).toThrow(why)
  })

  it('a YAML bomb or a deeply nested document is a one-line error, not a crash', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n')
    for (const text of [bomb, `rules: ${'['.repeat(20000)}${']'.repeat(20000)}`]) expect(() => parseConfig(text, 'c.yml')).toThrow(UsageError)
  })
})
