// django-configurations: settings written as a `Configuration` class whose upper-case attributes
// become the module's settings, with `values.BooleanValue(False)` and friends read from the
// environment as DJANGO_<NAME>. Which class production uses is chosen by DJANGO_CONFIGURATION at run
// time; here every leaf class that is not named for development is a possibility.
import { commaList, namesDevelopment, pyFloat, pyInt } from './env.js'
import { callFunction, classAttribute, classNames } from './functions.js'
import { readEnv } from './library.js'
import { isSettingName, type ModuleRun } from './module-run.js'
import { branchOf, dedupeReads, mergeNamespaces, type Binding, type Frame, type Namespace } from './namespace.js'
import { FALSE, NONE, TRUE, fails, mapOptions, show, str, unknown, type ClassDef, type Value } from './values.js'

const CONFIGURATION = new Set(['configurations.Configuration', 'configurations.base.Configuration'])

export function isConfigurationBase(v: Value): boolean {
  return (v.kind === 'ext' && CONFIGURATION.has(v.qname)) || (v.kind === 'class' && v.cls.configuration)
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1'])
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', ''])

/** How each `values.*Value` turns the environment string into a value. */
const CASTS: Record<string, (s: string) => Value> = {
  Value: str,
  SecretValue: str,
  BooleanValue: (s) => (TRUE_WORDS.has(s.trim().toLowerCase()) ? TRUE : FALSE_WORDS.has(s.trim().toLowerCase()) ? FALSE : fails(`ValueError: Cannot interpret boolean value ${s}`)),
  IntegerValue: pyInt,
  PositiveIntegerValue: pyInt,
  FloatValue: pyFloat,
  ListValue: (s) => commaList(s, true),
  TupleValue: (s) => mapOptions(commaList(s, true), (v) => (v.kind === 'seq' ? { ...v, type: 'tuple' } : v)),
  SetValue: (s) => mapOptions(commaList(s, true), (v) => (v.kind === 'seq' ? { ...v, type: 'set' } : v)),
  EmailValue: str,
  URLValue: str,
  IPValue: str,
  RegexValue: str,
  PathValue: str
}

/** `values.BooleanValue(False, environ_prefix=…)`: undefined when the call is not a django-configurations value. */
export function configValue(qname: string, positional: Value[], keywords: { name: string; value: Value }[]): Value | undefined {
  const m = /^configurations\.values\.(\w+)$/.exec(qname)
  if (!m) return undefined
  const kw = (name: string): Value | undefined => keywords.find((k) => k.name === name)?.value
  const text = (v: Value | undefined): string | undefined => (v?.kind === 'str' ? v.value : undefined)
  const flag = (name: string, fallback: boolean): boolean => {
    const v = kw(name)
    return v?.kind === 'bool' ? v.value : fallback
  }
  const prefix = kw('environ_prefix')
  return {
    kind: 'configValue',
    type: m[1],
    default: kw('default') ?? positional[0],
    environName: text(kw('environ_name')),
    prefix: prefix === undefined ? 'DJANGO' : (text(prefix) ?? ''),
    required: m[1] === 'SecretValue' || flag('environ_required', false),
    environ: flag('environ', true)
  }
}

/** The value of a `values.*Value` attribute called `name`: the environment's, or its default. */
export function resolveConfigValue(run: ModuleRun, cv: Extract<Value, { kind: 'configValue' }>, name: string, line: number, frame: Frame): Value {
  if (!cv.environ) return cv.default ?? NONE
  const cast = CASTS[cv.type] ?? (() => unknown(`values.${cv.type}`))
  const variable = cv.environName ?? (cv.prefix ? `${cv.prefix}_${name}` : name)
  const defaultValue = cv.required ? undefined : (cv.default ?? NONE)
  return readEnv(run, variable, `values.${cv.type}`, defaultValue, line, frame, cast, defaultValue && show(defaultValue))
}

/**
 * After the module ran: the upper-case attributes of its Configuration classes become its settings.
 * Leaf classes not named for development are the candidates; several give alternatives.
 */
export function applyConfigurations(run: ModuleRun, frame: Frame): void {
  const classes: [string, ClassDef][] = []
  for (const [name, b] of frame.ns.bindings) if (b.value.kind === 'class' && b.value.cls.configuration && !name.startsWith('_')) classes.push([name, b.value.cls])
  if (!classes.length) return
  const leaves = classes.filter(([, c]) => !classes.some(([, other]) => other.bases.some((b) => b.kind === 'class' && b.cls === c)))
  const production = leaves.filter(([name]) => !namesDevelopment(name))
  const chosen = production.length ? production : leaves.length ? leaves : classes
  const branches = chosen.map(([, cls]) => withSettingsOf(run, cls, frame))
  mergeNamespaces(frame.ns, branches, `depends on which of ${chosen.map(([n]) => n).join(', ')} DJANGO_CONFIGURATION names`)
}

/** The module's namespace with one class's settings added. */
function withSettingsOf(run: ModuleRun, cls: ClassDef, frame: Frame): Namespace {
  const ns = branchOf(frame.ns)
  const self: Value = { kind: 'instance', cls, attrs: new Map() }
  for (const name of classNames(cls)) {
    if (!isSettingName(name)) continue
    const found = classAttribute(cls, name)
    if (!found) continue
    const b = found.binding
    const reads: Frame = { ns: frame.ns, reads: [] }
    let value = b.value
    if (value.kind === 'configValue') value = resolveConfigValue(run, value, name, b.loc.line, reads)
    else if (value.kind === 'func') {
      if (value.fn.decorator !== 'property') continue
      value = callFunction(run, { ...value, self }, { positional: [], keywords: [] }, reads, b.loc.line)
    }
    const setting: Binding = { ...b, value, env: dedupeReads([...b.env, ...reads.reads]), alternatives: undefined }
    ns.bindings.set(name, setting)
  }
  return ns
}
