// Values code refuses rather than uses: `if SECRET_KEY in ("django-insecure-…", …)`, `key != "…"`,
// `INSECURE_DEFAULT_KEYS = [ … ]`. A list of known public default keys is there to reject them.
import { quotedStrings, type Quoted } from './quotes.js'
import { assignmentTarget } from './syntax.js'
import type { Following } from './formats.js'

const DENY_WORDS = /(^|_)(INSECURE|DENY|DENIED|DENYLIST|BLACKLIST|BLOCKLIST|BLOCKED|BANNED|FORBIDDEN|KNOWN|DEFAULTS?|WEAK|BAD|INVALID|PUBLIC|EXAMPLES?|LEAKED|COMPROMISED|UNSAFE|DISALLOWED|REJECTED)(_|$)/

/** `INSECURE_KEYS`, `known_default_secrets`, `BANNED_PASSWORDS`: a name for values to refuse. */
export const isDenyListName = (name: string): boolean => DENY_WORDS.test(name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase())

const MAX_ELEMENTS = 64
const MAX_LIST_LINES = 50

/** Whether the value at `column` is compared against (`==`, `!=`, `in (…)`), skipping the other elements of its tuple. */
function compared(line: string, column: number, byEnd: Map<number, Quoted>): boolean {
  let i = column - 1
  while (i >= 0 && (line[i] === '"' || line[i] === "'")) i--
  for (let n = 0; n < MAX_ELEMENTS && i >= 0; n++) {
    while (i >= 0 && (line[i] === ' ' || line[i] === '\t' || line[i] === '(' || line[i] === '[' || line[i] === '{' || line[i] === ',')) i--
    const q = byEnd.get(i)
    if (!q) break
    i = q.tokenStart - 1
  }
  if (line[i] === '=' && (line[i - 1] === '=' || line[i - 1] === '!')) return true
  return line[i] === 'n' && line[i - 1] === 'i' && (line[i - 2] === ' ' || line[i - 2] === '\t')
}

/** `NAME = [`, `NAME = frozenset({`: the target of a collection the line opens, if any. */
function collectionTarget(line: string): string | undefined {
  const target = assignmentTarget(line)
  if (!target) return undefined
  let i = line.indexOf('=') + 1
  while (line[i] === ' ' || line[i] === '\t') i++
  for (const call of ['frozenset', 'set', 'tuple', 'list']) if (line.startsWith(call, i)) i += call.length
  return line[i] === '[' || line[i] === '(' || line[i] === '{' ? target : undefined
}

/** The collection a line is an element of, looking back over the elements before it. */
function enclosingTarget(line: string, preceding: Following): string | undefined {
  const here = collectionTarget(line)
  if (here) return here
  for (let n = 0; n < MAX_LIST_LINES; n++) {
    const before = preceding(n)
    if (before === undefined) return undefined
    const t = before.trim()
    if (t === '' || t.startsWith('#') || t.startsWith('"') || t.startsWith("'")) continue
    return collectionTarget(t)
  }
  return undefined
}

/**
 * For one line of code: whether the value at a column is one the code refuses (compared against, or
 * in a deny-list). What the answer needs is worked out once per line, and only when asked.
 */
export function refusedValues(line: string, preceding: Following): (column: number) => boolean {
  let byEnd: Map<number, Quoted> | undefined
  let denyList: boolean | undefined
  return (column) => {
    byEnd ??= new Map(quotedStrings(line).map((q) => [q.end, q]))
    if (compared(line, column, byEnd)) return true
    if (denyList === undefined) {
      const target = enclosingTarget(line, preceding)
      denyList = target !== undefined && isDenyListName(target)
    }
    return denyList
  }
}
