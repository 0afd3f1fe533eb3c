import { listStrings, locOf, origin, pyRepr } from './helpers.js'
import type { Rule, RuleContext, RuleFinding } from './types.js'

/** What each of Django's security checks warns about (django/core/checks/security/), by id. */
export const SECURITY_CHECKS: Record<string, string> = {
  'security.W001': 'SecurityMiddleware missing (and with it HSTS, nosniff, Referrer-Policy, COOP and the SSL redirect)',
  'security.W002': 'XFrameOptionsMiddleware missing (clickjacking)',
  'security.W003': 'CsrfViewMiddleware missing',
  'security.W004': 'SECURE_HSTS_SECONDS not set',
  'security.W005': 'SECURE_HSTS_INCLUDE_SUBDOMAINS not True',
  'security.W006': 'SECURE_CONTENT_TYPE_NOSNIFF not True',
  'security.W007': 'SECURE_BROWSER_XSS_FILTER not True (Django before 3.0)',
  'security.W008': 'SECURE_SSL_REDIRECT not True',
  'security.W009': 'a short, repetitive or django-insecure- SECRET_KEY',
  'security.W010': 'SESSION_COOKIE_SECURE not True',
  'security.W011': 'SESSION_COOKIE_SECURE not True',
  'security.W012': 'SESSION_COOKIE_SECURE not True',
  'security.W013': 'SESSION_COOKIE_HTTPONLY not True',
  'security.W014': 'SESSION_COOKIE_HTTPONLY not True',
  'security.W015': 'SESSION_COOKIE_HTTPONLY not True',
  'security.W016': 'CSRF_COOKIE_SECURE not True',
  'security.W017': 'CSRF_COOKIE_HTTPONLY not True (Django before 1.11)',
  'security.W018': 'DEBUG on in deployment',
  'security.W019': 'X_FRAME_OPTIONS not DENY',
  'security.W020': 'ALLOWED_HOSTS empty',
  'security.W021': 'SECURE_HSTS_PRELOAD not True',
  'security.W022': 'no SECURE_REFERRER_POLICY',
  'security.E023': 'an invalid SECURE_REFERRER_POLICY',
  'security.E024': 'an invalid SECURE_CROSS_ORIGIN_OPENER_POLICY',
  'security.W025': 'a weak SECRET_KEY_FALLBACKS entry',
  'security.E026': 'a SECURE_CSP setting that is not a dict',
  'security.E100': 'an invalid DEFAULT_HASHING_ALGORITHM',
  'security.E101': 'a CSRF_FAILURE_VIEW with the wrong signature',
  'security.E102': 'a CSRF_FAILURE_VIEW that cannot be imported'
}

/**
 * Whether the silenced check would warn about production: a mirror rule reports it (and does not set
 * it aside). Undefined when no rule mirrors the check, so the review cannot tell.
 */
function wouldWarn(rules: readonly Rule[], ctx: RuleContext, id: string): boolean | undefined {
  const mirrors = rules.filter((r) => r.meta.django.includes(id))
  if (!mirrors.length) return undefined
  return mirrors.some((r) => r.check(ctx).some((f) => f.djangoCheck === id && f.aside === undefined))
}

/** The rule, given the registry whose rules mirror Django's checks (read at check time: the registry holds this rule too). */
export const silencedChecksRule = (registry: () => readonly Rule[]): Rule => ({
  meta: {
    id: 'security-checks-silenced',
    severity: 'high',
    title: "Django's security checks are silenced",
    django: [],
    docs: {
      what: "Finds production `SILENCED_SYSTEM_CHECKS` entries that hide one of Django's security checks (`security.W004`, `security.W018`, …), naming what the check warns about. Django matches ids exactly, so a pattern such as `security.*` silences nothing: it is reported at low as a sign of intent. A silenced check that production passes today (the rule mirroring it finds nothing: `X_FRAME_OPTIONS = 'SAMEORIGIN'` for W019, `DEBUG` off for W018) hides nothing yet: it is low, and a scan sets it aside (listed with `--include-tests`).",
      why: "`manage.py check --deploy` is the last automatic look at a deployment's security settings. A silenced check stays silent when the setting it watches later regresses, on every environment that loads these settings, and nobody is reminded why it was silenced.",
      bad: 'SILENCED_SYSTEM_CHECKS = ["security.W004"]  # HSTS not set',
      fix: 'SECURE_HSTS_SECONDS = 31536000  # fix what the check reports\n# or, when a proxy does it, suppress this finding with the reason:\n# django-security: ignore[security-checks-silenced] -- HSTS is set by the CDN'
    }
  },
  check(ctx) {
    const { settings } = ctx
    const s = settings.get('SILENCED_SYSTEM_CHECKS')
    const out: RuleFinding[] = []
    for (const entry of listStrings(s.value)) {
      const id = entry.value.trim()
      if (!id.toLowerCase().startsWith('security.')) continue
      const what = SECURITY_CHECKS[id]
      const hidesNothingNow = what !== undefined && wouldWarn(registry(), ctx, id) === false
      out.push({
        subject: `SILENCED_SYSTEM_CHECKS:${id}`,
        loc: entry.loc ?? locOf(s, settings),
        severity: what && !hidesNothingNow ? undefined : 'low',
        ...(hidesNothingNow ? { aside: 'silenced security check that production passes' } : {}),
        message: what
          ? `SILENCED_SYSTEM_CHECKS ${entry.certain ? 'hides' : 'can hide'} ${id}, Django's warning about ${what}, so \`manage.py check --deploy\` ${hidesNothingNow ? 'will not report it if production stops passing it (today it passes)' : 'no longer reports it in production'} (${origin(s, settings)}).`
          : `SILENCED_SYSTEM_CHECKS ${entry.certain ? 'has' : 'can have'} ${pyRepr(entry.value)}, which is no security check id: Django matches ids exactly, so it silences nothing, but it reads as an intent to hide security warnings (${origin(s, settings)}).`,
        fix: { description: what ? `Fix what ${id} reports and remove ${pyRepr(entry.value)} from SILENCED_SYSTEM_CHECKS; if the protection is provided elsewhere (a proxy, a CDN), suppress this finding with that reason.` : `Remove ${pyRepr(entry.value)} from SILENCED_SYSTEM_CHECKS.` }
      })
    }
    return out
  }
})
