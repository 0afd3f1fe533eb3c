import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { csrfFailureViewBroken } from '../../src/rules/csrf-failure-view-broken.js'
import { brief, diffFiles, scanFiles, type Files } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

/** Settings naming `view` as CSRF_FAILURE_VIEW (line 2), with mysite/views.py holding `views`. */
function withView(view: string, ...views: string[]): Files {
  return { 'mysite/settings.py': py('DEBUG = False', `CSRF_FAILURE_VIEW = ${JSON.stringify(view)}`), ...(views.length ? { 'mysite/views.py': py(...views) } : {}) }
}

ruleTester(csrfFailureViewBroken, {
  valid: [
    { name: "Django's default (not set)", code: py('DEBUG = False') },
    { name: "Django's own view, named", code: withView('django.views.csrf.csrf_failure') },
    { name: 'def f(request, reason="")', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason=""):', '    pass') },
    { name: 'def f(request, reason)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason):', '    pass') },
    { name: 'def f(*args, **kwargs)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(*args, **kwargs):', '    pass') },
    { name: 'def f(request, **kwargs)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, **kwargs):', '    pass') },
    { name: 'def f(request, *, reason) (keyword-only reason)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, *, reason):', '    pass') },
    { name: 'def f(request, reason="", template_name="403_csrf.html") (Django\'s own signature)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason="", template_name="403_csrf.html"):', '    pass') },
    { name: 'typed parameters', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request: "HttpRequest", reason: str = "") -> "HttpResponse":', '    pass') },
    { name: "decorated with Django's requires_csrf_token (functools.wraps keeps the signature)", code: withView('mysite.views.csrf_failure', 'from django.views.decorators.csrf import requires_csrf_token', '', '@requires_csrf_token', 'def csrf_failure(request, reason=""):', '    pass') },
    { name: 'def f(request) under a decorator of its own (the signature is unknown)', code: withView('mysite.views.csrf_failure', 'from .utils import log_calls', '', '@log_calls', 'def csrf_failure(request):', '    pass') },
    { name: 'a class-based view: View.as_view() (newest Django)', code: withView('mysite.views.csrf_failure', 'from django.views import View', '', 'class CsrfFailure(View):', '    def get(self, request, reason=""):', '        pass', '', 'csrf_failure = CsrfFailure.as_view()') },
    { name: 'a class instance', code: withView('mysite.views.csrf_failure', 'class Failure:', '    def __call__(self, request):', '        pass', '', 'csrf_failure = Failure()') },
    { name: 'defined on one branch only', code: withView('mysite.views.csrf_failure', 'import sys', 'if sys.version_info > (3,):', '    def csrf_failure(request):', '        pass') },
    { name: 'an installed package (not judged)', code: withView('csrf_pages.views.failure') },
    { name: 'a module that writes globals() at module level (the name may come from there)', code: withView('mysite.views.csrf_failure', 'for _name in ["csrf_failure"]:', '    globals()[_name] = lambda request, reason="": None') },
    { name: 'a module that star-imports (the name may come from there)', code: withView('mysite.views.csrf_failure', 'from .base_views import *') },
    { name: 'a re-export of a good function', code: { ...withView('mysite.views.csrf_failure', 'from .errors import csrf_failure'), 'mysite/errors.py': py('def csrf_failure(request, reason=""):', '    pass') } },
    { name: 'def f(request) only in test settings', code: { 'mysite/settings/base.py': py('DEBUG = False'), 'mysite/settings/test.py': py('from .base import *', 'CSRF_FAILURE_VIEW = "mysite.views.csrf_failure"'), 'mysite/settings/production.py': py('from .base import *'), 'mysite/views.py': py('def csrf_failure(request):', '    pass') } }
  ],
  invalid: [
    { name: 'def f(request) (no reason)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', severity: 'low', message: ["'mysite.views.csrf_failure'", 'def csrf_failure(request)', 'mysite/views.py:1', 'no `reason`'] }] },
    { name: 'def f(request) in a module whose functions call setattr (only module-level code can define names unseen)', code: withView('mysite.views.csrf_failure', 'def helper(request):', '    setattr(request, "_dont_enforce_csrf_checks", True)', '', '', 'def csrf_failure(request):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101' }] },
    { name: 'def f() (no arguments: Django\'s test row 19)', code: withView('mysite.views.csrf_failure', 'def csrf_failure():', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', message: ['no positional argument'] }] },
    { name: 'def f(request, reason, extra) (a third required parameter)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason, extra):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', message: ['also requires `extra`'] }] },
    { name: 'def f(reason, request=None) (reason first)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(reason, request=None):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', message: ['first parameter is `reason`'] }] },
    { name: 'def f(request, reason, /) (positional-only reason)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason, /):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', message: ['def csrf_failure(request, reason, /)'] }] },
    { name: 'def f(request, reason="", *, extra) (a keyword-only parameter without a default)', code: withView('mysite.views.csrf_failure', 'def csrf_failure(request, reason="", *, extra):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E101', message: ['def csrf_failure(request, reason=…, *, extra)', 'also requires `extra`'] }] },
    { name: "'' (Django's test row 18)", code: withView(''), findings: [{ line: 2, djangoCheck: 'security.E102', message: ['cannot import', 'empty'] }] },
    { name: 'not a dotted path', code: withView('csrf_failure'), findings: [{ line: 2, djangoCheck: 'security.E102', message: ['not a dotted path'] }] },
    { name: 'a module whose package is missing from the repository', code: withView('mysite.handlers.errors.csrf_failure', 'def other(request):', '    pass'), findings: [{ line: 2, djangoCheck: 'security.E102', message: ['no module `mysite.handlers`'] }] },
    { name: 'a missing module of a package that imports (ViewDoesNotExist: no check id)', code: withView('mysite.errors.csrf_failure', 'def other(request):', '    pass'), findings: [{ line: 2, severity: 'low', message: ['has no module `errors`', 'ViewDoesNotExist'] }] },
    { name: 'a module without the function (ViewDoesNotExist: no check id)', code: withView('mysite.views.csrf_failure', 'def other(request, reason=""):', '    pass'), findings: [{ line: 2, message: ['mysite/views.py defines no `csrf_failure`', 'ViewDoesNotExist'] }] },
    { name: 'a constant, not a function', code: withView('mysite.views.csrf_failure', 'csrf_failure = None'), findings: [{ line: 2, message: ['is None, not a function'] }] },
    { name: 'a re-export of a function with the wrong signature', code: { ...withView('mysite.views.csrf_failure', 'from .errors import csrf_failure'), 'mysite/errors.py': py('def csrf_failure(request):', '    pass') }, findings: [{ line: 2, djangoCheck: 'security.E101', message: ['mysite/errors.py:1'] }] },
    { name: 'env default a missing view', code: { ...withView('x'), 'mysite/settings.py': py('import os', 'DEBUG = False', 'CSRF_FAILURE_VIEW = os.environ.get("CSRF_VIEW", "")') }, findings: [{ line: 3, djangoCheck: 'security.E102', message: ['CSRF_VIEW unset gets'] }] },
    {
      name: "a class-based view on Django 3.2: its check reads dispatch's signature (ticket #34695)",
      code: { ...withView('mysite.views.csrf_failure', 'from django.views.generic import TemplateView', '', 'class CsrfFailure(TemplateView):', '    template_name = "403_csrf.html"', '', 'csrf_failure = CsrfFailure.as_view()'), 'requirements.txt': 'Django==3.2.25\n' },
      findings: [{ line: 2, djangoCheck: 'security.E101', severity: 'low', message: ['misreads the view it names, `CsrfFailure.as_view()` (mysite/views.py:3), which works', '#34695', 'Django 3.2.25'] }]
    },
    { name: 'inherited from a base module', code: { 'mysite/settings/base.py': py('DEBUG = False', 'CSRF_FAILURE_VIEW = "mysite.views.csrf_failure"'), 'mysite/settings/production.py': py('from .base import *'), 'mysite/views.py': py('def csrf_failure():', '    pass') }, findings: [{ path: 'mysite/settings/base.py', line: 2, djangoCheck: 'security.E101' }] }
  ]
})

