// The effective production settings a change alters, before → after, with where each value comes
// from: what no line-based tool can show.
import type { Binding } from '../python/evaluate.js'
import { show } from '../python/values.js'
import { DJANGO_DEFAULTS } from './defaults.js'
import type { Setting, SettingsView } from './view.js'

export interface SettingChange {
  module: string
  setting: string
  before: string
  after: string
  /** Where the new value comes from: `base.py:12`, the env read and its default, or Django's default. */
  source: string
}

/** Settings worth showing: the ones the rules read, plus a few more that matter for security. */
export const TRACKED_SETTINGS = [...Object.keys(DJANGO_DEFAULTS), 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL', 'CORS_ALLOWED_ORIGINS', 'CORS_ALLOW_CREDENTIALS', 'SESSION_ENGINE', 'SESSION_SERIALIZER', 'PASSWORD_HASHERS']

function source(s: Setting, view: SettingsView): string {
  const b: Binding | undefined = s.binding
  if (!b) return "Django's default"
  const read = b.env.find((r) => r.defaultText !== undefined) ?? b.env[0]
  const where = `${b.loc.path}:${b.loc.line}${b.loc.path !== view.path ? ` (imported by ${view.path})` : ''}`
  if (read) return `${where}, ${read.via}("${read.name}")${read.defaultText !== undefined ? ` with default ${read.defaultText}` : ', required'}`
  return where
}

export function settingChanges(pairs: [SettingsView, SettingsView | undefined][]): SettingChange[] {
  const out: SettingChange[] = []
  for (const [head, base] of pairs) {
    for (const name of TRACKED_SETTINGS) {
      const after = head.get(name)
      const before = base?.get(name)
      const a = show(after.value, 120)
      const b = before ? show(before.value, 120) : '(new module)'
      if (a === b) continue
      // An unknown that stayed unknown is not a change worth a row.
      if (after.value.kind === 'unknown' && before?.value.kind === 'unknown') continue
      out.push({ module: head.path, setting: name, before: b, after: a, source: source(after, head) })
    }
  }
  return out
}
