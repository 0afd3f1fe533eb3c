import { existsIn } from '../settings/versioned-defaults.js'
import { SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import { pyRepr, type Value } from '../python/values.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Setting, SettingsView } from '../settings/view.js'
import type { Rule, RuleFinding } from './types.js'

// django/core/checks/security/base.py REFERRER_POLICY_VALUES
const VALID = new Set(['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url'])
/** Valid policies that send the full URL (path and query) to other origins. */
const LOOSE = new Set(['unsafe-url', 'no-referrer-when-downgrade'])

/**
 * How much of the page URL each policy sends to other origins, least first: nothing; the origin
 * over HTTPS only; the origin always; the full URL over HTTPS; the full URL always.
 */
const CROSS_ORIGIN_LEAK: Record<string, number> = {
  'no-referrer': 0,
  'same-origin': 0,
  'strict-origin': 1,
  'strict-origin-when-cross-origin': 1,
  origin: 2,
  'origin-when-cross-origin': 2,
  'no-referrer-when-downgrade': 3,
  'unsafe-url': 4
}

/** The policy browsers apply (the last token), when one valid string or list decides it. */
function lastToken(v: Value | undefined): string | undefined {
  const tokens = v && tokensOf(v)
  const last = tokens?.[tokens.length - 1]
  return last !== undefined && VALID.has(last) ? last : undefined
}

/** A policy's tokens as Django reads them: a string split on ',' and stripped, a list element by element (undefined: not a string). */
function tokensOf(v: Value): (string | undefined)[] | undefined {
  if (v.kind === 'str') return v.value.split(',').map((t) => t.trim())
  if (v.kind === 'seq') return v.items.map((i) => (i.value.kind === 'str' ? i.value.value : ['none', 'bool', 'int', 'float'].includes(i.value.kind) ? show(i.value) : undefined))
  return undefined
}

type Verdict = { kind: 'ok' } | { kind: 'none' } | { kind: 'empty' } | { kind: 'invalid'; bad: string[] } | { kind: 'loose'; token: string }

/**
 * Judges a policy as Django does: None warns (W022); a string is split on ',' and each part stripped,
 * any other iterable is taken element by element, and every element must be a valid token (E023).
 * Browsers use the last token they understand, so that one decides whether the policy is loose.
 * undefined when the value cannot be judged.
 */
function judgePolicy(v: Value): Verdict | undefined {
  if (v.kind === 'none') return { kind: 'none' }
  const tokens = tokensOf(v)
  if (!tokens) return undefined
  const bad = tokens.filter((t): t is string => t !== undefined && !VALID.has(t))
  if (bad.length) return { kind: 'invalid', bad }
  if (tokens.includes(undefined) || (v.kind === 'seq' && v.open)) return undefined
  // An empty list passes Django's check, but the middleware then sends no header at all.
  if (tokens.length === 0) return { kind: 'empty' }
  const last = tokens[tokens.length - 1] as string
  return LOOSE.has(last) ? { kind: 'loose', token: last } : { kind: 'ok' }
}

export const referrerPolicyWeakened: Rule = {
  meta: {
    id: 'referrer-policy-weakened',
    severity: 'low',
    title: 'Referrer-Policy is missing, invalid or leaks full URLs',
    django: ['security.W022', 'security.E023'],
    docs: {
      what: "Finds production settings with SecurityMiddleware on where `SECURE_REFERRER_POLICY` is None (no header; Django's W022), holds a value that is not a Referrer-Policy token (E023; a string is split on commas, a list or tuple is taken element by element), or is loosened to `unsafe-url` or `no-referrer-when-downgrade`, which Django accepts. Django's default is `same-origin`. In a diff, a valid policy that sends other sites more than production sent before (`same-origin` to `strict-origin-when-cross-origin`: other sites now learn which site linked to them) is reported too.",
      why: 'The Referer header carries the full URL of the page a link or resource was loaded from, including paths and query strings that may hold password-reset tokens, search terms or personal data. A loose or missing policy hands those URLs to every third-party site, CDN and analytics script the page touches.',
      bad: 'SECURE_REFERRER_POLICY = "unsafe-url"',
      fix: 'SECURE_REFERRER_POLICY = "same-origin"  # or "strict-origin-when-cross-origin"'
    }
  },
  preconditions: () => [SECURITY_MIDDLEWARE_ON],
  check({ settings, base }) {
    // the setting exists from Django 3.0 (default None until 3.1: see versioned-defaults.ts)
    if (!existsIn(settings.django, 'SECURE_REFERRER_POLICY') || hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const s = settings.get('SECURE_REFERRER_POLICY')
    const j = judge(s, (v) => {
      const verdict = judgePolicy(v)
      return verdict === undefined ? undefined : verdict.kind !== 'ok'
    })
    const verdict = j.value && judgePolicy(j.value)
    if (j.verdict === 'none' || !j.value || !verdict || verdict.kind === 'ok') return base ? loosened(s, settings, base) : []
    const is = `SECURE_REFERRER_POLICY ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production`
    const from = origin(s, settings, j.binding)
    const fix = { description: "Set SECURE_REFERRER_POLICY = 'same-origin' (Django's default) or 'strict-origin-when-cross-origin'.", replacement: literalFix(s, "'same-origin'") }
    const loc = locOf(s, settings, j.binding)
    switch (verdict.kind) {
      case 'none':
        return [{ subject: 'SECURE_REFERRER_POLICY', djangoCheck: 'security.W022', loc, fix, message: `${is}, so responses carry no Referrer-Policy header and each browser's own default decides how much of the page URL other sites receive (${from}).` }]
      case 'empty':
        return [{ subject: 'SECURE_REFERRER_POLICY', loc, fix, message: `${is}: Django's check accepts an empty list, but SecurityMiddleware then sends no Referrer-Policy header at all (${from}).` }]
      case 'invalid':
        return [
          {
            subject: 'SECURE_REFERRER_POLICY',
            djangoCheck: 'security.E023',
            loc,
            fix,
            message: `${is}: ${verdict.bad.map(pyRepr).join(', ')} ${verdict.bad.length === 1 ? 'is not a Referrer-Policy value' : 'are not Referrer-Policy values'}, so browsers ignore ${verdict.bad.length === 1 ? 'it' : 'them'} and Django's check fails (${from}). Valid values: ${[...VALID].sort().join(', ')}.`
          }
        ]
      case 'loose':
        return [
          {
            subject: 'SECURE_REFERRER_POLICY',
            loc,
            fix,
            message: `${is}: with '${verdict.token}' the full URL of each page, path and query string included, is sent to ${verdict.token === 'unsafe-url' ? 'every other site, even over plain HTTP' : 'every other HTTPS site'} (${from}).`
          }
        ]
    }
  }
}

/** In a diff: a valid policy that sends other origins more than the one production had before. */
function loosened(s: Setting, settings: SettingsView, base: SettingsView): RuleFinding[] {
  const before = lastToken(base.get('SECURE_REFERRER_POLICY').value)
  const now = lastToken(s.value)
  if (!before || !now || hasMiddleware(base, SECURITY_MIDDLEWARE) !== true || (CROSS_ORIGIN_LEAK[now] ?? 0) <= (CROSS_ORIGIN_LEAK[before] ?? 0)) return []
  return [
    {
      subject: 'SECURE_REFERRER_POLICY:loosened',
      loc: locOf(s, settings),
      message: `SECURE_REFERRER_POLICY is loosened from '${before}' to '${now}' in production, so other sites now receive ${(CROSS_ORIGIN_LEAK[now] ?? 0) >= 3 ? 'the full URL of the page that linked to them' : 'the origin of the page that linked to them'}, where before they received ${(CROSS_ORIGIN_LEAK[before] ?? 0) === 0 ? 'nothing' : 'less'} (${origin(s, settings)}).`,
      fix: { description: `Keep SECURE_REFERRER_POLICY = '${before}' unless other sites must see where their visitors come from.`, replacement: literalFix(s, `'${before}'`) }
    }
  ]
}
