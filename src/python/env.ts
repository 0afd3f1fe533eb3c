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

/** json.loads for the values settings use; objects become dicts. */
export function jsonValue(s: string): Value {
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
