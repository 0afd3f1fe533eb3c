import { DJANGO_DEFAULTS, SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import { equal } from '../python/values.js'
import { missingMiddleware } from './middleware.js'
import type { Rule } from './types.js'

/** Settings that only SecurityMiddleware applies. */
const HEADER_SETTINGS = ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY']

export const securityMiddlewareMissing: Rule = {
  meta: {
    id: 'security-middleware-missing',
    severity: 'high',
    title: 'SecurityMiddleware is not in MIDDLEWARE',
    django: ['security.W001'],
    docs: {
      what: "Finds production settings whose effective MIDDLEWARE lacks `django.middleware.security.SecurityMiddleware`, whether the list was written without it, an entry was deleted, or production removes it with `.remove()` or a filtering comprehension.",
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
    return f ? [f] : []
  }
}
