// What a rule sees: the effective value of each setting of one entry module, with Django's default
// filled in where the module does not set it, and where each value came from.
import { OFF_WORLDS, UNSET_WORLD, WORLDS, namesDevelopment, switchesAwayFromProduction } from '../python/env.js'
import { findCallable, type CallableLookup } from '../code/callables.js'
import { derives, findClass, type FoundClass } from '../code/classes.js'
import { WorldEvaluator, type Binding, type OpaqueWrite } from '../python/evaluate.js'
import { mapOptions, oneOf, optionsOf, show, unknown, type Loc, type Value } from '../python/values.js'
import type { DjangoVersion } from '../deps/django-version.js'
import { defaultsFor } from './versioned-defaults.js'
import { addsNothing, distinctDeployments, envKey, platformSet, suppliedBinding, worldEnv } from './deploy-worlds.js'
import type { Deployment } from '../deploy/index.js'
import { isNginxConfig, proxyHeaders, type ProxyHeader } from '../deploy/nginx.js'
import type { EntryModule } from './discovery.js'
import type { ModuleIndex } from './modules.js'

/** A hosting platform: the variable it sets in every process, and how a project's own switch for it is named. */
export interface Platform {
  variable: string
  switchNames: RegExp
}

export interface Setting {
  name: string
  value: Value
  /** The assignment that produced the value; undefined when Django's default applies. */
  binding?: Binding
  isDefault: boolean
  /** Some world's value among the alternatives is Django's default (the setting unset there). */
  defaultAmong?: true
}

/**
 * Evaluators for every world of one tree, created on first use and shared by the entry modules that
 * run on the same platform (`platform`: what it sets in every process, see World.platform).
 */
export class Worlds {
  private readonly evaluators: (WorldEvaluator | undefined)[] = []
  private readonly literal = new Map<string, WorldEvaluator>()
  private readonly deployment = new Map<string, WorldEvaluator>()
  private headers?: ProxyHeader[]
  constructor(
    readonly index: ModuleIndex,
    readonly platform?: ReadonlyMap<string, string | undefined>
  ) {}
  get(world: number): WorldEvaluator {
    let e = this.evaluators[world]
    if (!e) {
      e = new WorldEvaluator(this.index, world, { platform: this.platform })
      this.evaluators[world] = e
    }
    return e
  }

  /** Production as deployed, except one variable set to one value. */
  withVariable(name: string, value: string | undefined): WorldEvaluator {
    const key = value === undefined ? `${name} set` : `${name}=${value}`
    let e = this.literal.get(key)
    if (!e) {
      e = new WorldEvaluator(this.index, UNSET_WORLD, { set: { name, value }, platform: this.platform })
      this.literal.set(key, e)
    }
    return e
  }

  /** The headers the tree's nginx configurations add in front of the application, read once for every entry module. */
  proxyHeaders(): ProxyHeader[] {
    this.headers ??= [...this.index.files.paths].filter(isNginxConfig).flatMap((path) => {
      const text = this.index.repo.read(path)
      return text === undefined ? [] : proxyHeaders(path, text)
    })
    return this.headers
  }

  /** Production as one deployment runs it: exactly its environment, the platform's variables among it (see deploy-worlds.ts). */
  withDeployment(d: Deployment): WorldEvaluator {
    return this.withEnvironment(worldEnv(d), platformSet(d))
  }

  /** Production given exactly these variables (`platform`: those of them its platform sets), the others unset. */
  withEnvironment(env: ReadonlyMap<string, string | undefined>, platform: ReadonlyMap<string, string | undefined> = new Map()): WorldEvaluator {
    const key = `${envKey(env)} ${envKey(platform)}`
    let e = this.deployment.get(key)
    if (!e) {
      e = new WorldEvaluator(this.index, UNSET_WORLD, { env, platform })
      this.deployment.set(key, e)
    }
    return e
  }
}

/** The most literal worlds evaluated for one module. */
const MAX_LITERAL_WORLDS = 8

export class SettingsView {
  private localOnly?: boolean
  private hosts?: WorldEvaluator | null
  constructor(
    readonly entry: EntryModule,
    private readonly worlds: Worlds,
    /** The Django the project runs (pins, --django-version, or the newest assumed): defaults follow it. */
    readonly django: DjangoVersion
  ) {}

