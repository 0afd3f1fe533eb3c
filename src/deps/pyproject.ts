// pyproject.toml: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
// `[dependency-groups]`, Poetry's `[tool.poetry.dependencies]` (and its groups).
import { djangoKeyLine, headerLine, stringLine } from './text-lines.js'
import { isDjango, parseRequirement } from './requirement.js'
import { poetryToPep440 } from './poetry-constraint.js'
import { dig, isTable, parseTomlFile, type Table } from './toml.js'
import type { DjangoPin, FileReading } from './types.js'

/** PEP 508 strings of one list: the Django ones as pins. */
function fromStrings(path: string, lines: string[], list: unknown, table: string, group?: string): DjangoPin[] {
  if (!Array.isArray(list)) return []
  const from = headerLine(lines, table) ?? 1
  const out: DjangoPin[] = []
  for (const item of list) {
    if (typeof item !== 'string') continue
    const req = parseRequirement(item)
    if (!req || !isDjango(req.name) || req.url) continue
    out.push({ path, line: stringLine(lines, item, from), source: 'pyproject', specifier: req.specifier, text: item, locked: false, marker: req.marker, ...(group ? { group } : {}) })
  }
  return out
}

/** A Poetry dependency table: `django = "^4.2"`, `{ version = "…", markers = "…", optional = true }`, or a list of those. */
function fromPoetry(path: string, lines: string[], deps: unknown, table: string, group?: string): FileReading {
  const reading: FileReading = { pins: [], notices: [] }
  if (!isTable(deps)) return reading
  for (const [name, value] of Object.entries(deps)) {
    if (!isDjango(name)) continue
    const line = djangoKeyLine(lines, headerLine(lines, table) ?? 1)
    const entries = Array.isArray(value) ? value : [value]
    for (const e of entries) {
      const constraint = typeof e === 'string' ? e : isTable(e) && typeof e.version === 'string' ? e.version : undefined
      if (constraint === undefined) continue // a git or path dependency
      const specs = poetryToPep440(constraint)
      if (!specs) {
        reading.notices.push({ path, line, message: `not read for the Django version: the Poetry constraint "${constraint}" is not understood` })
        continue
      }
      const marker = isTable(e) && typeof e.markers === 'string' ? e.markers : isTable(e) && typeof e.python === 'string' ? `python_version ${e.python}` : undefined
      const optional = isTable(e) && e.optional === true ? 'optional' : undefined
      for (const specifier of specs) reading.pins.push({ path, line, source: 'poetry', specifier, text: `${name} = "${constraint}"`, locked: false, ...(marker ? { marker } : {}), ...((group ?? optional) ? { group: group ?? optional } : {}) })
    }
  }
  return reading
}

export function readPyproject(path: string, text: string): FileReading {
  const parsed = parseTomlFile(path, text)
  if ('notice' in parsed) return { pins: [], notices: [parsed.notice] }
  const doc: Table = parsed.doc
  const lines = text.split('\n')
  const pins: DjangoPin[] = [...fromStrings(path, lines, dig(doc, 'project', 'dependencies'), 'project')]
  const optional = dig(doc, 'project', 'optional-dependencies')
  if (isTable(optional)) for (const [g, list] of Object.entries(optional)) pins.push(...fromStrings(path, lines, list, 'project.optional-dependencies', g))
  const groups = dig(doc, 'dependency-groups')
  if (isTable(groups)) for (const [g, list] of Object.entries(groups)) pins.push(...fromStrings(path, lines, list, 'dependency-groups', g))
  const notices = []
  const poetry = fromPoetry(path, lines, dig(doc, 'tool', 'poetry', 'dependencies'), 'tool.poetry.dependencies')
  pins.push(...poetry.pins)
  notices.push(...poetry.notices)
  const dev = fromPoetry(path, lines, dig(doc, 'tool', 'poetry', 'dev-dependencies'), 'tool.poetry.dev-dependencies', 'dev')
  pins.push(...dev.pins)
  notices.push(...dev.notices)
  const poetryGroups = dig(doc, 'tool', 'poetry', 'group')
  if (isTable(poetryGroups))
    for (const [g, body] of Object.entries(poetryGroups)) {
      // `main` is Poetry's name for the dependencies every install gets
      const r = fromPoetry(path, lines, isTable(body) ? body.dependencies : undefined, `tool.poetry.group.${g}.dependencies`, g === 'main' ? undefined : g)
      pins.push(...r.pins)
      notices.push(...r.notices)
    }
  return { pins, notices }
}
