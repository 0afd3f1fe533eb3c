import { atLeast } from '../deps/django-version.js'
import { existsIn } from '../settings/versioned-defaults.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import type { Value } from '../python/values.js'
import type { Rule, RuleFinding } from './types.js'

const sameSite = (v: Value | undefined): string | undefined => (v?.kind === 'str' ? v.value.toLowerCase() : undefined)

/** Strict before, Lax now: links from other sites carry the cookie again (a smaller step than None). */
function strictToLax(before: Value | undefined, now: Value): boolean {
  return sameSite(before) === 'strict' && sameSite(now) === 'lax'
}

export const cookieSamesiteNone: Rule = {
  meta: {
    id: 'cookie-samesite-none',
    severity: 'medium',
    title: 'Session or CSRF cookie has SameSite=None',
    django: [],
    docs: {
      what: 'Finds production settings where `SESSION_COOKIE_SAMESITE` or `CSRF_COOKIE_SAMESITE` is the string `"None"` (the cookie says SameSite=None), or Python\'s `None` or `False` (the cookie carries no SameSite attribute at all). In a diff, loosening from `Strict` to `Lax` (also by removing the setting, as Lax is the default) is reported at low; any step to None is the medium finding.',
      why: "SameSite=None makes browsers attach the cookie to requests started by other sites, which removes a strong defence against CSRF and cross-site leaks. Without the attribute each browser decides: Chrome and Edge treat the cookie as Lax, Safari and Firefox send it cross-site. Django's default, 'Lax', keeps normal links working.",
      bad: 'SESSION_COOKIE_SAMESITE = "None"',
      fix: 'SESSION_COOKIE_SAMESITE = "Lax"'
    }
  },
  check({ settings, base }) {
    const out: RuleFinding[] = []
    for (const name of ['SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE']) {
      // the settings exist from Django 2.1; the string "None" means SameSite=None from 3.1 (before, Django refuses it)
      if (!existsIn(settings.django, name)) continue
      const explicitNone = atLeast(settings.django, '3.1')
      const s = settings.get(name)
      // the string "None" sets SameSite=None; None and False leave the attribute out
      const j = judge(s, (v) => v.kind === 'none' || (v.kind === 'bool' && !v.value) || (explicitNone && v.kind === 'str' && v.value.toLowerCase() === 'none'))
      if (j.verdict === 'none' || !j.value) {
        const loosened = strictToLax(base?.get(name).value, s.value)
        if (loosened)
          out.push({
            subject: `${name}:loosened`,
            loc: locOf(s, settings),
            severity: 'low',
            message: `${name} is loosened from 'Strict' to ${show(s.value)} in production, so the cookie is sent again when a user follows a link from another site: a GET request started elsewhere arrives logged in (${origin(s, settings)}).`,
            fix: { description: `Keep ${name} = 'Strict' unless links from other sites must arrive logged in.`, replacement: literalFix(s, "'Strict'") }
          })
        continue
      }
      const effect =
        j.value.kind === 'str' ? 'so browsers send the cookie with requests from other sites' : "so the cookie carries no SameSite attribute and each browser's default applies: Safari and Firefox send it with requests from other sites"
      out.push({
        subject: name,
        loc: locOf(s, settings, j.binding),
        message: `${name} ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, ${effect} (${origin(s, settings, j.binding)}).`,
        fix: { description: `Set ${name} = 'Lax' (the default) or 'Strict'.`, replacement: literalFix(s, "'Lax'") }
      })
    }
    return out
  }
}
