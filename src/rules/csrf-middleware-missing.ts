import { CSRF_MIDDLEWARE } from '../settings/defaults.js'
import { missingMiddleware } from './middleware.js'
import type { Rule } from './types.js'

export const csrfMiddlewareMissing: Rule = {
  meta: {
    id: 'csrf-middleware-missing',
    severity: 'critical',
    title: 'CsrfViewMiddleware is not in MIDDLEWARE',
    django: ['security.W003'],
    docs: {
      what: 'Finds production settings whose effective MIDDLEWARE lacks `django.middleware.csrf.CsrfViewMiddleware`, including removal with `.remove()` or a comprehension in a production module.',
      why: 'Without the middleware no view is protected against cross-site request forgery unless it is decorated with `@csrf_protect`: any site a logged-in user visits can submit forms as that user.',
      bad: 'MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")',
      fix: '# keep CsrfViewMiddleware; exempt single endpoints with @csrf_exempt only when they authenticate requests another way'
    }
  },
  check(ctx) {
    const f = missingMiddleware(ctx, CSRF_MIDDLEWARE, 'MIDDLEWARE:CsrfViewMiddleware', 'security.W003', 'no view is protected against cross-site request forgery unless it uses @csrf_protect.')
    return f ? [f] : []
  }
}
