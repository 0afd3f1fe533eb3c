import { TRUE, containsString, equal, type Value } from '../python/values.js'
import { findItem, judge, listStrings, locOf, origin, show } from './helpers.js'
import { raises } from '../code/classes.js'
import type { Platform, SettingsView } from '../settings/view.js'
import { middlewareSetting } from './middleware.js'
import type { Rule } from './types.js'

/**
 * Platforms whose shared router forwards a request only when its Host is one of the app's own
 * domains (an unknown Host gets the platform's 404), known by the variable each sets in every
 * process; a project's own switch for one is named for it (`ON_HEROKU`, `IS_RENDER`).
 */
const HOST_ROUTED: readonly Platform[] = [
  { variable: 'DYNO', switchNames: /HEROKU/i },
  { variable: 'RENDER', switchNames: /RENDER/i }
]

function isWildcard(v: Value): true | undefined {
  // A string instead of a list is checked character by character, so any '*' in it matches every host.
  return containsString(v, '*') === true || (v.kind === 'str' && v.value.includes('*')) ? true : undefined
}

/** A middleware of the project in MIDDLEWARE that raises DisallowedHost itself: the site checks hosts against its own list (pretalx's custom event domains). */
function hostValidator(settings: SettingsView): string | undefined {
  return listStrings(middlewareSetting(settings).value).find((entry) => {
    const found = settings.projectClass(entry.value)
    return found !== undefined && raises(found, 'DisallowedHost')
  })?.value
}

export const allowedHostsWildcard: Rule = {
  meta: {
    id: 'allowed-hosts-wildcard',
    severity: 'high',
    title: "ALLOWED_HOSTS accepts any host ('*')",
    django: [],
    docs: {
      what: "Finds production settings whose effective `ALLOWED_HOSTS` contains `'*'`, including an environment read whose default yields it (`env.list(\"ALLOWED_HOSTS\", default=[\"*\"])`, `os.getenv(\"ALLOWED_HOSTS\", \"*\").split(\",\")`), and a string instead of a list that contains `*` (Django matches it character by character). Django's own checks do not flag this. When every production deployment that gets the wildcard runs on Heroku or Render (whose routers forward only the app's own domains) and `USE_X_FORWARDED_HOST` is off, or when a middleware of the project raises `DisallowedHost` itself (a multi-domain site checking hosts against its own list), it is low, and a scan sets it aside.",
      why: 'Django builds absolute URLs (password-reset links, redirects, cache keys) from the Host header. Accepting any host lets an attacker poison reset e-mails and caches with a domain they control.',
      bad: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
      fix: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # e.g. "example.com,www.example.com"'
    }
  },
  check({ settings }) {
    const s = settings.get('ALLOWED_HOSTS')
    const j = judge(s, isWildcard)
    if (j.verdict === 'none' || !j.value) return []
    if (j.value.kind === 'str')
      return [
        {
          subject: 'ALLOWED_HOSTS',
          loc: locOf(s, settings, j.binding),
          message: `ALLOWED_HOSTS ${j.verdict === 'possible' ? 'can be' : 'is'} the string ${show(j.value)} in production, not a list: Django checks each character as a host pattern, and the '*' among them accepts any Host header, which can poison password-reset links and caches (${origin(s, settings, j.binding)}).`,
          fix: { description: 'Make ALLOWED_HOSTS a list of the real domains, e.g. os.environ["ALLOWED_HOSTS"].split(","), without a wildcard default.' }
        }
      ]
    const item = findItem(j.value, '*')
    const loc = item?.loc && item.loc.path === (j.binding?.loc.path ?? '') ? item.loc : locOf(s, settings, j.binding)
    const behindRouter = settings.badOnlyOn('ALLOWED_HOSTS', isWildcard, HOST_ROUTED) && !equal(settings.get('USE_X_FORWARDED_HOST').value, TRUE)
    const validator = hostValidator(settings)
    const why = behindRouter
      ? " Every production deployment that gets it runs on Heroku or Render, whose router only forwards requests for the app's own domains, so it is reported at low severity; it matters again on any other host."
      : validator
      ? ` The project's ${validator} raises DisallowedHost for hosts it does not know (a multi-domain site validating hosts itself), so it is reported at low severity; check that every path it lets through builds links from a configured domain.`
      : ''
    return [
      {
        subject: 'ALLOWED_HOSTS',
        loc,
        reach: j.reach,
        ...(behindRouter ? { severity: 'low' as const, aside: "wildcard ALLOWED_HOSTS behind Heroku's or Render's router" } : validator ? { severity: 'low' as const, aside: 'wildcard ALLOWED_HOSTS with a project middleware validating hosts' } : {}),
        message: `ALLOWED_HOSTS ${j.verdict === 'possible' ? 'can contain' : 'contains'} '*' in production, so any Host header is accepted and can poison password-reset links and caches (${origin(s, settings, j.binding)}).${why}`,
        fix: { description: 'List the real domains, e.g. ALLOWED_HOSTS = ["example.com", "www.example.com"], or read them from the environment without a wildcard default.' }
      }
    ]
  }
}
