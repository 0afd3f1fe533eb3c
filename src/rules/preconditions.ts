// What a rule needs before its setting has any effect: SecurityMiddleware for the header settings,
// CsrfViewMiddleware for the CSRF cookie, HSTS on for include-subdomains and preload. A diff that
// supplies one makes an old value take effect (not a new finding); one that takes it away silences
// findings (not a fix).
import { truthy } from '../python/values.js'
import { CSRF_MIDDLEWARE, SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import type { SettingsView } from '../settings/view.js'
import { hasMiddleware } from './middleware.js'

export interface Precondition {
  /** What holds when the precondition is met, as a reviewer reads it. */
  what: string
  /** The rule and subject that report the precondition missing, when one does. */
  reportedBy?: { rule: string; subject: string }
  /** true / false / undefined when it cannot be told. */
  holds(view: SettingsView): boolean | undefined
}

export const SECURITY_MIDDLEWARE_ON: Precondition = {
  what: 'SecurityMiddleware is in MIDDLEWARE',
  reportedBy: { rule: 'security-middleware-missing', subject: 'MIDDLEWARE:SecurityMiddleware' },
  holds: (view) => hasMiddleware(view, SECURITY_MIDDLEWARE)
}

export const CSRF_MIDDLEWARE_ON: Precondition = {
  what: 'CsrfViewMiddleware is in MIDDLEWARE',
  reportedBy: { rule: 'csrf-middleware-missing', subject: 'MIDDLEWARE:CsrfViewMiddleware' },
  holds: (view) => hasMiddleware(view, CSRF_MIDDLEWARE)
}

export const HSTS_ON: Precondition = {
  what: 'HSTS is on (SECURE_HSTS_SECONDS is set)',
  reportedBy: { rule: 'hsts-weakened', subject: 'SECURE_HSTS_SECONDS' },
  holds: (view) => {
    const v = view.get('SECURE_HSTS_SECONDS').value
    const options = v.kind === 'oneOf' ? v.options : [v]
    const each = options.map((o) => truthy(o))
    return each.every((t) => t === true) ? true : each.every((t) => t === false) ? false : undefined
  }
}
