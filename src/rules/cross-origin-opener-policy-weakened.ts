import { existsIn } from '../settings/versioned-defaults.js'
import { SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import type { Value } from '../python/values.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule } from './types.js'

// django/core/checks/security/base.py CROSS_ORIGIN_OPENER_POLICY_VALUES
const VALID = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none'])

/**
 * 'invalid' as Django's E024 decides it (not None and not one of the three values, compared as a
 * whole: no comma lists, no stripping); 'open' for unsafe-none, or None (no header, which browsers
 * treat as unsafe-none); undefined when the value cannot be judged.
 */
function judgeCoop(v: Value): 'ok' | 'open' | 'invalid' | undefined {
  if (v.kind === 'none') return 'open'
  if (v.kind === 'str') return !VALID.has(v.value) ? 'invalid' : v.value === 'unsafe-none' ? 'open' : 'ok'
  if (v.kind === 'bool' || v.kind === 'int' || v.kind === 'float') return 'invalid'
  return undefined
}

export const crossOriginOpenerPolicyWeakened: Rule = {
  meta: {
    id: 'cross-origin-opener-policy-weakened',
    severity: 'low',
    title: 'Cross-Origin-Opener-Policy is invalid or turned off',
    django: ['security.E024'],
    docs: {
      what: "Finds production settings with SecurityMiddleware on where `SECURE_CROSS_ORIGIN_OPENER_POLICY` is not one of `same-origin`, `same-origin-allow-popups`, `unsafe-none` (Django's E024; the value is compared as a whole, so a comma list is invalid), or is `unsafe-none` or None, which Django accepts but which leave the page in the same browsing context group as any window that opens it. Django's default is `same-origin`.",
      why: 'Without COOP a cross-origin page that opened the site (or that the site opened) keeps a handle on its window: it can navigate it to a phishing page, count its frames and probe its state through cross-window side channels (XS-Leaks), and the page cannot be cross-origin isolated.',
      bad: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"',
      fix: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # or "same-origin-allow-popups" for OAuth/payment pop-ups'
    }
  },
  preconditions: () => [SECURITY_MIDDLEWARE_ON],
  check({ settings }) {
    // Django sends the header from 4.0 on: before, the setting does nothing
    if (!existsIn(settings.django, 'SECURE_CROSS_ORIGIN_OPENER_POLICY') || hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const s = settings.get('SECURE_CROSS_ORIGIN_OPENER_POLICY')
    const j = judge(s, (v) => {
      const verdict = judgeCoop(v)
      return verdict === undefined ? undefined : verdict !== 'ok'
    })
    const verdict = j.value && judgeCoop(j.value)
    if (j.verdict === 'none' || !j.value || !verdict || verdict === 'ok') return []
    const is = `SECURE_CROSS_ORIGIN_OPENER_POLICY ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production`
    const from = origin(s, settings, j.binding)
    const fix = { description: "Set SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin' (Django's default), or 'same-origin-allow-popups' when the site opens OAuth or payment pop-ups.", replacement: literalFix(s, "'same-origin'") }
    const loc = locOf(s, settings, j.binding)
    if (verdict === 'invalid')
      return [
        {
          subject: 'SECURE_CROSS_ORIGIN_OPENER_POLICY',
          djangoCheck: 'security.E024',
          loc,
          fix,
          message: `${is}, which is not a Cross-Origin-Opener-Policy value (valid: ${[...VALID].join(', ')}), so browsers ignore the header and Django's check fails (${from}).`
        }
      ]
    return [
      {
        subject: 'SECURE_CROSS_ORIGIN_OPENER_POLICY',
        loc,
        fix,
        message: `${is}${j.value.kind === 'none' ? ', so no Cross-Origin-Opener-Policy header is sent and browsers use unsafe-none' : ''}: any cross-origin window that opens the site, or that it opens, keeps a handle on it and can navigate it or probe it through cross-window leaks (${from}).`
      }
    ]
  }
}
