// Azure App Service: an `azure.yaml` (Azure Developer CLI) service with `host: appservice`, or a
// workflow step of `azure/webapps-deploy` (see workflows.ts), deploys the project to an App Service
// app, which sets WEBSITE_HOSTNAME, WEBSITE_SITE_NAME and WEBSITE_INSTANCE_ID in every process.
// Azure's Django samples switch to their production settings on WEBSITE_HOSTNAME. The app's own
// settings (its environment) live in Azure, not in these files.
import { isMap, LineCounter, parseDocument, type Node } from 'yaml'
import { classifyFile } from '../files/classify.js'
import { addPlatformEnv } from './platform-env.js'
import { scalarText } from './scalar.js'
import type { Deployment, EnvSetting } from './types.js'

export const isAzdFile = (path: string): boolean => /(^|\/)azure\.ya?ml$/i.test(path)

/** An App Service app as a deployment: the platform's variables and nothing else the repository shows. */
export function appServiceDeployment(path: string, line: number, name: string, runsImage = false): Deployment {
  const env = addPlatformEnv(new Map<string, EnvSetting>(), 'azure', path, line)
  return { path, line, name, role: 'serving', env, ...(runsImage ? { runsImage: true as const } : {}) }
}

/** The App Service apps an azure.yaml deploys: one per service it hosts on `appservice`. */
export function azdDeployments(path: string, text: string): Deployment[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false })
  const services = doc.errors.length ? undefined : doc.get('services', true)
  if (!isMap(services)) return []
  const fileClass = classifyFile(path)
  return services.items.flatMap((pair) => {
    const service = pair.value
    if (!isMap(service) || scalarText(service.get('host', true))?.toLowerCase() !== 'appservice') return []
    const line = (pair.key as Node | null)?.range ? lineCounter.linePos((pair.key as Node).range?.[0] ?? 0).line : 1
    const d = appServiceDeployment(path, line, `${path} service ${scalarText(pair.key) ?? '?'}`, service.has('docker'))
    return [fileClass.kind === 'production' ? d : { ...d, role: 'development' as const, why: fileClass.why }]
  })
}
