// Finds the settings modules of a tree, the DJANGO_SETTINGS_MODULE references that point at them,
// and decides which ones production loads (and why).
import { minimatch } from 'minimatch'
import { findDeployments, isDeployFile, isDeployingCiFile, isEnvTemplate, isProductionRole, type Deployment } from '../deploy/index.js'
import { isNginxConfig } from '../deploy/nginx.js'
import { describePlacement, findPlacements } from '../deploy/placements.js'
import { classifyFile } from '../files/classify.js'
import { isDependencyFile } from '../deps/files.js'
import { SETTINGS_NAMES } from './defaults.js'
import { onlyStarImports, settingsCandidates, starImportsOf } from './candidates.js'
import { ModuleIndex, basename, topLevelNames, type FileSet } from './modules.js'
import { platformEnv } from './deploy-worlds.js'
import { platformSwitchReferences } from './platform-switch.js'

/**
 * deploy: a production process is given it (a serving or worker deployment, or wsgi.py forcing it);
 * default: `os.environ.setdefault` in wsgi/asgi/celery, a shell script's export — what runs when
 * nothing else sets the variable; manage: manage.py's default; test: pytest/tox/CI configuration;
 * dev: a development process (runserver, a dev compose file, a file in tests/); build: an image
 * build or release step (collectstatic, migrate).
 */
export type ReferenceKind = 'deploy' | 'default' | 'manage' | 'test' | 'dev' | 'build'

export interface SettingsReference {
  /** The dotted module name written in the file. */
  module: string
  path: string
  line: number
  kind: ReferenceKind
  /** The process it is given to, for deploy, dev and build references from deploy files. */
  deployment?: Deployment
}

export interface SettingsModule {
  path: string
  /** Modules it star-imports (resolved paths in the tree). */
  imports: string[]
  /** Modules that star-import it. */
  importedBy: string[]
  /** It assigns SECRET_KEY itself (Django refuses to start without one). */
  setsSecretKey: boolean
}

export interface EntryModule {
  path: string
  production: boolean
  /** Why it is (or is not) taken as production, in words for the finding message. */
  reason: string
  /** Every module whose settings flow into this one (itself first, then its imports, transitively). */
  chain: string[]
  /**
   * The production processes (serving or worker) that load it: those that name it, and, for a
   * production module, those that name no settings module (they run what the defaults select).
   */
  deployments: Deployment[]
}

export interface Discovery {
  modules: Map<string, SettingsModule>
  entries: EntryModule[]
  references: SettingsReference[]
  /** Every process the repository's deploy files describe. */
  deployments: Deployment[]
  index: ModuleIndex
}

const DEV_NAME = /^(dev|devel|development|local|locals|test|tests|testing|ci|debug|sandbox|example|sample|docker_dev|dev_.*|local_.*|test_.*|.*_dev|.*_local|.*_test|.*_tests|.*_testing|.*_ci|.*test|e2e.*|unittests)$/
const PROD_NAME = /^(prod|production|live|deploy|deployment|staging|stage|heroku|prod_.*|production_.*|.*_prod|.*_production|.*_live|.*_staging)$/
const STAGING_NAME = /(^|_)(staging|stage)($|_)/
const TEST_DIRS = new Set(['tests', 'test', 'testing', 'testproject', 'test_project', 'docs', 'examples', 'example'])

/**
 * What a DJANGO_SETTINGS_MODULE written in a file that no deploy parser reads means (Python
 * defaults, test configuration, env and shell files); undefined for files that cannot name one.
 */
