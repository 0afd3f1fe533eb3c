// Deployment worlds: each production process a deploy file describes (a compose service, a
// Dockerfile's image, a Procfile line, a Kubernetes container…) runs its settings module with the
// environment that file gives it. That environment is one more world the module is evaluated in:
// exactly the variables the file sets (the others unset, so their defaults apply; one set to a value
// the repository does not show is unknown). SettingsView adds the values these worlds produce as
// alternatives, each binding pointed at the deploy-file line that supplies the value it read.
import { heldToProduction } from '../deploy/production.js'
import { isEnvTemplate, isProductionRole, type Deployment } from '../deploy/index.js'
import { severityRank, type Severity } from '../findings.js'
import type { Binding } from '../python/evaluate.js'
import { show, type Value } from '../python/values.js'
import type { RuleFinding } from '../rules/types.js'

/** The most deployment worlds evaluated for one module. */
export const MAX_DEPLOYMENT_WORLDS = 8

/** A deployment's environment as a world sees it: name → value (undefined: set, value unknown). */
export function worldEnv(d: Deployment): Map<string, string | undefined> {
  return new Map([...d.env.values()].map((e) => [e.name, e.value]))
}

/** The variables of a deployment's environment that its platform sets (see EnvSetting.platform). */
export function platformSet(d: Deployment): Map<string, string | undefined> {
  return new Map([...d.env.values()].filter((e) => e.platform).map((e) => [e.name, e.value]))
}

/** Identifies an environment: deployments that give a module the same environment share a world. */
export function envKey(env: ReadonlyMap<string, string | undefined>): string {
  return JSON.stringify([...env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * What the platform sets in every production process that loads a module (Heroku's DYNO), when all
 * of them run on it: a production box there cannot lack it, so production as deployed has it set.
 * Empty when any production deployment is elsewhere (a Dockerfile of its own) or there is none.
 */
export function platformEnv(deployments: Deployment[]): Map<string, string | undefined> {
  // a compose file named for production counts even when its service looks like a developer's (DEBUG on from a copied template)
  const production = deployments.filter((d) => isProductionRole(d.role) || heldToProduction(d))
  const out = new Map<string, string | undefined>()
  const [first, ...rest] = production
  for (const e of first?.env.values() ?? [])
    if (e.platform && rest.every((d) => d.env.get(e.name)?.platform && d.env.get(e.name)?.value === e.value)) out.set(e.name, e.value)
  return out
}

/** The deployments worth a world of their own: one per distinct environment that sets anything, at most MAX_DEPLOYMENT_WORLDS. */
export function distinctDeployments(deployments: Deployment[]): Deployment[] {
  const seen = new Set<string>()
  const out: Deployment[] = []
  for (const d of deployments) {
    const key = envKey(worldEnv(d))
    if (!d.env.size || seen.has(key) || out.length >= MAX_DEPLOYMENT_WORLDS) continue
    seen.add(key)
    out.push(d)
  }
  return out
}

/**
 * The binding as a deployment world produced it, pointed at the deploy-file line that supplies the
 * first variable it read that the deployment sets (each branch of a merged value on its own);
 * unchanged when it read none.
 */
export function suppliedBinding(b: Binding, d: Deployment): Binding {
  const alternatives = b.alternatives?.map((a) => suppliedBinding(a, d))
  const read = b.env.find((r) => d.env.has(r.name))
  const setting = read && d.env.get(read.name)
  const own: Binding = alternatives ? { ...b, alternatives } : b
  if (!read || !setting) return own
  return {
    ...own,
    loc: { path: setting.path, line: setting.line, endLine: setting.line },
    supplied: { variable: read.name, by: d.name, read: { path: read.path, line: read.line, endLine: read.line }, assigned: b.loc, ...(setting.copiedTo ? { copiedTo: setting.copiedTo } : {}) }
  }
}

/** Whether a deployment world's value adds nothing to production as deployed: the same value, or nothing known. */
export function addsNothing(value: Value, deployed: Value): boolean {
  const options = value.kind === 'oneOf' ? value.options : [value]
  return show(value, 400) === show(deployed, 400) || options.every((o) => o.kind === 'unknown' || o.kind === 'fails')
}

/**
 * A settings finding located in an env template (`.env.example`, see isEnvTemplate): what it says
 * holds for a deployment made by copying the template as is, not for a deployment the repository
 * itself describes, so it is reported at medium (or its own lower) severity, with a note. A finding
 * located in another deploy file keeps its subject: a key moved from settings.py to docker.env is
 * the same committed key.
 */
export function fromTemplate(raw: RuleFinding, severity: Severity): RuleFinding {
  if (!isEnvTemplate(raw.loc.path)) return raw
  const note = `${raw.loc.path} is a template a user would copy: every deployment made from it as written gets this value (reported at medium severity).`
  return { ...raw, severity: severityRank(severity) > severityRank('medium') ? 'medium' : severity, notes: [...(raw.notes ?? []), note] }
}
