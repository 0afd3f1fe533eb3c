import { falsy, optionsOf, truthy, type Value } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { judge, locOf, origin, type Judgement } from './helpers.js'
import type { Rule } from './types.js'

/** Whether ALLOWED_HOSTS can be empty while DEBUG is off. */
function emptyHosts(view: SettingsView): Judgement {
  if (truthy(view.get('DEBUG').value) !== false) return { verdict: 'none' }
  return judge(view.get('ALLOWED_HOSTS'), falsy)
}

/** Whether every value the list can take matches no host: empty, or only empty strings. */
function servesNoHost(v: Value): boolean {
  return optionsOf(v).every((o) => o.kind === 'seq' && !o.open && o.items.every((i) => i.value.kind === 'str' && i.value.value === ''))
}

export const allowedHostsEmpty: Rule = {
  meta: {
    id: 'allowed-hosts-empty',
    severity: 'low',
    title: 'ALLOWED_HOSTS is empty while DEBUG is off',
    django: ['security.W020'],
    docs: {
      what: 'Finds production settings whose effective `ALLOWED_HOSTS` is empty while DEBUG is off. It fails closed, and is mostly a default the deployment fills in: a scan sets it aside (listed with `--include-tests`); a change that writes an empty list is reported, not one whose list is empty only while a variable production must set is unset.',
      why: 'Django then rejects every request with "400 Bad Request". It is not a vulnerability by itself, but the usual quick fix under pressure is `ALLOWED_HOSTS = ["*"]`, which is one.',
      bad: 'ALLOWED_HOSTS = []',
      fix: 'ALLOWED_HOSTS = ["example.com"]'
    }
  },
  check({ settings, base }) {
    const j = emptyHosts(settings)
    if (j.verdict === 'none') return []
    // In a change, only a change that empties a list production had is reported: not an empty list
    // that only an unset variable gives (a server refusing every request is given the variable), nor
    // one replacing a list that already matched no host ([""] from splitting an empty variable).
    if (base && emptyHosts(base).verdict === 'none' && (j.binding?.env.length || servesNoHost(base.get('ALLOWED_HOSTS').value))) return []
    const s = settings.get('ALLOWED_HOSTS')
    return [
      {
        subject: 'ALLOWED_HOSTS:empty',
        djangoCheck: 'security.W020',
        loc: locOf(s, settings, j.binding),
        // fail-closed: nothing is exposed, and in a scan of a tree it is usually a default the deployment overrides
        aside: 'empty ALLOWED_HOSTS (Django refuses every request)',
        message: `ALLOWED_HOSTS ${j.verdict === 'possible' ? 'can be' : 'is'} empty in production with DEBUG off, so Django answers every request with 400 (${origin(s, settings, j.binding)}).`,
        fix: { description: 'List the domains the site is served on.' }
      }
    ]
  }
}
