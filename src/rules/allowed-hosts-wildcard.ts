import { containsString } from '../python/values.js'
import { findItem, judge, locOf, origin } from './helpers.js'
import type { Rule } from './types.js'

export const allowedHostsWildcard: Rule = {
  meta: {
    id: 'allowed-hosts-wildcard',
    severity: 'high',
    title: "ALLOWED_HOSTS accepts any host ('*')",
    django: [],
    docs: {
      what: "Finds production settings whose effective `ALLOWED_HOSTS` contains `'*'`, including an environment read whose default yields it (`env.list(\"ALLOWED_HOSTS\", default=[\"*\"])`, `os.getenv(\"ALLOWED_HOSTS\", \"*\").split(\",\")`). Django's own checks do not flag this.",
      why: 'Django builds absolute URLs (password-reset links, redirects, cache keys) from the Host header. Accepting any host lets an attacker poison reset e-mails and caches with a domain they control.',
      bad: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
      fix: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # e.g. "example.com,www.example.com"'
    }
  },
  check({ settings }) {
    const s = settings.get('ALLOWED_HOSTS')
    const j = judge(s, (v) => (containsString(v, '*') === true ? true : undefined))
    if (j.verdict === 'none' || !j.value) return []
    const item = findItem(j.value, '*')
    const loc = item?.loc && item.loc.path === (j.binding?.loc.path ?? '') ? item.loc : locOf(s, settings, j.binding)
    return [
      {
        subject: 'ALLOWED_HOSTS',
        loc,
        message: `ALLOWED_HOSTS ${j.verdict === 'possible' ? 'can contain' : 'contains'} '*' in production, so any Host header is accepted and can poison password-reset links and caches (${origin(s, settings, j.binding)}).`,
        fix: { description: 'List the real domains, e.g. ALLOWED_HOSTS = ["example.com", "www.example.com"], or read them from the environment without a wildcard default.' }
      }
    ]
  }
}
