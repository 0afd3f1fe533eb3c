// Tracing a setting that vanished with a deleted module back to the import line the change removed.
import { linesOf } from '../lines.js'
import type { SettingsView } from '../settings/view.js'
import type { ChangeIndex } from './change-index.js'
import { isRemovedLine, mapOldLine } from './hunks.js'

/** The removed `from .x import *` line (in a module production still loads) that imported a deleted module. */
export function removedImportOf(deletedPath: string, baseView: SettingsView | undefined, diff: ChangeIndex): { path: string; line: number; text: string } | undefined {
  if (!baseView) return undefined
  const stem = deletedPath.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').pop() as string
  for (const importer of baseView.entry.chain) {
    if (importer === deletedPath || diff.deleted.has(importer)) continue
    const headPath = diff.headPath(importer)
    const hunks = diff.hunks.get(headPath)
    if (!hunks) continue
    const lines = linesOf(diff.change.base, importer)
    for (let i = 1; lines && i <= lines.count; i++) {
      const text = lines.line(i) as string
      if (isRemovedLine(hunks, i) && text.includes('import') && new RegExp(`\\b${stem}\\b`).test(text)) return { path: headPath, line: mapOldLine(hunks, i), text: text.trim() }
    }
  }
  return undefined
}
