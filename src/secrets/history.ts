// Secrets in git history: reads a `git log -p` stream line by line, runs the detector on added lines
// only, and keeps each secret once, with the first commit that added it. Pure: the caller feeds lines.
import { parseHunkHeader, unquote } from '../diff.js'
import { detectSecrets, isSecretsCandidate, type SecretHit } from './detect.js'

/** The `--format` the stream must be produced with: a marker line per commit. */
export const LOG_FORMAT = '%x00commit %H %aI %an'

export interface Sighting {
  commit: string
  date: string
  author: string
  path: string
  line: number
}

export interface HistorySecret {
  hit: SecretHit
  /** The first commit (oldest in the stream) that added it. */
  first: Sighting
  /** Every path it was added to, as that path is named at the end of the history (renames followed). */
  paths: Set<string>
  occurrences: number
}

/** Consumes `git log -p --reverse -U0 -M --format=LOG_FORMAT` output one line at a time. */
export class HistoryScanner {
  private commit: Omit<Sighting, 'path' | 'line'> | undefined
  private path: string | undefined
  private newLine = 0
  private readonly renames = new Map<string, string>()
  private readonly secrets = new Map<string, HistorySecret>()
  private pendingRenameFrom: string | undefined
  commits = 0
  addedLines = 0

  line(text: string): void {
    if (text.startsWith('\0commit ')) {
      const [, sha, date, ...author] = text.slice(1).split(' ')
      this.commit = { commit: sha, date, author: author.join(' ') }
      this.path = undefined
      this.commits++
      return
    }
    if (!this.commit) return
    if (text.startsWith('diff --git ')) {
      this.path = undefined
      return
    }
    if (text.startsWith('rename from ')) {
      this.pendingRenameFrom = text.slice('rename from '.length)
      return
    }
    if (text.startsWith('rename to ')) {
      if (this.pendingRenameFrom) this.renames.set(this.pendingRenameFrom, text.slice('rename to '.length))
      this.pendingRenameFrom = undefined
      return
    }
    if (text.startsWith('+++ ')) {
      const p = text.slice(4)
      this.path = p === '/dev/null' ? undefined : unquote(p).replace(/^b\//, '')
      if (this.path && !isSecretsCandidate(this.path)) this.path = undefined
      return
    }
    if (text.startsWith('@@')) {
      const h = parseHunkHeader(text)
      this.newLine = h ? h.newStart : 0
      return
    }
    if (text.startsWith('+') && this.path) {
      this.addedLines++
      const lineNo = this.newLine++
      for (const hit of detectSecrets(this.path, text.slice(1))) this.record({ ...hit, line: lineNo }, lineNo)
    }
  }

  private record(hit: SecretHit, lineNo: number): void {
    const path = this.path as string
    const seen = this.secrets.get(hit.value)
    if (seen) {
      seen.occurrences++
      seen.paths.add(path)
      return
    }
    this.secrets.set(hit.value, { hit, first: { ...(this.commit as Omit<Sighting, 'path' | 'line'>), path, line: lineNo }, paths: new Set([path]), occurrences: 1 })
  }

  /** The secrets found, with each path followed through later renames. */
  results(): HistorySecret[] {
    const finalName = (p: string): string => {
      const seen = new Set<string>()
      while (this.renames.has(p) && !seen.has(p)) {
        seen.add(p)
        p = this.renames.get(p) as string
      }
      return p
    }
    return [...this.secrets.values()].map((s) => ({ ...s, paths: new Set([...s.paths].map(finalName)) }))
  }
}
