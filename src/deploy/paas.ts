// Platform-as-a-service descriptions: Heroku (Procfile + app.json), Render (render.yaml), Fly.io
// (fly.toml), DigitalOcean App Platform (.do/app.yaml), Google App Engine (app.yaml), Railway
// (railway.json). Each process they run is a deployment with the environment the file gives it; a
// value the platform generates (a secret generator, `generateValue`) is set, but to something unknown.
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml'
import { parse as parseToml } from 'smol-toml'
import { classifyFile } from '../files/classify.js'
import { commandFacts } from './command.js'
import { interpolate } from './interpolate.js'
import { addPlatformEnv, type PlatformName } from './platform-env.js'
import { plainText, scalarText } from './scalar.js'
import type { Deployment, EnvSetting, Role } from './types.js'

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1).toLowerCase()
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '')

export function isPaasFile(path: string): boolean {
  const name = baseName(path)
  return name.startsWith('procfile') || ['app.json', 'render.yaml', 'fly.toml', 'railway.json', 'railway.toml'].includes(name) || path.endsWith('.do/app.yaml') || name === 'app.yaml' || name === 'app.yml'
}

/** The 1-based line of the first occurrence of `needle` in `text`, or 1. */
export function lineOfText(text: string, needle: string): number {
  const at = text.indexOf(needle)
  if (at < 0) return 1
  let line = 1
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** The 1-based line where `key` is assigned (`key = …`, `"key" = …`) in a TOML file, or 1. */
function lineOfKey(text: string, key: string): number {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trimStart()
    const rest = t.startsWith(key) ? t.slice(key.length) : t.startsWith(`"${key}"`) ? t.slice(key.length + 2) : undefined
    if (rest !== undefined && rest.trimStart().startsWith('=')) return i + 1
  }
  return 1
}

function roleOf(processName: string, command: string): { role: Role; why?: string } {
  const facts = commandFacts(command)
  if (facts.role) return { role: facts.role, why: facts.why }
  if (processName === 'release') return { role: 'release', why: 'it is the release phase' }
  if (processName === 'web') return { role: 'serving' }
  return { role: /worker|celery|beat|queue|scheduler|clock/.test(processName) ? 'worker' : 'serving' }
}

function withCommand(base: Omit<Deployment, 'settings'>, command: string, platform: PlatformName): Deployment {
  addPlatformEnv(base.env, platform, base.path, base.line)
  const facts = commandFacts(command)
  // the command's $VARs are the process's environment (or unknown)
  const lookup = (n: string): string | undefined => base.env.get(n)?.value
  for (const [k, v] of facts.env) base.env.set(k, { name: k, value: interpolate(v, lookup), path: base.path, line: base.line })
  const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: interpolate(facts.settings, lookup), path: base.path, line: base.line } : base.env.get('DJANGO_SETTINGS_MODULE')
  return { ...base, settings }
}

/** Heroku app.json `env`: "value", { value }, { generator: "secret" }, { required: true }. */
function appJsonEnv(path: string, text: string): Map<string, EnvSetting> {
  const env = new Map<string, EnvSetting>()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return env
  }
  const vars = (parsed as { env?: Record<string, unknown> } | null)?.env
  if (!vars || typeof vars !== 'object') return env
  for (const [name, spec] of Object.entries(vars)) {
    const line = lineOfText(text, `"${name}"`)
    if (typeof spec === 'string') env.set(name, { name, value: spec, path, line })
    else if (spec && typeof spec === 'object') {
      const s = spec as { value?: unknown; generator?: unknown }
      // a generated secret or a required value the user types in: set, but not visible here
      env.set(name, { name, value: typeof s.value === 'string' && !s.generator ? s.value : undefined, path, line })
    }
  }
  return env
}

function procfileDeployments(path: string, text: string, appJson?: { path: string; text: string }): Deployment[] {
  const env = appJson ? appJsonEnv(appJson.path, appJson.text) : new Map<string, EnvSetting>()
  const out: Deployment[] = []
  text.split('\n').forEach((raw, i) => {
    const colon = raw.indexOf(':')
    if (colon < 0 || raw.trimStart().startsWith('#')) return
    const name = raw.slice(0, colon).trim()
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return
    const command = raw.slice(colon + 1).trim()
    const role = roleOf(name, command)
    out.push(withCommand({ path, line: i + 1, name: `${path} ${name}`, role: role.role, why: role.why, env: new Map(env) }, command, 'heroku'))
  })
  return out
}

function yamlDoc(text: string): { doc: Document; lineOf: (n: unknown) => number } | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false })
  if (doc.errors.length) return undefined
  return { doc, lineOf: (n) => ((n as Node | undefined)?.range ? lineCounter.linePos((n as Node).range?.[0] ?? 0).line : 1) }
}


/** A list of `{key|name, value, generateValue…}` entries (render envVars, DigitalOcean envs). */
function keyValueList(node: unknown, path: string, lineOf: (n: unknown) => number, keyField: string): Map<string, EnvSetting> {
  const env = new Map<string, EnvSetting>()
  if (!isSeq(node)) return env
  for (const item of node.items) {
    if (!isMap(item)) continue
    const name = scalarText(item.get(keyField, true))
    if (!name) continue
    // a generated value, or a DigitalOcean SECRET (its value is ciphertext), is not shown here
    const literal = item.has('value') && !item.has('generateValue') && scalarText(item.get('type', true))?.toUpperCase() !== 'SECRET' ? scalarText(item.get('value', true)) : undefined
    env.set(name, { name, value: literal, path, line: lineOf(item) })
  }
  return env
}

