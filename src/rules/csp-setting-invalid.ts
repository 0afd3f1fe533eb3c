import { existsIn } from '../settings/versioned-defaults.js'
import type { Value } from '../python/values.js'
import { judge, locOf, origin, show } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

const SETTINGS = ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY']

/** Django 6.0's test: the value `is not None` and not a dict (falsy non-dicts such as `""` or `[]` too). */
function notADict(v: Value): boolean | undefined {
  if (v.kind === 'dict') return false
  if (v.kind === 'none') return false
  return v.kind === 'str' || v.kind === 'bool' || v.kind === 'int' || v.kind === 'float' || v.kind === 'seq' ? true : undefined
}

export const cspSettingInvalid: Rule = {
  meta: {
    id: 'csp-setting-invalid',
    severity: 'medium',
    title: 'SECURE_CSP or SECURE_CSP_REPORT_ONLY is not a dictionary',
    django: ['security.E026'],
    docs: {
      what: "Finds a production `SECURE_CSP` or `SECURE_CSP_REPORT_ONLY` that is neither `None` nor a dict, in projects on Django 6.0 or later (where Django's `ContentSecurityPolicyMiddleware` reads them): a policy written as one header string (`\"default-src 'self'\"`), a list, `True`.",
      why: "Django builds the Content-Security-Policy header from the dict's directives. A policy written any other way is not sent as meant: Django's check (security.E026) stops `manage.py` commands, but a WSGI server runs no system check, so production serves its pages without the policy the team believes protects them.",
      bad: "SECURE_CSP = \"default-src 'self'\"",
      fix: 'from django.utils.csp import CSP\n\nSECURE_CSP = {"default-src": [CSP.SELF]}'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    for (const name of SETTINGS) {
      if (!existsIn(settings.django, name)) continue
      const s = settings.get(name)
      const j = judge(s, notADict)
      if (j.verdict === 'none' || !j.value) continue
      out.push({
        subject: name,
        djangoCheck: 'security.E026',
        loc: locOf(s, settings, j.binding),
        message: `${name} ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value, 80)} in production, not a dictionary (security.E026): Django builds the Content-Security-Policy${name === 'SECURE_CSP_REPORT_ONLY' ? '-Report-Only' : ''} header from a dict of directives, so the policy is not sent as written (${origin(s, settings, j.binding)}).`,
        fix: { description: `Write ${name} as a dict of directives, e.g. {"default-src": [CSP.SELF]} (from django.utils.csp import CSP), or set it to None.` }
      })
    }
    return out
  }
}
