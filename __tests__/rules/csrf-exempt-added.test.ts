import { describe, expect, it } from '@jest/globals'
import { csrfExemptAdded } from '../../src/rules/csrf-exempt-added.js'
import { diffFiles } from '../helpers/project.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const VIEWS = `from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt


@login_required
def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})
`

const EXEMPT = VIEWS.replace('@login_required\ndef update_profile', '@csrf_exempt\n@login_required\ndef update_profile')

const WEBHOOK = `import hmac
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def stripe_webhook(request):
    signature = request.headers["Stripe-Signature"]
    event = stripe.Webhook.construct_event(request.body, signature, settings.STRIPE_WEBHOOK_SECRET)
    return HttpResponse(status=200)
`

const CLASS_VIEW = `from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt


@method_decorator(csrf_exempt, name="dispatch")
class OrderView(View):
    def post(self, request):
        return None


class CartView(View):
    @method_decorator(csrf_exempt)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)
`

const URLS = `from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from . import views

urlpatterns = [
    path("orders/", views.OrderView.as_view()),
    path("api/graphql/", csrf_exempt(GraphQLView.as_view(graphiql=True))),
    path("legacy/", csrf_exempt(views.legacy)),
]
`

treeRuleTester(csrfExemptAdded, {
  valid: [
    { name: 'a view without an exemption', files: { 'shop/views.py': VIEWS } },
    { name: 'the decorator imported but not used', files: { 'shop/views.py': VIEWS + '\n# csrf_exempt is never applied here\n' } },
    { name: 'exemptions in tests', files: { 'shop/tests/test_views.py': EXEMPT } },
    { name: 'exemptions in migrations', files: { 'shop/migrations/0002_x.py': EXEMPT } },
    { name: 'a DRF view (DRF exempts it already and checks CSRF in SessionAuthentication)', files: { 'api/views.py': '@csrf_exempt\n@api_view(["POST"])\ndef pay(request):\n    return None\n\n\n@method_decorator(csrf_exempt, name="dispatch")\nclass OrderViewSet(viewsets.ModelViewSet):\n    pass\n' } },
    { name: 'csrf_protect is not csrf_exempt', files: { 'shop/views.py': VIEWS.replace('@login_required\ndef', '@csrf_protect\n@login_required\ndef') } }
  ],
  invalid: [
    { name: '@csrf_exempt on a logged-in view', files: { 'shop/views.py': EXEMPT }, findings: [{ path: 'shop/views.py', line: 8, severity: 'medium', message: ['`@csrf_exempt` exempts update_profile', 'requires a login'], fix: ['{% csrf_token %}', 'ignore[csrf-exempt-added]'] }] },
    {
      name: 'a webhook that verifies a signature is still reported, with the suppression syntax',
      files: { 'payments/views.py': WEBHOOK },
      findings: [{ path: 'payments/views.py', line: 6, severity: 'medium', message: ['webhook', '# django-security: ignore[csrf-exempt-added] --'] }]
    },
    {
      name: 'method_decorator on the class and on dispatch',
      files: { 'shop/views.py': CLASS_VIEW },
      findings: [
        { path: 'shop/views.py', line: 6, message: ['`@method_decorator(csrf_exempt, name="dispatch")` exempts OrderView.dispatch'] },
        { path: 'shop/views.py', line: 13, message: ['`@method_decorator(csrf_exempt)` exempts CartView.dispatch'] }
      ]
    },
    {
      name: 'csrf_exempt(view) in urls.py',
      files: { 'shop/urls.py': URLS },
      findings: [
        { path: 'shop/urls.py', line: 8, message: ['`csrf_exempt(GraphQLView.as_view())` exempts GraphQLView'] },
        { path: 'shop/urls.py', line: 9, message: ['`csrf_exempt(legacy)` exempts legacy'] }
      ]
    },
    { name: 'view.csrf_exempt = True', files: { 'shop/views.py': VIEWS + '\nupdate_profile.csrf_exempt = True\n' }, findings: [{ path: 'shop/views.py', line: 14, message: ['update_profile.csrf_exempt = True'] }] }
  ],
  diffValid: [
    { name: 'an exemption already there, the view edited', base: { 'shop/views.py': EXEMPT }, head: { 'shop/views.py': EXEMPT.replace('{"ok": True}', '{"ok": True, "saved": 1}') } },
    {
      name: 'a decorator that only moves (decorator order changed, view moved within the file)',
      base: { 'shop/views.py': EXEMPT },
      head: { 'shop/views.py': VIEWS.replace('@login_required\ndef update_profile(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return JsonResponse({"ok": True})\n', '') + '\n\ndef other(request):\n    return None\n\n\n@login_required\n@csrf_exempt\ndef update_profile(request):\n    request.user.email = request.POST["email"]\n    request.user.save()\n    return JsonResponse({"ok": True})\n' }
    },
    { name: 'an exemption added in a test', base: { 'shop/tests.py': VIEWS }, head: { 'shop/tests.py': EXEMPT } }
  ],
  diffInvalid: [{ name: '@csrf_exempt added to a logged-in view', base: { 'shop/views.py': VIEWS }, head: { 'shop/views.py': EXEMPT }, findings: [{ path: 'shop/views.py', line: 8, severity: 'medium' }] }]
})

describe('a reviewed webhook exemption', () => {
  it('is silenced by the suppression the message shows, written on its line, and listed as suppressed by the change', async () => {
    const suppressed = WEBHOOK.replace('@csrf_exempt\n', "@csrf_exempt  # django-security: ignore[csrf-exempt-added] -- verifies the Stripe signature on every request\n")
    const r = await diffFiles({ 'payments/__init__.py': '' }, { 'payments/views.py': suppressed })
    expect(r.findings.filter((f) => f.ruleId === 'csrf-exempt-added')).toEqual([])
    expect(r.suppressed?.map((s) => `${s.finding.ruleId}@${s.finding.path}:${s.finding.line} ${s.reason}`)).toEqual(['csrf-exempt-added@payments/views.py:6 verifies the Stripe signature on every request'])
  })
})
