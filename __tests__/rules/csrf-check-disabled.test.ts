import { csrfCheckDisabled } from '../../src/rules/csrf-check-disabled.js'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { runCli } from '../../src/cli-run.js'
import { makeRepo } from '../helpers/project.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const AUTH = `from rest_framework.authentication import SessionAuthentication


class CsrfExemptSessionAuthentication(SessionAuthentication):
    def enforce_csrf(self, request):
        return  # To not perform the csrf check previously happening
`
const CHECKING = AUTH.replace('        return  # To not perform the csrf check previously happening', '        super().enforce_csrf(request)\n        log(request)')

const VIEWS = `from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication

from .auth import CsrfExemptSessionAuthentication
from .models import Order


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
    authentication_classes = (SessionAuthentication,)
`
const USING = VIEWS.replace('authentication_classes = (SessionAuthentication,)', 'authentication_classes = (CsrfExemptSessionAuthentication,)')

const SETTINGS = `SECRET_KEY = "x"
DEBUG = False
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
}
`
const DEFAULTING = SETTINGS.replace('"rest_framework.authentication.SessionAuthentication"', '"api.auth.CsrfExemptSessionAuthentication"')

treeRuleTester(csrfCheckDisabled, {
  valid: [
    { name: 'the class defined but never used', files: { 'api/auth.py': AUTH, 'api/views.py': VIEWS } },
    { name: 'an enforce_csrf that still checks', files: { 'api/auth.py': CHECKING, 'api/views.py': USING } },
    { name: 'a subclass of another authentication class', files: { 'api/auth.py': AUTH.replace('(SessionAuthentication)', '(BasicAuthentication)'), 'api/views.py': USING } },
    { name: 'in tests', files: { 'api/tests/test_auth.py': AUTH + USING } }
  ],
  invalid: [
    { name: 'used in a view', files: { 'api/auth.py': AUTH, 'api/views.py': USING }, findings: [{ path: 'api/auth.py', line: 5, severity: 'high', message: ['CsrfExemptSessionAuthentication overrides enforce_csrf to do nothing', "OrderViewSet's authentication_classes (api/views.py:10)"], fix: ['X-CSRFToken'] }] },
    { name: 'pass and None bodies', files: { 'api/auth.py': AUTH.replace('return  # To not perform the csrf check previously happening', '"""No CSRF."""\n        pass'), 'api/views.py': USING }, findings: [{ path: 'api/auth.py', line: 5 }] },
    { name: 'a default authentication class in production settings', files: { 'api/auth.py': AUTH, 'config/settings.py': DEFAULTING }, findings: [{ path: 'api/auth.py', line: 5, message: ['DEFAULT_AUTHENTICATION_CLASSES'] }] },
    {
      name: 'a subclass that inherits the empty method, used by the @authentication_classes decorator',
      files: { 'api/auth.py': AUTH + '\n\nclass ApiAuth(CsrfExemptSessionAuthentication):\n    keyword = "x"\n', 'api/views.py': '@api_view(["POST"])\n@authentication_classes([ApiAuth])\ndef pay(request):\n    return None\n' },
      findings: [{ path: 'api/auth.py', line: 5 }, { path: 'api/auth.py', line: 9, message: ['ApiAuth inherits the empty enforce_csrf of CsrfExemptSessionAuthentication'] }]
    }
  ],
  diffValid: [{ name: 'a view already using it, edited', base: { 'api/auth.py': AUTH, 'api/views.py': USING }, head: { 'api/views.py': USING.replace('Order.objects.all()', 'Order.objects.filter(paid=True)') } }],
  diffInvalid: [
    { name: 'enforce_csrf made to do nothing, in use: on the line the change wrote', base: { 'api/auth.py': CHECKING, 'api/views.py': USING }, head: { 'api/auth.py': AUTH }, findings: [{ path: 'api/auth.py', line: 6, severity: 'high' }] },
    { name: 'the class that already existed made the default authentication in production settings', base: { 'api/__init__.py': '', 'api/auth.py': AUTH, 'config/settings.py': SETTINGS }, head: { 'config/settings.py': DEFAULTING }, findings: [{ path: 'config/settings.py', line: 5, message: ['now uses CsrfExemptSessionAuthentication'] }] },
    { name: 'a view switched to the class that already existed', base: { 'api/auth.py': AUTH, 'api/views.py': VIEWS }, head: { 'api/views.py': USING }, findings: [{ path: 'api/views.py', line: 10, message: ["OrderViewSet's authentication_classes now uses CsrfExemptSessionAuthentication"] }] }
  ]
})

describe('a scan of a repository (files read as the review needs them)', () => {
  it('leaves alone a class only development settings use; with no use seen and a file unread it is still reported', async () => {
    const repo = await makeRepo()
    try {
      const files = {
        'api/__init__.py': '',
        'api/auth.py': AUTH,
        'api/views.py': VIEWS,
        'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
        'config/settings/__init__.py': '',
        'config/settings/production.py': SETTINGS,
        'config/settings/local.py': DEFAULTING,
        // over the size limit, so not read: a use of the class could hide in it
        'api/generated_tables.py': `TABLE = [\n${'    "0123456789abcdef0123456789abcdef",\n'.repeat(40_000)}]\n`
      }
      const found = async (): Promise<string[]> => {
        const out: string[] = []
        await runCli(['scan', '--repo', join(repo.dir, '.git'), '--rev', 'HEAD', '--format', 'json'], { stdout: (s) => out.push(s), stderr: () => undefined, isTTY: false, cwd: repo.dir })
        return (JSON.parse(out.join('')) as { findings: { ruleId: string; path: string }[] }).findings.filter((f) => f.ruleId === 'csrf-check-disabled').map((f) => f.path)
      }
      await repo.commit(files)
      expect(await found()).toEqual([])
      await repo.commit({ 'config/settings/local.py': null })
      expect(await found()).toEqual(['api/auth.py'])
    } finally {
      repo.cleanup()
    }
  })
})
