// Finds the settings modules of a tree, the DJANGO_SETTINGS_MODULE references that point at them,
// and decides which ones production loads (and why).
import { SETTINGS_NAMES } from './defaults.js'
import { ModuleIndex, basename, topLevelNames, type FileSet } from './modules.js'

export interface SettingsReference {
  /** The dotted module name written in the file. */
  module: string
  path: string
  line: number
  kind: 'deploy' | 'manage' | 'test'
}

export interface SettingsModule {
  path: string
  /** Modules it star-imports (resolved paths in the tree). */
  imports: string[]
  /** Modules that star-import it. */
  importedBy: string[]
}

export interface EntryModule {
  path: string
  production: boolean
  /** Why it is (or is not) taken as production, in words for the finding message. */
  reason: string
  /** Every module whose settings flow into this one (itself first, then its imports, transitively). */
  chain: string[]
}

export interface Discovery {
  modules: Map<string, SettingsModule>
  entries: EntryModule[]
  references: SettingsReference[]
  index: ModuleIndex
}

const DEV_NAME = /^(dev|devel|development|local|locals|test|tests|testing|ci|debug|sandbox|example|sample|docker_dev|dev_.*|local_.*|test_.*|.*_dev|.*_local|.*_test|.*_tests|.*_testing|.*_ci)$/
const PROD_NAME = /^(prod|production|live|deploy|deployment|staging|stage|heroku|prod_.*|production_.*|.*_prod|.*_production|.*_live|.*_staging)$/
const TEST_DIRS = new Set(['tests', 'test', 'testing', 'testproject', 'test_project', 'docs', 'examples', 'example'])

