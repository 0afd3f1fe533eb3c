import { SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import type { SettingsView } from '../settings/view.js'
import { judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule } from './types.js'

function wasOn(base: SettingsView | undefined): boolean {
  const v = base?.get('SECURE_CONTENT_TYPE_NOSNIFF').value
  return v?.kind === 'bool' && v.value
}

export const contentTypeNosniffDisabled: Rule = {
  meta: {
    id: 'content-type-nosniff-disabled',
    severity: 'low',
    title: 'X-Content-Type-Options: nosniff is turned off',
    django: ['security.W006'],
    docs: {
      what: "Finds production settings with SecurityMiddleware on and `SECURE_CONTENT_TYPE_NOSNIFF` not exactly `True`. Django's default is True since 3.0, so there this means someone turned it off or set it to a non-boolean; before 3.0 the default was False, so leaving it unset is reported too (as Django 2.2's W006 does).",
      why: 'Without `X-Content-Type-Options: nosniff` browsers may guess a content type from the bytes of a response, so a user upload served as text or an image can be run as HTML or JavaScript in the site\u2019s origin (cross-site scripting).',
      bad: 'SECURE_CONTENT_TYPE_NOSNIFF = False',
      fix: '# remove the line: Django defaults SECURE_CONTENT_TYPE_NOSNIFF to True'
    }
  },
  preconditions: () => [SECURITY_MIDDLEWARE_ON],
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const s = settings.get('SECURE_CONTENT_TYPE_NOSNIFF')
    const j = judge(s, (v) => !(v.kind === 'bool' && v.value))
    if (j.verdict === 'none' || !j.value) return []
    const flagged = trueButNotTrue(j.value)
    return [
      {
        subject: 'SECURE_CONTENT_TYPE_NOSNIFF',
        djangoCheck: 'security.W006',
        loc: locOf(s, settings, j.binding),
        message: flagged
          ? notBooleanMessage('SECURE_CONTENT_TYPE_NOSNIFF', j.value, 'security.W006', origin(s, settings, j.binding))
          : `SECURE_CONTENT_TYPE_NOSNIFF ${wasOn(base) ? 'is turned off' : `${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)}`} in production, so responses carry no X-Content-Type-Options: nosniff header and browsers may run an uploaded file as HTML or script (${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set SECURE_CONTENT_TYPE_NOSNIFF = True, or remove the line: True is the default.', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
