// The settings model of one tree: the modules discovery found, and a view of each entry module.
import { heldToProduction } from '../deploy/production.js'
import { wantCodeImports } from '../code/wanted.js'
import { envKey, platformEnv } from './deploy-worlds.js'
import { djangoVersion, type DjangoVersion } from '../deps/django-version.js'
import { djangoPins } from '../deps/pins.js'
import { discover, type Discovery, type SettingsOverride } from './discovery.js'
import type { FileSet } from './modules.js'
import { optionsOf } from '../python/values.js'
import { SettingsView, Worlds } from './view.js'

export interface SideAnalysis {
  discovery: Discovery
  views: Map<string, SettingsView>
  /** The Django version the defaults follow, and where it comes from. */
  django: DjangoVersion
}

/**
 * Builds the settings model of one tree; `candidates`: settingsCandidates(files), when known already;
 * `djangoVersion`: the Django version the user named (else the tree's pins say, else the newest);
 * `settings`: the configuration's production and non-production modules.
 */
export function analyzeSide(files: FileSet, candidates?: string[], options: { djangoVersion?: string; settings?: SettingsOverride } = {}): SideAnalysis {
  const discovery = discover(files, candidates, options.settings)
  // modules deployed on the same platform share their evaluations
  const worlds = new Map<string, Worlds>()
  const django = djangoVersion(files, options.djangoVersion)
  const views = new Map<string, SettingsView>()
  // services of a compose file named for production that name no module (so belong to none) still run production elsewhere
  const elsewhere = discovery.deployments.filter((d) => !d.settings && heldToProduction(d))
  for (const entry of discovery.entries) {
    const platform = platformEnv(entry.production ? [...entry.deployments, ...elsewhere] : entry.deployments)
    const key = envKey(platform)
    let w = worlds.get(key)
    if (!w) worlds.set(key, (w = new Worlds(discovery.index, platform)))
    views.set(entry.path, new SettingsView(entry, w, django))
  }
  return { discovery, views, django }
}

/** Paths the analysis needed but the source has not read yet (imports of settings modules). */
export function wantedPaths(side: SideAnalysis): string[] {
  // Evaluate every entry so that imports are resolved and recorded as wanted.
  for (const view of side.views.values()) view.get('DEBUG')
  // and the module CSRF_FAILURE_VIEW names, whose function csrf-failure-view-broken reads
  for (const view of side.views.values()) for (const v of optionsOf(view.get('CSRF_FAILURE_VIEW').value)) if (v.kind === 'str') view.projectCallable(v.value)
  // and the modules changed views import their authentication classes from, and the URLconfs (code rules)
  wantCodeImports(side.discovery.index)
  // and requirement files included under names no source reads by itself (`-r ../deps/common.pip`)
  return [...side.discovery.index.wanted, ...djangoPins(side.discovery.index.files).unread]
}