function renderDeployments(path: string, text: string): Deployment[] {
  const y = yamlDoc(text)
  if (!y) return []
  const services = y.doc.get('services', true)
  if (!isSeq(services)) return []
  return services.items.flatMap((s) => {
    if (!isMap(s)) return []
    const name = scalarText(s.get('name', true)) ?? '?'
    const type = scalarText(s.get('type', true)) ?? 'web'
    if (!['web', 'worker', 'pserv', 'cron', 'background_worker'].includes(type)) return []
    const command = scalarText(s.get('startCommand', true)) ?? ''
    const role = roleOf(type === 'web' ? 'web' : 'worker', command)
    return [withCommand({ path, line: y.lineOf(s), name: `${path} service ${name}`, role: role.role, why: role.why, env: keyValueList(s.get('envVars', true), path, y.lineOf, 'key') }, command, 'render')]
  })
}

function digitalOceanDeployments(path: string, text: string): Deployment[] {
  const y = yamlDoc(text)
  if (!y) return []
  const shared = keyValueList(y.doc.get('envs', true), path, y.lineOf, 'key')
  const out: Deployment[] = []
  for (const section of ['services', 'workers']) {
    const list = y.doc.get(section, true)
    if (!isSeq(list)) continue
    for (const s of list.items) {
      if (!isMap(s)) continue
      const command = scalarText(s.get('run_command', true)) ?? ''
      const env = new Map([...shared, ...keyValueList(s.get('envs', true), path, y.lineOf, 'key')])
      const role = roleOf(section === 'services' ? 'web' : 'worker', command)
      out.push(withCommand({ path, line: y.lineOf(s), name: `${path} ${section.slice(0, -1)} ${scalarText(s.get('name', true)) ?? '?'}`, role: role.role, why: role.why, env }, command, 'digitalocean'))
    }
  }
  return out
}

function appEngineDeployments(path: string, text: string): Deployment[] {
  const y = yamlDoc(text)
  if (!y || !y.doc.has('runtime')) return []
  const vars = y.doc.get('env_variables', true)
  const env = new Map<string, EnvSetting>()
  if (isMap(vars))
    for (const item of vars.items) {
      const name = scalarText(item.key)
      if (name) env.set(name, { name, value: scalarText(item.value), path, line: y.lineOf(item.key) })
    }
  const command = scalarText(y.doc.get('entrypoint', true)) ?? ''
  const role = roleOf('web', command)
  return [withCommand({ path, line: 1, name: path, role: role.role, why: role.why, env }, command, 'appengine')]
}

function flyDeployments(path: string, text: string): Deployment[] {
  let parsed: Record<string, unknown>
  try {
    parsed = parseToml(text)
  } catch {
    return []
  }
  const env = new Map<string, EnvSetting>()
  const table = parsed.env
  if (table && typeof table === 'object')
    for (const [name, value] of Object.entries(table as Record<string, unknown>)) {
      const setting = plainText(value)
      if (setting !== undefined) env.set(name, { name, value: setting, path, line: lineOfKey(text, name) })
    }
  const processes = parsed.processes && typeof parsed.processes === 'object' ? Object.entries(parsed.processes as Record<string, unknown>) : [['app', '']]
  return processes.map(([name, command]) => {
    const line = plainText(command) ?? ''
    const role = roleOf(name === 'app' ? 'web' : String(name), line)
    return withCommand({ path, line: 1, name: `${path} ${name}`, role: role.role, why: role.why, env: new Map(env) }, line, 'fly')
  })
}

function railwayDeployments(path: string, text: string): Deployment[] {
  let command: string
  try {
    const parsed = (path.endsWith('.json') ? JSON.parse(text) : parseToml(text)) as { deploy?: { startCommand?: unknown } }
    command = plainText(parsed.deploy?.startCommand) ?? ''
  } catch {
    return []
  }
  const role = roleOf('web', command)
  return [withCommand({ path, line: lineOfText(text, 'startCommand'), name: path, role: role.role, why: role.why, env: new Map() }, command, 'railway')]
}

/** Deployments of one PaaS file; `read` gives sibling files (app.json next to a Procfile). */
export function paasDeployments(path: string, text: string, read: (path: string) => string | undefined): Deployment[] {
  const found = paasFileDeployments(path, text, read)
  // Procfile.dev (honcho, overmind), a Procfile in tests/ or examples/: a developer's processes
  const fileClass = classifyFile(path)
  return fileClass.kind === 'production' ? found : found.map((d) => ({ ...d, role: 'development', why: fileClass.why }))
}

function paasFileDeployments(path: string, text: string, read: (path: string) => string | undefined): Deployment[] {
  const name = baseName(path)
  if (name.startsWith('procfile')) {
    const appPath = `${dirOf(path)}app.json`
    const app = read(appPath)
    return procfileDeployments(path, text, app === undefined ? undefined : { path: appPath, text: app })
  }
  if (name === 'app.json') {
    // with a Procfile beside it, its env is given to the Procfile's processes instead
    if (read(`${dirOf(path)}Procfile`) !== undefined) return []
    return [{ path, line: 1, name: path, role: 'serving', env: appJsonEnv(path, text), settings: appJsonEnv(path, text).get('DJANGO_SETTINGS_MODULE') }]
  }
  if (name === 'render.yaml') return renderDeployments(path, text)
  if (name === 'fly.toml') return flyDeployments(path, text)
  if (path.endsWith('.do/app.yaml')) return digitalOceanDeployments(path, text)
  if (name === 'app.yaml' || name === 'app.yml') return appEngineDeployments(path, text)
  if (name.startsWith('railway.')) return railwayDeployments(path, text)
  return []
}
