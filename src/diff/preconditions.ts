// Findings whose precondition the change supplied or took away: an old value that now takes effect
// is not new, and a weak value that is now ignored is not fixed.
import { show } from '../python/values.js'
import type { Precondition } from '../rules/preconditions.js'
import type { Keyed } from '../rules/run.js'
import type { SettingsView } from '../settings/view.js'

/** The setting a finding judges: its subject up to the first `:` or `[`. */
export function settingOf(it: Keyed): string {
  return it.raw.subject.split(/[:[]/)[0]
}

function preconditionsOf(it: Keyed): readonly Precondition[] {
  return it.rule.preconditions?.(it.raw.subject) ?? []
}

/** The value production gets, comparable across files: where it is written does not matter. */
function valueText(view: SettingsView, name: string): string {
  const s = view.get(name)
  // a setting Django has no default for (a library's, such as REST_FRAMEWORK) is simply not set
  return s.isDefault && s.value.kind === 'unknown' ? 'not set' : show(s.value, 400)
}

/**
 * For a finding the base did not have: the preconditions the change supplied, when the setting
 * itself holds the value it held before (so the change made nothing worse); else undefined.
 */
export function suppliedPreconditions(it: Keyed, head: SettingsView, base: SettingsView | undefined): Precondition[] | undefined {
  if (!base) return undefined
  const supplied = preconditionsOf(it).filter((p) => p.holds(base) === false && p.holds(head) === true)
  if (!supplied.length) return undefined
  const name = settingOf(it)
  return valueText(head, name) === valueText(base, name) ? supplied : undefined
}

/** For a base finding the head no longer has: the preconditions the change took away. */
export function removedPreconditions(it: Keyed, head: SettingsView | undefined): Precondition[] {
  if (!head) return []
  return preconditionsOf(it).filter((p) => p.holds(head) === false)
}

export function takesEffectNote(it: Keyed, supplied: Precondition[], head: SettingsView): string {
  const name = settingOf(it)
  return `Not new: ${name} is ${valueText(head, name)} as before, but it had no effect until this change, which makes ${supplied.map((p) => p.what).join(' and ')}; the value now takes effect.`
}

export function silencedNote(silenced: Keyed[]): string {
  const listed = silenced.map((s) => `${s.rule.meta.id} (${settingOf(s)})`)
  return `This also silences what was reported before and is not fixed: ${[...new Set(listed)].join(', ')}.`
}
