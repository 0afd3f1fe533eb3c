// Which files can pin Django, and which of them describe what production installs.
import { classifyFile, type FileClass } from '../files/classify.js'
import type { PinSource } from './types.js'

const NAMED: Record<string, PinSource> = {
  'pyproject.toml': 'pyproject',
  pipfile: 'pipfile',
  'pipfile.lock': 'pipfile.lock',
  'poetry.lock': 'poetry.lock',
  'uv.lock': 'uv.lock',
  'setup.cfg': 'setup.cfg',
  'setup.py': 'setup.py'
}

const REQUIREMENTS_DIRS = new Set(['requirements', 'requirement', 'reqs', 'deps', 'dependencies', 'pip'])

/** The kind of dependency file a path is by its name, or undefined. */
export function dependencySource(path: string): PinSource | undefined {
  const parts = path.toLowerCase().split('/')
  const name = parts[parts.length - 1]
  if (NAMED[name]) return NAMED[name]
  if (!/\.(txt|in|pip)$/.test(name)) return undefined
  // requirements.txt, requirements-prod.txt, requirements/base.txt, constraints.txt
  if (/requirements|constraints/.test(name) || REQUIREMENTS_DIRS.has(parts[parts.length - 2] ?? '')) return 'requirements'
  return undefined
}

export const isDependencyFile = (path: string): boolean => dependencySource(path) !== undefined

const DEV_WORDS = new Set(['dev', 'devel', 'development', 'test', 'tests', 'testing', 'ci', 'lint', 'linting', 'docs', 'doc', 'local', 'debug', 'tox', 'typing', 'mypy', 'qa', 'style', 'format', 'bench', 'benchmark'])

/**
 * What a dependency file means for production. `setup.cfg` counts (its install_requires is what a
 * package installs), although the file classifier calls it test configuration; requirement files
 * named for development, tests, CI or docs (`requirements-dev.txt`, `requirements/test.txt`) do not.
 */
export function dependencyFileClass(path: string): FileClass {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  // judged by its folder like the setup.py beside it: the file classifier's "test configuration" is about its pytest section
  const byPath = classifyFile(name === 'setup.cfg' ? `${path.slice(0, path.lastIndexOf('/') + 1)}setup.py` : path)
  if (byPath.kind !== 'production') return byPath
  const words = name.replace(/\.(txt|in|pip)$/, '').split(/[._-]+/)
  if (dependencySource(path) === 'requirements' && words.some((w) => DEV_WORDS.has(w))) return { kind: 'development', why: `${name} lists development, test or documentation dependencies` }
  return { kind: 'production', why: 'it lists what the project installs' }
}
