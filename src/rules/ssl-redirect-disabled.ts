import { SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import type { SettingsView } from '../settings/view.js'
import { judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule } from './types.js'

function wasOn(base: SettingsView | undefined): boolean {
  const v = base?.get('SECURE_SSL_REDIRECT').value
  return v?.kind === 'bool' && v.value
}

export const sslRedirectDisabled: Rule = {
  meta: {
    id: 'ssl-redirect-disabled',
    severity: 'medium',
    title: 'HTTP requests are not redirected to HTTPS',
    django: ['security.W008'],
    docs: {
      what: 'Finds production settings with SecurityMiddleware on and `SECURE_SSL_REDIRECT` not exactly `True`. In a diff, turning it off is the regression. If a proxy or load balancer already redirects, say so in a suppression.',
      why: 'Without the redirect, a user who types the bare domain or follows an http:// link uses the site over plain HTTP, where cookies without the Secure flag and page content can be read and changed.',
      bad: 'SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)',
      fix: 'SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)'
    }
  },
  preconditions: () => [SECURITY_MIDDLEWARE_ON],
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const s = settings.get('SECURE_SSL_REDIRECT')
    const j = judge(s, (v) => !(v.kind === 'bool' && v.value))
    if (j.verdict === 'none' || !j.value) return []
    const turnedOff = wasOn(base)
    const flagged = trueButNotTrue(j.value)
    return [
      {
        subject: 'SECURE_SSL_REDIRECT',
        djangoCheck: 'security.W008',
        loc: locOf(s, settings, j.binding),
        severity: flagged ? 'low' : undefined,
        message: flagged
          ? notBooleanMessage('SECURE_SSL_REDIRECT', j.value, 'security.W008', origin(s, settings, j.binding))
          : `SECURE_SSL_REDIRECT ${turnedOff ? 'is turned off' : `${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)}`} in production, so plain-HTTP requests are served instead of redirected to HTTPS (${origin(s, settings, j.binding)}).`,
        fix: { description: 'Set SECURE_SSL_REDIRECT = True (or redirect at the proxy and suppress this finding with the reason).', replacement: literalFix(s, 'True') }
      }
    ]
  }
}
