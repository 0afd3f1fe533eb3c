import { atLeast } from '../deps/django-version.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import { judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import { SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import type { Rule } from './types.js'

export const xssFilterOff: Rule = {
  meta: {
    id: 'xss-filter-off',
    severity: 'low',
    title: 'SECURE_BROWSER_XSS_FILTER is not True (Django before 3.0)',
    django: ['security.W007'],
    docs: {
      what: "Finds production settings of a project on Django 1.8–2.2 (from its pins, or `--django-version`) with SecurityMiddleware on and `SECURE_BROWSER_XSS_FILTER` not exactly `True`, as Django 1.8–2.2's deploy check W007 did. Django 3.0 dropped the check, 4.0 the setting: on those versions nothing is reported. A scan sets it aside (listed with `--include-tests`): no current browser acts on the header.",
      why: "Without the setting SecurityMiddleware sends no `X-XSS-Protection: 1; mode=block`, and old browsers with an XSS auditor (Internet Explorer, Safari, Chrome before 78) do not block reflected scripts they detect. Current browsers ignore the header, which is why Django stopped asking for it: upgrading Django is the better fix.",
      bad: 'SECURE_BROWSER_XSS_FILTER = False',
      fix: 'SECURE_BROWSER_XSS_FILTER = True'
    }
  },
  preconditions: () => [SECURITY_MIDDLEWARE_ON],
  check({ settings }) {
    // W007 came with the deploy checks in 1.8 and left in 3.0
    if (!atLeast(settings.django, '1.8') || atLeast(settings.django, '3.0') || hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const s = settings.get('SECURE_BROWSER_XSS_FILTER')
    const j = judge(s, (v) => !(v.kind === 'bool' && v.value))
    if (j.verdict === 'none' || !j.value) return []
    return [
      {
        subject: 'SECURE_BROWSER_XSS_FILTER',
        djangoCheck: 'security.W007',
        loc: locOf(s, settings, j.binding),
        // every current browser ignores X-XSS-Protection (Chrome removed its auditor in 78, Firefox never had one)
        aside: 'X-XSS-Protection, a header no current browser acts on',
        message: trueButNotTrue(j.value)
          ? notBooleanMessage('SECURE_BROWSER_XSS_FILTER', j.value, 'security.W007', origin(s, settings, j.binding))
          : `SECURE_BROWSER_XSS_FILTER ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, so SecurityMiddleware sends no X-XSS-Protection header and browsers with an XSS auditor do not block reflected scripts (Django ${settings.django.series} warns with W007; ${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set SECURE_BROWSER_XSS_FILTER = True, or upgrade Django: 3.0 dropped the check, as current browsers ignore the header.', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
