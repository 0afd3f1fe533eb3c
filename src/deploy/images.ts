// A platform that runs containers (Cloud Run, an App Service container) runs the image the
// repository's Dockerfile builds: the service's environment is the image's `ENV` with the service's
// own variables over it, its settings module the image's unless the service names one, and the
// image's own deployment runs on the platform too (it gets the platform's variables), so that
// production as deployed has them set (see platformEnv in settings/deploy-worlds.ts). The image is
// the nearest Dockerfile at or above the deploy file's folder, else the repository's only one.
import { isDockerfile } from './dockerfile.js'
import type { Deployment, EnvSetting } from './types.js'

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '')

/** The Dockerfile image a service deployed from `path` runs, among the repository's images. */
function imageFor(path: string, images: Deployment[]): Deployment | undefined {
  // a workflow deploys from the repository's root
  const from = path.startsWith('.github/') ? '' : dirOf(path)
  const above = images.filter((i) => from.startsWith(dirOf(i.path))).sort((a, b) => dirOf(b.path).length - dirOf(a.path).length)
  const nearest = above.filter((i) => dirOf(i.path) === dirOf(above[0]?.path ?? ''))
  if (nearest.length) return nearest.find((i) => /(^|\/)dockerfile$/i.test(i.path)) ?? nearest[0]
  return images.length === 1 ? images[0] : undefined
}

export function joinImages(deployments: Deployment[]): Deployment[] {
  // each Dockerfile's final image (its RUN steps are deployments of their own), unless it is a developer's
  const images = deployments.filter((d) => isDockerfile(d.path) && d.name === d.path && d.role !== 'development')
  if (!images.length || !deployments.some((d) => d.runsImage)) return deployments
  const platformOf = new Map<Deployment, EnvSetting[]>()
  const joined = deployments.map((d) => {
    const image = d.runsImage ? imageFor(d.path, images) : undefined
    if (!image) return d
    platformOf.set(image, [...(platformOf.get(image) ?? []), ...[...d.env.values()].filter((e) => e.platform)])
    return { ...d, env: new Map([...image.env, ...d.env]), settings: d.settings ?? image.settings }
  })
  return joined.map((d) => {
    const platform = platformOf.get(d)
    if (!platform) return d
    const env = new Map(d.env)
    for (const e of platform) if (!env.has(e.name)) env.set(e.name, e)
    return { ...d, env }
  })
}
