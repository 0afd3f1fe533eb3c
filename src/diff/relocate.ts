// Where a new finding is shown when its own line is not one the change touched.
import type { Placement } from '../rules/results.js'
import type { Keyed } from '../rules/run.js'
import type { SettingsView } from '../settings/view.js'
import type { ChangeIndex } from './change-index.js'
import { isChangedLine, isRemovedLine, mapOldLine } from './hunks.js'
import { removedImportOf } from './removed-import.js'

/**
 * A new finding whose line the change did not touch comes from something else the change did:
 * it removed an override or list entry (point at the nearest remaining line, say what was removed),
 * it deleted a module production imported (point where the import was), or it changed which modules
 * production loads (point at the first changed line of the module).
 */
export function relocate(it: Keyed, baseView: SettingsView | undefined, diff: ChangeIndex): Placement {
  const loc = it.raw.loc
  const headHunks = diff.hunks.get(loc.path)
  if (headHunks && isChangedLine(headHunks, loc.line)) return {}
  let removed = it.raw.removed
  if (!removed && baseView) {
    // The setting's assignment before the change, e.g. a deleted production override.
    const setting = it.raw.subject.split(/[:[]/)[0]
    const b = baseView.binding(setting)
    if (b) removed = { loc: b.loc, text: b.text.trim() }
  }
  if (removed) {
    const headPath = diff.headPath(removed.loc.path)
    const hunks = diff.hunks.get(headPath)
    if (hunks && isRemovedLine(hunks, removed.loc.line)) {
      const text = removed.text || diff.baseLine(removed.loc.path, removed.loc.line)
      if (!diff.deleted.has(headPath))
        return { path: headPath, line: mapOldLine(hunks, removed.loc.line), extraNotes: [`This change removed \`${text}\` (line ${removed.loc.line} of ${removed.loc.path} before the change).`] }
      const viaImport = removedImportOf(removed.loc.path, baseView, diff)
      if (viaImport)
        return { path: viaImport.path, line: viaImport.line, extraNotes: [`This change removed \`${viaImport.text}\`, and with it \`${text}\` from ${removed.loc.path}, which it deletes.`] }
    }
  }
  // Production now loads a different set of modules: point at the change in the module itself.
  for (const path of it.entry.chain) {
    const first = diff.hunks.get(path)?.find((h) => h.newLines > 0)
    if (!first) continue
    const evidence = diff.headLine(loc.path, loc.line)
    return { path, line: first.newStart, extraNotes: [`The value comes from ${loc.path}:${loc.line}${evidence ? ` (\`${evidence}\`)` : ''}.`] }
  }
  return {}
}
