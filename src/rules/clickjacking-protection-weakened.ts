import { XFRAME_MIDDLEWARE } from '../settings/defaults.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import { hasMiddleware, missingMiddleware } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

export const clickjackingProtectionWeakened: Rule = {
  meta: {
    id: 'clickjacking-protection-weakened',
    severity: 'medium',
    title: 'Clickjacking protection is missing or weakened',
    django: ['security.W002', 'security.W019'],
    docs: {
      what: "Finds production settings without `XFrameOptionsMiddleware`, or with `X_FRAME_OPTIONS` set to something other than `'DENY'`. A value that is neither `DENY` nor `SAMEORIGIN` is invalid and browsers ignore the header. `SAMEORIGIN` (Django's W019) still stops other sites from framing the pages: it is low, and a scan sets it aside (listed with `--include-tests`). Nothing is reported when an nginx configuration the repository ships for the site adds `X-Frame-Options: DENY` or `SAMEORIGIN` in front of the application.",
      why: 'Pages that can be framed by another site can be overlaid with invisible buttons, tricking users into clicking actions they did not intend (clickjacking).',
      bad: 'X_FRAME_OPTIONS = "ALLOWALL"',
      fix: 'X_FRAME_OPTIONS = "DENY"'
    }
  },
  check(ctx) {
    // the site's own nginx adds a header that stops other sites framing the pages, whatever Django sends
    const proxied = ctx.settings.proxyHeader('x-frame-options')
    if (proxied && ['DENY', 'SAMEORIGIN'].includes(proxied.value.toUpperCase())) return []
    const missing = missingMiddleware(ctx, XFRAME_MIDDLEWARE, 'MIDDLEWARE:XFrameOptionsMiddleware', 'security.W002', 'responses carry no X-Frame-Options header, so other sites can frame every page.')
    if (missing) return [missing]
    if (hasMiddleware(ctx.settings, XFRAME_MIDDLEWARE) !== true) return []
    // a change adding the middleware (SAMEORIGIN by default before Django 3.0) protects more than before
    if (ctx.base && hasMiddleware(ctx.base, XFRAME_MIDDLEWARE) === false) return []
    const xfo = ctx.settings.get('X_FRAME_OPTIONS')
    const j = judge(xfo, (v) => !(v.kind === 'str' && v.value === 'DENY'))
    if (j.verdict === 'none' || !j.value) return []
    // XFrameOptionsMiddleware upper-cases the setting; Django's check compares it with 'DENY' exactly.
    const sent = j.value.kind === 'str' ? j.value.value.toUpperCase() : undefined
    const invalid = sent !== 'SAMEORIGIN' && sent !== 'DENY'
    const finding: RuleFinding = {
      subject: 'X_FRAME_OPTIONS',
      djangoCheck: 'security.W019',
      loc: locOf(xfo, ctx.settings, j.binding),
      message: invalid
        ? `X_FRAME_OPTIONS is ${show(j.value)}, which browsers do not understand, so pages can be framed by any site (${origin(xfo, ctx.settings, j.binding)}).`
        : sent === 'DENY'
          ? `X_FRAME_OPTIONS is ${show(j.value)}: the middleware upper-cases it and sends DENY, but Django's deploy check only accepts the exact string 'DENY' (${origin(xfo, ctx.settings, j.binding)}).`
          : `X_FRAME_OPTIONS is ${show(j.value)} instead of 'DENY': pages can be framed by this site's own pages (${origin(xfo, ctx.settings, j.binding)}).`,
      severity: invalid ? 'medium' : 'low',
      // SAMEORIGIN (or 'deny' sent as DENY) still stops other sites framing the pages: Django's W019, but no exposure
      ...(invalid ? {} : { aside: 'X-Frame-Options that still stops other sites framing the pages' }),
      fix: { description: "Set X_FRAME_OPTIONS = 'DENY' (Django's default) and use @xframe_options_sameorigin on the views that must be framed.", replacement: literalFix(xfo, "'DENY'") }
    }
    return [finding]
  }
}
