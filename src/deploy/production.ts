// Which deployments the deploy-configuration rules hold to production standards. The parsers give
// every process a role; a few development roles are themselves what these rules look for: a
// production Dockerfile or Procfile whose command is `runserver` is still what production runs, and
// a compose service taken as a developer's only because its environment turns DEBUG on is still a
// serving process. Development files (docker-compose.dev.yml, Dockerfile.dev, .devcontainer/, a
// Procfile.dev) and development signs other than these (the source tree mounted, a dev build stage,
// a test service) stay development.
import { classifyFile } from '../files/classify.js'
import { isCloudBuildFile } from './cloud-run.js'
import { composeNamedForProduction, isComposeFile } from './compose.js'
import { isProductionRole, type Deployment } from './types.js'
import { isWorkflowFile } from './workflows.js'


/** The parsers' words for a process whose command is the development server (see deploy/command.ts). */
export const runsRunserver = (d: Deployment): boolean => d.role === 'development' && (d.why ?? '').includes('runserver')

/** The parsers' words for a compose service judged a developer's because its environment turns DEBUG on (see deploy/compose.ts). */
const debugSign = (d: Deployment): boolean => d.role === 'development' && (d.why ?? '').startsWith('its environment sets ')

/**
 * Whether a deployment is a production process for these rules: a serving or worker process, or one
 * taken as development only because of what these rules report, in a file that is not a development file.
 * A plain `docker-compose.yml` service running runserver, or turning DEBUG on, is the developer's
 * setup; one in a compose file named for production is not.
 */
export function heldToProduction(d: Deployment, before?: readonly Deployment[]): boolean {
  // a CI file's deploy step (`gcloud run deploy` in Cloud Build, a workflow's) deploys production
  if (isCloudBuildFile(d.path) || isWorkflowFile(d.path)) return isProductionRole(d.role)
  if (classifyFile(d.path).kind !== 'production') return false
  // Heroku runs `Procfile` only; Procfile.windows, Procfile.local… are for `heroku local` and honcho
  const name = d.path.slice(d.path.lastIndexOf('/') + 1).toLowerCase()
  if (name.startsWith('procfile') && name !== 'procfile') return false
  if (d.role === 'serving' || d.role === 'worker') return true
  // A plain docker-compose.yml whose service turns DEBUG on is most often the developer's setup (next to a
  // docker-compose.prod.yml): only a compose file named for production, or a change that turns DEBUG on
  // in a service that served before it (`before`: the base's deployments), is production.
  if (debugSign(d)) return !isComposeFile(d.path) || composeNamedForProduction(d.path) || (before ?? []).some((b) => b.name === d.name && (b.role === 'serving' || b.role === 'worker'))
  if (runsRunserver(d)) return !isComposeFile(d.path) || composeNamedForProduction(d.path)
  return false
}
