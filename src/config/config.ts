// The configuration file (.github/django-security.yml): rule switches and severities, ignored
// paths, which settings modules are production, the failure and report thresholds, comments, the
// baseline. Validated against the JSON Schema; each problem is one line naming the file, line and column.
import { Minimatch } from 'minimatch'
import { isScalar, LineCounter, parseDocument } from 'yaml'
import type { Severity } from '../findings.js'
import type { SettingsOverride } from '../settings/discovery.js'
import { readFileSafely } from '../sources/read-file.js'
import { globProblem } from './globs.js'
import { positionOf } from './positions.js'
import { schemaProblems } from './schema.js'

export type FailOn = Severity | 'never'

export interface Config {
  /** Per rule: 'off', or a severity that replaces the rule's own. */
  rules: Record<string, 'off' | Severity>
  /** Glob patterns (`**`, `*`) of paths whose findings are dropped (`ignore-paths` and `paths.exclude`). */
  ignorePaths: string[]
  /** When given, only findings in paths matching one of these globs are reported (`paths.include`). */
  includePaths?: string[]
  failOn?: FailOn
  /** List findings in tests, CI, development, templates, docs and vendored files (at low) instead of setting them aside. */
  includeTests?: boolean
  /** Settings modules named production or non-production: overrides discovery's inference. */
  settings?: SettingsOverride
  /** The Django version the project runs, as written (`django-version`). */
  djangoVersion?: string
  /** The lowest severity listed in comments and tracking issues (default medium). */
  report?: Severity
  /** Pull request comments: mode and the most inline comments. */
  comments?: { mode?: 'review' | 'summary' | 'off'; maxInline?: number }
  /** A baseline file, relative to the repository root. */
  baseline?: string
}

export const DEFAULT_CONFIG_PATH = '.github/django-security.yml'

export function defaultConfig(): Config {
  return { rules: {}, ignorePaths: [] }
}

/** An error the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** A configuration file is small: past this it is refused rather than parsed. */
export const MAX_CONFIG_BYTES = 64 * 1024

/**
 * Reads a configuration file: a regular file (never a device or FIFO) of at most MAX_CONFIG_BYTES,
 * and, when `root` is given (the file is the tree's own), never through a link out of the tree.
 */
export function loadConfig(path: string, root?: string): Config {
  const read = readFileSafely(path, root, MAX_CONFIG_BYTES)
  if (read.kind === 'large') throw new UsageError(`${path}: cannot read the configuration file: ${read.size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`)
  if (read.kind === 'refused') throw new UsageError(`${path}: cannot read the configuration file: ${read.why}`)
  return parseConfig(read.bytes.toString('utf8'), path)
}

/** `path:line:col: message`. */
function located(path: string, pos: { line: number; col: number }, message: string): string {
  return `${path}:${pos.line}:${pos.col}: ${message}`
}

