import { cookieFlagOff, judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { sessionUse } from './sessions.js'
import type { Rule } from './types.js'

const IDS = { app: 'security.W010', middleware: 'security.W011', both: 'security.W012' }

export const sessionCookieInsecure: Rule = {
  meta: {
    id: 'session-cookie-insecure',
    severity: 'high',
    title: 'Session cookie is sent over plain HTTP',
    django: ['security.W010', 'security.W011', 'security.W012'],
    docs: {
      what: 'Finds production settings that use sessions (the sessions app or SessionMiddleware) while `SESSION_COOKIE_SECURE` is off, as the project\'s Django judges it: not exactly `True` from Django 4.1 (`1` or `"True"` do not count, reported at low), falsy before (Django 4.0 and older accept any true value). Django\'s W010 (sessions app only), W011 (SessionMiddleware only) or W012 (both).',
      why: 'Without the Secure flag the browser also sends the session cookie over plain HTTP, where anyone on the network path can read it and take over the session.',
      bad: 'SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)',
      fix: 'SESSION_COOKIE_SECURE = True'
    }
  },
  check({ settings }) {
    const use = sessionUse(settings)
    if (!use) return []
    const s = settings.get('SESSION_COOKIE_SECURE')
    const j = judge(s, cookieFlagOff(settings))
    if (j.verdict === 'none' || !j.value) return []
    const flagged = trueButNotTrue(j.value)
    return [
      {
        subject: 'SESSION_COOKIE_SECURE',
        djangoCheck: IDS[use],
        loc: locOf(s, settings, j.binding),
        severity: flagged ? 'low' : undefined,
        message: flagged
          ? notBooleanMessage('SESSION_COOKIE_SECURE', j.value, IDS[use], origin(s, settings, j.binding))
          : `SESSION_COOKIE_SECURE ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, so the session cookie also travels over plain HTTP where it can be stolen (${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set SESSION_COOKIE_SECURE = True in production settings.', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
