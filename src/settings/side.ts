// The settings model of one tree: the modules discovery found, and a view of each entry module.
import { wantCodeImports } from '../code/wanted.js'
import { envKey, platformEnv } from './deploy-worlds.js'
import { discover, type Discovery } from './discovery.js'
import type { FileSet } from './modules.js'
import { SettingsView, Worlds } from './view.js'

export interface SideAnalysis {
  discovery: Discovery
  views: Map<string, SettingsView>
}

/** Builds the settings model of one tree; `candidates`: settingsCandidates(files), when known already. */
export function analyzeSide(files: FileSet, candidates?: string[]): SideAnalysis {
  const discovery = discover(files, candidates)
  // modules deployed on the same platform share their evaluations
  const worlds = new Map<string, Worlds>()
  const views = new Map<string, SettingsView>()
  for (const entry of discovery.entries) {
    const platform = platformEnv(entry.deployments)
    const key = envKey(platform)
    let w = worlds.get(key)
    if (!w) worlds.set(key, (w = new Worlds(discovery.index, platform)))
    views.set(entry.path, new SettingsView(entry, w))
  }
  return { discovery, views }
}

/** Paths the analysis needed but the source has not read yet (imports of settings modules). */
export function wantedPaths(side: SideAnalysis): string[] {
  // Evaluate every entry so that imports are resolved and recorded as wanted.
  for (const view of side.views.values()) view.get('DEBUG')
  // and the modules changed views import their authentication classes from (code rules)
  wantCodeImports(side.discovery.index)
  return [...side.discovery.index.wanted]
}
