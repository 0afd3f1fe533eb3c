// Docker Compose files: each service that runs the Django project is a deployment, with the
// environment compose gives it (`environment:` in list or map form, `env_file:`, interpolated from
// the `.env` next to the compose file) and its role (a dev compose file, or a service that runs
// runserver or the tests, is development).
import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml'
import { classifyFile } from '../files/classify.js'
import type { FileSet } from '../settings/modules.js'
import { commandFacts } from './command.js'
import { envTemplateFor, parseEnvFile } from './env-file.js'
import { interpolate } from './interpolate.js'
import { scalarText } from './scalar.js'
import type { Deployment, EnvSetting } from './types.js'

export const isComposeFile = (path: string): boolean => /(^|\/)(docker-)?compose([._-][^/]*)?\.ya?ml$/i.test(path)

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '')
const joinPath = (dir: string, rel: string): string => {
  const parts = (dir ? dir.split('/') : []).concat(rel.replace(/^\.\//, '').split('/'))
  const out: string[] = []
  for (const p of parts) {
    if (p === '..') out.pop()
    else if (p && p !== '.') out.push(p)
  }
  return out.join('/')
}

const DJANGO_COMMAND = /manage\.py|django-admin|gunicorn|uwsgi|daphne|uvicorn|hypercorn|celery|wsgi|asgi/


const MAX_MERGE_DEPTH = 8
/** Mappings one lookup may visit through merge keys: `<<: [*a, *a, …]` nested is exponential. */
const MAX_MERGED_MAPS = 1000
const isMergeKey = (key: unknown): boolean => isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol')
type Deref = (node: unknown) => unknown

/** Resolves aliases to their anchored nodes; one walk of the document (yaml's Alias.resolve walks it on every call). */
function aliasesOf(doc: Document): Deref {
  const anchors = new Map<string, Node>()
  const targets = new Map<unknown, Node>()
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source)
        if (target) targets.set(node, target)
      } else if (isNode(node) && node.anchor) anchors.set(node.anchor, node)
    }
  })
  return (node) => (isAlias(node) ? targets.get(node) : node)
}

/**
 * A mapping's pairs with `<<: *anchor` merge keys resolved (`celeryworker: {<<: *django}`), in the
 * order where a later pair overrides an earlier one: merged pairs first (the first source last), then
 * the mapping's own.
 */
function pairsOf(deref: Deref, map: YAMLMap, depth = 0, budget = { maps: MAX_MERGED_MAPS }): Pair[] {
  const own = map.items.filter((p) => !isMergeKey(p.key))
  if (depth >= MAX_MERGE_DEPTH || --budget.maps < 0) return own
  const merged: Pair[] = []
  for (const p of map.items) {
    if (!isMergeKey(p.key)) continue
    const value = deref(p.value)
    const sources = isSeq(value) ? value.items.map(deref) : [value]
    for (const source of sources.reverse()) if (isMap(source)) merged.push(...pairsOf(deref, source, depth + 1, budget))
  }
  return [...merged, ...own]
}

/** A mapping's value for `key`, through aliases and merge keys. */
function field(deref: Deref, map: YAMLMap, key: string): unknown {
  const pair = pairsOf(deref, map).findLast((p) => scalarText(p.key) === key)
  return pair ? deref(pair.value) : undefined
}

function commandOf(node: unknown): string | string[] | undefined {
  if (isSeq(node)) return node.items.map((i) => scalarText(i) ?? '')
  return scalarText(node)
}

