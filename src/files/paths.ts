// Repository-relative paths as code and config files write them.

/** A relative path with `.`, `..` and empty segments resolved (`a/./b/../c` → `a/c`); undefined when it climbs above the root. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (!parts.length) return undefined
      parts.pop()
    } else parts.push(seg)
  }
  return parts.join('/')
}
