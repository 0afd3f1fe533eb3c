import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { xssFilterOff } from '../../src/rules/xss-filter-off.js'
import { scanFiles, type Files } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, CSRFM, SM, cleanWith, line, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`
/** A settings module of a project pinned to a Django release. */
const on = (version: string, settings: string): Files => ({ 'mysite/settings.py': settings, 'requirements.txt': `Django==${version}\n` })

ruleTester(xssFilterOff, {
  valid: [
    { name: 'True on 2.2', code: on('2.2.28', py(MW, 'SECURE_BROWSER_XSS_FILTER = True')) },
    { name: 'no SecurityMiddleware on 2.2 (Django hides W007)', code: on('2.2.28', py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_BROWSER_XSS_FILTER = False')) },
    { name: 'a SecurityMiddleware subclass on 2.2 (Django looks for the exact path)', code: on('2.2.28', py('MIDDLEWARE = ["shop.middleware.SecurityMiddleware"]')) },
    { name: 'unset on 3.0 (the check was removed)', code: on('3.0.14', py(MW)) },
    { name: 'False on 3.2', code: on('3.2.25', py(MW, 'SECURE_BROWSER_XSS_FILTER = False')) },
    { name: 'False on 4.2 (the setting no longer exists)', code: on('4.2.16', py(MW, 'SECURE_BROWSER_XSS_FILTER = False')) },
    { name: 'unset on 1.7 (before the deploy checks)', code: on('1.7.11', py(MW)) },
    { name: 'no pin: the newest Django is assumed', code: py(MW, 'SECURE_BROWSER_XSS_FILTER = False') },
    { name: 'required env read on 2.2 (unknown)', code: on('2.2.28', py('import os', MW, 'SECURE_BROWSER_XSS_FILTER = os.environ["XSS"] == "1"')) }
  ],
  invalid: [
    { name: 'unset on 2.2 (default False)', code: on('2.2.28', py(MW)), findings: [{ line: 1, djangoCheck: 'security.W007', severity: 'low', message: ['SECURE_BROWSER_XSS_FILTER is False', 'X-XSS-Protection', 'W007'] }] },
    { name: 'False on 2.2', code: on('2.2.28', py(MW, 'SECURE_BROWSER_XSS_FILTER = False')), findings: [{ line: 2, djangoCheck: 'security.W007' }] },
    { name: '1 on 2.2 (Django: is True)', code: on('2.2.28', py(MW, 'SECURE_BROWSER_XSS_FILTER = 1')), findings: [{ line: 2, djangoCheck: 'security.W007', message: ['not the boolean True'] }] },
    { name: 'unset on 1.11', code: on('1.11.29', py(MW)), findings: [{ line: 1, djangoCheck: 'security.W007' }] },
    { name: 'env default False on 2.2', code: on('2.2.28', py('import os', MW, 'SECURE_BROWSER_XSS_FILTER = os.environ.get("XSS", "") == "1"')), findings: [{ line: 3, djangoCheck: 'security.W007' }] }
  ]
})

describe('xss-filter-off by version', () => {
  // listed with --include-tests: a plain scan sets the finding aside (no current browser acts on the header)
  const ids = async (files: Files, djangoVersion?: string) => (await scanFiles(files, { ...defaultConfig(), includeTests: true, ...(djangoVersion ? { djangoVersion } : {}) })).findings.filter((f) => f.ruleId === 'xss-filter-off').map((f) => `${f.line} ${f.djangoCheck}`)

  it('a plain scan sets it aside: X-XSS-Protection is a header no current browser acts on', async () => {
    const r = await scanFiles(on('2.2.28', CLEAN))
    expect(r.findings.filter((f) => f.ruleId === 'xss-filter-off')).toEqual([])
    expect(JSON.stringify(r.notices)).toContain('X-XSS-Protection, a header no current browser acts on')
  })

  it('the clean settings: W007 under a 2.2 pin only', async () => {
    expect(await ids(on('2.2.28', CLEAN))).toEqual(['1 security.W007'])
    for (const v of ['3.2.25', '4.2.16', '5.2.1']) expect(await ids(on(v, CLEAN))).toEqual([])
  })

  it('--django-version decides over the pins', async () => {
    const files = on('4.2.16', cleanWith('SECURE_BROWSER_XSS_FILTER = False\n'))
    expect(await ids(files)).toEqual([])
    expect(await ids(files, '2.2')).toEqual([`${line(1)} security.W007`])
    expect(await ids(on('2.2.28', cleanWith('SECURE_BROWSER_XSS_FILTER = False\n')), '3.2')).toEqual([])
  })
})
