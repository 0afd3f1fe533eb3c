// The environment "worlds" a settings module is evaluated in, and how each env-reading library
// turns an environment string into a Python value. Pure functions, no I/O.
import { FALSE, TRUE, fails, int, list, str, type Value } from './values.js'

/**
 * World 0 is production as deployed: every variable that has a default is unset (so the default
 * applies) and every required variable is set to something we cannot know. The other worlds set every
 * variable to the same probe string; they reveal traps such as `bool(os.getenv("DEBUG"))`, where
 * `DEBUG=False` in the environment still turns debugging on.
 */
export const WORLDS: readonly (string | null)[] = [null, 'False', '0', '', 'True', '1', 'example.com']
export const UNSET_WORLD = 0
/** The worlds where the variable is set to a value a person means as "off". */
export const OFF_WORLDS = [1, 2, 3]

/** How one evaluation sees the environment. */
export interface World {
  /** The string every variable is set to; null: production as deployed (defaults apply). */
  probe: string | null
  /** A "literal world": production as deployed, except this one variable set to this value (undefined: to one the repository does not show). */
  set?: { name: string; value: string | undefined }
  /**
   * A "deployment world": production as one deploy file runs it, the environment exactly what that
   * file gives the process (other variables unset, so defaults apply). A variable mapped to
   * undefined is set to a value the repository does not show.
   */
  env?: ReadonlyMap<string, string | undefined>
  /**
   * Variables the platform production runs on sets in every process (Heroku's DYNO): set even in
   * production as deployed and its literal worlds, since no deployment there can lack them.
   */
  platform?: ReadonlyMap<string, string | undefined>
  /** Production as deployed (world 0): the world that reports notices and finds the literal worlds. */
  deployed: boolean
}

export interface WorldOptions {
  /** A literal world: the one variable it sets. */
  set?: { name: string; value: string | undefined }
  /** A deployment world: the whole environment (see World.env). */
  env?: ReadonlyMap<string, string | undefined>
  /** What the platform sets (see World.platform); ignored by the probe worlds. A deployment world's are among its env. */
  platform?: ReadonlyMap<string, string | undefined>
}

export function worldOf(index: number, { set, env, platform }: WorldOptions = {}): World {
  if (env) return { probe: null, env, deployed: false, ...(platform?.size ? { platform } : {}) }
  const probe = set ? null : (WORLDS[index] ?? null)
  const on = probe === null && platform?.size ? { platform } : {}
  return set ? { probe, set, deployed: false, ...on } : { probe, deployed: index === UNSET_WORLD, ...on }
}

/** Whether a variable is set in a world (for `"X" in os.environ`). */
export function isSet(world: World, name: string): boolean {
  return world.probe !== null || world.set?.name === name || (world.env?.has(name) ?? false) || (world.platform?.has(name) ?? false)
}

/**
 * The value a world gives a variable; undefined when it is unset there (its default applies) or, in
 * a deployment world, set to a value the repository does not show (see isSet).
 */
export function envValue(world: World, name: string): string | undefined {
  if (world.set?.name === name) return world.set.value
  if (world.env) return world.env.get(name)
  if (world.platform?.has(name)) return world.platform.get(name)
  return world.probe ?? undefined
}

/** Words of on/off switches: the probe worlds ("True", "1", "False"…) already stand for them. */
const SWITCH_WORDS = new Set(['yes', 'no', 'y', 'n', 't', 'f', 'on', 'off', 'enable', 'enabled', 'disable', 'disabled', 'none', 'null'])

/** A compared literal that the probe strings already produce, or that is a switch word (the probes cover it). */
export function probeProduces(literal: string): boolean {
  const l = literal.trim().toLowerCase()
  return SWITCH_WORDS.has(l) || WORLDS.some((w) => w !== null && w.toLowerCase() === l)
}

const DEV_WORDS = /^(dev|devel|develop|development|local|localhost|test|tests|testing|ci|debug|sandbox)$/

/** A literal that names a development or test environment: setting it is not production. */
/** The lower-case words of a name or literal (`DJANGO_DEV_MODE` → django, dev, mode). */
const words = (s: string): string[] => s.toLowerCase().split(/[^a-z]+/)

/** Words of variables whose presence means a docs or image build, not a server. */
const BUILD_WORDS = /^(docs|readthedocs|sphinx|build|building|collectstatic)$/

/** A variable whose presence switches to a development, test or build environment (DEV_MODE, CI, READTHEDOCS). */
export function switchesAwayFromProduction(variable: string): boolean {
  return words(variable).some((w) => DEV_WORDS.test(w) || BUILD_WORDS.test(w))
}