  get path(): string {
    return this.entry.path
  }

  /** Whether every production deployment of the module runs where the platform sets `name` (Heroku's DYNO). */
  onPlatformWith(name: string): boolean {
    return this.worlds.platform?.has(name) ?? false
  }

  /** Notices from evaluating the module (syntax errors, imports not followed). */
  notices(): string[] {
    return this.worlds.get(UNSET_WORLD).evaluate(this.path)?.notices ?? []
  }

  binding(name: string, world = UNSET_WORLD): Binding | undefined {
    return this.worlds.get(world).evaluate(this.path)?.ns.bindings.get(name)
  }

  /** The project's class a dotted path names (`shop.middleware.NoCsrf`, re-exports followed); undefined when the review has not read it. */
  projectClass(dotted: string): FoundClass | undefined {
    return findClass(this.worlds.index, dotted, this.path)
  }

  /** The project's class a dotted path names, when it derives from `target` (`django.middleware.csrf.CsrfViewMiddleware`). */
  projectSubclass(dotted: string, target: string): FoundClass | undefined {
    const found = this.projectClass(dotted)
    return found && derives(this.worlds.index, found, target) ? found : undefined
  }

  /** What Django's get_callable gives for a dotted path to a function (`CSRF_FAILURE_VIEW`), decided from the repository. */
  projectCallable(dotted: string): CallableLookup {
    return findCallable(this.worlds.index, dotted, this.path)
  }

  /** A response header the nginx configurations the repository ships for the site add in front of it (`x-frame-options`). */
  proxyHeader(name: string): ProxyHeader | undefined {
    return this.worlds.proxyHeaders().find((h) => h.name === name)
  }

  /** Lines of the module (or modules it star-imports) that can set any setting unseen by the review. */
  opaqueWrites(): OpaqueWrite[] {
    return this.worlds.get(UNSET_WORLD).evaluate(this.path)?.opaque ?? []
  }

  /**
   * The effective value of a setting in a world (default: production as deployed). In production
   * as deployed, a variable compared only with literals the probes never produce
   * (`os.environ.get("STAGE") == "production"`) may be set to any of them: each such literal world
   * (one variable at a time, development-looking literals left out) adds its value as an alternative.
   */
  get(name: string, world = UNSET_WORLD): Setting {
    const setting = this.settingIn(this.worlds.get(world), name)
    if (world !== UNSET_WORLD) return setting
    if (name !== 'ALLOWED_HOSTS' && this.unsetServesOnlyLocalhost()) return this.unsetOrUnknown(setting, name)
    return this.asDeployed(setting, name)
  }

  /** `literal`: add the worlds of variables compared with literals (not when the unset world is not production). */
  private asDeployed(setting: Setting, name: string, literal = true): Setting {
    const deployed = this.deployed(name, setting)
    // a value production as deployed cannot know (a required variable) is what the deploy files give it
    const first = deployed.length && setting.value.kind === 'unknown' ? deployed[0] : setting
    return withAlternatives(first, [...(literal ? this.literalWorlds().map((w) => this.settingIn(w.evaluator, name)) : []), ...deployed])
  }

  /**
   * Whether production as deployed, with its variables unset, accepts only local hosts (`ALLOWED_HOSTS`
   * falls back to `["localhost"]`, while set they give other hosts): Django then refuses every public
   * request, so a production server must set what the module reads (unicodex's `CURRENT_HOST`), and
   * what only the unset variables give is not what it serves.
   */
  private unsetServesOnlyLocalhost(): boolean {
    // only when the variables decide it: a module that accepts local hosts whatever they say is as it is
    this.localOnly ??= acceptsOnlyLocalHosts(this.settingIn(this.worlds.get(UNSET_WORLD), 'ALLOWED_HOSTS').value) && !acceptsOnlyLocalHosts(this.settingIn(this.worlds.get(CONFIGURED_WORLD), 'ALLOWED_HOSTS').value)
    return this.localOnly
  }

