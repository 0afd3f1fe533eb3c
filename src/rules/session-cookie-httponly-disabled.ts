import { cookieFlagOff, judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { sessionUse } from './sessions.js'
import type { Rule } from './types.js'

const IDS = { app: 'security.W013', middleware: 'security.W014', both: 'security.W015' }

export const sessionCookieHttponlyDisabled: Rule = {
  meta: {
    id: 'session-cookie-httponly-disabled',
    severity: 'medium',
    title: 'Session cookie is readable from JavaScript',
    django: ['security.W013', 'security.W014', 'security.W015'],
    docs: {
      what: 'Finds production settings that use sessions while `SESSION_COOKIE_HTTPONLY` is off (Django defaults it to True, so this means someone turned it off): not exactly `True` from Django 4.1, falsy before. Django\'s W013 (sessions app only), W014 (SessionMiddleware only) or W015 (both).',
      why: 'Without HttpOnly, any cross-site scripting bug lets injected JavaScript read the session cookie and send it to an attacker, who can then use the session from anywhere.',
      bad: 'SESSION_COOKIE_HTTPONLY = False',
      fix: '# remove the line: Django defaults SESSION_COOKIE_HTTPONLY to True'
    }
  },
  check({ settings }) {
    const use = sessionUse(settings)
    if (!use) return []
    const s = settings.get('SESSION_COOKIE_HTTPONLY')
    const j = judge(s, cookieFlagOff(settings))
    if (j.verdict === 'none' || !j.value) return []
    const flagged = trueButNotTrue(j.value)
    return [
      {
        subject: 'SESSION_COOKIE_HTTPONLY',
        djangoCheck: IDS[use],
        loc: locOf(s, settings, j.binding),
        severity: flagged ? 'low' : undefined,
        message: flagged
          ? notBooleanMessage('SESSION_COOKIE_HTTPONLY', j.value, IDS[use], origin(s, settings, j.binding))
          : `SESSION_COOKIE_HTTPONLY ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, so scripts injected through any XSS bug can read the session cookie (${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set SESSION_COOKIE_HTTPONLY = True (or remove it: True is the default).', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
