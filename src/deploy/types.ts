// What a repository says about how it is deployed: each process it describes (a compose service, a
// Dockerfile's final image, a Procfile line, a PaaS service, a Kubernetes container, a systemd unit)
// with the environment it is given and the settings module it loads.

/** One environment variable a deploy file sets, and where. */
export interface EnvSetting {
  name: string
  /** The value; undefined when it is set to something the repository does not show (a generated secret, a k8s secretKeyRef). */
  value: string | undefined
  path: string
  line: number
  /** Set when `path` is a template meant to be copied (`.env.example`): the file a user copies it to. */
  copiedTo?: string
  /** Set by the platform itself (Heroku's DYNO, Render's RENDER), not written in the file. */
  platform?: true
}

/**
 * serving: answers requests in production; worker: a production background process (celery);
 * release/build: a one-off step (migrate, collectstatic at image build); development: runserver,
 * dev compose files, devcontainers, test services — never production.
 */
export type Role = 'serving' | 'worker' | 'release' | 'build' | 'development'

export interface Deployment {
  /** The deploy file. */
  path: string
  /** Where in it: the service, process or container's line. */
  line: number
  /** For messages: "docker-compose.prod.yml service web", "Procfile web", "Dockerfile". */
  name: string
  role: Role
  /** Why the role is development, build or release, in words. */
  why?: string
  env: Map<string, EnvSetting>
  /** DJANGO_SETTINGS_MODULE as the process gets it: its env, or a `--settings` flag. */
  settings?: EnvSetting
  /** A Dockerfile's RUN commands, every stage's, as written (what the image installs: see deps/installed.ts). */
  runs?: string[]
  /** It runs the image the repository's Dockerfile builds, on a platform that runs containers (Cloud Run): see images.ts. */
  runsImage?: true
  /** A compose service's entrypoint and command as written (the scripts it runs may put files in place: see deploy/placements.ts). */
  command?: string
  /** A compose service's bind mounts as written (a file mounted over a module's path is that module: see deploy/placements.ts). */
  mounts?: { source: string; target: string; line: number }[]
  /** A Dockerfile's steps that put files in the image (COPY, ADD, RUN, CMD, ENTRYPOINT), every stage's, in order: see deploy/placements.ts. */
  steps?: ImageStep[]
}

/** A step of an image build that may put a file in place, with the WORKDIR it runs in. */
export interface ImageStep {
  line: number
  /** The WORKDIR in force: absolute, '/' when none is set. */
  workdir: string
  /** COPY or ADD from the build context (not `--from` another stage or image): sources and destination as written. */
  copy?: { sources: string[]; destination: string }
  /** A RUN, CMD or ENTRYPOINT's shell text (the exec form's words joined). */
  command?: string
}

export const isProductionRole = (role: Role): boolean => role === 'serving' || role === 'worker'
