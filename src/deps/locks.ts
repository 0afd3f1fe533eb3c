// poetry.lock and uv.lock: `[[package]]` tables with `name` and `version`, the release installed.
import { isDjango } from './requirement.js'
import { findLine } from './text-lines.js'
import { isTable, parseTomlFile } from './toml.js'
import type { FileReading, PinSource } from './types.js'

export function readTomlLock(path: string, text: string, source: PinSource): FileReading {
  const parsed = parseTomlFile(path, text)
  if ('notice' in parsed) return { pins: [], notices: [parsed.notice] }
  const packages = parsed.doc.package
  const reading: FileReading = { pins: [], notices: [] }
  if (!Array.isArray(packages)) return reading
  const lines = text.split('\n')
  let from = 1
  for (const p of packages) {
    if (!isTable(p) || typeof p.name !== 'string' || !isDjango(p.name) || typeof p.version !== 'string') continue
    // the `name = "django"` line of this package, then its `version = ` line
    const nameLine = findLine(lines, (l) => /^\s*name\s*=\s*["']django["']/i.test(l), from, from)
    const line = findLine(lines, (l) => /^\s*version\s*=/.test(l), nameLine, nameLine)
    from = line + 1
    // poetry.lock before 1.2 says which packages only development needs
    const dev = p.category === 'dev' ? { group: 'dev' } : {}
    reading.pins.push({ path, line, source, specifier: `==${p.version}`, text: `${p.name} ${p.version}`, locked: true, ...dev })
  }
  return reading
}
