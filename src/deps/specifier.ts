// PEP 440 questions about a specifier, answered with @renovatebot/pep440 (a port of Python's
// packaging.specifiers): is it valid, does it pin one release, which is the oldest release it admits,
// does it admit some release of a series. Without a list of every Django release, candidates are the
// versions the specifier names, the release after each, and each series' first and a late release.
import { compare, explain, satisfies, valid, validRange } from '@renovatebot/pep440'

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)(.+)$/

export interface Clause {
  op: string
  version: string
}

/** The clauses of a specifier (`>=4.2,<5` → two); undefined when one of them is not PEP 440. */
export function clauses(spec: string): Clause[] | undefined {
  if (!spec) return []
  const out: Clause[] = []
  for (const part of spec.split(',')) {
    const m = CLAUSE.exec(part.trim())
    if (!m) return undefined
    out.push({ op: m[1], version: m[2].trim() })
  }
  return out
}

/** Whether a specifier is one PEP 440 understands ('' — any version — is). */
export function isValidSpecifier(spec: string): boolean {
  if (!spec) return true
  const cs = clauses(spec)
  if (!cs) return false
  // `===` is arbitrary equality, outside what the library evaluates
  if (cs.some((c) => c.op === '===')) return cs.length === 1
  return validRange(spec)
}

/** The one release a specifier admits (`==3.2.4`, `===3.2.4`), or undefined for a range or a wildcard. */
export function exactVersion(spec: string): string | undefined {
  const cs = clauses(spec)
  const eq = cs?.find((c) => (c.op === '==' || c.op === '===') && !c.version.endsWith('.*'))
  return eq && valid(eq.version) ? eq.version : undefined
}

export function admits(spec: string, version: string): boolean {
  if (!spec) return true
  const exact = clauses(spec)?.find((c) => c.op === '===')
  if (exact) return exact.version === version
  return satisfies(version, spec)
}

/** `4.2.*` → `4.2`; `4.2` → `4.2.1` is the release after. */
function nextRelease(version: string): string | undefined {
  const e = explain(version)
  if (!e) return undefined
  const r = [...e.release]
  if (r.length < 3) while (r.length < 3) r.push(0)
  r[r.length - 1]++
  return r.join('.')
}

/** The versions worth trying against a specifier, oldest first. */
function candidates(spec: string, extra: string[] = []): string[] {
  const out = new Set<string>(extra)
  for (const c of clauses(spec) ?? []) {
    const v = c.version.replace(/\.\*$/, '')
    if (!valid(v)) continue
    out.add(v)
    const next = nextRelease(v)
    if (next) out.add(next)
    // `<5`, `!=4.2`: the release of the series itself, `>4.2.9`: the next minor
    const e = explain(v)
    if (e && e.release.length >= 2) out.add(`${e.release[0]}.${e.release[1] + 1}`)
    if (e) out.add(`${e.release[0] + 1}.0`)
  }
  return [...out].filter((v) => valid(v)).sort(compare)
}

/**
 * The oldest release a specifier admits, or undefined when it admits every release (no lower bound
 * worth judging: `Django`, `Django<5`) or none. A lower bound comes from `>=`, `>`, `==`, `~=`.
 */
export function oldestAdmitted(spec: string): string | undefined {
  const cs = clauses(spec)
  if (!cs || !cs.some((c) => ['>=', '>', '==', '===', '~='].includes(c.op))) return undefined
  const exact = cs.find((c) => c.op === '===')
  if (exact) return exact.version
  return candidates(spec).find((v) => admits(spec, v))
}

/** Whether a specifier admits some release of a series (`3.2`): its first, a late one, or one it names. */
export function admitsSeries(spec: string, series: string): boolean {
  const inSeries = (v: string): boolean => seriesOf(v) === series
  const tries = [series, `${series}.999`, ...candidates(spec).filter(inSeries)]
  return tries.some((v) => admits(spec, v))
}

/** The series (`major.minor`) of a version: `3.2.4` → `3.2`, `5.0rc1` → `5.0`. */
export function seriesOf(version: string): string | undefined {
  const e = explain(version)
  return e ? `${e.release[0]}.${e.release[1] ?? 0}` : undefined
}

export { compare }
