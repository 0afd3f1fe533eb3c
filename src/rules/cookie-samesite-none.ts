import { judge, literalFix, locOf, origin, show } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

export const cookieSamesiteNone: Rule = {
  meta: {
    id: 'cookie-samesite-none',
    severity: 'medium',
    title: 'Session or CSRF cookie has SameSite=None',
    django: [],
    docs: {
      what: 'Finds production settings where `SESSION_COOKIE_SAMESITE` or `CSRF_COOKIE_SAMESITE` is `None` or `"None"`.',
      why: "SameSite=None makes browsers attach the cookie to requests started by other sites, which removes a strong defence against CSRF and cross-site leaks. Django's default, 'Lax', keeps normal links working.",
      bad: 'SESSION_COOKIE_SAMESITE = "None"',
      fix: 'SESSION_COOKIE_SAMESITE = "Lax"'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    for (const name of ['SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE']) {
      const s = settings.get(name)
      const j = judge(s, (v) => v.kind === 'none' || (v.kind === 'str' && v.value.toLowerCase() === 'none'))
      if (j.verdict === 'none' || !j.value) continue
      out.push({
        subject: name,
        loc: locOf(s, settings, j.binding),
        message: `${name} ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, so browsers send the cookie with requests from other sites (${origin(s, settings, j.binding)}).`,
        fix: { description: `Set ${name} = 'Lax' (the default) or 'Strict'.`, replacement: literalFix(s, "'Lax'") }
      })
    }
    return out
  }
}
