// GitHub workflows that deploy: a step using `azure/webapps-deploy` (Azure App Service) or
// `google-github-actions/deploy-cloudrun`, or a `run:` script calling `gcloud run deploy` (Cloud
// Run). Only these steps are deployments: the rest of a workflow is CI, whose DJANGO_SETTINGS_MODULE
// stays a test reference (so workflows are not deploy files, see index.ts).
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'
import { appServiceDeployment } from './azure.js'
import { cloudRunDeployment, gcloudRunDeploy } from './cloud-run.js'
import { words } from './command.js'
import { scalarText } from './scalar.js'
import type { Deployment } from './types.js'

export const isWorkflowFile = (path: string): boolean => /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)

const DEPLOYS = /azure\/webapps-deploy|deploy-cloudrun|run\s+deploy/

/** `K=V` entries, one a line or comma-separated (deploy-cloudrun's env_vars and secrets); a workflow expression's value is not shown here. */
function entries(text: string | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>()
  for (const entry of (text ?? '').split(/[\n,]/)) {
    const eq = entry.indexOf('=')
    if (eq > 0) out.set(entry.slice(0, eq).trim(), entry.includes('${{') ? undefined : entry.slice(eq + 1).trim())
  }
  return out
}

function stepDeployment(path: string, line: number, step: YAMLMap): Deployment | undefined {
  const uses = scalarText(step.get('uses', true)) ?? ''
  const inputs = step.get('with', true)
  const input = (name: string): string | undefined => (isMap(inputs) ? scalarText(inputs.get(name, true)) : undefined)
  const label = scalarText(step.get('name', true)) ?? scalarText(step.get('id', true)) ?? uses
  if (/^azure\/webapps-deploy@/i.test(uses)) return appServiceDeployment(path, line, `${path} step ${label}`, input('images') !== undefined)
  if (/^google-github-actions\/deploy-cloudrun@/i.test(uses)) {
    const env = entries(input('env_vars'))
    for (const name of entries(input('secrets')).keys()) env.set(name, undefined)
    return cloudRunDeployment(path, line, `${path} Cloud Run service ${input('service') ?? label}`, { env, command: [] })
  }
  const run = scalarText(step.get('run', true))
  const deploy = run?.includes('gcloud') ? gcloudRunDeploy(words(run).filter(Boolean)) : undefined
  return deploy && cloudRunDeployment(path, line, `${path} Cloud Run service ${deploy.service}`, deploy)
}

export function workflowDeployments(path: string, text: string): Deployment[] {
  if (!DEPLOYS.test(text)) return []
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false })
  const jobs = doc.errors.length ? undefined : doc.get('jobs', true)
  if (!isMap(jobs)) return []
  const out: Deployment[] = []
  for (const job of jobs.items) {
    const steps = isMap(job.value) ? job.value.get('steps', true) : undefined
    if (!isSeq(steps)) continue
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const line = (step as Node).range ? lineCounter.linePos((step as Node).range?.[0] ?? 0).line : 1
      const found = stepDeployment(path, line, step)
      if (found) out.push(found)
    }
  }
  return out
}
