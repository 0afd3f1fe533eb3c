// Paths of the repository as settings compute them, and the files they open. `__file__` is the
// module's own path; `os.path.dirname/join/abspath` and django-environ's `Path(__file__) - 2` work on
// it; `os.path.exists` and `open()` answer from the repository (a `local_settings.py` it does not hold
// is absent, as on a server built from it); `exec(open(p).read(), globals())` runs that file's code in
// the module's namespace. A path outside the repository (`/etc/app.py`) stays unknown.
import { normalizePath } from '../files/paths.js'
import { bool, fails, str, unknown, type Value } from './values.js'

/** The root every repository path starts from: a character no real path holds. */
const ROOT = '\uE000'
const FILE = 'repo-file:'
const SOURCE = 'repo-source:'
const ENV_PATH = 'repo-environ-path:'

/** `__file__` of the module at `path`. */
export const moduleFile = (path: string): Value => str(`${ROOT}/${path}`)

/** The repository path a value names (`dmoj/local_settings.py`; '' for the root), or undefined. */
function relative(v: Value | undefined): string | undefined {
  return v?.kind === 'str' && v.value.startsWith(ROOT) ? normalizePath(v.value.slice(ROOT.length)) : undefined
}

const absolute = (rel: string): Value => str(rel ? `${ROOT}/${rel}` : ROOT)
const parentOf = (rel: string): string => rel.slice(0, Math.max(rel.lastIndexOf('/'), 0))

/** What the repository holds, as a module run sees it. */
export interface RepoFiles {
  /** The text of a file of the repository, undefined when it is not there (or not read). */
  read(path: string): string | undefined
  has(path: string): boolean
  isDirectory(path: string): boolean
}

function join(parts: Value[]): Value | undefined {
  const [first, ...rest] = parts
  const base = relative(first)
  // a later absolute part starts over outside the repository: unknown
  const names = rest.map((p) => (p.kind === 'str' && !p.value.startsWith('/') ? p.value : undefined))
  if (base === undefined || names.includes(undefined)) return undefined
  const joined = normalizePath([base, ...names].join('/'))
  return joined === undefined ? undefined : absolute(joined)
}

/** A call on repository paths or files, or undefined when `q` is none or its arguments are not repository paths. */
export function repoFileCall(q: string, positional: Value[], files: RepoFiles): Value | undefined {
  const [a0] = positional
  const rel = relative(a0)
  switch (q) {
    case 'os.path.dirname':
      return rel === undefined ? undefined : absolute(parentOf(rel))
    case 'os.path.join':
      return join(positional)
    case 'os.path.abspath':
    case 'os.path.realpath':
    case 'os.path.normpath':
      return rel === undefined ? undefined : absolute(rel)
    case 'os.path.exists':
      return rel === undefined ? undefined : bool(files.has(rel) || files.isDirectory(rel))
    case 'os.path.isfile':
      return rel === undefined ? undefined : bool(files.has(rel))
    case 'open':
    case 'io.open':
      if (rel === undefined) return undefined
      if (!files.has(rel)) return fails(`FileNotFoundError: ${rel} is not in the repository`)
      return files.read(rel) === undefined ? unknown(`${rel}, not read`) : { kind: 'ext', qname: `${FILE}${rel}` }
    case 'compile':
      return a0?.kind === 'ext' && a0.qname.startsWith(SOURCE) ? a0 : undefined
    case 'environ.Path':
    case 'environ.environ.Path':
      return rel === undefined ? undefined : { kind: 'ext', qname: `${ENV_PATH}${rel}` }
  }
  if (q.startsWith(FILE) && q.endsWith('.read')) return { kind: 'ext', qname: `${SOURCE}${q.slice(FILE.length, -'.read'.length)}` }
  if (q.startsWith(ENV_PATH)) {
    // django-environ's Path: calling it gives the path (joined with any parts given)
    return join([absolute(q.slice(ENV_PATH.length)), ...positional])
  }
  return undefined
}

/** `environ.Path(__file__) - 2`: the folder two levels up. */
export function repoPathArithmetic(op: string, a: Value, b: Value): Value | undefined {
  if (op !== '-' || a.kind !== 'ext' || !a.qname.startsWith(ENV_PATH) || b.kind !== 'int') return undefined
  let rel = a.qname.slice(ENV_PATH.length)
  for (let i = 0; i < b.value; i++) rel = parentOf(rel)
  return { kind: 'ext', qname: `${ENV_PATH}${rel}` }
}

/** The repository file whose code a value holds (`open(p).read()`, `compile(…)`, an open file Python 2's exec reads), or undefined. */
export function sourceFile(v: Value | undefined): string | undefined {
  if (v?.kind !== 'ext') return undefined
  return v.qname.startsWith(SOURCE) ? v.qname.slice(SOURCE.length) : v.qname.startsWith(FILE) ? v.qname.slice(FILE.length) : undefined
}

/** Whether a `with` statement's value is an open repository file (its `as` target is the file itself). */
export const isOpenFile = (v: Value): boolean => v.kind === 'ext' && v.qname.startsWith(FILE)