export function referenceKind(path: string): ReferenceKind | undefined {
  const name = basename(path).toLowerCase()
  if (['pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', 'conftest.py', 'noxfile.py', '.coveragerc'].includes(name)) return 'test'
  const fileClass = classifyFile(path)
  if (fileClass.kind === 'ci' || fileClass.kind === 'test') return 'test'
  const nonProduction = fileClass.kind !== 'production'
  if (name === 'manage.py') return nonProduction ? 'dev' : 'manage'
  if (name.endsWith('.py') || name.endsWith('.sh') || name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return nonProduction ? 'dev' : 'default'
  return undefined
}

/** A file a deploy may put in place of a module (`settings.py.prod`, `production.py.tpl`, `settings.tpl`): see deploy/placements.ts. */
const MAY_BE_PLACED = /\.py\.[^/.]+$|(^|\/)[^/]*(settings|config|conf|prod|production|staging)[^/]*\.(tpl|tmpl|j2|jinja2?|template|in)$/i

/** Whether a source should read this file for the settings analysis (beyond the changed files). */
export function isSettingsRelevant(path: string): boolean {
  if (MAY_BE_PLACED.test(path)) return true
  if (isDeployFile(path) || isDeployingCiFile(path) || isEnvTemplate(path) || isDependencyFile(path) || isNginxConfig(path)) return true
  const name = basename(path).toLowerCase()
  if (['pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', '.env'].includes(name) || name.startsWith('.env.') || name.endsWith('.env') || name.endsWith('.sh')) return true
  if (path.startsWith('.github/workflows/')) return true
  if (!path.endsWith('.py')) return false
  return /settings|config|conf\/|(^|\/)(wsgi|asgi|celery|manage|gunicorn[^/]*)\.py$/i.test(path)
}

const MODULE_RE = /[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*/

/** DJANGO_SETTINGS_MODULE values written in a file that no deploy parser reads, with their lines. Linear scan, no backtracking regex. */
export function findReferences(path: string, text: string): SettingsReference[] {
  const kind = referenceKind(path)
  if (!kind || !text.includes('DJANGO_SETTINGS_MODULE')) return []
  const python = path.endsWith('.py')
  const out: SettingsReference[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf('DJANGO_SETTINGS_MODULE')
    if (at < 0) continue
    const before = lines[i].slice(0, at)
    // Python names it in setdefault(...) or assigns os.environ[...]; a comment or a read names nothing
    if (python && !/(setdefault|environ\[)\s*\(?\s*["']$/.test(before.trimEnd()) && !/\b(setdefault|environ)\b/.test(before)) continue
    if (before.trimStart().startsWith('#')) continue
    let rest = lines[i].slice(at + 'DJANGO_SETTINGS_MODULE'.length).replace(/^["'\]\s]*[,:=]?\s*/, '').replace(/^["']/, '')
    // setdefault("DJANGO_SETTINGS_MODULE",\n    "shop.settings") names it on the next line
    if (python && !rest.trim() && /setdefault\s*\(\s*["']$/.test(before.trimEnd())) rest = (lines[i + 1] ?? '').trimStart().replace(/^["']/, '')
    const line = i + 1
    const m = MODULE_RE.exec(rest.slice(0, 200))
    if (!m || m.index !== 0 || m[0] === 'os') continue
    // wsgi.py that assigns os.environ[...] = forces the module on the process it serves
    const forced = python && kind === 'default' && /environ\[/.test(before) && /^\s*["']?\s*\]\s*=/.test(lines[i].slice(at + 'DJANGO_SETTINGS_MODULE'.length))
    out.push({ module: m[0], path, line, kind: forced ? 'deploy' : kind })
  }
  return out
}

/** References from deploy files: each deployment that names a settings module. */
function deploymentReferences(deployments: Deployment[]): SettingsReference[] {
  return deployments.flatMap((d) => {
    const module = d.settings?.value
    if (!module || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(module)) return []
    const kind: ReferenceKind = isProductionRole(d.role) ? 'deploy' : d.role === 'development' ? 'dev' : 'build'
    return [{ module, path: d.settings?.path ?? d.path, line: d.settings?.line ?? d.line, kind, deployment: d }]
  })
}

/** Settings modules the configuration names production or non-production: paths or dotted names. */
export interface SettingsOverride {
  production: string[]
  nonProduction: string[]
}

/** Whether the module at `path` is the one `name` means: `config/settings/prod.py`, or `config.settings.prod` (a package's __init__.py too), from the root or any folder. */
export function namesModule(name: string, path: string): boolean {
  const candidates = name.endsWith('.py') ? [name.replace(/^\.?\/+/, '')] : [`${name.replace(/\./g, '/')}.py`, `${name.replace(/\./g, '/')}/__init__.py`]
  return candidates.some((c) => path === c || path.endsWith(`/${c}`))
}

/** Finds settings modules among the read Python files and classifies the ones Django may load; `override`: the configuration's say, which outranks every inference. */
export function discover(files: FileSet, candidatePaths: string[] = settingsCandidates(files), override?: SettingsOverride): Discovery {
  const index = new ModuleIndex(files)
  const modules = new Map<string, SettingsModule>()
  const references: SettingsReference[] = []
  const starImports = new Map<string, string[]>()
  const plainImports = new Map<string, string[]>()
  /** modules that star-import others, and whether they set SECRET_KEY */
  const candidates = new Map<string, boolean>()

  // env files a deploy file names are read on demand: one not read yet is wanted (see wantedPaths)
  const reading = {
    paths: files.paths,
    read: (path: string) => {
      const text = files.read(path)
      if (text === undefined && files.paths.has(path)) index.wanted.add(path)
      return text
    }
  }
  const deployments = findDeployments(reading)
  // files a production deploy puts in place of a module (settings.py.prod copied over settings.py) are that module
  const placements = findPlacements(reading, deployments)
  index.place(placements)
  for (const p of placements) reading.read(p.source)
  candidatePaths = [...candidatePaths, ...placements.map((p) => p.source).filter((p) => index.placementOf(p) && !candidatePaths.includes(p))]
  references.push(...deploymentReferences(deployments))
  // what the platform every production process runs on sets (Azure's WEBSITE_HOSTNAME): a wsgi.py switch on it is decided
  const platform = platformEnv(deployments)
  for (const path of files.paths) {
    if (isDeployFile(path) || !referenceKind(path)) continue
    const text = files.read(path)
    if (text !== undefined) references.push(...findReferences(path, text), ...platformSwitchReferences(path, text, referenceKind(path), platform))
  }
  const candidateSet = new Set(candidatePaths)
  for (const path of candidatePaths) {
    if (!extendsCandidate(path, files, index, candidateSet)) continue
    const parsed = index.module(path)
    if (!parsed) continue
    const settingsPath = /settings/i.test(index.locationOf(path))
    const { assigned, starImports: stars, moduleImports: imported } = topLevelNames(parsed.body, settingsPath)
    const known = [...assigned].filter((n) => SETTINGS_NAMES.has(n)).length
    const inTree = (imports: { level: number; module: string }[]): string[] => imports.map((s) => index.resolve(path, s.level, s.module)).filter((p): p is string => p !== 'missing' && p !== 'external')
    const resolved = inTree(stars)
    starImports.set(path, resolved)
    plainImports.set(path, inTree(imported))
    const setsSecretKey = assigned.has('SECRET_KEY')
    if (known >= 2 || (known >= 1 && settingsPath)) modules.set(path, { path, imports: [], importedBy: [], setsSecretKey })
    else if (resolved.length) candidates.set(path, setsSecretKey)
  }
  // A module that star-imports a settings module is one too (local.py: `from .base import *` + DEBUG).
  let grew = true
  while (grew) {
    grew = false
    for (const [path, setsSecretKey] of candidates) {
      if ((starImports.get(path) ?? []).some((p) => modules.has(p))) {
        modules.set(path, { path, imports: [], importedBy: [], setsSecretKey })
        candidates.delete(path)
        grew = true
      }
    }
  }
  // django-split-settings: a module that include()s settings fragments is a settings module, and the
  // fragments are parts of it (like star imports), not modules a server loads on their own
  const includes = new Map<string, string[]>()
  for (const path of candidatePaths) {
    const text = files.read(path)
    if (!text?.includes('split_settings')) continue
    const fragments = includedFragments(path, text, files.paths).filter((p) => modules.has(p))
    if (!fragments.length) continue
    includes.set(path, fragments)
    if (!modules.has(path)) modules.set(path, { path, imports: [], importedBy: [], setsSecretKey: candidates.get(path) ?? false })
  }
  for (const m of modules.values()) {
    // a settings module read through a plain import (netbox's `import configuration`) is covered through its importer too
    m.imports = [...new Set([...(starImports.get(m.path) ?? []), ...(includes.get(m.path) ?? []), ...(plainImports.get(m.path) ?? [])])].filter((p) => modules.has(p))
    for (const p of m.imports) modules.get(p)?.importedBy.push(m.path)
  }
  return { modules, entries: classify(modules, references, deployments, index, override), references, deployments, index }
}

/**
 * Whether a candidate must be parsed: always, unless only its star imports made it one. Such a module
 * is a settings module only when it star-imports one, so it is parsed only when a star import (read
 * from the text, resolved as the parse would) names another candidate, or a file not read yet.
 */
function extendsCandidate(path: string, files: FileSet, index: ModuleIndex, candidates: Set<string>): boolean {
  const text = files.read(path)
  if (text === undefined || !onlyStarImports(index.locationOf(path), text)) return true
  const stars = starImportsOf(text)
  if (!stars) return true
  return stars.some((s) => {
    const wanted = index.wanted.size
    const target = index.resolve(path, s.level, s.module)
    // not read yet: the source reads it and discovery runs again (see wantedPaths)
    if (index.wanted.size > wanted) return true
    return target !== 'missing' && target !== 'external' && candidates.has(target)
  })
}

/**
 * The files a django-split-settings module names in string literals (`include('base.py',
 * optional('local.py'))`, lists built before the call), resolved from its folder; a glob names
 * every matching file. Read from the text: which of them a given environment includes is the
 * evaluator's business.
 */
export function includedFragments(path: string, text: string, paths: ReadonlySet<string>): string[] {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''
  const out: string[] = []
  for (const m of text.matchAll(/["']([^"'\n]{1,200})["']/g)) {
    const name = m[1]
    if (!name.endsWith('.py') || !/^[\w./*-]+$/.test(name) || name.startsWith('/') || name.includes('..')) continue
    if (name.includes('*')) {
      for (const p of paths) if (p.startsWith(dir) && minimatch(p.slice(dir.length), name) && p !== path && !out.includes(p)) out.push(p)
    } else if (paths.has(dir + name) && dir + name !== path && !out.includes(dir + name)) out.push(dir + name)
  }
  return out
}

/** The module and every module it imports, directly or not, in depth-first order (linear: a set of the seen). */
function chainOf(path: string, modules: Map<string, SettingsModule>): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const visit = (p: string): void => {
    if (seen.has(p)) return
    seen.add(p)
    out.push(p)
    for (const i of modules.get(p)?.imports ?? []) visit(i)
  }
  visit(path)
  return out
}

function stem(path: string): string {
  const name = basename(path).replace(/\.py$/, '')
  return name === '__init__' ? basename(path.slice(0, -'/__init__.py'.length)) : name
}

export function isDevByName(path: string): boolean {
  const name = stem(path).toLowerCase()
  if (DEV_NAME.test(name) || name.startsWith('test') || name.endsWith('_test') || name.includes('local_settings')) return true
  return path.split('/').slice(0, -1).some((dir) => TEST_DIRS.has(dir.toLowerCase()))
}

/** The module a reference names: resolved from the referencing file's folder upwards, as sys.path would find it from there. */
export function referenceTarget(r: SettingsReference, index: ModuleIndex): string | undefined {
  return index.byDottedNameNear(r.module, r.path)
}

interface Verdict {
  production: boolean
  reason: string
  /** Evidence that outranks a name or a default: a production process is given this module. */
  strong: boolean
}

const describe = (r: SettingsReference): string => `${r.deployment ? r.deployment.name : r.path}${r.deployment && r.deployment.path !== r.path ? ` (${r.path}:${r.line})` : `:${r.line}`}`

/**
 * Decides which settings modules production loads. Evidence, strongest first: a development or
 * test name or folder (whatever references it); a production process is given the module (a serving
 * or worker deployment, wsgi.py forcing it); references only from development, test or build
 * processes; a default (`os.environ.setdefault` in wsgi/asgi/celery, manage.py), which loses to a
 * deployment that sets another module; a production or staging name; the only settings module. A
 * module nothing loads while another is known to be production is not production.
 */
function classify(modules: Map<string, SettingsModule>, references: SettingsReference[], deployments: Deployment[], index: ModuleIndex, override?: SettingsOverride): EntryModule[] {
  const refsTo = new Map<string, SettingsReference[]>()
  for (const r of references) {
    const target = referenceTarget(r, index)
    if (!target || !modules.has(target)) continue
    refsTo.set(target, [...(refsTo.get(target) ?? []), r])
  }
  // modules production processes are given; a deployment of a development module is a developer's
  const servingModules = new Set(
    references
      .filter((r) => r.kind === 'deploy')
      .map((r) => referenceTarget(r, index))
      .filter((t): t is string => t !== undefined && modules.has(t) && (index.placementOf(t) !== undefined || (!isDevByName(t) && classifyFile(t).kind === 'production')))
  )
  const verdict = new Map<string, Verdict>()
  // the configuration outranks every inference: the user knows what production loads
  const configured = (path: string): Verdict | undefined =>
    override?.production.some((n) => namesModule(n, path)) ? { production: true, reason: 'config', strong: true } : override?.nonProduction.some((n) => namesModule(n, path)) ? { production: false, reason: 'config', strong: true } : undefined
  for (const path of modules.keys()) verdict.set(path, configured(path) ?? placedVerdict(path, index, refsTo.get(path) ?? [], servingModules, modules.size === 1) ?? firstVerdict(path, refsTo.get(path) ?? [], servingModules, modules.size === 1))
  // Nothing names it and neither it nor its imports set SECRET_KEY: Django cannot start on it alone,
  // so it is a fragment or a library's defaults, read by another module, not settings a server runs.
  // The project's only settings module is kept: its key may come from somewhere we cannot see.
  // each module's chain is walked once, however many questions are asked of it
  const chains = new Map<string, string[]>()
  const chain = (path: string): string[] => {
    let c = chains.get(path)
    if (!c) chains.set(path, (c = chainOf(path, modules)))
    return c
  }
  for (const [path, v] of verdict)
    if (modules.size > 1 && v.production && !v.strong && !(refsTo.get(path) ?? []).length && !chain(path).some((p) => modules.get(p)?.setsSecretKey))
      verdict.set(path, { production: false, reason: 'nothing loads it, and it does not set SECRET_KEY: it is a fragment or defaults that another module reads', strong: false })
  // A module nothing selects, directly or through its imports, is not production once another
  // module is known to be.
  const loaders = [...verdict].filter(([, v]) => v.production && v.strong).map(([p]) => p)
  const loaded = new Set(loaders.flatMap((k) => chain(k)))
  for (const [path, v] of verdict)
    if (v.production && !v.strong && !(refsTo.get(path) ?? []).length && loaders.length && !loaded.has(path))
      verdict.set(path, { production: false, reason: `nothing loads it: the entry points load ${loaders.join(', ')}`, strong: false })
  const entries: EntryModule[] = []
  for (const [path, m] of modules) {
    const v = verdict.get(path) as Verdict
    // A module imported by a production module is covered through that module, unless something
    // names it directly as the settings to load.
    const importedByProduction = m.importedBy.some((p) => verdict.get(p)?.production)
    if (importedByProduction && !refsTo.get(path)?.some((r) => r.kind === 'deploy' || r.kind === 'default' || r.kind === 'manage') && !(v.reason === 'config' && v.production)) continue
    const naming = (refsTo.get(path) ?? []).flatMap((r) => (r.kind === 'deploy' && r.deployment ? [r.deployment] : []))
    const unnamed = v.production ? deployments.filter((d) => isProductionRole(d.role) && !d.settings) : []
    entries.push({ path, production: v.production, reason: v.reason, chain: chain(path), deployments: [...naming, ...unnamed] })
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path))
}

/**
 * The verdict on a module a production deploy step replaces (the tracked settings.py that
 * settings.py.prod is copied over: the development version), or on the file it puts there: judged
 * as its destination, and production even when the destination's name says development
 * (local_settings.py), since a production deploy puts it there; undefined for any other module.
 */
function placedVerdict(path: string, index: ModuleIndex, refs: SettingsReference[], servingModules: Set<string>, onlySettings: boolean): Verdict | undefined {
  const over = index.placedOver(path)
  if (over) return { production: false, reason: `${describePlacement(over, true)}: production runs that file in its place, so this is the development version`, strong: true }
  const placement = index.placementOf(path)
  if (!placement) return undefined
  const how = describePlacement(placement, index.files.paths.has(placement.destination))
  const v = firstVerdict(path, refs, servingModules, onlySettings, placement.destination)
  if (v.production) return { production: true, reason: `${v.reason}; ${how}`, strong: true }
  const byName = isDevByName(placement.destination) || classifyFile(placement.destination).kind !== 'production'
  return byName ? { production: true, reason: how, strong: true } : { ...v, reason: `${v.reason}; ${how}` }
}

/** `named`: the path whose name is judged (a placed file is named by the module it becomes). */
function firstVerdict(path: string, refs: SettingsReference[], servingModules: Set<string>, onlySettings: boolean, named = path): Verdict {
  const name = basename(named)
  const of = (kind: ReferenceKind): SettingsReference | undefined => refs.find((r) => r.kind === kind)
  // a development or test name wins over any reference: what a dev module holds is meant for dev
  if (isDevByName(named)) return { production: false, reason: `${name} is named as a development or test module`, strong: true }
  const fileClass = classifyFile(named)
  if (fileClass.kind !== 'production') return { production: false, reason: fileClass.why, strong: true }
  const deploy = of('deploy')
  if (deploy) return { production: true, reason: `${describe(deploy)} sets DJANGO_SETTINGS_MODULE to it`, strong: true }
  const byDefault = of('default') ?? of('manage')
  const other = of('dev') ?? of('test') ?? of('build')
  if (other && !byDefault) {
    const why = other.deployment?.why ?? (other.kind === 'test' ? 'it is test configuration' : other.kind === 'build' ? 'it is a build step' : 'it is development-only')
    return { production: false, reason: `only ${describe(other)} uses it, and ${why}`, strong: true }
  }
  if (byDefault) {
    const elsewhere = [...servingModules].filter((m) => m !== path)
    if (elsewhere.length) return { production: false, reason: `${describe(byDefault)} only defaults DJANGO_SETTINGS_MODULE to it: the production processes are given ${elsewhere.join(', ')}`, strong: true }
    return { production: true, reason: `${describe(byDefault)} sets DJANGO_SETTINGS_MODULE to it`, strong: byDefault.kind === 'default' }
  }
  // a staging or production module is deployed even when the repository does not say how
  if (PROD_NAME.test(stem(named).toLowerCase())) {
    // a production name nothing loads, while the repository's deployments are given another module, is a
    // stale one; a staging module is another environment, which the repository need not describe
    const given = [...servingModules].filter((m) => m !== path)
    if (!refs.length && given.length && !STAGING_NAME.test(stem(named).toLowerCase())) return { production: false, reason: `${name} is named as a production module, but nothing loads it: the production processes are given ${given.join(', ')}`, strong: true }
    return { production: true, reason: `${name} is named as a production module`, strong: true }
  }
  if (onlySettings) return { production: true, reason: `it is the project's only settings module`, strong: false }
  return { production: true, reason: 'treated as production: nothing marks it as development-only', strong: false }
}