/** Files that may name a DJANGO_SETTINGS_MODULE, and what a reference from them means. */
export function referenceKind(path: string): SettingsReference['kind'] | undefined {
  const name = basename(path).toLowerCase()
  if (name === 'manage.py') return 'manage'
  if (['pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', 'conftest.py', 'noxfile.py', '.coveragerc'].includes(name)) return 'test'
  if (path.startsWith('.github/workflows/') || path.startsWith('.gitlab-ci') || name === '.travis.yml') return 'test'
  if (name === 'wsgi.py' || name === 'asgi.py' || name === 'gunicorn.conf.py' || name === 'celery.py') return 'deploy'
  if (name.startsWith('dockerfile') || name.endsWith('.dockerfile') || name.startsWith('procfile')) return 'deploy'
  if (/^(docker-)?compose.*\.ya?ml$/.test(name) || ['app.json', 'render.yaml', 'fly.toml', 'app.yaml', 'zappa_settings.json'].includes(name)) return 'deploy'
  if (/\.(ya?ml|env)$/.test(name) && /(^|\/)(k8s|kubernetes|deploy|deployment|helm|charts|manifests|\.platform|\.ebextensions)\//.test(path)) return 'deploy'
  if (name === '.env' || name.startsWith('.env.')) return name.includes('test') || name.includes('local') || name.includes('dev') ? 'test' : 'deploy'
  return undefined
}

/** Whether a source should read this file for the settings analysis (beyond the changed files). */
export function isSettingsRelevant(path: string): boolean {
  if (referenceKind(path)) return true
  if (!path.endsWith('.py')) return false
  return /settings|config|conf\//i.test(path)
}

const MODULE_RE = /[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*/

/** DJANGO_SETTINGS_MODULE values written in a file, with their lines. Linear scan, no backtracking regex. */
export function findReferences(path: string, text: string): SettingsReference[] {
  const kind = referenceKind(path)
  if (!kind || !text.includes('DJANGO_SETTINGS_MODULE')) return []
  const out: SettingsReference[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf('DJANGO_SETTINGS_MODULE')
    if (at < 0) continue
    let rest = lines[i].slice(at + 'DJANGO_SETTINGS_MODULE'.length).replace(/^["'\s]*[,:=]?\s*/, '').replace(/^["']/, '')
    let line = i + 1
    // Kubernetes style: `- name: DJANGO_SETTINGS_MODULE` then `value: config.settings.production`
    if (!rest.trim() && i + 1 < lines.length) {
      const next = lines[i + 1].trim()
      if (next.startsWith('value:')) {
        rest = next.slice(6).trim().replace(/^["']/, '')
        line = i + 2
      }
    }
    const m = MODULE_RE.exec(rest.slice(0, 200))
    if (m && m.index === 0 && m[0].includes('.') === true) out.push({ module: m[0], path, line, kind })
    else if (m && m.index === 0 && /^[a-z_]\w*$/.test(m[0]) && m[0] !== 'os') out.push({ module: m[0], path, line, kind })
  }
  return out
}

/** Finds settings modules among the read Python files and classifies the ones Django may load. */
export function discover(files: FileSet, candidatePaths: string[] = settingsCandidates(files)): Discovery {
  const index = new ModuleIndex(files)
  const modules = new Map<string, SettingsModule>()
  const references: SettingsReference[] = []
  const starImports = new Map<string, string[]>()
  const candidates = new Set<string>()

  for (const path of files.paths) {
    if (!referenceKind(path)) continue
    const text = files.read(path)
    if (text !== undefined) references.push(...findReferences(path, text))
  }
  for (const path of candidatePaths) {
    const parsed = index.module(path)
    if (!parsed) continue
    const settingsPath = /settings/i.test(path)
    const { assigned, starImports: stars } = topLevelNames(parsed.body, settingsPath)
    const known = [...assigned].filter((n) => SETTINGS_NAMES.has(n)).length
    const resolved = stars.map((s) => index.resolve(path, s.level, s.module)).filter((p): p is string => p !== 'missing' && p !== 'external')
    starImports.set(path, resolved)
    if (known >= 2 || (known >= 1 && settingsPath)) modules.set(path, { path, imports: [], importedBy: [] })
    else if (resolved.length) candidates.add(path)
  }
  // A module that star-imports a settings module is one too (local.py: `from .base import *` + DEBUG).
  let grew = true
  while (grew) {
    grew = false
    for (const path of candidates) {
      if ((starImports.get(path) ?? []).some((p) => modules.has(p))) {
        modules.set(path, { path, imports: [], importedBy: [] })
        candidates.delete(path)
        grew = true
      }
    }
  }
  for (const m of modules.values()) {
    m.imports = (starImports.get(m.path) ?? []).filter((p) => modules.has(p))
    for (const p of m.imports) modules.get(p)?.importedBy.push(m.path)
  }
  return { modules, entries: classify(modules, references, index), references, index }
}

/**
 * The Python modules discovery parses: named settings, or assigning a well-known setting. None means
 * no parsing at all, so a scan need not load the parser (see review.ts).
 */
export function settingsCandidates(files: FileSet): string[] {
  const found: string[] = []
  for (const path of files.paths) {
    if (!path.endsWith('.py')) continue
    const text = files.read(path)
    if (text !== undefined && (/settings/i.test(path) || mightBeSettings(text))) found.push(path)
  }
  return found
}

function mightBeSettings(text: string): boolean {
  return /\b(DEBUG|SECRET_KEY|MIDDLEWARE|INSTALLED_APPS|ALLOWED_HOSTS|DATABASES|ROOT_URLCONF)\b|import \*/.test(text)
}

function chainOf(path: string, modules: Map<string, SettingsModule>): string[] {
  const out: string[] = []
  const visit = (p: string): void => {
    if (out.includes(p)) return
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

function isDevByName(path: string): boolean {
  const name = stem(path).toLowerCase()
  if (DEV_NAME.test(name) || name.startsWith('test') || name.endsWith('_test') || name.includes('local_settings')) return true
  return path.split('/').slice(0, -1).some((dir) => TEST_DIRS.has(dir.toLowerCase()))
}

function classify(modules: Map<string, SettingsModule>, references: SettingsReference[], index: ModuleIndex): EntryModule[] {
  const refsTo = new Map<string, SettingsReference[]>()
  for (const r of references) {
    const target = index.byDottedName(r.module)
    if (!target || !modules.has(target)) continue
    refsTo.set(target, [...(refsTo.get(target) ?? []), r])
  }
  const verdict = new Map<string, { production: boolean; reason: string; strong: boolean }>()
  const onlySettings = modules.size === 1
  for (const path of modules.keys()) {
    const refs = refsTo.get(path) ?? []
    const deploy = refs.find((r) => r.kind === 'deploy')
    const name = basename(path)
    if (deploy) verdict.set(path, { production: true, reason: `${deploy.path}:${deploy.line} sets DJANGO_SETTINGS_MODULE to it`, strong: true })
    else if (isDevByName(path)) verdict.set(path, { production: false, reason: `${name} is named as a development or test module`, strong: true })
    else if (refs.some((r) => r.kind === 'test')) {
      const t = refs.find((r) => r.kind === 'test') as SettingsReference
      verdict.set(path, { production: false, reason: `${t.path}:${t.line} uses it for tests`, strong: true })
    } else if (PROD_NAME.test(stem(path).toLowerCase())) verdict.set(path, { production: true, reason: `${name} is named as a production module`, strong: true })
    else if (refs.some((r) => r.kind === 'manage')) {
      const m = refs.find((r) => r.kind === 'manage') as SettingsReference
      verdict.set(path, { production: true, reason: `${m.path}:${m.line} sets DJANGO_SETTINGS_MODULE to it`, strong: false })
    } else if (onlySettings) verdict.set(path, { production: true, reason: `it is the project's only settings module`, strong: false })
    else verdict.set(path, { production: true, reason: 'treated as production: nothing marks it as development-only', strong: false })
  }
  const entries: EntryModule[] = []
  for (const [path, m] of modules) {
    const v = verdict.get(path) as { production: boolean; reason: string; strong: boolean }
    // A module imported by a production module is covered through that module, unless something
    // names it directly as the settings to load.
    const importedByProduction = m.importedBy.some((p) => verdict.get(p)?.production)
    if (importedByProduction && !refsTo.get(path)?.some((r) => r.kind === 'deploy')) continue
    entries.push({ path, production: v.production, reason: v.reason, chain: chainOf(path, modules) })
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path))
}
