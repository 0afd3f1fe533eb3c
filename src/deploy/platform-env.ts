// The variables each hosting platform sets in every process it runs. Settings test them to know
// where they run (`IS_HEROKU_APP = "DYNO" in os.environ`, `if "WEBSITE_HOSTNAME" in os.environ:`),
// so a deployment on the platform has them set, marked `platform` (see EnvSetting).
import type { EnvSetting } from './types.js'

/** name → value; undefined: set, to a value the repository does not show. */
export const PLATFORM_ENV = {
  heroku: { DYNO: undefined },
  render: { RENDER: 'true', RENDER_EXTERNAL_HOSTNAME: undefined },
  fly: { FLY_APP_NAME: undefined, FLY_REGION: undefined },
  appengine: { GAE_APPLICATION: undefined, GAE_ENV: 'standard', GAE_SERVICE: undefined },
  railway: { RAILWAY_ENVIRONMENT: 'production', RAILWAY_PROJECT_ID: undefined },
  digitalocean: {},
  // a production deployment's (preview deployments get 'preview', `vercel dev` 'development')
  vercel: { VERCEL: '1', VERCEL_ENV: 'production', VERCEL_URL: undefined, VERCEL_REGION: undefined },
  // the Knative runtime contract, which Cloud Run implements
  cloudrun: { K_SERVICE: undefined, K_REVISION: undefined, K_CONFIGURATION: undefined, PORT: undefined },
  azure: { WEBSITE_HOSTNAME: undefined, WEBSITE_SITE_NAME: undefined, WEBSITE_INSTANCE_ID: undefined }
} satisfies Record<string, Record<string, string | undefined>>

export type PlatformName = keyof typeof PLATFORM_ENV

/** Adds what the platform sets to `env`, located at `path:line`, unless the file sets it itself. */
export function addPlatformEnv(env: Map<string, EnvSetting>, platform: PlatformName, path: string, line: number): Map<string, EnvSetting> {
  for (const [name, value] of Object.entries(PLATFORM_ENV[platform] as Record<string, string | undefined>)) if (!env.has(name)) env.set(name, { name, value, path, line, platform: true })
  return env
}
