// Reading code around a position: names before an '=' or ':', the assignment a line starts with, the
// call a '(' belongs to. Backward scans are capped, so each stays bounded whatever the line holds.
import type { Quoted } from './quotes.js'

export const isKeyChar = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '.')
export const isIdentChar = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_')
export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t'
export const MAX_KEY = 64
export const MAX_VALUE = 4096

export function skipSpaceBack(line: string, i: number): number {
  while (i >= 0 && isSpace(line[i])) i--
  return i
}

export function skipSpace(line: string, i: number): number {
  while (i < line.length && isSpace(line[i])) i++
  return i
}

export interface KeyToken {
  key: string
  /** Index just before the key token. */
  before: number
  quoted: boolean
}

/** The key token ending at index i: an identifier, a quoted string, or a subscript `x["KEY"]`. */
export function keyBefore(line: string, i: number, byEnd: Map<number, Quoted>): KeyToken | undefined {
  i = skipSpaceBack(line, i)
  if (i < 0) return undefined
  if (line[i] === ']') {
    // x["KEY"] = "value"
    const q = byEnd.get(i - 1)
    if (!q || line[q.tokenStart - 1] !== '[') return undefined
    return { key: q.value, before: q.tokenStart - 2, quoted: true }
  }
  const q = byEnd.get(i)
  if (q) return { key: q.value, before: q.tokenStart - 1, quoted: true }
  let j = i
  while (j >= 0 && i - j < MAX_KEY && isKeyChar(line[j])) j--
  if (j === i || isKeyChar(line[j])) return undefined
  return { key: line.slice(j + 1, i + 1), before: j, quoted: false }
}

/** The assignment target at the start of a line (`SECRET_KEY = …`, `    secret_key: str = …`, `const apiKey = …`). */
export function assignmentTarget(line: string): string | undefined {
  return assignment(line)?.name
}

/** The assignment at the start of a line: its target and the index of its '='. */
export function assignment(line: string): { name: string; eq: number } | undefined {
  let i = skipSpace(line, 0)
  for (const decl of ['export ', 'const ', 'let ', 'var ']) if (line.startsWith(decl, i)) i = skipSpace(line, i + decl.length)
  const start = i
  while (i < line.length && i - start < MAX_KEY && (isIdentChar(line[i]) || line[i] === '.')) i++
  if (i === start) return undefined
  const name = line.slice(start, i)
  i = skipSpace(line, i)
  if (line[i] === ':' && line[i + 1] !== '=') {
    // annotation: skip the type
    i = skipSpace(line, i + 1)
    while (i < line.length && i - start < 2 * MAX_KEY && (isKeyChar(line[i]) || line[i] === '[' || line[i] === ']' || line[i] === '|' || line[i] === ' ')) {
      if (line[i] === '=') break
      i++
    }
  }
  return line[i] === '=' && line[i + 1] !== '=' ? { name, eq: i } : undefined
}

/** A quoted key that reads as a name (`SECRET_KEY`, `x-api-key`), not as text, a path or an option (`--auth <user:pw>`, `docs/secret.md`). */
export function isNameLike(key: string): boolean {
  for (const c of key) if (c === ' ' || c === '\t' || c === '/' || c === '<' || c === '>' || c === '=' || c === '(' || c === ')' || c === '{' || c === '}' || c === ',') return false
  return key.length > 0
}

/** The dotted name of the call whose '(' is at `open` (`os.environ.get`), or undefined for a bare parenthesis. */
export function callNameBefore(line: string, open: number): string | undefined {
  const end = skipSpaceBack(line, open - 1)
  let j = end
  while (j >= 0 && end - j < 2 * MAX_KEY && (isIdentChar(line[j]) || line[j] === '.')) j--
  return j === end ? undefined : line.slice(j + 1, end + 1)
}

/**
 * Whether a call reads configuration, so that its first argument names the value after it:
 * `os.environ.get`, `os.getenv`, `env`, `env.str`, `config`, `settings.get`, `get_secret`, `setdefault`.
 * Other calls take positional arguments that are not name and value (`.option("--auth …", "help")`).
 */
export function readsConfig(callName: string): boolean {
  const last = callName.slice(callName.lastIndexOf('.') + 1).toLowerCase()
  return last === 'str' || last === 'bytes' || last === 'setdefault' || last === 'pop' || ['get', 'env', 'config', 'setting', 'secret', 'var'].some((w) => last.includes(w))
}
