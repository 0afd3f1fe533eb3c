// csrf-exempt-added: a view exempted from Django's CSRF check.
import { exemptionsOf, isDrfView, looksLikeWebhook, requiresLogin } from '../code/csrf-exempt.js'
import type { RuleFinding, TreeRule } from './types.js'

const SUPPRESS = '# django-security: ignore[csrf-exempt-added] -- verifies the provider\'s signature on every request'

export const csrfExemptAdded: TreeRule = {
  scanAside: 'exemption from CSRF checks (reported when a change adds one)',
  meta: {
    id: 'csrf-exempt-added',
    severity: 'medium',
    title: 'A view is exempted from CSRF protection',
    django: [],
    docs: {
      what: 'Finds views exempted from Django\'s CSRF check: `@csrf_exempt` on a function or method (`dispatch` included), `@method_decorator(csrf_exempt, name="dispatch")` on a class, `csrf_exempt(view)` where the URLconf wraps a view, and `view.csrf_exempt = True`. In a diff only what the change adds counts (an exemption that only moves with its view is not new); a scan reads production code only. A webhook that verifies a signature is still reported, at the same severity, with the suppression to write once a reviewer agrees. Django REST framework views (`APIView`, viewsets, `@api_view`) are left out: DRF exempts them already and checks CSRF in `SessionAuthentication` (see csrf-check-disabled). A scan of the whole tree sets these aside (one count in its notes, listed with `--include-tests`): many are deliberate, and what a review weighs is a change that adds one.',
      why: 'Without the CSRF check, any web page a logged-in user visits can make their browser send this request with their cookies: change their e-mail, place an order, delete data. Exempting a view is sometimes right (a webhook authenticated by a signature), but never by default.',
      bad: 'from django.views.decorators.csrf import csrf_exempt\n\n@csrf_exempt\n@login_required\ndef update_profile(request):\n    ...',
      fix: '@login_required\ndef update_profile(request):\n    ...\n# and send the token: {% csrf_token %} in forms, the X-CSRFToken header from JavaScript'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    for (const file of ctx.code) {
      if (file.kind !== 'python' || !file.text.includes('csrf_exempt')) continue
      const module = ctx.python(file.path)
      if (!module) continue
      const before = new Set<string>()
      const baseModule = file.base?.text.includes('csrf_exempt') ? ctx.python(file.base.path, 'base') : undefined
      if (baseModule) for (const e of exemptionsOf(baseModule)) before.add(`${e.target}|${e.how}`)
      const counts = new Map<string, number>()
      for (const e of exemptionsOf(module)) {
        const key = `${e.target}|${e.how}`
        const n = (counts.get(key) ?? 0) + 1
        counts.set(key, n)
        // an exemption the base already had for the same view only moved
        if (!ctx.isNew(file.path, e.line) || before.has(key) || isDrfView(e)) continue
        const view = e.target.startsWith('wrapped:') || e.target.startsWith('attr:') ? e.target.slice(e.target.indexOf(':') + 1) : e.target
        const webhook = looksLikeWebhook(module, e)
        const loggedIn = requiresLogin(e)
        out.push({
          subject: n === 1 ? key : `${key}#${n}`,
          loc: { path: file.path, line: e.line, endLine: e.line },
          message:
            `\`${e.how}\` exempts ${view} from Django's CSRF check: any site a user visits can make their browser send this request with their session cookie.` +
            (loggedIn ? ' The view requires a login, so the requests it accepts act as the logged-in user: exactly what CSRF protection is for.' : '') +
            (webhook ? ` It looks like an endpoint other servers call (a webhook); if it authenticates every request by a signature, keep it and say so on the line: \`${SUPPRESS}\`.` : ''),
          fix: {
            description: `Remove \`${e.how}\` and send the CSRF token ({% csrf_token %} in forms, the X-CSRFToken header from JavaScript). An endpoint other servers call must authenticate each request instead (verify its signature), and can then be suppressed with a reason: \`${SUPPRESS}\`.`
          }
        })
      }
    }
    return out
  }
}
