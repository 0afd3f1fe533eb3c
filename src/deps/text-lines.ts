// Finding the line of a value in a TOML or JSON file, whose parsers give values without positions:
// a plain search from the line of the table (section) that holds it.

/** The 1-based line of a `[table]` header (`[tool.poetry.dependencies]`), or undefined. */
export function headerLine(lines: string[], table: string): number | undefined {
  const want = table.replace(/\s+/g, '').toLowerCase()
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim()
    if (!t.startsWith('[')) continue
    const hash = t.indexOf('#')
    const name = (hash >= 0 ? t.slice(0, hash) : t).replace(/[[\]"'\s]/g, '').toLowerCase()
    if (name === want) return i + 1
  }
  return undefined
}

/** The first line at or after `from` (1-based) for which `test` holds; `fallback` when none does. */
export function findLine(lines: string[], test: (line: string) => boolean, from = 1, fallback = from): number {
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (test(lines[i])) return i + 1
  return fallback
}

/** The line that holds a quoted string (`"Django>=4.2"` or `'Django>=4.2'`). */
export function stringLine(lines: string[], value: string, from = 1): number {
  return findLine(lines, (l) => l.includes(`"${value}"`) || l.includes(`'${value}'`), from, findLine(lines, (l) => l.includes(value), 1, from))
}

/** The line of a `key = …` (or `"key": …`) whose key is Django's name in any spelling. */
export function djangoKeyLine(lines: string[], from = 1): number {
  return findLine(lines, (l) => /^\s*["']?django["']?\s*[=:]/i.test(l), from)
}
