// Vercel: a vercel.json (or the older now.json) that serves Python is a deployment of the Django
// project: the `@vercel/python` build of its wsgi.py (`"builds": [{"src": "shop/wsgi.py", "use":
// "@vercel/python"}]`), Python functions, routes to a .py file, or a vercel.json beside manage.py or
// api/*.py (zero-configuration functions). Its `env` map gives literal values (`build.env` is the
// build's only). It names no settings module unless `env` does: the wsgi.py it builds selects one
// with its default, as for a Procfile's `gunicorn shop.wsgi`. A vercel.json of a front end serves no Django.
import { classifyFile } from '../files/classify.js'
import type { FileSet } from '../settings/modules.js'
import { lineOfText } from './paas.js'
import { addPlatformEnv } from './platform-env.js'
import { plainText } from './scalar.js'
import type { Deployment, EnvSetting } from './types.js'

export const isVercelFile = (path: string): boolean => /(^|\/)(vercel|now)\.json$/i.test(path)

interface VercelConfig {
  builds?: { src?: unknown; use?: unknown }[]
  functions?: Record<string, { runtime?: unknown } | undefined>
  routes?: { dest?: unknown }[]
  rewrites?: { destination?: unknown }[]
  env?: Record<string, unknown>
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : [])
const text = (v: unknown): string => plainText(v) ?? ''
const pythonTarget = (target: string): boolean => /\.py$|wsgi|asgi/.test(target.split(/[?#]/)[0])

/** Whether the configuration runs Python: a Python builder or runtime, or a route to a Python file. */
function servesPython(config: VercelConfig, dir: string, files: FileSet): boolean {
  if (list<{ use?: unknown }>(config.builds).some((b) => /python|wsgi/i.test(text(b?.use)))) return true
  const functions = config.functions && typeof config.functions === 'object' ? Object.entries(config.functions) : []
  if (functions.some(([pattern, f]) => pattern.endsWith('.py') || /python/i.test(text(f?.runtime)))) return true
  if (list<{ dest?: unknown }>(config.routes).some((r) => pythonTarget(text(r?.dest))) || list<{ destination?: unknown }>(config.rewrites).some((r) => pythonTarget(text(r?.destination)))) return true
  // zero configuration: Vercel serves api/*.py as Python functions
  for (const p of files.paths) if (p.startsWith(dir) && (p.slice(dir.length) === 'manage.py' || /^api\/[^/]+\.py$/.test(p.slice(dir.length)))) return true
  return false
}

export function vercelDeployments(path: string, source: string, files: FileSet): Deployment[] {
  let config: VercelConfig
  try {
    config = JSON.parse(source) as VercelConfig
  } catch {
    return []
  }
  if (!config || typeof config !== 'object') return []
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''
  if (!servesPython(config, dir, files)) return []
  const env = new Map<string, EnvSetting>()
  if (config.env && typeof config.env === 'object')
    for (const [name, value] of Object.entries(config.env)) {
      const literal = plainText(value)
      // "@secret-name" names a Vercel secret: set, to a value not shown here
      env.set(name, { name, value: literal?.startsWith('@') ? undefined : literal, path, line: lineOfText(source, `"${name}"`) })
    }
  const line = lineOfText(source, list(config.builds).length ? '"builds"' : '{')
  addPlatformEnv(env, 'vercel', path, line)
  const fileClass = classifyFile(path)
  const role = fileClass.kind === 'production' ? { role: 'serving' as const } : { role: 'development' as const, why: fileClass.why }
  return [{ path, line, name: path, ...role, env, settings: env.get('DJANGO_SETTINGS_MODULE') }]
}
