import type { Value } from '../python/values.js'
import type { Setting, SettingsView } from '../settings/view.js'
import { entryOf, hasEntry, judge, lastSegment, locOf, origin, show } from './helpers.js'
import type { Precondition } from './preconditions.js'
import type { Rule, RuleFinding } from './types.js'

const SUBJECT = 'REST_FRAMEWORK:DEFAULT_PERMISSION_CLASSES'
const KEY = 'DEFAULT_PERMISSION_CLASSES'

type State = 'open' | 'missing' | 'guarded'

/**
 * What the default permission classes of a REST_FRAMEWORK value do: 'open' when every class is
 * AllowAny or the list is empty (DRF requires every class to pass, so AllowAny next to
 * IsAuthenticated changes nothing), 'missing' when not given; undefined when it cannot be told.
 */
function stateOf(v: Value): State | undefined {
  if (v.kind !== 'dict') return undefined
  const entry = entryOf(v, KEY)
  if (!entry) return v.open ? undefined : 'missing'
  const classes = entry.value
  if (classes.kind !== 'seq' || classes.open) return undefined
  const names = classes.items.map((i) => (i.value.kind === 'str' ? lastSegment(i.value.value) : undefined))
  if (names.includes(undefined)) return undefined
  return names.every((n) => n === 'AllowAny') ? 'open' : 'guarded'
}

function settingState(s: Setting): State | undefined {
  return s.isDefault ? 'missing' : s.value.kind === 'oneOf' ? undefined : stateOf(s.value)
}

/** Where the base set permission classes that guarded the API (for a diff that removes them), or undefined. */
function guardedBefore(base: SettingsView | undefined): RuleFinding['removed'] | undefined {
  if (!base || hasEntry(base.get('INSTALLED_APPS'), 'rest_framework') !== true) return undefined
  const s = base.get('REST_FRAMEWORK')
  if (settingState(s) !== 'guarded') return undefined
  const entry = entryOf(s.value, KEY)
  const loc = entry?.loc ?? s.binding?.loc
  return loc && { loc, text: `"${KEY}": ${entry ? show(entry.value) : '…'}` }
}

const DRF_INSTALLED: Precondition = {
  what: 'rest_framework is in INSTALLED_APPS',
  holds: (view) => hasEntry(view.get('INSTALLED_APPS'), 'rest_framework')
}

const FIX = `Set REST_FRAMEWORK["${KEY}"] = ["rest_framework.permissions.IsAuthenticated"] and open public endpoints one by one with permission_classes = [AllowAny].`

export const drfDefaultAllowAny: Rule = {
  meta: {
    id: 'drf-default-allow-any',
    severity: 'medium',
    title: 'Django REST framework lets anyone call views by default',
    django: [],
    docs: {
      what: 'Finds production settings with `rest_framework` installed whose `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]` is only `AllowAny`, or an empty list; in a diff, also the key (or the whole `REST_FRAMEWORK` setting) removed. When the key was never set, DRF\'s own default (AllowAny) applies: that is low, and a scan sets it aside (listed with `--include-tests`), since most projects set `permission_classes` on every view or serve public data. `AllowAny` next to another class is not reported: DRF requires every class to pass.',
      why: 'The default permission applies to every API view that does not set its own `permission_classes`. With AllowAny, a view someone forgets to protect, or a new one, is open to anonymous users: reading, changing and deleting data.',
      bad: 'REST_FRAMEWORK = {\n    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],\n}',
      fix: 'REST_FRAMEWORK = {\n    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],\n}'
    }
  },
  preconditions: () => [DRF_INSTALLED],
  check({ settings, base }) {
    if (DRF_INSTALLED.holds(settings) !== true) return []
    const s = settings.get('REST_FRAMEWORK')
    const open = judge(s, (v) => {
      const state = stateOf(v)
      return state === undefined ? undefined : state === 'open'
    })
    if (open.verdict !== 'none' && open.value) {
      const classes = entryOf(open.value, KEY)
      const out: RuleFinding = {
        subject: SUBJECT,
        loc: classes?.loc ?? locOf(s, settings, open.binding),
        message: `REST_FRAMEWORK["${KEY}"] ${open.verdict === 'possible' ? 'can be' : 'is'} ${classes ? show(classes.value) : 'AllowAny'} in production, so every API view without its own permission_classes answers anonymous requests (${origin(s, settings, open.binding)}).`,
        fix: { description: FIX }
      }
      return [out]
    }
    if (settingState(s) !== 'missing') return []
    const removed = guardedBefore(base)
    const from = s.isDefault ? `REST_FRAMEWORK is not set in ${settings.path} or the modules it imports` : origin(s, settings)
    return [
      {
        subject: SUBJECT,
        loc: locOf(s, settings),
        severity: removed ? undefined : 'low',
        // never set: measured on real projects, most set permission_classes on each view or serve public data
        ...(removed ? {} : { aside: "DRF's default permission never set" }),
        removed,
        message: removed
          ? `REST_FRAMEWORK["${KEY}"] is removed from production settings, so DRF falls back to AllowAny and every API view without its own permission_classes answers anonymous requests (${from}).`
          : `REST_FRAMEWORK["${KEY}"] is not set for production, so DRF's default, AllowAny, applies: any API view without its own permission_classes answers anonymous requests (${from}).`,
        fix: { description: FIX }
      }
    ]
  }
}
