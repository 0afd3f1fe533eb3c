// Kubernetes manifests: each container of a workload (Deployment, StatefulSet, Job…) is a deployment
// with its `env` (a `valueFrom` secret is set, to something unknown) and the `data` of ConfigMaps it
// takes with `envFrom`. A Knative Service (Cloud Run's `service.yaml`) is one too, whose containers
// get the variables Cloud Run sets and run the repository's image (see images.ts). Helm templates
// that are not YAML until rendered are skipped.
import { LineCounter, isMap, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml'
import { classifyFile } from '../files/classify.js'
import { commandFacts } from './command.js'
import { addPlatformEnv } from './platform-env.js'
import { scalarText } from './scalar.js'
import type { Deployment, EnvSetting } from './types.js'

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ReplicaSet', 'DeploymentConfig'])

const isKnativeService = (doc: YAMLMap): boolean => scalarText(doc.get('kind', true)) === 'Service' && /^serving\.knative\.dev\//.test(scalarText(doc.get('apiVersion', true)) ?? '')

export const mayBeKubernetes = (path: string, text: string): boolean => /\.ya?ml$/i.test(path) && text.includes('containers:') && text.includes('kind:')


function podSpec(doc: YAMLMap): YAMLMap | undefined {
  for (const path of [['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec'], ['spec']]) {
    const node = doc.getIn(path, true)
    if (isMap(node) && node.has('containers')) return node
  }
  return undefined
}

export function kubernetesDeployments(path: string, text: string): Deployment[] {
  const lineCounter = new LineCounter()
  let docs
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false })
  } catch {
    return []
  }
  if (!Array.isArray(docs)) return []
  const lineOf = (n: unknown): number => ((n as Node | undefined)?.range ? lineCounter.linePos((n as Node).range?.[0] ?? 0).line : 1)
  const configMaps = new Map<string, EnvSetting[]>()
  const workloads: YAMLMap[] = []
  for (const d of docs) {
    if (d.errors.length || !isMap(d.contents)) continue
    const kind = scalarText(d.contents.get('kind', true))
    if (kind === 'ConfigMap') {
      const data = d.contents.get('data', true)
      const name = scalarText(d.contents.getIn(['metadata', 'name'], true))
      if (name && isMap(data)) configMaps.set(name, data.items.flatMap((i) => (scalarText(i.key) ? [{ name: scalarText(i.key) as string, value: scalarText(i.value), path, line: lineOf(i.key) }] : [])))
    } else if ((kind && WORKLOADS.has(kind)) || isKnativeService(d.contents)) workloads.push(d.contents)
  }
  const fileClass = classifyFile(path)
  const out: Deployment[] = []
  for (const w of workloads) {
    const spec = podSpec(w)
    const containers = spec?.get('containers', true)
    if (!isSeq(containers)) continue
    for (const c of containers.items) {
      if (!isMap(c)) continue
      const env = new Map<string, EnvSetting>()
      const envFrom = c.get('envFrom', true)
      if (isSeq(envFrom))
        for (const source of envFrom.items) {
          const name = isMap(source) ? scalarText(source.getIn(['configMapRef', 'name'], true)) : undefined
          for (const e of (name && configMaps.get(name)) || []) env.set(e.name, e)
        }
      const list = c.get('env', true)
      if (isSeq(list))
        for (const item of list.items) {
          if (!isMap(item)) continue
          const name = scalarText(item.get('name', true))
          if (name) env.set(name, { name, value: item.has('valueFrom') ? undefined : (scalarText(item.get('value', true)) ?? ''), path, line: lineOf(item) })
        }
      const words = ['command', 'args'].flatMap((k) => {
        const v = c.get(k, true)
        return isSeq(v) ? v.items.map((i) => scalarText(i) ?? '') : scalarText(v) ? [scalarText(v) as string] : []
      })
      const knative = isKnativeService(w)
      if (knative) addPlatformEnv(env, 'cloudrun', path, lineOf(c))
      const facts = commandFacts(words)
      const name = `${path} container ${scalarText(c.get('name', true)) ?? '?'}`
      const role = fileClass.kind !== 'production' ? { role: 'development' as const, why: fileClass.why } : facts.role ? { role: facts.role, why: facts.why } : { role: 'serving' as const, why: undefined }
      const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: facts.settings, path, line: lineOf(c) } : env.get('DJANGO_SETTINGS_MODULE')
      out.push({ path, line: lineOf(c), name, role: role.role, why: role.why, env, settings, ...(knative ? { runsImage: true as const } : {}) })
    }
  }
  return out
}
