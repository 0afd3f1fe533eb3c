import { DJANGO_DEFAULTS, SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import { equal } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { listStrings, pyRepr, type ListString } from './helpers.js'
import { middlewareSetting, missingMiddleware } from './middleware.js'
import type { Rule } from './types.js'

/** An entry of the middleware list that is a project class subclassing Django's SecurityMiddleware. */
function subclassEntry(settings: SettingsView): ListString | undefined {
  return listStrings(middlewareSetting(settings).value).find((entry) => settings.projectSubclass(entry.value, SECURITY_MIDDLEWARE) !== undefined)
}

/** Settings that only SecurityMiddleware applies. */
const HEADER_SETTINGS = ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY']

export const securityMiddlewareMissing: Rule = {
  meta: {
    id: 'security-middleware-missing',
    severity: 'high',
    title: 'SecurityMiddleware is not in MIDDLEWARE',
    django: ['security.W001'],
    docs: {
      what: "Finds production settings whose effective MIDDLEWARE lacks `django.middleware.security.SecurityMiddleware`, whether the list was written without it, an entry was deleted, or production removes it with `.remove()` or a filtering comprehension. A project subclass of SecurityMiddleware listed in its place applies the headers, but Django does not count it (W001, and its header checks go quiet): that is reported at low.",
      why: 'SecurityMiddleware sends the HSTS, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy headers and performs the HTTPS redirect. Without it every SECURE_* setting is silently ignored, and Django also stops warning about them.',
      bad: 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]',
      fix: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]'
    }
  },
  check(ctx) {
    const configured = HEADER_SETTINGS.filter((name) => {
      const s = ctx.settings.get(name)
      return s.binding !== undefined && !equal(s.value, DJANGO_DEFAULTS[name])
    })
    const silenced = configured.length ? `${configured.join(', ')} ${configured.length === 1 ? 'is' : 'are'} set but ignored` : 'HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and SECURE_SSL_REDIRECT have no effect'
    const f = missingMiddleware(ctx, SECURITY_MIDDLEWARE, 'MIDDLEWARE:SecurityMiddleware', 'security.W001', `${silenced}, and Django's own checks for them go quiet.`)
    if (!f) return []
    // A subclass sends the headers, but Django's check looks for the exact path: W001, and its header checks go quiet.
    const sub = subclassEntry(ctx.settings)
    if (!sub) return [f]
    const mw = middlewareSetting(ctx.settings)
    return [
      {
        ...f,
        loc: sub.loc ?? f.loc,
        severity: 'low',
        message: `${pyRepr(sub.value)} in ${mw.name} subclasses Django's SecurityMiddleware, so the security headers and the HTTPS redirect are applied, but Django's deploy check looks for the exact path ${pyRepr(SECURITY_MIDDLEWARE)}: it reports W001 and skips its HSTS, SSL-redirect, nosniff and Referrer-Policy checks (W004–W008, W021, W022, E023), and so do this review's rules that mirror them, so nothing checks those settings.`,
        fix: { description: `List '${SECURITY_MIDDLEWARE}' itself and move the customisation to a middleware of its own, or silence security.W001 and review the SECURE_* settings by hand.` }
      }
    ]
  }
}
