// Validates a parsed configuration against the JSON Schema (ajv) and words each error for a person:
// file:line:col, what is allowed, and a close match for a slip.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { Document, LineCounter } from 'yaml'
import { RULE_METAS } from '../rules/catalog.js'
import { pointerSegments, positionOf } from './positions.js'
import { configSchema } from './schema-source.js'
import { didYouMean } from './suggest.js'

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  // strictTypes off: `enum` lists without a `type` (off, false and the severities) are intended
  compiled ??= new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile(configSchema(RULE_METAS.map((m) => m.id)))
  return compiled
}

/** The schema node an error's schemaPath points at (for a mapping's allowed keys). */
function schemaAt(pointer: string): Record<string, unknown> | undefined {
  let node: unknown = configSchema(RULE_METAS.map((m) => m.id))
  for (const seg of pointerSegments(pointer.replace(/^#/, ''))) node = (node as Record<string, unknown> | undefined)?.[seg]
  return node as Record<string, unknown> | undefined
}

/** `paths.exclude[0]`, `rules: debug-enabled`, or "the configuration" for the document itself. */
function nameOf(segments: string[]): string {
  if (!segments.length) return 'the configuration'
  if (segments[0] === 'rules' && segments.length === 2) return `rule ${segments[1]}`
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('')
}

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v))

const TYPE_WORDS: Record<string, string> = { object: 'a mapping (key: value lines)', array: 'a list', string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number' }

/** One line for one ajv error, without the location. */
function describeError(e: ErrorObject, value: unknown): { message: string; key: boolean; segments: string[] } {
  const segments = pointerSegments(e.instancePath)
  const name = nameOf(segments)
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty)
      const allowed = Object.keys((schemaAt(e.schemaPath.replace(/\/additionalProperties$/, ''))?.properties as Record<string, unknown> | undefined) ?? {})
      const hint = didYouMean(extra, allowed)
      const at = [...segments, extra]
      if (segments.length === 1 && segments[0] === 'rules') return { message: `unknown rule "${extra}"${hint} (rules: ${allowed.join(', ')})`, key: true, segments: at }
      return { message: `unknown key "${extra}"${segments.length ? ` in ${name}` : ''}${hint} (allowed: ${allowed.join(', ')})`, key: true, segments: at }
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== false).map(String)
      return { message: `${name} must be one of ${allowed.join(', ')}, not ${show(value)}${didYouMean(String(value), allowed)}`, key: false, segments }
    }
    case 'type': {
      const want = String((e.params as { type: string }).type)
      const what = segments.at(-1) === 'include' || segments.at(-1) === 'exclude' || segments[0] === 'ignore-paths' ? 'a list of glob patterns' : segments[0] === 'settings' && segments.length === 2 ? 'a list of settings modules' : (TYPE_WORDS[want] ?? want)
      const got = value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : show(value)
      return { message: `${name} must be ${segments.length > 1 && /^\d+$/.test(segments.at(-1) ?? '') && want === 'string' ? 'a string' : what}, not ${got}`, key: false, segments }
    }
    case 'pattern':
      return { message: `${name} must be a version like "4.2" or "5.1.3", not ${show(value)}`, key: false, segments }
    case 'minimum':
      return { message: `${name} must be 0 or more, not ${show(value)}`, key: false, segments }
    case 'minLength':
      return { message: `${name} must not be empty`, key: false, segments }
    default:
      return { message: `${name} ${e.message ?? 'is not valid'}`, key: false, segments }
  }
}

function valueAt(root: unknown, segments: string[]): unknown {
  let v = root
  for (const s of segments) v = (v as Record<string, unknown> | undefined)?.[s]
  return v
}

export interface ConfigProblem {
  line: number
  col: number
  message: string
}

/** The schema's complaints about `root` (the document's JS value), each placed in the YAML file. */
export function schemaProblems(root: unknown, doc: Document, lines: LineCounter): ConfigProblem[] {
  const validate = validator()
  if (validate(root)) return []
  const seen = new Set<string>()
  const out: ConfigProblem[] = []
  for (const e of validate.errors ?? []) {
    const d = describeError(e, valueAt(root, pointerSegments(e.instancePath)))
    const pos = positionOf(doc, lines, d.segments, d.key)
    const key = `${pos.line}:${pos.col}:${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ ...pos, message: d.message })
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col)
}
