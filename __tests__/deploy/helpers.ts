// Shared helpers of the deploy parser tests: an in-memory tree, and compact views of deployments.
import type { Deployment, EnvSetting } from '../../src/deploy/index.js'
import { MapFileSet } from '../../src/sources/changeset.js'

/** An in-memory tree: path → content. */
export const fileSet = (files: Record<string, string> = {}): MapFileSet => new MapFileSet(new Map(Object.entries(files)))

/** What the file itself sets (not the platform's own variables). */
const written = (d: Deployment | undefined): [string, EnvSetting][] => [...(d?.env ?? new Map<string, EnvSetting>())].filter(([, v]) => !v.platform)

/** A deployment's environment as name → value, as the file writes it. */
export const envValues = (d: Deployment | undefined): Record<string, string | undefined> => Object.fromEntries(written(d).map(([k, v]) => [k, v.value]))

/** Where each variable is set, as name → "path:line". */
export const envLines = (d: Deployment | undefined): Record<string, string> => Object.fromEntries(written(d).map(([k, v]) => [k, `${v.path}:${v.line}`]))

/** The deployment whose name ends with `suffix` (a service, process or container name). */
export function named(deployments: Deployment[], suffix: string): Deployment {
  const found = deployments.filter((d) => d.name === suffix || d.name.endsWith(` ${suffix}`))
  if (found.length !== 1) throw new Error(`expected one deployment named ${suffix}, got [${deployments.map((d) => d.name).join(', ')}]`)
  return found[0]
}

/** name → role, for every deployment. */
export const roles = (deployments: Deployment[]): Record<string, string> => Object.fromEntries(deployments.map((d) => [d.name, d.role]))
