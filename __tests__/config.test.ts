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
    ['rules:\n  debug-enabled: loud\n', 'c.yml:2: rule debug-enabled must be off or one of critical, high, medium, low'],
    ['fail-on: sometimes\n', 'c.yml:1: fail-on must be one of critical, high, medium, low, never'],
    ['colour: red\n', 'c.yml:1: unknown key "colour" (expected rules, ignore-paths, fail-on, django-version)'],
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
