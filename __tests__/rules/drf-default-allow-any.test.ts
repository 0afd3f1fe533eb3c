import { describe, expect, it } from '@jest/globals'
import { drfDefaultAllowAny } from '../../src/rules/drf-default-allow-any.js'
import { brief, diffFiles, scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

const APPS = 'INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]'
const rf = (classes: string): string => `REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ${classes}}`
const ALLOW = '"rest_framework.permissions.AllowAny"'
const AUTH = '"rest_framework.permissions.IsAuthenticated"'

ruleTester(drfDefaultAllowAny, {
  valid: [
    { name: 'DRF not installed', code: py('INSTALLED_APPS = ["django.contrib.auth"]', rf(`[${ALLOW}]`)) },
    { name: 'IsAuthenticated by default', code: py(APPS, rf(`[${AUTH}]`)) },
    { name: 'AllowAny next to IsAuthenticated: DRF requires both', code: py(APPS, rf(`(${ALLOW}, ${AUTH})`)) },
    { name: 'a project permission class', code: py(APPS, rf('["core.permissions.IsTenantMember"]')) },
    { name: 'AllowAny only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False', APPS, rf(`[${AUTH}]`)), 'proj/settings/local.py': py('from .base import *', rf(`[${ALLOW}]`)), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'REST_FRAMEWORK from an unknown source', code: py('import json, os', APPS, 'REST_FRAMEWORK = json.loads(os.environ["DRF"])') }
  ],
  invalid: [
    { name: 'AllowAny', code: py(APPS, 'REST_FRAMEWORK = {', `    "DEFAULT_PERMISSION_CLASSES": [${ALLOW}],`, '}'), findings: [{ line: 3, severity: 'medium', message: ['AllowAny', 'anonymous requests'] }] },
    { name: 'an empty list checks nothing', code: py(APPS, rf('[]')), findings: [{ line: 2, severity: 'medium', message: ['is []'] }] },
    { name: "not set: DRF's default AllowAny, low", code: py(APPS, 'REST_FRAMEWORK = {"PAGE_SIZE": 50}'), findings: [{ line: 2, severity: 'low', message: ["DRF's default, AllowAny, applies"] }] },
    { name: 'no REST_FRAMEWORK at all, low', code: py(APPS), findings: [{ line: 1, severity: 'low' }] },
    { name: 'AllowAny set in production over a guarded base', code: { 'proj/settings/base.py': py('DEBUG = False', APPS, rf(`[${AUTH}]`)), 'proj/settings/production.py': py('from .base import *', `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = [${ALLOW}]`) }, findings: [{ path: 'proj/settings/production.py', line: 2 }] }
  ]
})

describe('drf-default-allow-any in a diff', () => {
  const guarded = CLEAN + `${APPS.replace('INSTALLED_APPS =', 'INSTALLED_APPS +=')}\nREST_FRAMEWORK = {\n    "PAGE_SIZE": 50,\n    "DEFAULT_PERMISSION_CLASSES": [${AUTH}],\n}\n`
  const removed = CLEAN + `${APPS.replace('INSTALLED_APPS =', 'INSTALLED_APPS +=')}\nREST_FRAMEWORK = {\n    "PAGE_SIZE": 50,\n}\n`

  it('removing DEFAULT_PERMISSION_CLASSES is a new medium finding', async () => {
    const result = await diffFiles({ 'mysite/settings.py': guarded }, { 'mysite/settings.py': removed })
    // shown where the deleted line was
    expect(brief(result)).toEqual([`drf-default-allow-any@mysite/settings.py:${line(3)}[new]`])
    expect(result.findings[0]).toMatchObject({ severity: 'medium', message: expect.stringContaining('is removed from production settings, so DRF falls back to AllowAny') })
    expect(result.findings[0].notes.join(' ')).toContain(`This change removed \`"DEFAULT_PERMISSION_CLASSES": ['rest_framework.permissions.IsAuthenticated']\``)
  })

  it('removing the whole REST_FRAMEWORK setting is the same regression', async () => {
    const gone = CLEAN + `${APPS.replace('INSTALLED_APPS =', 'INSTALLED_APPS +=')}\n`
    const result = await diffFiles({ 'mysite/settings.py': guarded }, { 'mysite/settings.py': gone })
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.baselineState])).toEqual([['drf-default-allow-any', 'medium', 'new']])
  })

  it('installing DRF under an AllowAny default that was already there is not new: the value takes effect', async () => {
    const dormant = CLEAN + `REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": [${ALLOW}]}\n`
    const result = await diffFiles({ 'mysite/settings.py': dormant }, { 'mysite/settings.py': dormant + 'INSTALLED_APPS += ["rest_framework"]\n' })
    expect(result.findings.map((f) => [f.ruleId, f.baselineState])).toEqual([['drf-default-allow-any', 'unchanged']])
    expect(result.findings[0].notes.join(' ')).toContain('rest_framework is in INSTALLED_APPS')
  })

  it('installing DRF with no REST_FRAMEWORK at all: the low finding is not new, and says the setting is not set', async () => {
    const result = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': CLEAN + 'INSTALLED_APPS += ["rest_framework"]\n' })
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.baselineState])).toEqual([['drf-default-allow-any', 'low', 'unchanged']])
    expect(result.findings[0].message).toContain('(REST_FRAMEWORK is not set in mysite/settings.py or the modules it imports)')
    expect(result.findings[0].notes[0]).toContain('Not new: REST_FRAMEWORK is not set as before')
  })

  it('switching the default to AllowAny where it was never set is an update (low to medium)', async () => {
    const allow = CLEAN + `${APPS.replace('INSTALLED_APPS =', 'INSTALLED_APPS +=')}\nREST_FRAMEWORK = {\n    "PAGE_SIZE": 50,\n    "DEFAULT_PERMISSION_CLASSES": [${ALLOW}],\n}\n`
    const result = await diffFiles({ 'mysite/settings.py': removed }, { 'mysite/settings.py': allow })
    expect(brief(result)).toEqual([`drf-default-allow-any@mysite/settings.py:${line(4)}[updated]`])
  })
})

describe('drf-default-allow-any in a scan', () => {
  it('sets aside a default permission never set (listed with --include-tests), keeps an explicit AllowAny', async () => {
    const never = await scanFiles({ 'mysite/settings.py': CLEAN + 'INSTALLED_APPS += ["rest_framework"]\n' })
    expect(never.findings.filter((f) => f.ruleId === 'drf-default-allow-any')).toEqual([])
    expect(never.notices.map((n) => n.message).join('\n')).toContain("DRF's default permission never set")
    const open = await scanFiles({ 'mysite/settings.py': CLEAN + 'INSTALLED_APPS += ["rest_framework"]\nREST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"]}\n' })
    expect(brief(open)).toContain(`drf-default-allow-any@mysite/settings.py:${line(2)}`)
  })
})
