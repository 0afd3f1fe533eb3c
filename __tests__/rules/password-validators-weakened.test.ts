import { describe, expect, it } from '@jest/globals'
import { passwordValidatorsWeakened } from '../../src/rules/password-validators-weakened.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

const V = 'django.contrib.auth.password_validation'
const SIMILARITY = `    {"NAME": "${V}.UserAttributeSimilarityValidator"},`
const MIN = (n?: number): string => `    {"NAME": "${V}.MinimumLengthValidator"${n === undefined ? '' : `, "OPTIONS": {"min_length": ${n}}`}},`
const COMMON = `    {"NAME": "${V}.CommonPasswordValidator"},`
const NUMERIC = `    {"NAME": "${V}.NumericPasswordValidator"},`
const list = (...entries: string[]): string => ['AUTH_PASSWORD_VALIDATORS = [', ...entries, ']'].join('\n') + '\n'

ruleTester(passwordValidatorsWeakened, {
  valid: [
    { name: 'not set: left to review (no passwords of its own, SSO)', code: py('DEBUG = False') },
    { name: 'the startproject four', code: list(SIMILARITY, MIN(), COMMON, NUMERIC) },
    { name: 'min_length 12', code: list(MIN(12), COMMON) },
    { name: 'min_length exactly 8', code: list(MIN(8)) },
    { name: 'empty only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False') + list(MIN(), COMMON), 'proj/settings/local.py': py('from .base import *', 'AUTH_PASSWORD_VALIDATORS = []'), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'min_length from a required env read (unknown)', code: py('import os') + list(`    {"NAME": "${V}.MinimumLengthValidator", "OPTIONS": {"min_length": int(os.environ["MIN_PASSWORD"])}},`) }
  ],
  invalid: [
    { name: 'set to an empty list', code: py('DEBUG = False', 'AUTH_PASSWORD_VALIDATORS = []'), findings: [{ line: 2, severity: 'medium', message: ['AUTH_PASSWORD_VALIDATORS is empty', 'accepts any password'] }] },
    { name: 'min_length 6', code: list(SIMILARITY, MIN(6), COMMON), findings: [{ line: 3, severity: 'medium', message: ['min_length is 6', 'below 8'] }] },
    { name: 'min_length from an env default of 4', code: py('import os') + list(`    {"NAME": "${V}.MinimumLengthValidator", "OPTIONS": {"min_length": int(os.getenv("MIN_PASSWORD", "4"))}},`), findings: [{ line: 3, message: ['min_length is 4'] }] },
    { name: 'emptied in production', code: { 'proj/settings/base.py': py('DEBUG = False') + list(MIN(), COMMON), 'proj/settings/production.py': py('from .base import *', 'AUTH_PASSWORD_VALIDATORS = []  # SSO only') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] }
  ]
})

describe('password-validators-weakened in a diff', () => {
  const settings = (...entries: string[]): Record<string, string> => ({ 'mysite/settings.py': CLEAN + list(...entries) })

  it('each removed validator is new, named, and points where it was', async () => {
    const result = await diffFiles(settings(SIMILARITY, MIN(), COMMON, NUMERIC), settings(SIMILARITY, MIN()))
    // the engine shows a removal at the line the change deleted it from
    expect(brief(result)).toEqual([`password-validators-weakened@mysite/settings.py:${line(3)}[new]`, `password-validators-weakened@mysite/settings.py:${line(3)}[new]`])
    expect(result.findings.map((f) => f.message.split(' ')[0]).sort()).toEqual(['CommonPasswordValidator', 'NumericPasswordValidator'])
    expect(result.findings[0].message).toContain('are now accepted')
  })

  it('emptying the list is one finding that names what was there', async () => {
    const result = await diffFiles(settings(MIN(), COMMON), { 'mysite/settings.py': CLEAN + 'AUTH_PASSWORD_VALIDATORS = []\n' })
    expect(brief(result)).toEqual([`password-validators-weakened@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].message).toContain('is emptied in production (it had 2 validators: MinimumLengthValidator, CommonPasswordValidator)')
  })

  it('min_length lowered from 12 to 10 is low; to 6 is medium', async () => {
    const to10 = await diffFiles(settings(MIN(12)), settings(MIN(10)))
    expect(brief(to10)).toEqual([`password-validators-weakened@mysite/settings.py:${line(2)}[new]`])
    expect(to10.findings[0]).toMatchObject({ severity: 'low', message: expect.stringContaining('lowered from 12 to 10') })
    const to6 = await diffFiles(settings(MIN(12)), settings(MIN(6)))
    expect(brief(to6)).toEqual([`password-validators-weakened@mysite/settings.py:${line(2)}[new]`])
    expect(to6.findings[0]).toMatchObject({ severity: 'medium', message: expect.stringContaining('lowered from 12 to 6') })
  })

  it('dropping the OPTIONS of min_length 12 falls back to 8: lowered', async () => {
    const result = await diffFiles(settings(MIN(12)), settings(MIN()))
    expect(result.findings.map((f) => [f.baselineState, f.severity, f.message.includes('lowered from 12 to 8')])).toEqual([['new', 'low', true]])
  })

  it('lowered while already short is an update of the old finding, not a second one', async () => {
    const result = await diffFiles(settings(MIN(6)), settings(MIN(4)))
    expect(brief(result)).toEqual([`password-validators-weakened@mysite/settings.py:${line(2)}[updated]`])
  })

  it('raising min_length is no finding', async () => {
    const result = await diffFiles(settings(MIN(8)), settings(MIN(12)))
    expect(brief(result)).toEqual([])
  })
})
