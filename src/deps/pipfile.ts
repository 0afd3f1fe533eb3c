// Pipenv: Pipfile (`[packages] django = "==4.2.16"`, `"*"`, `{ version = "…", markers = "…" }`) and
// Pipfile.lock (JSON: `default` and `develop`, each name → `{ "version": "==4.2.16" }`).
import { isDjango } from './requirement.js'
import { djangoKeyLine, findLine, headerLine } from './text-lines.js'
import { isTable, parseTomlFile } from './toml.js'
import type { FileReading } from './types.js'

export function readPipfile(path: string, text: string): FileReading {
  const parsed = parseTomlFile(path, text)
  if ('notice' in parsed) return { pins: [], notices: [parsed.notice] }
  const lines = text.split('\n')
  const reading: FileReading = { pins: [], notices: [] }
  for (const section of ['packages', 'dev-packages']) {
    const deps = parsed.doc[section]
    if (!isTable(deps)) continue
    for (const [name, value] of Object.entries(deps)) {
      if (!isDjango(name)) continue
      const version = typeof value === 'string' ? value : isTable(value) && typeof value.version === 'string' ? value.version : undefined
      if (version === undefined) continue // a git or path dependency
      const marker = isTable(value) && typeof value.markers === 'string' ? value.markers : undefined
      const specifier = version.trim() === '*' ? '' : version.replace(/\s+/g, '')
      const line = djangoKeyLine(lines, headerLine(lines, section) ?? 1)
      reading.pins.push({ path, line, source: 'pipfile', specifier, text: `${name} = "${version}"`, locked: false, ...(marker ? { marker } : {}), ...(section === 'dev-packages' ? { group: 'dev-packages' } : {}) })
    }
  }
  return reading
}

export function readPipfileLock(path: string, text: string): FileReading {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    return { pins: [], notices: [{ path, message: `not read for the Django version: invalid JSON (${(e as Error).message.split('\n')[0]})` }] }
  }
  const reading: FileReading = { pins: [], notices: [] }
  if (!isTable(doc)) return reading
  const lines = text.split('\n')
  for (const section of ['default', 'develop']) {
    const deps = doc[section]
    if (!isTable(deps)) continue
    const sectionLine = findLine(lines, (l) => l.includes(`"${section}"`), 1, 1)
    for (const [name, value] of Object.entries(deps)) {
      if (!isDjango(name) || !isTable(value) || typeof value.version !== 'string') continue
      const keyLine = djangoKeyLine(lines, sectionLine)
      const line = findLine(lines, (l) => l.includes('"version"'), keyLine, keyLine)
      const marker = typeof value.markers === 'string' ? value.markers : undefined
      reading.pins.push({ path, line, source: 'pipfile.lock', specifier: value.version.replace(/\s+/g, ''), text: `${name} ${value.version}`, locked: true, ...(marker ? { marker } : {}), ...(section === 'develop' ? { group: 'develop' } : {}) })
    }
  }
  return reading
}
