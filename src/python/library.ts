// Models of the library calls settings use to read their environment: os.environ / os.getenv,
// python-decouple's config(), django-environ's Env (and environs'), json.loads, ast.literal_eval,
// strtobool; the built-in conversions. In each world (see env.ts) an environment read yields the
// world's value or the read's default. Other calls go to reflection.ts, builtins.ts and
// configurations.ts; a call none of them models is checked for what it is handed (namespace-writes.ts).
import { builtinCall, iterationCall } from './builtins.js'
import { args, argument, opaqueIfEscaping, type Call } from './calls.js'
import { configValue } from './configurations.js'
import { MAX_LITERAL_DEPTH, commaList, decoupleBool, envValue, environBool, isSet, jsonValue, pyFloat, pyInt, str2bool, strtobool } from './env.js'
import { expr } from './expressions.js'
import { literalEval } from './literals.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { toStr } from './operators.js'
import { repoFileCall } from './repo-files.js'
import { reflection } from './reflection.js'
import { NONE, mapOptions, show, str, truthy, unknown, type Value } from './values.js'

/**
 * What an imported name is: `environs` exports a ready reader (`from environs import env`), modelled
 * like django-environ's; anything else is a name from outside the tree.
 */
export function imported(qname: string): Value {
  return qname === 'environs.env' ? { kind: 'envReader', scheme: new Map() } : { kind: 'ext', qname }
}

/** One read of an environment variable, recorded on the frame; the value this world gives it. */
export function readEnv(run: ModuleRun, name: string, via: string, defaultValue: Value | undefined, line: number, frame: Frame, cast: (s: string) => Value, defaultText?: string): Value {
  frame.reads.push({ name, via, defaultText, line, path: run.path })
  const value = envValue(run.world, name)
  if (value === undefined) {
    // the platform's own name for the app, region…: never empty
    if (run.world.platform?.has(name)) return { kind: 'unknown', why: `the value the platform gives the environment variable ${name}`, nonEmpty: true }
    // a deploy file sets it to something the repository does not show: the default does not apply
    if (isSet(run.world, name)) return unknown(`the value a deploy file gives the environment variable ${name}`)
    // Production as deployed: a default applies; a required variable is set to something unknown.
    if (defaultValue !== undefined) return defaultValue
    return unknown(`the value of the environment variable ${name}`)
  }
  return cast(value)
}

/** A string parsed by a literal parser; too deep a literal is unknown and noted. */
function parsed(run: ModuleRun, v: Value, line: number, parse: (s: string) => Value, what: string): Value {
  return mapOptions(v, (o) => {
    if (o.kind !== 'str') return unknown(`${what} of a non-string`)
    const result = parse(o.value)
    if (result.kind === 'unknown' && result.why.includes(`${MAX_LITERAL_DEPTH} levels`)) run.notice(line, `${what}() of a value nested more than ${MAX_LITERAL_DEPTH} levels deep; that value is unknown`)
    return result
  })
}

export function externalCall(run: ModuleRun, qname: string, e: Call, frame: Frame): Value {
  const name = (): Value | undefined => {
    const node = e.args[0] ?? e.kwargs.find((k) => k.name === 'key' || k.name === 'option')?.value
    return node ? expr(run, node, frame) : undefined
  }
  const q = qname.replace(/^builtins\./, '')
  switch (q) {
    case 'os.environ.get':
    case 'os.getenv':
    case 'os.environ.setdefault': {
      const n = name()
      if (n?.kind !== 'str') return unknown('environment read with a computed name')
      const d = argument(run, e, 'default', 1, frame)
      return readEnv(run, n.value, q, d?.value ?? NONE, e.line, frame, str, d?.text ?? 'None')
    }
    case 'decouple.config':
    case 'decouple.AutoConfig()':
    case 'decouple.Config()': {
      const n = name()
      if (n?.kind !== 'str') return unknown('config() with a computed name')
      const d = argument(run, e, 'default', 1, frame)
      const cast = argument(run, e, 'cast', 2, frame)
      const caster = decoupleCaster(cast?.value)
      const defaultValue = d ? caster(d.value) : undefined
      return readEnv(run, n.value, 'config', defaultValue, e.line, frame, (s) => caster(str(s)), d?.text)
    }
    case 'environs.Env':
      return { kind: 'envReader', scheme: new Map() }
    case 'environ.Env':
    case 'environ.environ.Env': {
      const scheme = new Map<string, { cast: string; default?: Value }>()
      for (const k of e.kwargs) {
        const v = expr(run, k.value, frame)
        if (v.kind === 'seq' && v.items.length >= 1 && v.items[0].value.kind === 'ext')
          scheme.set(k.name, { cast: v.items[0].value.qname.replace(/^builtins\./, ''), default: v.items[1]?.value })
        else if (v.kind === 'ext') scheme.set(k.name, { cast: v.qname.replace(/^builtins\./, '') })
      }
      return { kind: 'envReader', scheme }
    }
    case 'decouple.AutoConfig':
    case 'decouple.Config':
    case 'decouple.RepositoryEnv':
      return { kind: 'ext', qname: `${q}()` }
    case 'decouple.Csv':
      return { kind: 'ext', qname: 'decouple.Csv()' }
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
    case 'list':
    case 'tuple':
    case 'set':
    case 'len':
      return mapOptions(e.args[0] ? expr(run, e.args[0], frame) : NONE, (v) => builtinCall(q, v, e.args.length === 0))
    case 'dict': {
      if (e.args.length) return unknown('dict(...)')
      return { kind: 'dict', entries: e.kwargs.map((k) => ({ key: k.name, value: expr(run, k.value, frame), loc: { path: run.path, line: k.value.line, endLine: k.value.line } })), open: false }
    }
    case 'json.loads':
      return parsed(run, e.args[0] ? expr(run, e.args[0], frame) : NONE, e.line, jsonValue, 'json.loads')
    case 'ast.literal_eval':
      return parsed(run, e.args[0] ? expr(run, e.args[0], frame) : NONE, e.line, literalEval, 'ast.literal_eval')
    case 'distutils.util.strtobool':
    case 'setuptools.dist.strtobool':
    case 'strtobool': {
      const v = e.args[0] ? expr(run, e.args[0], frame) : NONE
      return mapOptions(v, (o) => (o.kind === 'str' ? strtobool(o.value) : unknown('strtobool of a non-string')))
    }
    case 'str2bool.str2bool': {
      const v = e.args[0] ? expr(run, e.args[0], frame) : NONE
      return mapOptions(v, (o) => (o.kind === 'str' ? str2bool(o.value) : o.kind === 'bool' ? o : unknown('str2bool of a non-string')))
    }
    case 'os.environ.keys':
    case 'os.environ.copy':
      return { kind: 'ext', qname: 'os.environ' }
    case 'django.core.management.utils.get_random_secret_key':
      return unknown('a random key generated at start-up')
  }
  const given = args(run, e, frame)
  const known = (run.loader.repo && repoFileCall(q, given.positional, run.loader.repo)) ?? reflection(run, q, given, e, frame) ?? iterationCall(run, q, given, frame) ?? configValue(qname, given.positional, given.keywords)
  if (known) return known
  opaqueIfEscaping(run, frame, q, given, e.line)
  return unknown(`result of ${q}()`)
}

