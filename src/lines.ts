// The lines of a file: where each starts, found once per file, so reading any line is one slice
// (walking from the file's start for every finding made many findings in one file quadratic).
import type { FileSet } from './settings/modules.js'

/** Line starts of a text; `line(n)` reads line n the way splitting on /\r?\n/ would. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(readonly text: string) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1)
  }

  get count(): number {
    return this.starts.length
  }

  /** Line `n` (1-based) without its line break (`\n` or `\r\n`), or undefined past the end. */
  line(n: number): string | undefined {
    if (!Number.isInteger(n) || n < 1 || n > this.starts.length) return undefined
    const start = this.starts[n - 1]
    if (n === this.starts.length) return this.text.slice(start)
    const end = this.starts[n] - 1
    return this.text.slice(start, end > start && this.text[end - 1] === '\r' ? end - 1 : end)
  }
}

const indexes = new WeakMap<FileSet, Map<string, LineIndex | undefined>>()

/** The line index of one file of a file set, built the first time it is asked for. */
export function linesOf(files: FileSet, path: string): LineIndex | undefined {
  let byPath = indexes.get(files)
  if (!byPath) indexes.set(files, (byPath = new Map<string, LineIndex | undefined>()))
  if (!byPath.has(path)) {
    const text = files.read(path)
    byPath.set(path, text === undefined ? undefined : new LineIndex(text))
  }
  return byPath.get(path)
}