/** The YAML library's error in one line, without its own " at line N, column M" and code frame. */
function yamlError(text: string, e: { code: string; message: string; pos: [number, number] }): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  if (e.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:#]+|^"[^"]*"|^'[^']*'/.exec(text.slice(e.pos[0]))?.[0]
    return key ? `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`}: each key may appear once in a mapping` : 'duplicate key: each key may appear once in a mapping'
  }
  return `YAML syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`
}

/**
 * Parses and validates a configuration file against its JSON Schema (schema/django-security.schema.json).
 * Any problem — YAML syntax, a duplicate key, a wrong type, an unknown key or rule, a bad glob — is a
 * UsageError listing every problem, one line each (`file:line:col: what — did you mean …`): nothing of
 * a file with an error is applied.
 */
export function parseConfig(text: string, path: string): Config {
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`${path}: the configuration is over the ${MAX_CONFIG_BYTES}-byte limit`)
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) throw new UsageError(doc.errors.map((e) => located(path, lines.linePos(e.pos[0]), yamlError(text, e))).join('\n'))
  let root: unknown
  try {
    root = doc.toJS()
  } catch (e) {
    // too many aliases (a "billion laughs" document), or nesting deep enough to exhaust the stack
    throw new UsageError(located(path, { line: 1, col: 1 }, (e as Error).message.split('\n')[0]))
  }
  if (root === null || root === undefined) return defaultConfig()
  // `django-version: 4.10` is a number to YAML; the version is what was written
  const version = doc.get('django-version', true)
  if (isScalar(version) && typeof version.value === 'number' && typeof root === 'object' && root !== null) (root as Record<string, unknown>)['django-version'] = version.source ?? String(version.value)
  const problems = schemaProblems(root, doc, lines)
  const raw = root as RawConfig
  // globs are checked beyond what a schema can say: wherever they are strings, whatever else is wrong
  const paths = typeof raw === 'object' && raw !== null && typeof raw.paths === 'object' && raw.paths !== null ? raw.paths : {}
  const globLists: [string[], unknown][] = [
    [['ignore-paths'], (raw as Record<string, unknown> | null)?.['ignore-paths']],
    [['paths', 'include'], paths.include],
    [['paths', 'exclude'], paths.exclude]
  ]
  for (const [at, list] of globLists)
    (Array.isArray(list) ? (list as unknown[]) : []).forEach((glob, i) => {
      const why = typeof glob === 'string' ? globProblem(glob) : undefined
      if (why) problems.push({ ...positionOf(doc, lines, [...at, String(i)]), message: `${at.join('.')}[${i}]: the glob "${String(glob)}" ${why}` })
    })
  problems.sort((a, b) => a.line - b.line || a.col - b.col)
  if (problems.length) throw new UsageError(problems.map((p) => located(path, p, p.message)).join('\n'))
  const config = defaultConfig()
  for (const [id, setting] of Object.entries(raw.rules ?? {})) config.rules[id] = setting === false ? 'off' : setting
  config.ignorePaths = [...(raw['ignore-paths'] ?? []), ...(raw.paths?.exclude ?? [])]
  if (raw.paths?.include?.length) config.includePaths = raw.paths.include
  if (raw['fail-on'] !== undefined) config.failOn = raw['fail-on']
  if (raw['include-tests'] !== undefined) config.includeTests = raw['include-tests']
  if (raw.settings) config.settings = { production: raw.settings.production ?? [], nonProduction: raw.settings['non-production'] ?? [] }
  if (raw['django-version'] !== undefined) config.djangoVersion = raw['django-version']
  if (raw.report !== undefined) config.report = raw.report
  if (raw.comments) config.comments = { ...(raw.comments.mode ? { mode: raw.comments.mode } : {}), ...(raw.comments['max-inline'] !== undefined ? { maxInline: raw.comments['max-inline'] } : {}) }
  if (raw.baseline !== undefined) config.baseline = raw.baseline
  return config
}

/** The file as the schema lets it be. */
interface RawConfig {
  rules?: Record<string, 'off' | false | Severity>
  'ignore-paths'?: string[]
  paths?: { include?: string[]; exclude?: string[] }
  settings?: { production?: string[]; 'non-production'?: string[] }
  'django-version'?: string
  'fail-on'?: FailOn
  report?: Severity
  'include-tests'?: boolean
  comments?: { mode?: 'review' | 'summary' | 'off'; 'max-inline'?: number }
  baseline?: string
}

/**
 * Whether a path matches any of the globs (`**`, `*`, `?`, `[...]`, `{a,b}`): minimatch, which matches
 * without a backtracking regular expression. Dot files match like any other; `!` and `#` are literal.
 */
export function pathMatcher(globs: string[]): (path: string) => boolean {
  const matchers = globs.map((g) => new Minimatch(g, { dot: true, nonegate: true, nocomment: true }))
  return (path) => matchers.some((m) => m.match(path))
}

/** Whether findings in a path are dropped: it matches `ignore-paths`/`paths.exclude`, or `paths.include` is given and it matches none. */
export function pathIgnored(config: Config): (path: string) => boolean {
  const excluded = pathMatcher(config.ignorePaths)
  const included = config.includePaths?.length ? pathMatcher(config.includePaths) : undefined
  return (path) => excluded(path) || (included !== undefined && !included(path))
}

/** The severity a finding is reported at: the config's override for its rule, else its own. */
export function severityFor(config: Config, ruleId: string, own: Severity): Severity {
  const override = config.rules[ruleId]
  return override && override !== 'off' ? override : own
}
