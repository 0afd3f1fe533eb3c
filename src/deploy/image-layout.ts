// Where a Dockerfile's COPY and ADD put the repository in the image, so that a path inside the image
// (`/app/mysite/settings.py`) can be taken back to the repository file it holds (`mysite/settings.py`).
// A folder copied (`COPY . /app`, `COPY src/ /srv/`) maps every path under it; a file copied maps
// itself. Later steps are not replayed: a COPY that overwrites an earlier one is not noticed.
import { normalizePath } from '../files/paths.js'
import { imagePath } from './dockerfile.js'
import type { ImageStep } from './types.js'

const join = (dir: string, rest: string): string => (dir ? `${dir}/${rest}` : rest)
export const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
export const dirname = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), 0))

/** A repository path for a build-context path as written, or undefined when it leaves the context or names a pattern. */
export function contextPath(context: string, written: string): string | undefined {
  if (/[*?[]/.test(written) || written.includes('${')) return undefined
  return normalizePath(join(context, written))
}

export class ImageLayout {
  /** Folders copied: image folder → repository folder ('' for the root). */
  private readonly folders: { image: string; repo: string }[] = []
  /** Files copied one by one: image path → repository path. */
  private readonly copied = new Map<string, string>()
  private folderSet?: Set<string>

  /**
   * `context`: the build context's folder in the repository; `paths`: the repository's files.
   */
  constructor(
    readonly context: string,
    private readonly paths: ReadonlySet<string>
  ) {}

  /** Whether the repository holds a folder at `path` ('' is the root). */
  isFolder(path: string): boolean {
    this.folderSet ??= new Set([...this.paths].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
    return path === '' || this.folderSet.has(path)
  }

  /**
   * Records a COPY or ADD; returns each repository file it copies with the image path it lands at,
   * and the repository path that image path holds as the folders copied so far lay it out.
   */
  record(step: ImageStep & { copy: NonNullable<ImageStep['copy']> }): { source: string; image: string; laidOut?: string }[] {
    const destination = imagePath(step.workdir, step.copy.destination)
    const intoFolder = step.copy.destination.endsWith('/') || step.copy.sources.length > 1
    const files: { source: string; image: string; laidOut?: string }[] = []
    for (const written of step.copy.sources) {
      const source = contextPath(this.context, written)
      if (source === undefined) continue
      // a folder's contents go into the destination, whatever its trailing slash
      if (this.isFolder(source)) this.folders.push({ image: destination, repo: source })
      else if (this.paths.has(source)) {
        const image = intoFolder ? imagePath(destination, basename(source)) : destination
        files.push({ source, image, laidOut: this.throughFolders(image) })
        this.copied.set(image, source)
      }
    }
    return files
  }

  /** The repository path an image path holds, as the recorded copies lay the repository out; undefined when none reaches it. */
  toRepo(image: string): string | undefined {
    return this.copied.get(image) ?? this.throughFolders(image)
  }

  private throughFolders(image: string): string | undefined {
    let best: { image: string; repo: string } | undefined
    for (const f of this.folders) {
      const inside = f.image === '/' || image === f.image || image.startsWith(`${f.image}/`)
      if (inside && (!best || f.image.length > best.image.length)) best = f
    }
    if (!best) return undefined
    const rest = best.image === '/' ? image.slice(1) : image.slice(best.image.length + 1)
    return normalizePath(join(best.repo, rest))
  }
}

/** The build context of a Dockerfile: its own folder when its COPY sources are found there, else the repository root. */
export function buildContext(dockerfile: string, steps: ImageStep[], paths: ReadonlySet<string>): string {
  const folder = dirname(dockerfile)
  if (!folder) return ''
  const layout = new ImageLayout(folder, paths)
  const named = steps.flatMap((s) => s.copy?.sources ?? []).filter((w) => w !== '.' && w !== './')
  return named.some((w) => {
    const p = contextPath(folder, w)
    return p !== undefined && (paths.has(p) || layout.isFolder(p))
  })
    ? folder
    : ''
}
