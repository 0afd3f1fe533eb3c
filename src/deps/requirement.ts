// One PEP 508 requirement string: `Django[argon2] >= 4.2, < 5 ; python_version >= "3.10"`.
// Linear scans over bounded input; no backtracking regular expression.

export interface Requirement {
  /** The name as written. */
  name: string
  extras: string[]
  /** PEP 440 specifier without spaces or parentheses; '' when none. */
  specifier: string
  /** A direct reference (`name @ https://…`): no version to judge. */
  url?: string
  marker?: string
}

/** PEP 503 normalised name: `Django`, `DJANGO`, `django_` → `django`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

export const isDjango = (name: string): boolean => normalizeName(name) === 'django'

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,200}[A-Za-z0-9])?/

/** Parses a requirement; undefined when it does not start with a project name. */
export function parseRequirement(input: string): Requirement | undefined {
  let rest = input.trim()
  const name = NAME.exec(rest)?.[0]
  if (!name) return undefined
  rest = rest.slice(name.length).trimStart()
  let marker: string | undefined
  const semi = rest.indexOf(';')
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim() || undefined
    rest = rest.slice(0, semi).trim()
  }
  let extras: string[] = []
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']')
    if (close < 0) return undefined
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
    rest = rest.slice(close + 1).trim()
  }
  if (rest.startsWith('@')) return { name, extras, specifier: '', url: rest.slice(1).trim(), marker }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1)
  return { name, extras, specifier: rest.replace(/\s+/g, ''), marker }
}
