// Which dependency files production images install: the `pip install -r FILE`, `pip-sync FILE`,
// `poetry install`, `uv sync`, `pipenv install` and `pip install .` of the RUN commands (as the
// Dockerfile parser records them) of the images that serve or work in production. A pin in a file no such image installs (a
// second pip-compile output, a dev image's poetry.lock) does not say what production runs.
import { isProductionRole, type Deployment } from '../deploy/types.js'
import { dirname, type FileSet } from '../settings/modules.js'

/** Options whose value is a requirements or constraints file. */
const FILE_OPTIONS = new Set(['-r', '-c', '--requirement', '--constraint'])

/** Tools that install what a manifest or lock of the build context says, by their first two words. */
const MANIFEST_INSTALL: Record<string, string[]> = {
  'poetry install': ['poetry.lock', 'pyproject.toml'],
  'poetry sync': ['poetry.lock', 'pyproject.toml'],
  'uv sync': ['uv.lock', 'pyproject.toml'],
  'pipenv install': ['Pipfile.lock', 'Pipfile'],
  'pipenv sync': ['Pipfile.lock', 'Pipfile']
}
const PACKAGE_ITSELF = ['pyproject.toml', 'setup.py', 'setup.cfg']

/** The files one shell command installs from, as written: `pip install -r a.txt .` → a.txt and the package's manifests. */
function writtenInstalls(words: string[]): string[] {
  const tool = words.findIndex((w, i) => MANIFEST_INSTALL[`${w} ${words[i + 1]}`] !== undefined)
  if (tool >= 0) return MANIFEST_INSTALL[`${words[tool]} ${words[tool + 1]}`]
  const sync = words.indexOf('pip-sync')
  if (sync >= 0) return words.slice(sync + 1).filter((w) => !w.startsWith('-'))
  const at = words.findIndex((w, i) => /^(pip3?|uv)$/.test(w) && (words[i + 1] === 'install' || (words[i + 1] === 'pip' && words[i + 2] === 'install')))
  if (at < 0) return []
  const out: string[] = []
  for (let i = at + 2; i < words.length; i++) {
    const w = words[i]
    const eq = w.indexOf('=')
    if (FILE_OPTIONS.has(w) && words[i + 1]) out.push(words[++i])
    else if (eq > 0 && FILE_OPTIONS.has(w.slice(0, eq))) out.push(w.slice(eq + 1))
    else if (w === '.' || w.startsWith('.[')) out.push(...PACKAGE_ITSELF)
  }
  return out
}

/** Deploy files of platforms that build from the repository with a buildpack, not from a Dockerfile. */
const BUILDPACK = /(^|\/)(Procfile|app\.json|render\.ya?ml|manifest\.ya?ml|app\.ya?ml)$/

const BUILDPACK_INSTALLS = ['requirements.txt', 'Pipfile.lock', 'Pipfile', 'poetry.lock', 'uv.lock', 'pyproject.toml', 'setup.py', 'setup.cfg']

/** The repository file a path written in a Dockerfile names: the longest suffix of it that is a path of the tree. */
function inTree(written: string, files: FileSet, context: string): string | undefined {
  const parts = written.replace(/^["']|["']$/g, '').split('/').filter((p) => p && p !== '.')
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('/')
    const near = context ? `${context}/${tail}` : tail
    if (files.paths.has(near)) return near
    const anywhere = [...files.paths].filter((p) => p === tail || p.endsWith(`/${tail}`))
    if (anywhere.length === 1) return anywhere[0]
  }
  return undefined
}

/** What one image's RUN commands install, as paths of the tree; empty when they install no Python dependencies. */
function installedBy(image: Deployment, files: FileSet): string[] {
  const context = dirname(image.path) === '.' ? '' : dirname(image.path)
  return (image.runs ?? []).flatMap((run) =>
    run
      .replace(/\\\n/g, ' ')
      .split(/&&|\|\||[;|\n]/)
      .flatMap((command) => writtenInstalls(command.trim().split(/\s+/)))
      .flatMap((written) => inTree(written, files, context) ?? [])
  )
}

/**
 * The dependency files production images install, or undefined when no production Dockerfile says
 * (no Dockerfile, or none that installs from a file of the tree): then every production pin counts.
 */
export function installedInProduction(files: FileSet, deployments: readonly Deployment[]): Set<string> | undefined {
  const installed = new Set(deployments.filter((d) => isProductionRole(d.role)).flatMap((d) => installedBy(d, files)))
  if (!installed.size) return undefined
  // a buildpack platform installs what the root of the repository declares itself
  if (deployments.some((d) => isProductionRole(d.role) && BUILDPACK.test(d.path))) for (const name of BUILDPACK_INSTALLS) if (files.paths.has(name)) installed.add(name)
  return installed
}
