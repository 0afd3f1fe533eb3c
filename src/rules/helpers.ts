// Shared pieces for settings rules: judging abstract values, and saying where a value comes from.
import { atLeast } from '../deps/django-version.js'
import type { Binding } from '../python/evaluate.js'
import { containsString, falsy, optionsOf, possibleValues, pyRepr, show, truthy, type Item, type Loc, type Value } from '../python/values.js'
import type { Setting, SettingsView } from '../settings/view.js'

/** 'all': every value production can take is bad; 'some': some are, others are known to be fine. */
export type Reach = 'all' | 'some'

export interface Judgement {
  /** 'certain': every possible value is bad; 'possible': some branch is bad; 'none': nothing bad known. */
  verdict: 'certain' | 'possible' | 'none'
  /** The bad value (the first bad alternative). */
  value?: Value
  /** How much of production it holds in: every value, or only some while others are known to be fine. */
  reach?: Reach
  /** The assignment on the bad branch, when the value came from branches; null: on that branch Django's default applies. */
  binding?: Binding | null
  /** The bad value is the default a lookup in something unknown (a config file's dict, say) falls back to when it finds nothing. */
  fallback?: true
}

/**
 * Applies a predicate to every alternative of a value. `undefined` from the predicate means the
 * value cannot be judged (unknown); such values are never reported as fact.
 */
export function judge(setting: Setting, isBad: (v: Value) => boolean | undefined): Judgement {
  const options = branchValues(setting)
  const fallbacks = new Set(options.flatMap((o) => (o.kind === 'unknown' ? (o.among ?? []) : [])))
  const results = options.map((o) => (o.kind === 'fails' || o.kind === 'unknown' ? undefined : isBad(o)))
  const badIndex = results.findIndex((r) => r === true)
  if (badIndex < 0) return { verdict: 'none' }
  const value = options[badIndex]
  const matched = setting.binding?.alternatives?.find((b) => optionMatches(b.value, value))
  // no assignment gives the bad value, and some world leaves the setting unset: that world's default is it
  const binding = matched ?? (setting.defaultAmong ? null : setting.binding)
  const reach: Reach | undefined = results.every((r) => r === true) ? 'all' : results.some((r) => r === false) ? 'some' : undefined
  return { verdict: results.every((r) => r === true) ? 'certain' : 'possible', value, binding, ...(reach ? { reach } : {}), ...(fallbacks.has(value) ? { fallback: true as const } : {}) }
}

/**
 * The values a setting can take: its alternatives; for a value merged into unknown (one branch reads
 * something the review cannot know, `if "SECRET_KEY" in env: … else: SECRET_KEY = "sd"`), each
 * branch's value still counts, the unknown branch among them.
 */
function branchValues(setting: Setting): Value[] {
  const v = setting.value
  const alternatives = setting.binding?.alternatives
  if (v.kind === 'unknown' && alternatives?.length) return alternatives.flatMap((b) => possibleValues(b.value))
  return possibleValues(v)
}

function optionMatches(v: Value, target: Value): boolean {
  return show(v, 400) === show(target, 400)
}

/**
 * A true value that is not the boolean `True`, such as the string "1" read from the environment.
 * Django's middleware and cookie code test truthiness, so the protection is on; only Django's deploy
 * check (4.1+ for the cookie flags) insists on `is True`.
 */
export function trueButNotTrue(v: Value): boolean {
  return truthy(v) === true && v.kind !== 'bool'
}

/**
 * Whether a cookie flag of Django's session and CSRF checks (W010–W016: SESSION_COOKIE_SECURE,
 * SESSION_COOKIE_HTTPONLY, CSRF_COOKIE_SECURE) counts as off, as the project's Django tests it:
 * `is not True` from 4.1, plain falsiness before (`1` or `"1"` passed Django 4.0's check, and the
 * cookie code applies any true value).
 */
export function cookieFlagOff(view: SettingsView): (v: Value) => boolean | undefined {
  return atLeast(view.django, '4.1') ? (v) => !(v.kind === 'bool' && v.value) : falsy
}

/** The message for a `trueButNotTrue` value of a setting whose Django check wants `is True`. */
export function notBooleanMessage(name: string, v: Value, djangoCheck: string, from: string): string {
  const trap = v.kind === 'str' ? ', and as a string it cannot be switched off ("False" is true as well)' : ''
  return `${name} is ${show(v)}, not the boolean True: Django applies it because the value is true, but its deploy check (${djangoCheck}) accepts only True${trap} (${from}).`
}

/** Where a finding about this setting points: its assignment, or the module when it is not set. */
export function locOf(setting: Setting, view: SettingsView, binding: Binding | null | undefined = setting.binding): Loc {
  return binding?.loc ?? view.moduleLoc()
}

function rel(loc: Loc): string {
  return `${loc.path}:${loc.line}`
}

/**
 * Says where a setting's value comes from: "set at base.py:5", "os.environ.get('DEBUG', 'True') —
 * a server with DEBUG unset gets True", "not set, so Django's default False applies".
 */