/** A call on a django-environ `Env`: `env("X")`, `env.bool("X", default=…)`, with its scheme. */
/**
 * The keys of the dict django-environ's `env.email_url()` returns (Env.email_url_config): spread into
 * the settings with `vars().update(env.email_url())`, it sets these and nothing else.
 */
const EMAIL_URL_KEYS = ['EMAIL_FILE_PATH', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_BACKEND', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_TIMEOUT', 'OPTIONS']

export function environCall(run: ModuleRun, reader: Extract<Value, { kind: 'envReader' }>, method: string, e: Call, frame: Frame): Value {
  if (method === 'email_url' || method === 'email') return { kind: 'dict', entries: EMAIL_URL_KEYS.map((key) => ({ key, value: unknown(`${key} from env.${method}()`) })), open: false }
  const first = e.args[0] ?? e.kwargs.find((k) => k.name === 'var')?.value
  const n = first ? expr(run, first, frame) : undefined
  if (n?.kind !== 'str') {
    if (method === 'read_env' || method === 'read_env_file') return NONE
    return unknown(`env.${method}() with a computed name`)
  }
  const scheme = reader.scheme.get(n.value)
  let cast = method === '__call__' ? undefined : method
  if (method === '__call__') {
    const c = argument(run, e, 'cast', 1, frame)
    cast = c?.value.kind === 'ext' ? c.value.qname.replace(/^builtins\./, '') : scheme?.cast
  }
  const d = argument(run, e, 'default', method === '__call__' ? 2 : 1, frame)
  // Env.smart_cast (on by default): env("X", default=False) casts the value to the default's type
  if (method === '__call__' && cast === undefined && d) cast = smartCast(d.value)
  const parseDefault = argument(run, e, 'parse_default', 99, frame)
  const caster = environCaster(cast ?? 'str')
  let defaultValue = d?.value ?? scheme?.default
  // django-environ returns the default as written unless parse_default=True.
  if (defaultValue && parseDefault && truthy(parseDefault.value)) defaultValue = mapOptions(defaultValue, (v) => (v.kind === 'str' ? caster(v.value) : v))
  const via = method === '__call__' ? 'env' : `env.${method}`
  const defaultText = d?.text ?? (scheme?.default ? show(scheme.default) : undefined)
  return readEnv(run, n.value, via, defaultValue, e.line, frame, caster, defaultText)
}

/** The cast django-environ's smart_cast takes from a default's type. */
function smartCast(defaultValue: Value): string | undefined {
  if (defaultValue.kind === 'bool' || defaultValue.kind === 'int' || defaultValue.kind === 'float') return defaultValue.kind
  if (defaultValue.kind === 'seq' && defaultValue.type !== 'set') return defaultValue.type
  return undefined
}

function decoupleCaster(cast: Value | undefined): (v: Value) => Value {
  const q = cast?.kind === 'ext' ? cast.qname.replace(/^builtins\./, '') : undefined
  return (v: Value): Value =>
    mapOptions(v, (x) => {
      if (!q) return x
      const s = x.kind === 'str' ? x.value : toStr(x)
      if (q === 'bool') return s === undefined ? unknown('cast') : decoupleBool(s)
      if (q === 'decouple.Csv()') return x.kind === 'str' ? commaList(x.value, true) : x
      if (s === undefined) return unknown('cast')
      if (q === 'int') return pyInt(s)
      if (q === 'float') return pyFloat(s)
      if (q === 'str') return str(s)
      return unknown(`cast=${q}`)
    })
}

function environCaster(cast: string): (s: string) => Value {
  switch (cast) {
    case 'bool':
      return environBool
    case 'int':
      return pyInt
    case 'float':
      return pyFloat
    case 'list':
    case 'tuple':
      return (s) => commaList(s, false)
    case 'json':
      return jsonValue
    case 'str':
    case 'path':
      return str
    default:
      // env.db(), env.url(), env.cache() and others parse URLs into structures we do not model.
      return () => unknown(`env.${cast}()`)
  }
}
