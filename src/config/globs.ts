// Glob patterns a configuration may hold: minimatch's, relative to the repository root. The mistakes
// that would silently match nothing are refused with what to write instead.

/** Why `glob` cannot match a repository path as meant, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/')) return `is not relative to the repository root: write "${glob.replace(/^\/+/, '')}"`
  if (glob.startsWith('./')) return `starts with "./", which matches nothing: write "${glob.replace(/^(\.\/)+/, '')}"`
  if (glob.includes('\\')) return `uses "\\", which is an escape in a glob: separate folders with "/" ("${glob.replace(/\\/g, '/')}")`
  let square = false
  let braces = 0
  for (const ch of glob) {
    if (square) {
      if (ch === ']') square = false
    } else if (ch === '[') square = true
    else if (ch === '{') braces++
    else if (ch === '}') braces = Math.max(0, braces - 1)
  }
  if (square) return 'has a "[" that is never closed by "]"'
  if (braces) return 'has a "{" that is never closed by "}"'
  return undefined
}
