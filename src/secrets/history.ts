// Secrets in git history: reads a `git log -p` stream line by line, runs the detector on added lines
// only, and keeps each secret once, with the first commit that added it. Pure: the caller feeds git's output.
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

const NEWLINE = 10
const CR = 13
const PLUS = 43

/**
 * Consumes `git log -p --reverse -U0 -M --format=LOG_FORMAT` output as the bytes git writes, split
 * into lines on \n only (git numbers lines that way, and a lone \r, old Mac files, is content; a
 * \r before the \n is not). Added lines stay bytes: the detector decodes only the lines that hold a
 * trigger word, and only header lines (commit, diff, rename, +++, @@) are decoded here.
 */
export class HistoryScanner {
  private commit: Omit<Sighting, 'path' | 'line'> | undefined
  private path: string | undefined
  private newLine = 0
  private readonly renames = new Map<string, string>()
  private readonly secrets = new Map<string, HistorySecret>()
  private pendingRenameFrom: string | undefined
  /** The added lines seen since the last line that was not one (joined by \n), how many, and the line number of the first. */
  private block = Buffer.allocUnsafeSlow(1 << 16)
  private blockBytes = 0
  private blockLines = 0
  private blockStart = 0
  /** The start of a line the last chunk did not finish. */
  private unfinished: Buffer[] = []
  /** Past a file's first `@@`: every `+` line is content, even one that reads `+++ …`. */
  private inHunk = false
  commits = 0
  addedLines = 0

  /** The next chunk of git's output. */
  push(chunk: Buffer): void {
    let start = 0
    if (this.unfinished.length) {
      const nl = chunk.indexOf(NEWLINE)
      if (nl < 0) {
        this.unfinished.push(chunk)
        return
      }
      const line = Buffer.concat([...this.unfinished, chunk.subarray(0, nl)])
      this.unfinished = []
      this.line(line, 0, line.length)
      start = nl + 1
    }
    for (let nl = chunk.indexOf(NEWLINE, start); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      this.line(chunk, start, nl)
      start = nl + 1
    }
    if (start < chunk.length) this.unfinished.push(chunk.subarray(start))
  }

  /** The end of git's output: a last line without a newline. */
  end(): void {
    if (!this.unfinished.length) return
    const line = Buffer.concat(this.unfinished)
    this.unfinished = []
    this.line(line, 0, line.length)
  }

  /** One line of output, bytes [start, end) of `bytes` without its \n. */
  private line(bytes: Buffer, start: number, end: number): void {
    if (end > start && bytes[end - 1] === CR) end--
    if (this.inHunk && bytes[start] === PLUS) {
      if (!this.path) return
      this.addToBlock(bytes, start + 1, end)
      this.addedLines++
      this.newLine++
      // a huge added file is scanned in pieces (a construct cut at the boundary is read as two halves)
      if (this.blockLines >= MAX_BLOCK_LINES) this.flush()
      return
    }
    this.flush()
    // only these lines say anything: a commit marker (NUL), diff, rename, +++ and @@ headers
    const first = bytes[start]
    if (first === 0 || first === 0x64 /* d */ || first === 0x72 /* r */ || first === PLUS || first === 0x40 /* @ */) this.header(bytes.toString('utf8', start, end))
  }

  private addToBlock(bytes: Buffer, start: number, end: number): void {
    if (!this.blockLines) this.blockStart = this.newLine
    const needed = this.blockBytes + (end - start) + 1
    if (needed > this.block.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.block.length * 2))
      this.block.copy(grown, 0, 0, this.blockBytes)
      this.block = grown
    }
    if (this.blockLines) this.block[this.blockBytes++] = NEWLINE
    this.blockBytes += bytes.copy(this.block, this.blockBytes, start, end)
    this.blockLines++
  }

  private header(text: string): void {
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
    }
  }

  /** Scans the pending added lines as one piece of the file; hits are placed at their lines in the file. */
  private flush(): void {
    if (!this.blockLines) return
    const bytes = this.block.subarray(0, this.blockBytes)
    const at = (n: number): number => this.blockStart + n - 1
    this.blockBytes = this.blockLines = 0
    // the detector is done with the bytes when it returns (its hits hold strings): the buffer is reused
    for (const hit of detectSecrets(this.path as string, bytes)) {
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
