import { clickjackingProtectionWeakened } from '../../src/rules/clickjacking-protection-weakened.js'
import { describe, expect, it } from '@jest/globals'
import { diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CSRFM, MIDDLEWARE, SM, XFM, cleanWith, line, py } from './fixtures.js'

ruleTester(clickjackingProtectionWeakened, {
  valid: [
    { name: 'startproject: middleware on, default DENY', code: MIDDLEWARE },
    { name: "explicit 'DENY'", code: cleanWith('X_FRAME_OPTIONS = "DENY"\n') },
    { name: 'env read with a DENY default', code: cleanWith('X_FRAME_OPTIONS = os.environ.get("X_FRAME_OPTIONS", "DENY")\n') },
    { name: 'required env read (unknown)', code: cleanWith('X_FRAME_OPTIONS = os.environ["X_FRAME_OPTIONS"]\n') },
    { name: 'middleware list unknown', code: py('from .mw import MIDDLEWARE_LIST', 'MIDDLEWARE = MIDDLEWARE_LIST', 'X_FRAME_OPTIONS = "SAMEORIGIN"') },
    {
      name: 'SAMEORIGIN only in local.py',
      code: { 'proj/settings/base.py': py('DEBUG = False') + MIDDLEWARE, 'proj/settings/local.py': py('from .base import *', 'X_FRAME_OPTIONS = "SAMEORIGIN"'), 'proj/settings/production.py': py('from .base import *') }
    },
    {
      name: "the site's nginx adds X-Frame-Options in front of the application",
      code: { 'mysite/settings.py': py(`MIDDLEWARE = ["${SM}", "${CSRFM}"]`), 'deploy/nginx.conf': 'server {\n  add_header X-Frame-Options DENY;\n  location / { proxy_pass http://web:8000; }\n}\n' }
    }
  ],
  invalid: [
    {
      name: 'an nginx configuration of development adds it: still missing',
      code: { 'mysite/settings.py': py(`MIDDLEWARE = ["${SM}", "${CSRFM}"]`), 'docker/dev/nginx.conf': 'server {\n  add_header X-Frame-Options DENY;\n  location / { proxy_pass http://web:8000; }\n}\n' },
      findings: [{ line: 1, djangoCheck: 'security.W002' }]
    },
    { name: 'middleware missing', code: py(`MIDDLEWARE = ["${SM}", "${CSRFM}"]`), findings: [{ line: 1, djangoCheck: 'security.W002', severity: 'medium', message: ['XFrameOptionsMiddleware is not in MIDDLEWARE', 'X-Frame-Options'] }] },
    { name: 'middleware missing hides W019 (as in Django)', code: py(`MIDDLEWARE = ["${SM}"]`, 'X_FRAME_OPTIONS = "SAMEORIGIN"'), findings: [{ line: 1, djangoCheck: 'security.W002' }] },
    { name: 'MIDDLEWARE not set', code: py('DEBUG = False'), findings: [{ line: 1, djangoCheck: 'security.W002' }] },
    { name: 'SAMEORIGIN', code: cleanWith('X_FRAME_OPTIONS = "SAMEORIGIN"\n'), findings: [{ line: line(1), djangoCheck: 'security.W019', severity: 'low', message: ["'SAMEORIGIN' instead of 'DENY'"] }] },
    { name: 'an invalid value is worse', code: cleanWith('X_FRAME_OPTIONS = "ALLOWALL"\n'), findings: [{ line: line(1), djangoCheck: 'security.W019', severity: 'medium', message: ['browsers do not understand'] }] },
    { name: "'deny': sent upper-cased, but Django's check compares exactly", code: cleanWith('X_FRAME_OPTIONS = "deny"\n'), findings: [{ line: line(1), djangoCheck: 'security.W019', severity: 'low', message: ['sends DENY', "exact string 'DENY'"] }] },
    { name: 'env default SAMEORIGIN', code: cleanWith('X_FRAME_OPTIONS = os.getenv("X_FRAME_OPTIONS", "SAMEORIGIN")\n'), findings: [{ line: line(1), djangoCheck: 'security.W019', message: ['X_FRAME_OPTIONS unset gets'] }] },
    { name: 'None', code: cleanWith('X_FRAME_OPTIONS = None\n'), findings: [{ line: line(1), severity: 'medium' }] },
    {
      name: 'removed in production',
      code: { 'proj/settings/base.py': py('DEBUG = False') + MIDDLEWARE, 'proj/settings/production.py': py('from .base import *', `MIDDLEWARE.remove("${XFM}")`) },
      findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W002' }]
    },
    {
      name: 'production overrides DENY from base',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'X_FRAME_OPTIONS = "DENY"') + MIDDLEWARE, 'proj/settings/production.py': py('from .base import *', 'X_FRAME_OPTIONS = "SAMEORIGIN"  # embed in the partner portal') },
      findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W019' }]
    }
  ]
})

describe('clickjacking-protection-weakened in a change', () => {
  it('adding XFrameOptionsMiddleware with SAMEORIGIN where there was none protects more: nothing new', async () => {
    const before = py(`MIDDLEWARE = ["${SM}", "${CSRFM}"]`, 'X_FRAME_OPTIONS = "SAMEORIGIN"')
    const after = py(`MIDDLEWARE = ["${SM}", "${CSRFM}", "${XFM}"]`, 'X_FRAME_OPTIONS = "SAMEORIGIN"')
    const r = await diffFiles({ 'mysite/settings.py': before }, { 'mysite/settings.py': after })
    expect(r.findings.filter((f) => f.ruleId === 'clickjacking-protection-weakened' && (f.baselineState === 'new' || f.baselineState === 'updated'))).toEqual([])
    // DENY turned into SAMEORIGIN with the middleware on both sides is still new
    const deny = await diffFiles({ 'mysite/settings.py': after.replace('SAMEORIGIN', 'DENY') }, { 'mysite/settings.py': after })
    expect(deny.findings.filter((f) => f.ruleId === 'clickjacking-protection-weakened').map((f) => f.baselineState)).toEqual(['new'])
  })
})
