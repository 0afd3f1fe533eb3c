// Secrets in git history: reads a `git log -p` stream line by line, runs the detector on added lines
// only, and keeps each secret once, with the first commit that added it. Pure: the caller feeds lines.
//
// The added lines of a hunk are contiguous (the stream has no context lines) and are scanned
// together, as one piece of a file: a value on the line after its name (`SECRET_KEY = env(` …
// `default="…"`), a list under a secret name, a Kubernetes `name:`/`value:` pair or a private key
// header with its body below are found as in a whole file, and a header followed by `...` is not.
import { parseHunkHeader, patchHeaderPath, unquote } from '../diff/hunks.js'
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

/** Added lines scanned together at most: bounds the memory a huge added file takes. */
const MAX_BLOCK_LINES = 20_000

/** Consumes `git log -p --reverse -U0 -M --format=LOG_FORMAT` output one line at a time. */
export class HistoryScanner {
  private commit: Omit<Sighting, 'path' | 'line'> | undefined
  private path: string | undefined
  private newLine = 0
  private readonly renames = new Map<string, string>()
  private readonly secrets = new Map<string, HistorySecret>()
  private pendingRenameFrom: string | undefined
  /** The added lines seen since the last line that was not one, and the line number of the first. */
  private block: string[] = []
  private blockStart = 0
  /** Past a file's first `@@`: every `+` line is content, even one that reads `+++ …`. */
  private inHunk = false
  commits = 0
  addedLines = 0

  line(text: string): void {
    if (this.inHunk && text.startsWith('+')) {
      if (!this.path) return
      if (!this.block.length) this.blockStart = this.newLine
      this.block.push(text.slice(1))
      this.addedLines++
      this.newLine++
      // a huge added file is scanned in pieces (a construct cut at the boundary is read as two halves)
      if (this.block.length >= MAX_BLOCK_LINES) this.flush()
      return
    }
    this.flush()
    if (text.startsWith('\0commit ')) {
      const [, sha, date, ...author] = text.slice(1).split(' ')
      this.commit = { commit: sha, date, author: author.join(' ') }
      this.path = undefined
      this.inHunk = false
      this.commits++
      return
    }
    if (!this.commit) return
    if (text.startsWith('diff --git ')) {
      this.path = undefined
      this.inHunk = false
      return
    }
    if (text.startsWith('rename from ')) {
      this.pendingRenameFrom = unquote(text.slice('rename from '.length))
      return
    }
    if (text.startsWith('rename to ')) {
      if (this.pendingRenameFrom) this.renames.set(this.pendingRenameFrom, unquote(text.slice('rename to '.length)))
      this.pendingRenameFrom = undefined
      return
    }
    if (text.startsWith('+++ ')) {
      this.path = patchHeaderPath(text.slice(4), 'b/')
      if (this.path && !isSecretsCandidate(this.path)) this.path = undefined
      return
    }
    if (text.startsWith('@@')) {
      const h = parseHunkHeader(text)
      this.newLine = h ? h.newStart : 0
      this.inHunk = true
      return
    }
  }

  /** Scans the pending added lines as one text; hits are placed at their lines in the file. */
  private flush(): void {
    if (!this.block.length) return
    const text = this.block.join('\n')
    const at = (n: number): number => this.blockStart + n - 1
    this.block = []
    for (const hit of detectSecrets(this.path as string, text)) {
      const placed: SecretHit = { ...hit, line: at(hit.line), spans: hit.spans.map((s) => ({ ...s, line: at(s.line) })), ...(hit.keyLine !== undefined ? { keyLine: at(hit.keyLine) } : {}) }
      // like the file rule: a value on a line after its name is located at the name
      this.record(placed, placed.keyLine ?? placed.line)
    }
  }

  private record(hit: SecretHit, lineNo: number): void {
    const path = this.path as string
    const id = hit.distinct ?? hit.value
    const seen = this.secrets.get(id)
    if (seen) {
      seen.occurrences++
      seen.paths.add(path)
      return
    }
    this.secrets.set(id, { hit, first: { ...(this.commit as Omit<Sighting, 'path' | 'line'>), path, line: lineNo }, paths: new Set([path]), occurrences: 1 })
  }

  /** The secrets found, with each path followed through later renames. Call after the last line. */
  results(): HistorySecret[] {
    this.flush()
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
