// Files a production deploy step puts in place of a Python module: `COPY settings.py.prod
// mysite/settings.py`, `RUN cp proj/settings.py.prod proj/settings.py`, and, in the shell scripts an
// image runs (entrypoint.sh, deploy.sh) or a production deploy script, `cp`, `mv`, `ln -s` and
// rendered templates (`envsubst < settings.tpl > settings.py`). The settings analysis then reads the
// source file as the module at the destination (see ModuleIndex.place).
//
// Paths inside the image are taken back to the repository through the image's layout (COPY . /app
// maps /app/x to x). A destination the layout does not reach becomes the file of the same name next
// to the source, when that file exists or the source is named `<module>.py.<suffix>`. A file put at a
// `.py` path counts; a Python module copied over another module the repository tracks is left alone,
// one put where the repository has none (`ln -s docker.py local.py`, local.py git-ignored) counts.
import { parse } from 'shell-quote'
import { classifyFile } from '../files/classify.js'
import { normalizePath } from '../files/paths.js'
import { imagePath } from './dockerfile.js'
import { fileMoves, type FileMove, type MoveKind } from './file-commands.js'
import { findDeployments } from './index.js'
import { ImageLayout, basename, buildContext, contextPath, dirname } from './image-layout.js'
import { isProductionRole, type Deployment, type ImageStep } from './types.js'

export interface Placement {
  /** The repository file put in place (`mysite/settings.py.prod`). */
  source: string
  /** The module path it becomes, in the repository's terms (`mysite/settings.py`). */
  destination: string
  /** The deploy file that does it (a Dockerfile or a shell script), and its line. */
  path: string
  line: number
  kind: MoveKind
}

export interface PlacementFiles {
  readonly paths: ReadonlySet<string>
  read(path: string): string | undefined
}

/** Scripts a production deploy runs by themselves, found by their name alone (not a test or development one: run_tests.sh, start-dev.sh). */
const DEPLOY_SCRIPT = /(^|\/)[^/]*(deploy|entrypoint|entry-point|start|release|boot|provision)[^/]*\.sh$/i
const NOT_DEPLOY_WORD = /^(test|tests|testing|dev|develop|development|local|ci|debug)$/i
const deployScriptName = (path: string): boolean => DEPLOY_SCRIPT.test(path) && !basename(path).split(/[._-]+/).some((w) => NOT_DEPLOY_WORD.test(w))
const MODULE_VARIANT = /\.py\.[^/.]+$/

const VERBS: Record<MoveKind, string> = { copy: 'copies', move: 'moves', link: 'links', render: 'renders', mount: 'mounts' }

/** "Dockerfile line 7 copies mysite/settings.py.prod over mysite/settings.py", for messages. */
export function describePlacement(p: Placement, tracked: boolean): string {
  const how = p.kind === 'render' ? 'into' : p.kind === 'link' || p.kind === 'mount' ? 'as' : tracked ? 'over' : 'to'
  return `${p.path} line ${p.line} ${VERBS[p.kind]} ${p.source} ${how} ${p.destination}`
}

/** Whether a deploy file's placements describe production (not a development image or script). */
const productionFile = (path: string): boolean => classifyFile(path).kind === 'production'

class PlacementFinder {
  readonly found: Placement[] = []
  private readonly scriptsRead = new Set<string>()

  constructor(private readonly files: PlacementFiles) {}

  /** Records a placement when a file lands at a Python module's path (see the file comment). */
  add(source: string | undefined, destination: string | undefined, where: { path: string; line: number; kind: MoveKind }): void {
    if (source === undefined || destination === undefined || !destination.endsWith('.py')) return
    // a module linked or copied over another the repository tracks is left alone; one put where the repository has none (a git-ignored local.py) is that module
    if (source.endsWith('.py') && this.files.paths.has(destination)) return
    if (!this.files.paths.has(source) || this.found.some((p) => p.source === source && p.destination === destination)) return
    this.found.push({ source, destination, ...where })
  }

  /** The repository path a destination means when the image layout does not say (see the file comment). */
  fallback(source: string, image: string): string | undefined {
    const sibling = `${dirname(source) ? `${dirname(source)}/` : ''}${basename(image)}`
    return this.files.paths.has(sibling) || MODULE_VARIANT.test(source) ? sibling : undefined
  }

  dockerfile(d: Deployment & { steps: ImageStep[] }): void {
    const layout = new ImageLayout(buildContext(d.path, d.steps, this.files.paths), this.files.paths)
    for (const step of d.steps) {
      if (step.copy) {
        for (const { source, image, laidOut } of layout.record({ ...step, copy: step.copy })) this.add(source, laidOut ?? this.fallback(source, image), { path: d.path, line: step.line, kind: 'copy' })
        continue
      }
      if (step.command === undefined) continue
      const inImage = (written: string): string | undefined => {
        if (written.includes('${')) return undefined
        const image = imagePath(step.workdir, written)
        return layout.toRepo(image) ?? (written.startsWith('/') ? undefined : contextPath(layout.context, written))
      }
      for (const move of fileMoves(step.command)) this.move(move, inImage, step.workdir, d.path, step.line)
      for (const script of this.scriptsNamed(step.command, inImage)) this.script(script, inImage, step.workdir)
    }
  }