describe('csrf-failure-view-broken by version', () => {
  const broken = { ...withView('mysite.views.csrf_failure', 'def csrf_failure(request):', '    pass') }
  const ids = async (files: Files, djangoVersion: string) => (await scanFiles(files, { ...defaultConfig(), djangoVersion })).findings.filter((f) => f.ruleId === 'csrf-failure-view-broken').map((f) => `${f.line} ${f.djangoCheck ?? '-'}`)

  it('a class-based view: E101 under 3.2 only (4.0 fixed as_view(), before 3.2 nothing checks it, and it works)', async () => {
    const files = withView('mysite.views.csrf_failure', 'from django.views import View', '', 'class CsrfFailure(View):', '    def get(self, request, reason=""):', '        pass', '', 'csrf_failure = CsrfFailure.as_view()')
    expect(await ids(files, '3.2')).toEqual(['2 security.E101'])
    expect(await ids(files, '2.2')).toEqual([])
    expect(await ids(files, '4.2')).toEqual([])
    // a dispatch of its own, or a project base class that may have one: not judged
    expect(await ids({ ...files, 'mysite/views.py': files['mysite/views.py'].replace('    def get(', '    def dispatch(self, *args, **kwargs):\n        pass\n\n    def get(') }, '3.2')).toEqual([])
  })

  it("Django's check ids from 3.2; before, the same view is reported without one", async () => {
    expect(await ids(broken, '3.2')).toEqual(['2 security.E101'])
    expect(await ids(broken, '5.2')).toEqual(['2 security.E101'])
    expect(await ids(broken, '2.2')).toEqual(['2 -'])
  })
})

