import { CSRF_MIDDLEWARE_ON } from './preconditions.js'
import { CSRF_MIDDLEWARE } from '../settings/defaults.js'
import { truthy } from '../python/values.js'
import { cookieFlagOff, judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule } from './types.js'

export const csrfCookieInsecure: Rule = {
  meta: {
    id: 'csrf-cookie-insecure',
    severity: 'medium',
    title: 'CSRF cookie is sent over plain HTTP',
    django: ['security.W016'],
    docs: {
      what: 'Finds production settings with CsrfViewMiddleware on, `CSRF_USE_SESSIONS` off, and `CSRF_COOKIE_SECURE` off: not exactly `True` from Django 4.1, falsy before (Django 4.0 and older accept any true value).',
      why: 'A CSRF token sent over plain HTTP can be read by a network attacker, who can then forge requests that pass the CSRF check.',
      bad: 'CSRF_COOKIE_SECURE = False',
      fix: 'CSRF_COOKIE_SECURE = True'
    }
  },
  preconditions: () => [CSRF_MIDDLEWARE_ON],
  check({ settings }) {
    if (hasMiddleware(settings, CSRF_MIDDLEWARE) !== true) return []
    if (truthy(settings.get('CSRF_USE_SESSIONS').value) !== false) return []
    const s = settings.get('CSRF_COOKIE_SECURE')
    const j = judge(s, cookieFlagOff(settings))
    if (j.verdict === 'none' || !j.value) return []
    const flagged = trueButNotTrue(j.value)
    return [
      {
        subject: 'CSRF_COOKIE_SECURE',
        djangoCheck: 'security.W016',
        loc: locOf(s, settings, j.binding),
        severity: flagged ? 'low' : undefined,
        message: flagged
          ? notBooleanMessage('CSRF_COOKIE_SECURE', j.value, 'security.W016', origin(s, settings, j.binding))
          : `CSRF_COOKIE_SECURE ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, so the CSRF token also travels over plain HTTP (${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set CSRF_COOKIE_SECURE = True in production settings.', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
