import { describe, expect, it } from '@jest/globals'
import { accessControlRemoved } from '../../src/rules/access-control-removed.js'
import { pythonParsed } from '../../src/python/parser.js'
import { diffFiles, scanFiles } from '../helpers/project.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const FN = `from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.admin.views.decorators import staff_member_required


@login_required
def export_orders(request):
    return csv_of(Order.objects.all())


@staff_member_required
@permission_required("shop.refund")
def refund(request, pk):
    return do_refund(pk)
`

const CBV = `from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.views.generic import ListView


class OrderList(LoginRequiredMixin, ListView):
    model = Order


class RefundView(PermissionRequiredMixin, ListView):
    permission_required = "shop.refund"
`

const DRF = `from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated


class OrderViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated, IsOwner]
    authentication_classes = [TokenAuthentication]

    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        return None
`

const V = 'shop/views.py'
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1

treeRuleTester(accessControlRemoved, {
  valid: [{ name: 'a scan never reports (only a change can remove a check)', files: { [V]: FN.replace('@login_required\n', '') } }],
  diffValid: [
    { name: 'a view deleted entirely', base: { [V]: FN }, head: { [V]: FN.replace(/@login_required\ndef export_orders[^]*?\n\n\n/, '') } },
    { name: 'decorator order changed', base: { [V]: FN }, head: { [V]: FN.replace('@staff_member_required\n@permission_required("shop.refund")', '@permission_required("shop.refund")\n@staff_member_required') } },
    { name: 'a view moved within the file', base: { [V]: FN }, head: { [V]: `${FN.slice(0, FN.indexOf('@login_required'))}${FN.slice(FN.indexOf('@staff_member_required'))}\n\n${FN.slice(FN.indexOf('@login_required'), FN.indexOf('@staff_member_required'))}` } },
    { name: 'a view moved to another file with its decorator', base: { [V]: FN }, head: { [V]: FN.replace(/@login_required\ndef export_orders[^]*?\n\n\n/, ''), 'shop/exports.py': 'from django.contrib.auth.decorators import login_required\n\n\n@login_required\ndef export_orders(request):\n    return None\n' } },
    { name: 'login_required replaced by a stricter check', base: { [V]: FN }, head: { [V]: FN.replace('@login_required\ndef export_orders', '@staff_member_required\ndef export_orders') } },
    { name: 'the decorator moved into urls.py', base: { [V]: FN, 'shop/urls.py': 'urlpatterns = [path("export/", views.export_orders)]\n' }, head: { [V]: FN.replace('@login_required\ndef export_orders', 'def export_orders'), 'shop/urls.py': 'urlpatterns = [path("export/", login_required(views.export_orders))]\n' } },
    { name: 'the view already wrapped in login_required() by an unchanged urls.py', base: { [V]: FN, 'shop/urls.py': 'urlpatterns = [path("export/", login_required(views.export_orders))]\n' }, head: { [V]: FN.replace('@login_required\ndef export_orders', 'def export_orders') } },
    { name: 'a mixin moved from the bases to method_decorator on the class', base: { [V]: CBV }, head: { [V]: CBV.replace('class OrderList(LoginRequiredMixin, ListView):', '@method_decorator(login_required, name="dispatch")\nclass OrderList(ListView):') } },
    { name: 'a permission class swapped for another', base: { [V]: DRF }, head: { [V]: DRF.replace('[IsAuthenticated, IsOwner]', '[IsAuthenticated, IsOwnerOrStaff]') } },
    { name: 'removed from a test view', base: { 'shop/tests/test_views.py': FN }, head: { 'shop/tests/test_views.py': FN.replace('@login_required\n', '') } }
  ],
  diffInvalid: [
    { name: '@login_required removed from a view that stays', base: { [V]: FN }, head: { [V]: FN.replace('@login_required\n', '') }, findings: [{ path: V, line: 5, severity: 'high', message: ['`@login_required` was removed from the view export_orders, which stays (it was at shop/views.py:5 before)', 'only logged-in users could call it'], fix: ['ignore[access-control-removed]'] }] },
    { name: 'one of two checks removed', base: { [V]: FN }, head: { [V]: FN.replace('@staff_member_required\n', '') }, findings: [{ path: V, line: lineOf(FN, '@staff_member_required'), message: ['`@staff_member_required` was removed'] }] },
    { name: 'LoginRequiredMixin removed from the bases', base: { [V]: CBV }, head: { [V]: CBV.replace('OrderList(LoginRequiredMixin, ListView)', 'OrderList(ListView)') }, findings: [{ path: V, line: 5, message: ['`LoginRequiredMixin` was removed from the view class OrderList'] }] },
    { name: 'PermissionRequiredMixin removed', base: { [V]: CBV }, head: { [V]: CBV.replace('RefundView(PermissionRequiredMixin, ListView)', 'RefundView(ListView)') }, findings: [{ path: V, line: 9, message: ['PermissionRequiredMixin', 'only users with the permission'] }] },
    { name: 'method_decorator(login_required) removed from dispatch: reported once, on the class', base: { [V]: 'class A(View):\n    @method_decorator(login_required)\n    def dispatch(self, *a, **k):\n        return super().dispatch(*a, **k)\n\n    def get(self, request):\n        return None\n' }, head: { [V]: 'class A(View):\n    def dispatch(self, *a, **k):\n        return super().dispatch(*a, **k)\n\n    def get(self, request):\n        return None\n' }, findings: [{ path: V, line: 1, message: ['`@method_decorator(login_required)` was removed from the view class A'] }] },
    { name: 'permission_classes loosened to AllowAny', base: { [V]: DRF }, head: { [V]: DRF.replace('[IsAuthenticated, IsOwner]', '[AllowAny]') }, findings: [{ path: V, line: 7, message: ['permission_classes is now [AllowAny] (was [IsAuthenticated, IsOwner])'] }] },
    { name: 'a permission class dropped', base: { [V]: DRF }, head: { [V]: DRF.replace('[IsAuthenticated, IsOwner]', '[IsAuthenticated]') }, findings: [{ path: V, line: 7, message: ['permission_classes lost IsOwner'] }] },
    { name: 'permission_classes and authentication_classes removed', base: { [V]: DRF }, head: { [V]: DRF.replace('    permission_classes = [IsAuthenticated, IsOwner]\n    authentication_classes = [TokenAuthentication]\n', '') }, findings: [{ path: V, line: 6, message: ['permission_classes [IsAuthenticated, IsOwner] was removed'] }, { path: V, line: 6, message: ['authentication_classes [TokenAuthentication] was removed'] }] },
    { name: 'an action opened with AllowAny', base: { [V]: DRF }, head: { [V]: DRF.replace('@action(detail=True, methods=["post"])', '@action(detail=True, methods=["post"], permission_classes=[AllowAny])') }, findings: [{ path: V, line: 10, message: ['the method OrderViewSet.pay', 'it used the project default before'] }] },
    // the base names no access word: the head's AllowAny alone is the news
    { name: 'AllowAny given to a viewset that used the project default', base: { [V]: 'class OrderViewSet(viewsets.ModelViewSet):\n    queryset = Order.objects.all()\n' }, head: { [V]: 'class OrderViewSet(viewsets.ModelViewSet):\n    permission_classes = [AllowAny]\n    queryset = Order.objects.all()\n' }, findings: [{ path: V, line: 2, message: ['permission_classes is now [AllowAny]', 'it used the project default before'] }] },
    // Python reads identifiers NFKC-normalised: ｌｏｇｉｎ_required is login_required, though the text never says so in ASCII
    { name: 'a decorator written in fullwidth letters removed', base: { [V]: 'from django.contrib.auth.decorators import ｌｏｇｉｎ_required\n\n\n@ｌｏｇｉｎ_required\ndef export_orders(request):\n    return None\n' }, head: { [V]: 'from django.contrib.auth.decorators import ｌｏｇｉｎ_required\n\n\ndef export_orders(request):\n    return None\n' }, findings: [{ path: V, line: 4, message: ['`@login_required` was removed from the view export_orders'] }] }
  ]
})

describe('access-control-removed in a large change', () => {
  it('parses no file when no changed file, before or after, names an access check', async () => {
    const module = (i: number, extra: string): string => `from django.http import JsonResponse\n\n\ndef view_${i}(request):\n    return JsonResponse({})\n${extra}`
    const base = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`shop/views_${i}.py`, module(i, '')]))
    const head = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`shop/views_${i}.py`, module(i, `\n\ndef extra_${i}(request):\n    return None\n`)]))
    const before = pythonParsed()
    const r = await diffFiles(base, head)
    expect(r.findings).toEqual([])
    expect(pythonParsed() - before).toBe(0)
    // one file that does name a check: every changed file is read (a view may have moved between them)
    const one = pythonParsed()
    await diffFiles({ ...base, [V]: FN }, { ...head, [V]: FN.replace('@staff_member_required\n', '') })
    expect(pythonParsed() - one).toBeGreaterThanOrEqual(82)
  })
})

describe('access-control-removed in a scan', () => {
  it('stays silent on views without checks', async () => {
    const r = await scanFiles({ [V]: FN.replace(/@login_required\n/g, '') })
    expect(r.findings.filter((f) => f.ruleId === 'access-control-removed')).toEqual([])
  })
})
