// Every Django pin of a tree: each dependency file read by its kind, requirement includes followed.
// Pure; read once per file set. A file that cannot be read gives a one-line notice, never an error.
import type { FileSet } from '../settings/modules.js'
import { dependencySource } from './files.js'
import { readTomlLock } from './locks.js'
import { readPipfile, readPipfileLock } from './pipfile.js'
import { readPyproject } from './pyproject.js'
import { readRequirements } from './requirements.js'
import { readSetupCfg, readSetupPy } from './setup.js'
import { isValidSpecifier } from './specifier.js'
import type { DjangoPins, FileReading, PinSource } from './types.js'

function readOne(path: string, text: string, source: PinSource): FileReading {
  switch (source) {
    case 'requirements':
      return readRequirements(path, text)
    case 'pyproject':
    case 'poetry':
      return readPyproject(path, text)
    case 'pipfile':
      return readPipfile(path, text)
    case 'pipfile.lock':
      return readPipfileLock(path, text)
    case 'poetry.lock':
    case 'uv.lock':
      return readTomlLock(path, text, source)
    case 'setup.cfg':
      return readSetupCfg(path, text)
    case 'setup.py':
      return readSetupPy(path, text)
  }
}

const cache = new WeakMap<FileSet, DjangoPins>()

/** The Django pins of every dependency file of a tree, in path order. */
export function djangoPins(files: FileSet): DjangoPins {
  const cached = cache.get(files)
  if (cached) return cached
  const result: DjangoPins = { pins: [], notices: [], unread: [], includes: new Map() }
  const seen = new Set<string>()
  const queue: { path: string; source: PinSource; from?: string }[] = [...files.paths]
    .sort()
    .flatMap((path) => {
      const source = dependencySource(path)
      return source ? [{ path, source }] : []
    })
  while (queue.length) {
    const { path, source, from } = queue.shift() as (typeof queue)[number]
    if (seen.has(path)) continue
    seen.add(path)
    const text = files.read(path)
    if (text === undefined) {
      if (from && files.paths.has(path)) result.unread.push(path)
      if (from) result.notices.push({ path: from, message: `not read for the Django version: it includes ${path}, which ${files.paths.has(path) ? 'was not read' : 'is not in the repository'}` })
      continue
    }
    let reading: FileReading
    try {
      reading = readOne(path, text, source)
    } catch (e) {
      // a reader bug must cost one file, not the review
      reading = { pins: [], notices: [{ path, message: `not read for the Django version: ${(e as Error).message.split('\n')[0]}` }] }
    }
    result.pins.push(...reading.pins)
    result.notices.push(...reading.notices)
    for (const p of reading.pins) if (!isValidSpecifier(p.specifier)) result.notices.push({ path: p.path, line: p.line, message: `not read for the Django version: "${p.text}" is not a PEP 440 specifier` })
    if (reading.includes?.length) result.includes.set(path, reading.includes)
    for (const inc of reading.includes ?? []) if (!seen.has(inc)) queue.push({ path: inc, source: 'requirements', from: path })
  }
  // a file set still being loaded (a git source follows what the analysis asks for) is read again next time
  if (!result.unread.length) cache.set(files, result)
  return result
}