export function namesDevelopment(literal: string): boolean {
  return words(literal).some((w) => DEV_WORDS.test(w))
}

export interface EnvRead {
  name: string
  /** The reading function as written, e.g. `os.environ.get`, `env.bool`, `config`. */
  via: string
  /** The default as Python source text; undefined when the read has no default (required). */
  defaultText?: string
  line: number
  path: string
}

const ENVIRON_TRUE = new Set(['true', 'on', 'ok', 'y', 'yes', '1'])

/** django-environ's bool cast: an integer string is compared with 0, otherwise a fixed word list. */
export function environBool(s: string): Value {
  const trimmed = s.trim()
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed) !== 0 ? TRUE : FALSE
  return ENVIRON_TRUE.has(trimmed.toLowerCase()) ? TRUE : FALSE
}

const DECOUPLE_BOOLEANS: Record<string, boolean> = { '1': true, yes: true, true: true, on: true, '0': false, no: false, false: false, off: false, '': false }

/** python-decouple's bool cast: a fixed table, anything else raises ValueError. */
export function decoupleBool(s: string): Value {
  const key = s.toLowerCase()
  return key in DECOUPLE_BOOLEANS ? (DECOUPLE_BOOLEANS[key] ? TRUE : FALSE) : fails(`ValueError: Not a boolean: ${s}`)
}

/** distutils / setuptools strtobool: returns 1 or 0, raises ValueError otherwise. */
export function strtobool(s: string): Value {
  const key = s.toLowerCase()
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(key)) return int(1)
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(key)) return int(0)
  return fails(`ValueError: invalid truth value ${s}`)
}

const STR2BOOL_TRUE = new Set(['yes', 'true', 't', 'y', '1'])
const STR2BOOL_FALSE = new Set(['no', 'false', 'f', 'n', '0'])

/** The str2bool package: True / False for its words, None for anything else (it does not raise). */
export function str2bool(s: string): Value {
  const key = s.toLowerCase()
  return STR2BOOL_TRUE.has(key) ? TRUE : STR2BOOL_FALSE.has(key) ? FALSE : { kind: 'none' }
}

/** Python's int() of a string. */
export function pyInt(s: string): Value {
  const t = s.trim().replace(/_/g, '')
  return /^[+-]?\d+$/.test(t) ? int(Number(t)) : fails(`ValueError: invalid literal for int(): ${s}`)
}

/** Python's float() of a string. The pattern has one way to match any text (no `\d+\.?\d*`), so it is linear. */
export function pyFloat(s: string): Value {
  const t = s.trim().toLowerCase()
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/.test(t)) return { kind: 'float', value: Number(t) }
  if (/^[+-]?(inf|infinity|nan)$/.test(t)) return { kind: 'float', value: t.includes('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity }
  return fails(`ValueError: could not convert string to float: ${s}`)
}

/** A comma-separated list, as django-environ's list cast and decouple's Csv() produce it. */
export function commaList(s: string, strip: boolean): Value {
  const parts = s.split(',').map((p) => (strip ? p.trim() : p))
  return list(parts.filter((p) => p.length > 0).map(str))
}

/** How deeply json.loads and ast.literal_eval values may nest. */
export const MAX_LITERAL_DEPTH = 100

/** The deepest nesting of brackets in a JSON text (strings skipped), in one pass. */
function jsonDepth(s: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') max = Math.max(max, ++depth)
    else if (c === ']' || c === '}') depth--
  }
  return max
}

/** json.loads for the values settings use; objects become dicts. Too deep a document is unknown. */
export function jsonValue(s: string): Value {
  if (jsonDepth(s) > MAX_LITERAL_DEPTH) return { kind: 'unknown', why: `a JSON document nested more than ${MAX_LITERAL_DEPTH} levels deep` }
  let parsed: unknown
  try {
    parsed = JSON.parse(s)
  } catch {
    return fails(`json.decoder.JSONDecodeError: ${s.slice(0, 20)}`)
  }
  return fromJson(parsed)
}

function fromJson(x: unknown): Value {
  if (x === null) return { kind: 'none' }
  if (typeof x === 'boolean') return x ? TRUE : FALSE
  if (typeof x === 'number') return Number.isInteger(x) ? int(x) : { kind: 'float', value: x }
  if (typeof x === 'string') return str(x)
  if (Array.isArray(x)) return list(x.map(fromJson))
  if (typeof x === 'object') return { kind: 'dict', entries: Object.entries(x as Record<string, unknown>).map(([key, v]) => ({ key, value: fromJson(v) })), open: false }
  return fails('json')
}
