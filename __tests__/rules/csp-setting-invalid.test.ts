import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { cspSettingInvalid } from '../../src/rules/csp-setting-invalid.js'
import { scanFiles, type Files } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { cleanWith, line, py } from './fixtures.js'

/** A settings module of a project pinned to a Django release. */
const on = (version: string, settings: string): Files => ({ 'mysite/settings.py': settings, 'requirements.txt': `Django==${version}\n` })

ruleTester(cspSettingInvalid, {
  valid: [
    { name: 'a dict of directives on 6.0', code: on('6.0.1', py('DEBUG = False', 'from django.utils.csp import CSP', 'SECURE_CSP = {"default-src": [CSP.SELF]}')) },
    { name: 'None on 6.0 (no policy)', code: on('6.0.1', py('DEBUG = False', 'SECURE_CSP = None', 'SECURE_CSP_REPORT_ONLY = None')) },
    { name: 'unset on 6.0 (default {})', code: on('6.0.1', py('DEBUG = False')) },
    { name: 'a header string on 5.2 (Django ignores the setting before 6.0)', code: on('5.2.8', py('DEBUG = False', 'SECURE_CSP = "default-src \'self\'"')) },
    { name: 'required env read on 6.0 (unknown)', code: on('6.0.1', py('DEBUG = False', 'import os', 'SECURE_CSP = os.environ["CSP"]')) }
  ],
  invalid: [
    { name: 'a header string on 6.0', code: on('6.0.1', py('DEBUG = False', 'SECURE_CSP = "default-src \'self\'"')), findings: [{ line: 2, djangoCheck: 'security.E026', message: ['not a dictionary', 'Content-Security-Policy header'] }] },
    { name: 'an empty list for the report-only policy on 6.0 (falsy, still not a dict)', code: on('6.0.1', py('DEBUG = False', 'SECURE_CSP_REPORT_ONLY = []')), findings: [{ line: 2, djangoCheck: 'security.E026', message: ['SECURE_CSP_REPORT_ONLY is []', 'Report-Only'] }] },
    { name: 'both on 6.0: one finding each', code: on('6.0.1', py('DEBUG = False', 'SECURE_CSP = True', 'SECURE_CSP_REPORT_ONLY = ""')), findings: [{ line: 2, djangoCheck: 'security.E026' }, { line: 3, djangoCheck: 'security.E026' }] },
    { name: 'no pin: the newest Django (6.0) is assumed', code: py('DEBUG = False', 'SECURE_CSP = "default-src \'self\'"'), findings: [{ line: 2, djangoCheck: 'security.E026' }] }
  ]
})

describe('csp-setting-invalid by version', () => {
  it('E026 from 6.0 on, whatever --django-version says against the pins', async () => {
    const ids = async (files: Files, djangoVersion?: string) => (await scanFiles(files, { ...defaultConfig(), ...(djangoVersion ? { djangoVersion } : {}) })).findings.filter((f) => f.ruleId === 'csp-setting-invalid').map((f) => `${f.line} ${f.djangoCheck}`)
    const string = cleanWith('SECURE_CSP = "default-src \'self\'"\n')
    expect(await ids(on('6.0.1', string))).toEqual([`${line(1)} security.E026`])
    for (const v of ['3.2.25', '4.2.16', '5.2.8']) expect(await ids(on(v, string))).toEqual([])
    expect(await ids(on('6.0.1', string), '5.2')).toEqual([])
  })
})
