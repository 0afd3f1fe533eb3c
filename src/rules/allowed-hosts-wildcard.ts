import { TRUE, containsString, equal } from '../python/values.js'
import { findItem, judge, locOf, origin, show } from './helpers.js'
import type { Rule } from './types.js'

export const allowedHostsWildcard: Rule = {
  meta: {
    id: 'allowed-hosts-wildcard',
    severity: 'high',
    title: "ALLOWED_HOSTS accepts any host ('*')",
    django: [],
    docs: {
      what: "Finds production settings whose effective `ALLOWED_HOSTS` contains `'*'`, including an environment read whose default yields it (`env.list(\"ALLOWED_HOSTS\", default=[\"*\"])`, `os.getenv(\"ALLOWED_HOSTS\", \"*\").split(\",\")`), and a string instead of a list that contains `*` (Django matches it character by character). Django's own checks do not flag this. When every production deployment runs on Heroku (whose router forwards only the app's own domains) and `USE_X_FORWARDED_HOST` is off, it is low, and a scan sets it aside.",
      why: 'Django builds absolute URLs (password-reset links, redirects, cache keys) from the Host header. Accepting any host lets an attacker poison reset e-mails and caches with a domain they control.',
      bad: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
      fix: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # e.g. "example.com,www.example.com"'
    }
  },
  check({ settings }) {
    const s = settings.get('ALLOWED_HOSTS')
    // A string instead of a list is checked character by character, so any '*' in it matches every host.
    const j = judge(s, (v) => (containsString(v, '*') === true || (v.kind === 'str' && v.value.includes('*')) ? true : undefined))
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
    // Heroku's router forwards only requests whose Host is one of the app's own domains
    const behindHerokuRouter = settings.onPlatformWith('DYNO') && !equal(settings.get('USE_X_FORWARDED_HOST').value, TRUE)
    return [
      {
        subject: 'ALLOWED_HOSTS',
        loc,
        reach: j.reach,
        ...(behindHerokuRouter ? { severity: 'low' as const, aside: "wildcard ALLOWED_HOSTS behind Heroku's router" } : {}),
        message: `ALLOWED_HOSTS ${j.verdict === 'possible' ? 'can contain' : 'contains'} '*' in production, so any Host header is accepted and can poison password-reset links and caches (${origin(s, settings, j.binding)}).${behindHerokuRouter ? " Every production deployment runs on Heroku, whose router only forwards requests for the app's own domains, so it is reported at low severity; it matters again on any other host." : ''}`,
        fix: { description: 'List the real domains, e.g. ALLOWED_HOSTS = ["example.com", "www.example.com"], or read them from the environment without a wildcard default.' }
      }
    ]
  }
}
