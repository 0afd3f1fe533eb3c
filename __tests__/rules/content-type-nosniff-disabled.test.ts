import { describe, expect, it } from '@jest/globals'
import { contentTypeNosniffDisabled } from '../../src/rules/content-type-nosniff-disabled.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, CSRFM, MIDDLEWARE, SM, line, py } from './fixtures.js'

const MW = `MIDDLEWARE = ["${SM}", "${CSRFM}"]`

ruleTester(contentTypeNosniffDisabled, {
  valid: [
    { name: 'not set (Django default True since 3.0)', code: MIDDLEWARE },
    { name: 'True', code: py(MW, 'SECURE_CONTENT_TYPE_NOSNIFF = True') },
    { name: 'no SecurityMiddleware (Django hides W006)', code: py(`MIDDLEWARE = ["${CSRFM}"]`, 'SECURE_CONTENT_TYPE_NOSNIFF = False') },
    { name: 'Django defaults: empty MIDDLEWARE', code: py('DEBUG = False', 'SECURE_CONTENT_TYPE_NOSNIFF = False') },
    { name: 'django-environ default True', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = env.bool("NOSNIFF", default=True)') },
    { name: 'required env read (unknown)', code: py('import os', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = os.environ["NOSNIFF"] == "1"') },
    { name: 'off only in test settings', code: { 'proj/settings/base.py': py('DEBUG = False', MW), 'proj/settings/testing.py': py('from .base import *', 'SECURE_CONTENT_TYPE_NOSNIFF = False'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'False', code: py(MW, 'SECURE_CONTENT_TYPE_NOSNIFF = False'), findings: [{ line: 2, djangoCheck: 'security.W006', severity: 'low', message: ['SECURE_CONTENT_TYPE_NOSNIFF is False', 'nosniff'] }] },
    { name: 'None', code: py(MW, 'SECURE_CONTENT_TYPE_NOSNIFF = None'), findings: [{ line: 2, djangoCheck: 'security.W006' }] },
    { name: '1 is not True (Django: is True)', code: py(MW, 'SECURE_CONTENT_TYPE_NOSNIFF = 1'), findings: [{ line: 2, djangoCheck: 'security.W006', message: ['not the boolean True'] }] },
    { name: 'string from the environment', code: py('import os', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = os.getenv("NOSNIFF", "true")'), findings: [{ line: 3, djangoCheck: 'security.W006', message: ['cannot be switched off'] }] },
    { name: 'django-environ default False', code: py('import environ', 'env = environ.Env()', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = env.bool("SECURE_CONTENT_TYPE_NOSNIFF", default=False)'), findings: [{ line: 4, message: ['SECURE_CONTENT_TYPE_NOSNIFF unset gets False'] }] },
    { name: 'python-decouple default', code: py('from decouple import config', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = config("NOSNIFF", default="off", cast=bool)'), findings: [{ line: 3, djangoCheck: 'security.W006' }] },
    { name: 'turned off in production', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = True'), 'proj/settings/production.py': py('from .base import *', 'SECURE_CONTENT_TYPE_NOSNIFF = False') }, findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W006' }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', MW, 'SECURE_CONTENT_TYPE_NOSNIFF = False'), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 3 }] }
  ]
})

describe('content-type-nosniff-disabled in a diff', () => {
  const loosened = CLEAN + 'SECURE_CONTENT_TYPE_NOSNIFF = False  # the CDN sets it\n'

  it('a pull request that adds the line gets a new finding on it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': loosened })
    expect(brief(result)).toEqual([`content-type-nosniff-disabled@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].djangoCheck).toBe('security.W006')
  })

  it('a pull request that removes it fixes it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': loosened }, { 'mysite/settings.py': CLEAN })
    expect(brief(result)).toEqual([`content-type-nosniff-disabled@mysite/settings.py:${line(1)}[absent]`])
  })
})
