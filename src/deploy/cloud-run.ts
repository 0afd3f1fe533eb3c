// Google Cloud Run: a `gcloud run deploy SERVICE --set-env-vars K=V,…` step of a Cloud Build file
// (cloudbuild.yaml, .json) or of a GitHub workflow (see workflows.ts), and a Knative Service manifest
// (read with the Kubernetes manifests), deploy a service whose container runs with Cloud Run's
// K_SERVICE, K_REVISION, K_CONFIGURATION and PORT set. The container is the repository's image:
// see images.ts for how its Dockerfile joins the service.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import { commandFacts, words } from './command.js'
import { interpolate, type Lookup } from './interpolate.js'
import { addPlatformEnv } from './platform-env.js'
import { scalarText } from './scalar.js'
import type { Deployment, EnvSetting } from './types.js'

export const isCloudBuildFile = (path: string): boolean => /(^|\/)cloudbuild[^/]*\.(ya?ml|json)$/i.test(path)

/** Flags of `gcloud run deploy` that take a value (the others are switches: --allow-unauthenticated). */
const VALUE_FLAGS = new Set(['--set-env-vars', '--update-env-vars', '--set-secrets', '--update-secrets', '--env-vars-file', '--command', '--args', '--image', '--source', '--region', '--project', '--platform', '--port', '--memory', '--cpu', '--service-account', '--max-instances', '--min-instances', '--concurrency', '--timeout', '--add-cloudsql-instances', '--set-cloudsql-instances', '--vpc-connector', '--labels', '--tag', '--ingress', '--execution-environment', '--revision-suffix', '--network', '--subnet', '--vpc-egress', '--cpu-throttling', '--gpu', '--gpu-type'])

/** `K=V,K2=V2`, or with the delimiter gcloud lets a list choose (`^;^K=a,b;K2=c`): name → value. */
function assignments(list: string): [string, string][] {
  let delimiter = ','
  const custom = /^\^([^^]+)\^/.exec(list)
  if (custom) {
    delimiter = custom[1]
    list = list.slice(custom[0].length)
  }
  return list.split(delimiter).flatMap((a) => (a.includes('=') ? [[a.slice(0, a.indexOf('=')).trim(), a.slice(a.indexOf('=') + 1)] as [string, string]] : []))
}

export interface RunDeploy {
  service: string
  /** name → value; undefined: a secret, or a value the repository does not show. */
  env: Map<string, string | undefined>
  command: string[]
}

/** What a `gcloud run deploy` command line says; undefined when the words are no such command. `lookup`: substitutions a value may use. */
export function gcloudRunDeploy(ws: string[], lookup: Lookup = () => undefined): RunDeploy | undefined {
  const at = ws.findIndex((w, i) => w === 'run' && ws[i + 1] === 'deploy' && ws.slice(0, i).some((g) => /(^|\/)gcloud$/.test(g)))
  if (at < 0) return undefined
  const found: RunDeploy = { service: '?', env: new Map(), command: [] }
  // a value made of a workflow expression (`${{ secrets.KEY }}`) is not shown here
  const value = (v: string): string | undefined => (v.includes('${{') ? undefined : interpolate(v, lookup))
  let positional = false
  for (let i = at + 2; i < ws.length; i++) {
    const w = ws[i]
    if (/^(&&|\|\||;|\|)$/.test(w) || /(^|\/)(gcloud|echo|docker)$/.test(w)) break
    if (!w.startsWith('--')) {
      if (!positional) found.service = w
      positional = true
      continue
    }
    const eq = w.indexOf('=')
    const flag = eq < 0 ? w : w.slice(0, eq)
    if (!VALUE_FLAGS.has(flag)) continue
    const arg = eq < 0 ? (ws[++i] ?? '') : w.slice(eq + 1)
    if (flag === '--set-env-vars' || flag === '--update-env-vars') for (const [k, v] of assignments(arg)) found.env.set(k, value(v))
    else if (flag === '--set-secrets' || flag === '--update-secrets') for (const [k] of assignments(arg)) found.env.set(k, undefined)
    else if (flag === '--command' || flag === '--args') found.command.push(...arg.split(','))
  }
  return found
}

/** A Cloud Run service as a deployment: its variables, the platform's, and the role its command gives it. */
export function cloudRunDeployment(path: string, line: number, name: string, run: Pick<RunDeploy, 'env' | 'command'>): Deployment {
  const env = new Map<string, EnvSetting>([...run.env].map(([k, value]) => [k, { name: k, value, path, line }]))
  addPlatformEnv(env, 'cloudrun', path, line)
  const facts = commandFacts(run.command)
  const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: facts.settings, path, line } : env.get('DJANGO_SETTINGS_MODULE')
  return { path, line, name, role: facts.role ?? 'serving', why: facts.why, env, settings, runsImage: true }
}

/** A step's words: its entrypoint (a gcloud builder's is gcloud), then its arguments, scripts split into words. */
function stepWords(step: { name?: string; entrypoint?: string; args: string[]; script?: string }): string[] {
  const program = step.entrypoint ?? (/cloud-sdk|cloud-builders\/gcloud/.test(step.name ?? '') ? 'gcloud' : (step.name ?? ''))
  const split = (s: string): string[] => (/\s/.test(s) ? words(s) : [s])
  return [program, ...step.args.flatMap(split), ...(step.script ? words(step.script) : [])].filter(Boolean)
}

/** The Cloud Run services a Cloud Build file deploys: one per `gcloud run deploy` step. */
export function cloudBuildDeployments(path: string, text: string): Deployment[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false })
  if (doc.errors.length) return []
  const steps = doc.get('steps', true)
  if (!isSeq(steps)) return []
  const substitutions = doc.get('substitutions', true)
  const defaults = new Map<string, string>()
  if (isMap(substitutions)) for (const item of substitutions.items) if (scalarText(item.key) && scalarText(item.value) !== undefined) defaults.set(scalarText(item.key) as string, scalarText(item.value) as string)
  const out: Deployment[] = []
  for (const step of steps.items) {
    if (!isMap(step)) continue
    const args = step.get('args', true)
    const ws = stepWords({
      name: scalarText(step.get('name', true)),
      entrypoint: scalarText(step.get('entrypoint', true)),
      args: isSeq(args) ? args.items.map((a) => scalarText(a) ?? '') : scalarText(args) ? [scalarText(args) as string] : [],
      script: scalarText(step.get('script', true))
    })
    const run = gcloudRunDeploy(ws, (n) => defaults.get(n))
    if (!run) continue
    const line = (step as Node).range ? lineCounter.linePos((step as Node).range?.[0] ?? 0).line : 1
    out.push(cloudRunDeployment(path, line, `${path} Cloud Run service ${run.service}`, run))
  }
  return out
}