  /**
   * In a module whose unset variables give only local hosts: a value that the variables being set
   * changes is unknown, except for what the deployments the repository describes give it.
   */
  private unsetOrUnknown(setting: Setting, name: string): Setting {
    const configured = this.settingIn(this.worlds.get(CONFIGURED_WORLD), name)
    if (show(configured.value, 400) === show(setting.value, 400)) return this.asDeployed(setting, name)
    // the server is given the variables that make it accept its host, and nothing more is known
    const hosts = this.hostsWorld()
    if (hosts) return this.asDeployed(this.settingIn(hosts, name), name, false)
    return this.asDeployed({ ...setting, value: unknown(`${name} depends on variables production must set: unset, ALLOWED_HOSTS accepts only local hosts`) }, name, false)
  }

  /**
   * Production as deployed with the variables set that make ALLOWED_HOSTS accept a public host
   * (each read variable tried alone), the others unset; undefined when no one variable does it.
   */
  private hostsWorld(): WorldEvaluator | undefined {
    if (this.hosts !== undefined) return this.hosts ?? undefined
    const bindings = this.worlds.get(UNSET_WORLD).evaluate(this.path)?.ns.bindings.values() ?? []
    const read = [...new Set([...bindings].flatMap((b) => b.env.map((r) => r.name)))].slice(0, MAX_HOST_VARIABLES)
    const opensHosts = read.filter((v) => acceptsPublicHost(this.settingIn(this.worlds.withVariable(v, PUBLIC_HOST), 'ALLOWED_HOSTS').value))
    this.hosts = opensHosts.length ? this.worlds.withEnvironment(new Map(opensHosts.map((v) => [v, PUBLIC_HOST]))) : null
    return this.hosts ?? undefined
  }

  /**
   * The values the production deployments that load this module give the setting through their
   * environment, where they differ from production as deployed; each binding points at the
   * deploy-file line that supplies the value.
   */
  private deployed(name: string, deployed: Setting): Setting[] {
    return distinctDeployments(this.entry.deployments).flatMap((d) => {
      const world = this.worlds.withDeployment(d)
      // a deployment that, as described, accepts only local hosts is given the rest where it runs (unicodex's image on Cloud Run)
      if (name !== 'ALLOWED_HOSTS' && this.unsetServesOnlyLocalhost() && acceptsOnlyLocalHosts(this.settingIn(world, 'ALLOWED_HOSTS').value)) return []
      const s = this.settingIn(world, name)
      // the deployment leaves it unset: Django's default (Render's branch of a module that sets it only for Heroku)
      if (!s.binding) return addsNothing(s.value, deployed.value) ? [] : [s]
      const binding = suppliedBinding(s.binding, d)
      // branches merged into nothing known (another branch is unknown): the branches the deployment supplies
      const parts = s.value.kind === 'unknown' && binding.alternatives ? binding.alternatives.filter((a) => a.supplied).map((a) => ({ name, value: a.value, binding: a, isDefault: false })) : [{ ...s, binding }]
      return parts.filter((p) => !addsNothing(p.value, deployed.value))
    })
  }

  /**
   * Whether every world of production as deployed where `isBad` holds for the setting runs on one of
   * `platforms`, each known by the variable it sets in every process (Heroku's DYNO). That is the
   * whole of production when every deployment runs on one; else each world giving the bad value must
   * be a deployment a platform runs, or a presence switch named for one (`if "ON_HEROKU" in os.environ`).
   */
  badOnlyOn(name: string, isBad: (v: Value) => boolean | undefined, platforms: readonly Platform[]): boolean {
    if (platforms.some((p) => this.onPlatformWith(p.variable))) return true
    const bad = (s: Setting): boolean => optionsOf(s.value).some((o) => isBad(o) === true)
    if (bad(this.settingIn(this.worlds.get(UNSET_WORLD), name))) return false
    const literal = this.literalWorlds().filter((w) => bad(this.settingIn(w.evaluator, name)))
    const deployments = distinctDeployments(this.entry.deployments).filter((d) => bad(this.settingIn(this.worlds.withDeployment(d), name)))
    return (
      literal.length + deployments.length > 0 &&
      literal.every((w) => platforms.some((p) => p.switchNames.test(w.variable))) &&
      deployments.every((d) => platforms.some((p) => d.env.get(p.variable)?.platform))
    )
  }