export function origin(setting: Setting, view: SettingsView, binding: Binding | null | undefined = setting.binding, fallback = false): string {
  if (binding?.supplied) return suppliedBy(binding)
  if (fallback && binding) return `it is the default ${binding.loc.path === view.path ? `line ${binding.loc.line}` : rel(binding.loc)} falls back to when its lookup in data the review cannot see (a configuration file, a service) finds nothing (\`${binding.text.trim()}\`)`
  if (binding === null && setting.binding) return `${setting.name} is set only on some of production's branches (${rel(setting.binding.loc)}); where it is left unset, Django's default applies`
  if (setting.isDefault || !binding) return `${setting.name} is not set in ${view.path} or the modules it imports, so Django's default applies`
  const read = binding.env.find((r) => r.defaultText !== undefined)
  const where = binding.loc.path === view.path ? `at line ${binding.loc.line}` : `in ${rel(binding.loc)}, imported by ${view.path}`
  if (read) return `it is read from the environment ${where} (\`${binding.text.trim()}\`); a server with ${read.name} unset gets ${read.defaultText}`
  return `it is ${binding.history.length > 1 ? 'changed' : 'set'} ${where}`
}

/**
 * Where a value a deploy file gives the environment comes from, for a binding a deployment world
 * produced (see settings/deploy-worlds.ts): the deploy-file line, the process, the settings line that reads it.
 */
export function suppliedBy(binding: Binding): string {
  const s = binding.supplied
  if (!s) return ''
  const file = s.copiedTo ? `${rel(binding.loc)}, a template a user would copy to ${s.copiedTo},` : rel(binding.loc)
  // the setting may take the value in another module than the one reading it (netbox: `globals()[name] = getattr(configuration, name)`)
  const takes = s.read.path === s.assigned.path ? `${rel(s.read)} reads it` : `${rel(s.read)} reads it, and ${rel(s.assigned)} takes it`
  return `${file} sets ${s.variable} for ${s.by}, and ${takes} (\`${binding.text.trim()}\`)`
}

/** The location of a list element, or of the list's assignment. */
export function itemLoc(item: Item | undefined, setting: Setting, view: SettingsView): Loc {
  return item?.loc ?? locOf(setting, view)
}

/** Finds the element equal to a string in a sequence value. */
export function findItem(v: Value, s: string): Item | undefined {
  if (v.kind !== 'seq') return undefined
  return v.items.find((i) => i.value.kind === 'str' && i.value.value === s)
}

/** true / false / undefined (cannot tell) for membership of an exact string in a list setting. */
export function hasEntry(setting: Setting, s: string): boolean | undefined {
  return containsString(setting.value, s)
}

/**
 * A one-line GitHub suggestion that replaces a plain `NAME = literal` assignment by `NAME = value`,
 * keeping indentation and any trailing comment; undefined when the fix is not mechanical.
 */
export function literalFix(setting: Setting, pythonValue: string): string | undefined {
  const b = setting.binding
  if (!b || b.env.length || b.history.length !== 1 || b.loc.line !== b.loc.endLine || b.alternatives) return undefined
  // read by hand: a pattern with a lazy value before optional spaces backtracks on a long line
  const code = b.text.trimStart()
  const indent = b.text.slice(0, b.text.length - code.length)
  if (!code.startsWith(setting.name) || !code.slice(setting.name.length).trimStart().startsWith('=')) return undefined
  const hash = code.indexOf('#')
  return `${indent}${setting.name} = ${pythonValue}${hash < 0 ? '' : `  ${code.slice(hash)}`}`
}

/** Masks a secret for display: two characters at each end of a long one (`dj****9f`), one of a short one, none under six. */
export function mask(secret: string): string {
  const shown = secret.length >= 8 ? 2 : secret.length >= 6 ? 1 : 0
  return shown ? `${secret.slice(0, shown)}****${secret.slice(-shown)}` : '****'
}

export { pyRepr, show }

/** The alternatives of a value: its options for a one-of, else the value itself. */
export const alternatives = optionsOf

/** A dict value's entry by key, with where it was written. */
export function entryOf(v: Value | undefined, key: string): { key: string; value: Value; loc?: Loc } | undefined {
  return v?.kind === 'dict' ? v.entries.find((e) => e.key === key) : undefined
}

/** The last segment of a dotted path: `django.contrib.auth.hashers.MD5PasswordHasher` → `MD5PasswordHasher`. */
export function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1)
}

/** A string element of a list setting, over every alternative: `certain` when every alternative has it. */
export interface ListString {
  value: string
  loc?: Loc
  certain: boolean
}

/** The string elements a list setting has on any alternative, each once, in order. */
export function listStrings(v: Value): ListString[] {
  const alts = alternatives(v)
  const out = new Map<string, ListString>()
  for (const alt of alts) {
    if (alt.kind !== 'seq') continue
    for (const item of [...alt.items, ...(alt.only ?? [])]) {
      if (item.value.kind !== 'str' || out.has(item.value.value)) continue
      const s = item.value.value
      const certain = alts.every((a) => a.kind === 'seq' && a.items.some((i) => i.value.kind === 'str' && i.value.value === s))
      out.set(s, { value: s, loc: item.loc, certain })
    }
  }
  return [...out.values()]
}
