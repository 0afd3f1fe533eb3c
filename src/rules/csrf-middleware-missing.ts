import type { Value } from '../python/values.js'
import { CSRF_MIDDLEWARE } from '../settings/defaults.js'
import type { SettingsView } from '../settings/view.js'
import { disablesCsrf } from '../code/csrf-middleware.js'
import { listStrings, locOf, origin, pyRepr } from './helpers.js'
import { middlewareSetting, missingMiddleware } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

/**
 * Middleware that protects against CSRF in Django's place: django-session-csrf, or a project's
 * subclass of CsrfViewMiddleware (pretalx's adds its custom domains); not a class merely named so.
 */
function isReplacement(settings: SettingsView, dotted: string): boolean {
  if (dotted === 'session_csrf.CsrfMiddleware') return true
  const found = settings.projectSubclass(dotted, CSRF_MIDDLEWARE)
  return found !== undefined && !disablesCsrf(found.cls)
}

/** Whether every value the setting can take lists a replacement for CsrfViewMiddleware. */
function hasReplacement(settings: SettingsView, v: Value): boolean {
  if (v.kind === 'oneOf') return v.options.every((o) => hasReplacement(settings, o))
  return v.kind === 'seq' && v.items.some((i) => i.value.kind === 'str' && isReplacement(settings, i.value.value))
}

export const csrfMiddlewareMissing: Rule = {
  meta: {
    id: 'csrf-middleware-missing',
    severity: 'critical',
    title: 'CsrfViewMiddleware is not in MIDDLEWARE',
    django: ['security.W003'],
    docs: {
      what: 'Finds production settings whose effective MIDDLEWARE lacks `django.middleware.csrf.CsrfViewMiddleware`, including removal with `.remove()` or a comprehension in a production module. `session_csrf.CsrfMiddleware` (django-session-csrf) and a project class deriving from CsrfViewMiddleware, which protect in its place, count. Also a middleware of the project in MIDDLEWARE whose request hook sets `request._dont_enforce_csrf_checks = True` unconditionally: CsrfViewMiddleware is listed but checks nothing.',
      why: 'Without the middleware no view is protected against cross-site request forgery unless it is decorated with `@csrf_protect`: any site a logged-in user visits can submit forms as that user.',
      bad: 'MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")',
      fix: '# keep CsrfViewMiddleware; exempt single endpoints with @csrf_exempt only when they authenticate requests another way'
    }
  },
  check(ctx) {
    if (hasReplacement(ctx.settings, middlewareSetting(ctx.settings).value)) return []
    const f = missingMiddleware(ctx, CSRF_MIDDLEWARE, 'MIDDLEWARE:CsrfViewMiddleware', 'security.W003', 'no view is protected against cross-site request forgery unless it uses @csrf_protect.')
    return f ? [f] : switchedOff(ctx.settings)
  }
}

/** Middleware of the project in MIDDLEWARE that sets the flag CsrfViewMiddleware skips its check for, on every request. */
function switchedOff(settings: SettingsView): RuleFinding[] {
  const mw = middlewareSetting(settings)
  return listStrings(mw.value).flatMap((entry) => {
    const found = settings.projectClass(entry.value)
    if (!found || !disablesCsrf(found.cls)) return []
    const cls = found.cls
    return [
      {
        subject: `MIDDLEWARE:${entry.value}`,
        loc: entry.loc ?? locOf(mw, settings),
        message: `${pyRepr(entry.value)} ${entry.certain ? 'is' : 'can be'} in ${mw.name} for production, and it sets request._dont_enforce_csrf_checks = True on every request (${found.path}, line ${cls.line}): CsrfViewMiddleware then checks nothing, so any site a logged-in user visits can submit forms as that user (${origin(mw, settings)}).`,
        fix: { description: `Remove '${entry.value}' from ${mw.name}; exempt single endpoints that authenticate requests another way with @csrf_exempt.` }
      }
    ]
  })
}
