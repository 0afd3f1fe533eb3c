// The configuration file (.github/django-security.yml): rule switches and severities, ignored
// paths, the failure threshold. Bad input gives one error line naming the file and line.
import { Minimatch } from 'minimatch'
import { LineCounter, parseDocument } from 'yaml'
import { SEVERITIES, type Severity } from '../findings.js'
import { parseDjangoVersion } from '../deps/django-version.js'
import { RULE_METAS } from '../rules/catalog.js'
import { readFileSafely } from '../sources/read-file.js'

export type FailOn = Severity | 'never'

export interface Config {
  /** Per rule: 'off', or a severity that replaces the rule's own. */
  rules: Record<string, 'off' | Severity>
  /** Glob patterns (`**`, `*`) of paths whose findings are dropped. */
  ignorePaths: string[]
  failOn?: FailOn
  /** List findings in tests, CI, development, templates, docs and vendored files (at low) instead of setting them aside. */
  includeTests?: boolean
  /** The Django version defaults follow (`3.2`, `4.2.16`), instead of the one the pins say. */
  djangoVersion?: string
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

export function parseConfig(text: string, path: string): Config {
  if (text.length > MAX_CONFIG_BYTES) throw new UsageError(`${path}: the configuration is over the ${MAX_CONFIG_BYTES}-byte limit`)
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number | undefined): string => `${path}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`
  if (doc.errors.length) throw new UsageError(`${at(doc.errors[0].pos[0])}: ${doc.errors[0].message.split('\n')[0]}`)
  const config = defaultConfig()
  let root: unknown
  try {
    root = doc.toJS()
  } catch (e) {
    // too many aliases (a "billion laughs" document), or nesting deep enough to exhaust the stack
    throw new UsageError(`${at(0)}: ${(e as Error).message.split('\n')[0]}`)
  }
  if (root === null || root === undefined) return config
  if (typeof root !== 'object' || Array.isArray(root)) throw new UsageError(`${at(0)}: the configuration must be a mapping`)
  const offsetOf = (...keys: string[]): number | undefined => {
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined
    return node?.range?.[0]
  }
  for (const [key, value] of Object.entries(root as Record<string, unknown>)) {
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${at(offsetOf('rules'))}: rules must map rule ids to off or a severity`)
      for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
        if (!RULE_METAS.some((m) => m.id === id)) throw new UsageError(`${at(offsetOf('rules', id))}: unknown rule id "${id}"`)
        const s = setting === false ? 'off' : String(setting)
        if (s !== 'off' && !(SEVERITIES as readonly string[]).includes(s)) throw new UsageError(`${at(offsetOf('rules', id))}: rule ${id} must be off or one of ${SEVERITIES.join(', ')}`)
        config.rules[id] = s as 'off' | Severity
      }
    } else if (key === 'ignore-paths') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new UsageError(`${at(offsetOf('ignore-paths'))}: ignore-paths must be a list of glob patterns`)
      config.ignorePaths = value
    } else if (key === 'fail-on') {
      const s = String(value)
      if (s !== 'never' && !(SEVERITIES as readonly string[]).includes(s)) throw new UsageError(`${at(offsetOf('fail-on'))}: fail-on must be one of ${SEVERITIES.join(', ')}, never`)
      config.failOn = s as FailOn
    } else if (key === 'django-version') {
      const v = parseDjangoVersion(String(value))
      if (!v) throw new UsageError(`${at(offsetOf('django-version'))}: django-version must be a Django version such as 4.2 or 3.2.25, not "${String(value)}"`)
      config.djangoVersion = v
    } else throw new UsageError(`${at(offsetOf(key))}: unknown key "${key}" (expected rules, ignore-paths, fail-on, django-version)`)
  }
  return config
}

/**
 * Whether a path matches any of the globs (`**`, `*`, `?`, `[...]`, `{a,b}`): minimatch, which matches
 * without a backtracking regular expression. Dot files match like any other; `!` and `#` are literal.
 */
export function pathMatcher(globs: string[]): (path: string) => boolean {
  const matchers = globs.map((g) => new Minimatch(g, { dot: true, nonegate: true, nocomment: true }))
  return (path) => matchers.some((m) => m.match(path))
}

/** The severity a finding is reported at: the config's override for its rule, else its own. */
export function severityFor(config: Config, ruleId: string, own: Severity): Severity {
  const override = config.rules[ruleId]
  return override && override !== 'off' ? override : own
}