  /** A move of a command or script: `resolve` takes a path as written to the repository file it means. */
  move(m: FileMove, resolve: (written: string) => string | undefined, workdir: string | undefined, path: string, line: number): void {
    const source = resolve(m.from)
    if (source === undefined) return
    const written = m.intoFolder ? `${m.to.replace(/\/+$/, '')}/${basename(m.from)}` : m.to
    const destination = resolve(written) ?? (workdir !== undefined && !written.includes('${') ? this.fallback(source, imagePath(workdir, written)) : this.fallback(source, written))
    this.add(source, destination, { path, line, kind: m.kind })
  }

  /** Repository shell scripts a command runs (`./entrypoint.sh`, `sh /app/deploy.sh`). */
  scriptsNamed(command: string, resolve: (written: string) => string | undefined): string[] {
    let words: string[]
    try {
      words = parse(command, (v) => `\${${v}}`).filter((w): w is string => typeof w === 'string')
    } catch {
      return []
    }
    return words.flatMap((w) => {
      const p = resolve(w)
      return p !== undefined && this.files.paths.has(p) && (p.endsWith('.sh') || /entrypoint|deploy|start/i.test(basename(p))) ? [p] : []
    })
  }

  /** A script's moves; `resolve`: how the process that runs it sees paths (its image), if any. */
  script(path: string, resolve: ((written: string) => string | undefined) | undefined, workdir: string | undefined): void {
    if (this.scriptsRead.has(path) || !productionFile(path)) return
    const text = this.files.read(path)
    if (text === undefined) return
    this.scriptsRead.add(path)
    // a path the image does not lay out is read from the script's folder, then the repository root
    const existing = (p: string | undefined): string | undefined => (p !== undefined && this.files.paths.has(p) ? p : undefined)
    const local = (written: string): string | undefined => {
      if (written.includes('${')) return undefined
      if (written.startsWith('/')) return resolve ? resolve(written) : repoFileNamed(written, '', this.files.paths)
      const near = normalizePath(`${dirname(path)}/${written}`)
      return resolve?.(written) ?? existing(near) ?? existing(normalizePath(written)) ?? (MODULE_VARIANT.test(basename(written)) || written.endsWith('.py') ? near : undefined)
    }
    for (const m of fileMoves(text)) this.move(m, local, resolve ? workdir : undefined, path, m.line)
  }
}

/**
 * The repository file a path written in a container's command means, when no image layout says:
 * relative to the deploy file's folder or the root, or, for an absolute path, its longest tail the
 * repository holds (`/app/docker/start.sh` → docker/start.sh, the checkout copied or mounted at /app).
 */
function repoFileNamed(written: string, near: string, paths: ReadonlySet<string>): string | undefined {
  if (written.includes('${')) return undefined
  if (!written.startsWith('/')) return [normalizePath(`${near}/${written}`), normalizePath(written)].find((p) => p !== undefined && paths.has(p))
  const parts = written.split('/').filter(Boolean)
  for (let i = 0; i < parts.length; i++) if (paths.has(parts.slice(i).join('/'))) return parts.slice(i).join('/')
  return undefined
}

/**
 * The repository path a container path of a mounted file means: its longest tail whose folder the
 * repository holds (`/opt/netbox/netbox/netbox/configuration.py` → netbox/netbox/configuration.py,
 * the checkout being at /opt/netbox in the image), or none.
 */
function mountedAt(target: string, folders: ReadonlySet<string>): string | undefined {
  const parts = target.split('/').filter(Boolean)
  for (let i = 0; i < parts.length - 1; i++) if (folders.has(parts.slice(i, -1).join('/'))) return parts.slice(i).join('/')
  return undefined
}

/** Every folder that holds a file of the repository. */
function foldersOf(paths: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>()
  for (const p of paths) for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) folders.add(p.slice(0, i))
  return folders
}

/** Every placement the repository's production deploy files make: Dockerfiles, the scripts production compose services run, then deploy scripts found by name. */
export function findPlacements(files: PlacementFiles, deployments: Deployment[]): Placement[] {
  const finder = new PlacementFinder(files)
  for (const d of deployments) if (d.steps && d.role !== 'development' && productionFile(d.path)) finder.dockerfile({ ...d, steps: d.steps })
  for (const d of deployments) {
    if (d.command === undefined || !(isProductionRole(d.role) || d.role === 'release') || !productionFile(d.path)) continue
    for (const script of finder.scriptsNamed(d.command, (w) => repoFileNamed(w, dirname(d.path), files.paths))) finder.script(script, undefined, undefined)
  }
  // the repository's folders are listed once, and only when a production service mounts a file
  let folders: Set<string> | undefined
  for (const d of deployments) {
    if (!d.mounts || !isProductionRole(d.role) || !productionFile(d.path)) continue
    folders ??= foldersOf(files.paths)
    for (const m of d.mounts) finder.add(m.source, mountedAt(m.target, folders), { path: d.path, line: m.line, kind: 'mount' })
  }
  for (const path of files.paths) if (deployScriptName(path)) finder.script(path, undefined, undefined)
  return finder.found
}

/** Whether any production deploy step of the tree puts a file in place of a module (a scan with no Python settings candidates still loads the parser for it). */
export const placesModules = (files: PlacementFiles): boolean => findPlacements(files, findDeployments(files)).length > 0