describe('csrf-failure-view-broken in a diff', () => {
  const settings = CLEAN + 'CSRF_FAILURE_VIEW = "shop.views.csrf_failure"\n'
  const good = py('def csrf_failure(request, reason=""):', '    pass')
  const bad = py('def csrf_failure(request):', '    pass')

  it('a change to the view module alone that drops `reason` is new, on the setting', async () => {
    const result = await diffFiles({ 'shop/settings.py': settings, 'shop/views.py': good, 'shop/__init__.py': '' }, { 'shop/views.py': bad })
    expect(brief(result).filter((b) => b.startsWith('csrf-failure-view-broken'))).toEqual([`csrf-failure-view-broken@shop/settings.py:${line(1)}[new]`])
  })

  it('a change to the settings alone that names an unchanged view module reads that module (new)', async () => {
    const result = await diffFiles({ 'shop/settings.py': CLEAN, 'shop/views.py': bad, 'shop/__init__.py': '' }, { 'shop/settings.py': settings })
    const found = result.findings.filter((f) => f.ruleId === 'csrf-failure-view-broken')
    expect(brief(result).filter((b) => b.startsWith('csrf-failure-view-broken'))).toEqual([`csrf-failure-view-broken@shop/settings.py:${line(1)}[new]`])
    expect(found[0].djangoCheck).toBe('security.E101')
    expect(found[0].message).toContain('shop/views.py:1')
  })

  it('a change that fixes the signature fixes it', async () => {
    const result = await diffFiles({ 'shop/settings.py': settings, 'shop/views.py': bad, 'shop/__init__.py': '' }, { 'shop/views.py': good })
    expect(brief(result).filter((b) => b.startsWith('csrf-failure-view-broken'))).toEqual([`csrf-failure-view-broken@shop/settings.py:${line(1)}[absent]`])
  })
})
