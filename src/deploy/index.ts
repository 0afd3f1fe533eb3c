// Every deployment a tree describes, from every kind of deploy file it holds.
import type { FileSet } from '../settings/modules.js'
import { azdDeployments, isAzdFile } from './azure.js'
import { cloudBuildDeployments, isCloudBuildFile } from './cloud-run.js'
import { composeDeployments, isComposeFile } from './compose.js'
import { dockerfileDeployments, isDockerfile } from './dockerfile.js'
import { joinImages } from './images.js'
import { kubernetesDeployments, mayBeKubernetes } from './kubernetes.js'
import { isPaasFile, paasDeployments } from './paas.js'
import { isProcessConfig, processConfigDeployments } from './process-config.js'
import { isVercelFile, vercelDeployments } from './vercel.js'
import { isWorkflowFile, workflowDeployments } from './workflows.js'
import type { Deployment } from './types.js'

export type { Deployment, EnvSetting, Role } from './types.js'
export { isProductionRole } from './types.js'
export { isEnvTemplate } from './env-file.js'

const KUBERNETES_DIR = /(^|\/)(k8s|kube|kubernetes|deploy|deployment|deployments|helm|charts|manifests|openshift|infra|ops|kustomize)\//i
/** Where a Knative Service manifest outside such a folder is kept: Cloud Run's `service.yaml`, `cloudrun.yaml`, `knative-web.yml`. */
function knativeName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return /^service\.ya?ml$/.test(name) || (/\.ya?ml$/.test(name) && /cloud[-_]?run|knative/.test(name))
}

/** Files a source must read for the deployment analysis (beyond Python modules; GitHub workflows are read as CI configuration). */
export function isDeployFile(path: string): boolean {
  return (
    isComposeFile(path) ||
    isDockerfile(path) ||
    isPaasFile(path) ||
    isProcessConfig(path) ||
    isVercelFile(path) ||
    isAzdFile(path) ||
    (/\.ya?ml$/i.test(path) && KUBERNETES_DIR.test(path)) ||
    knativeName(path)
  )
}

/**
 * CI files whose steps may deploy (a GitHub workflow, a Cloud Build file): a source reads them, and
 * their deploy steps are deployments, but they are not deploy files, so a DJANGO_SETTINGS_MODULE in
 * their other steps stays a test reference.
 */
export const isDeployingCiFile = (path: string): boolean => isWorkflowFile(path) || isCloudBuildFile(path)

/** The deployments of one file: empty when it describes none (or cannot be parsed). */
export function deploymentsOf(path: string, text: string, files: FileSet): Deployment[] {
  try {
    if (isComposeFile(path)) return composeDeployments(path, text, files)
    if (isDockerfile(path)) return dockerfileDeployments(path, text)
    if (isPaasFile(path)) {
      const found = paasDeployments(path, text, (p) => files.read(p))
      // k8s/app.yaml: not App Engine's (no runtime), a Kubernetes manifest
      if (found.length || !mayBeKubernetes(path, text)) return found
      return kubernetesDeployments(path, text)
    }
    if (isProcessConfig(path)) return processConfigDeployments(path, text)
    if (isVercelFile(path)) return vercelDeployments(path, text, files)
    if (isCloudBuildFile(path)) return cloudBuildDeployments(path, text)
    if (isAzdFile(path)) return azdDeployments(path, text)
    if (isWorkflowFile(path)) return workflowDeployments(path, text)
    if (mayBeKubernetes(path, text)) return kubernetesDeployments(path, text)
  } catch {
    // a deploy file that its parser rejects describes nothing we can rely on
  }
  return []
}

export function findDeployments(files: FileSet): Deployment[] {
  const out: Deployment[] = []
  for (const path of files.paths) {
    if (!isDeployFile(path) && !isDeployingCiFile(path)) continue
    const text = files.read(path)
    if (text !== undefined) out.push(...deploymentsOf(path, text, files))
  }
  return joinImages(out)
}