  private literalWorlds(): { variable: string; evaluator: WorldEvaluator }[] {
    const compared = this.worlds.get(UNSET_WORLD).evaluate(this.path)?.compared ?? new Map<string, Set<string | null>>()
    const out: { variable: string; evaluator: WorldEvaluator }[] = []
    for (const [variable, literals] of compared)
      for (const literal of literals) {
        // a presence switch (`"HEROKU" in os.environ`): production may set the variable, unless it names development
        const away = literal === null ? switchesAwayFromProduction(variable) : namesDevelopment(literal)
        if (!away && out.length < MAX_LITERAL_WORLDS) out.push({ variable, evaluator: this.worlds.withVariable(variable, literal ?? undefined) })
      }
    return out
  }

  private settingIn(evaluator: WorldEvaluator, name: string): Setting {
    const result = evaluator.evaluate(this.path)
    const binding = result?.ns.bindings.get(name)
    const fallback = defaultsFor(this.django)[name] ?? unknown(`${name} is not set`)
    if (!binding) {
      if (result?.ns.dynamic) return { name, value: unknown(`may be set by the dynamic code at ${result.ns.dynamic.path}:${result.ns.dynamic.line}`), isDefault: false }
      return { name, value: fallback, isDefault: true }
    }
    const value = mapOptions(binding.value, (v) => (v.kind === 'absent' ? fallback : v))
    return { name, value, binding, isDefault: false }
  }

  /** The value in the worlds where the environment sets every variable to "False", "0" or "". */
  whenEnvSaysOff(name: string): { probe: string; setting: Setting }[] {
    return OFF_WORLDS.map((w) => ({ probe: WORLDS[w] as string, setting: this.get(name, w) }))
  }

  /** Where a finding about a setting that is not set at all should point: the module's first line. */
  moduleLoc(): Loc {
    return { path: this.path, line: 1, endLine: 1 }
  }
}

const LOCAL_HOSTS = new Set(['localhost', '.localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0'])
/** The most variables tried, one at a time, for the one that gives ALLOWED_HOSTS a public host. */
const MAX_HOST_VARIABLES = 40
// a URL: read as a host list it is not a local host, and parsed (`urlparse(v).netloc`) it gives one
const PUBLIC_HOST = 'https://example.com'
/** The world where every variable is set to a host name: production configured. */
const CONFIGURED_WORLD = WORLDS.indexOf('example.com')

/** A known, non-empty list of local host names only (`["localhost", "127.0.0.1"]`). */
function acceptsOnlyLocalHosts(v: Value): boolean {
  return v.kind === 'seq' && !v.open && v.items.length > 0 && v.items.every((i) => i.value.kind === 'str' && LOCAL_HOSTS.has(i.value.value.toLowerCase().replace(/:\d+$/, '')))
}

/** A known list that holds a host other than a local one, whatever else it holds. */
function acceptsPublicHost(v: Value): boolean {
  return v.kind === 'seq' && v.items.some((i) => i.value.kind === 'str' && i.value.value !== '' && !LOCAL_HOSTS.has(i.value.value.toLowerCase().replace(/:\d+$/, '')))
}

/** A setting with the values it takes in other worlds as alternatives (unchanged when they agree). */
function withAlternatives(setting: Setting, others: Setting[]): Setting {
  // each world evaluates on its own, so the same assignment is a different Binding object in each
  const key = (loc: Loc | undefined, v: Value): string => `${loc?.path}:${loc?.line}=${show(v, 400)}`
  const differ = others.filter((o) => key(o.binding?.loc, o.value) !== key(setting.binding?.loc, setting.value))
  if (!differ.length) return setting
  const all = [setting, ...differ]
  const bindings = new Map<string, Binding>()
  for (const b of all.flatMap((s) => (s.binding ? (s.binding.alternatives ?? [s.binding]) : []))) bindings.set(key(b.loc, b.value), b)
  const value = oneOf(all.map((s) => s.value), 'depends on an environment variable compared with a literal')
  const first = setting.binding ?? differ.find((o) => o.binding)?.binding
  return { name: setting.name, value, binding: first && { ...first, value, alternatives: [...bindings.values()] }, isDefault: all.every((s) => s.isDefault), ...(all.some((s) => s.isDefault) ? { defaultAmong: true as const } : {}) }
}
