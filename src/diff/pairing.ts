// Which base settings module each head production module replaces, so findings are compared like for like.
import { referenceTarget } from '../settings/discovery.js'
import type { SideAnalysis } from '../settings/side.js'
import type { ChangeIndex } from './change-index.js'

/** head entry path → base entry path */
export type ModulePairs = Map<string, string>

function productionPaths(side: SideAnalysis): string[] {
  return side.discovery.entries.filter((e) => e.production).map((e) => e.path)
}

/** The deploy files (wsgi.py, Dockerfile…) whose DJANGO_SETTINGS_MODULE selects a module. */
function selectedBy(side: SideAnalysis, path: string): string[] {
  return side.discovery.references.filter((r) => r.kind === 'deploy' && referenceTarget(r, side.discovery.index) === path).map((r) => r.path)
}

/**
 * Pairs each head production module with the base module it replaces: the same path (or its
 * rename), else the module the same deploy file (wsgi.py, Dockerfile…) selected before, else the
 * only production module on each side. A settings.py split into a package keeps its findings.
 */
export function pairModules(head: SideAnalysis, base: SideAnalysis, diff: ChangeIndex): ModulePairs {
  const pairs: ModulePairs = new Map()
  const baseProduction = productionPaths(base)
  const taken = new Set<string>()
  const unpaired: string[] = []
  for (const h of productionPaths(head)) {
    const same = diff.basePath(h)
    if (base.views.has(same)) {
      pairs.set(h, same)
      taken.add(same)
    } else unpaired.push(h)
  }
  for (const h of [...unpaired]) {
    const deployFiles = selectedBy(head, h).map((p) => diff.basePath(p))
    const match = baseProduction.find((b) => !taken.has(b) && selectedBy(base, b).some((p) => deployFiles.includes(p)))
    if (match) {
      pairs.set(h, match)
      taken.add(match)
      unpaired.splice(unpaired.indexOf(h), 1)
    }
  }
  const leftover = baseProduction.filter((b) => !taken.has(b))
  if (unpaired.length === 1 && leftover.length === 1) pairs.set(unpaired[0], leftover[0])
  return pairs
}