export function composeDeployments(path: string, text: string, files: FileSet): Deployment[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false })
  if (doc.errors.length) return []
  const services = doc.get('services', true)
  if (!isMap(services)) return []
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1)
  const dir = dirOf(path)
  const deref = aliasesOf(doc)
  // compose interpolates ${VAR} from the .env file of the project directory
  const dotenv = new Map(parseEnvFile(joinPath(dir, '.env'), files.read(joinPath(dir, '.env')) ?? '').map((e) => [e.name, e.value]))
  const lookup = (name: string): string | undefined => dotenv.get(name)
  const fileClass = classifyFile(path)
  const out: Deployment[] = []
  for (const pair of services.items) {
    const name = scalarText(pair.key) ?? '?'
    const service = deref(pair.value)
    if (!isMap(service)) continue
    const get = (key: string): unknown => field(deref, service, key)
    const env = new Map<string, EnvSetting>()
    for (const file of envFiles(get('env_file'))) {
      const envPath = joinPath(dir, file)
      // a git-ignored env file: what production gets is the committed template a user copies to it
      const template = envTemplateFor(envPath, files.paths)
      const source = template ?? envPath
      for (const e of parseEnvFile(source, files.read(source) ?? '')) env.set(e.name, template ? { ...e, copiedTo: envPath } : e)
    }
    const environment = get('environment')
    if (isMap(environment))
      for (const item of pairsOf(deref, environment)) {
        const key = scalarText(item.key)
        if (!key) continue
        const raw = scalarText(deref(item.value))
        // `KEY:` with no value passes the variable through from the shell (or the .env file)
        const value = raw === undefined ? lookup(key) : interpolate(raw, lookup)
        env.set(key, { name: key, value, path, line: lineOf(item.key as Node) })
      }
    else if (isSeq(environment))
      for (const item of environment.items) {
        const entry = scalarText(item)
        if (!entry) continue
        const eq = entry.indexOf('=')
        const key = eq < 0 ? entry : entry.slice(0, eq)
        env.set(key, { name: key, value: eq < 0 ? lookup(key) : interpolate(entry.slice(eq + 1), lookup), path, line: lineOf(item as Node) })
      }
    const command = commandOf(get('command')) ?? commandOf(get('entrypoint'))
    const commandText = Array.isArray(command) ? command.join(' ') : (command ?? '')
    const written = [commandOf(get('entrypoint')), commandOf(get('command'))].flatMap((c) => (c === undefined ? [] : [c].flat())).join(' ')
    const builds = get('build') !== undefined
    if (!env.has('DJANGO_SETTINGS_MODULE') && !DJANGO_COMMAND.test(commandText) && !builds) continue
    const facts = commandFacts(command)
    for (const [k, v] of facts.env) env.set(k, { name: k, value: interpolate(v, lookup), path, line: lineOf(pair.key as Node) })
    const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: interpolate(facts.settings, lookup), path, line: lineOf(pair.key as Node) } : env.get('DJANGO_SETTINGS_MODULE')
    const dev = fileClass.kind !== 'production' ? { role: 'development' as const, why: fileClass.why } : undefined
    const testService = /^(tests?|testing|ci|pytest|lint|docs)$/i.test(name) ? { role: 'development' as const, why: `the service is named ${name}` } : undefined
    const commandRole = facts.role ? { role: facts.role, why: facts.why } : undefined
    // a celery worker with the source tree mounted or DEBUG on is a developer's, like the web service beside it
    const role = dev ?? testService ?? (commandRole?.role === 'worker' ? undefined : commandRole) ?? developmentSigns(path, get('volumes'), env) ?? commandRole ?? { role: 'serving' as const, why: undefined }
    const mounts = bindMounts(get('volumes'), dir, lineOf)
    out.push({ path, line: lineOf(pair.key as Node), name: `${path} service ${name}`, role: role.role, why: role.why, env, settings, ...(written ? { command: written } : {}), ...(mounts.length ? { mounts } : {}) })
  }
  return out
}

const TRUTHY = new Set(['1', 'true', 'yes', 'on'])

/**
 * A service's bind mounts of repository paths (`./config/local.py:/app/config/local.py:ro`, `$PWD/…`,
 * the long form's source/target), the source taken to a repository path; named volumes are not files.
 */
function bindMounts(volumes: unknown, dir: string, lineOf: (node: Node) => number): { source: string; target: string; line: number }[] {
  if (!isSeq(volumes)) return []
  return volumes.items.flatMap((v) => {
    const [source, target] = isScalar(v) ? String(v.value).split(':') : isMap(v) ? [scalarText(v.get('source', true)), scalarText(v.get('target', true))] : []
    if (source === undefined || target === undefined || !target.startsWith('/')) return []
    const local = /^(?:\$\{?PWD\}?\/|\.\/)(.*)$/.exec(source)?.[1] ?? (source.startsWith('/') || !source.includes('/') ? undefined : source)
    if (local === undefined) return []
    return [{ source: joinPath(dir, local), target, line: lineOf(v as Node) }]
  })
}

/** A compose file named for production (`docker-compose.prod.yml`, `production.yml`, `compose.live.yaml`). */
export function composeNamedForProduction(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return name.split(/[._-]+/).some((w) => ['prod', 'production', 'live', 'staging', 'stage'].includes(w))
}

/**
 * What gives a service away as a developer's: it mounts the source tree into the container (code
 * edited live; not in a compose file named for production), or its environment turns DEBUG on. Production runs a built image with DEBUG off.
 */
function developmentSigns(path: string, volumes: unknown, env: Map<string, EnvSetting>): { role: 'development'; why: string } | undefined {
  // a production compose file that mounts the checkout (deployed by `git pull` on the server) still serves
  if (isSeq(volumes) && !composeNamedForProduction(path))
    for (const v of volumes.items) {
      const source = isScalar(v) ? String(v.value).split(':')[0] : isMap(v) ? scalarText(v.get('source', true)) : undefined
      if (source !== undefined && /^\.{1,2}\/?$/.test(source)) return { role: 'development', why: `it mounts the source tree (${source}) into the container` }
    }
  for (const name of ['DEBUG', 'DJANGO_DEBUG']) {
    const value = env.get(name)?.value
    if (value !== undefined && TRUTHY.has(value.trim().toLowerCase())) return { role: 'development', why: `its environment sets ${name}=${value}` }
  }
  return undefined
}

function envFiles(node: unknown): string[] {
  if (isScalar(node)) return [String(node.value)]
  if (isSeq(node))
    return node.items.flatMap((i) => {
      if (isScalar(i)) return [String(i.value)]
      if (isMap(i)) {
        const p = scalarText(i.get('path', true))
        return p ? [p] : []
      }
      return []
    })
  return []
}
