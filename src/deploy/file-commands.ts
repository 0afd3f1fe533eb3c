// Shell commands that put one file in place of another: `cp a b`, `mv a b`, `ln -s a b`, and
// templates rendered by redirection (`envsubst < settings.tpl > settings.py`, `j2 a.j2 > b`,
// `cat a | envsubst > b`). Read as words with shell-quote, never run; paths stay as written
// (relative to whatever folder the command runs in), `$VARS` as `${VARS}`.
import { parse, type ParseEntry } from 'shell-quote'

export type MoveKind = 'copy' | 'move' | 'link' | 'render' | 'mount'

export interface FileMove {
  from: string
  /** The destination as written: a file, or a folder the file goes into (see `intoFolder`). */
  to: string
  kind: MoveKind
  /** The destination names a folder (`cp a dir/`, or several sources): the file keeps its name there. */
  intoFolder: boolean
  /** 1-based line of the command in the text. */
  line: number
}

const MAX_TEXT = 200_000
const SEPARATORS = new Set(['&&', '||', ';', '&', ';;', '(', ')'])
const RENDERERS = new Set(['envsubst', 'cat', 'sed', 'j2', 'jinja2', 'envtpl', 'tee'])
const PREFIXES = new Set(['sudo', 'exec', 'command', 'nohup', 'time', 'env'])
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/
/** Options of cp, mv and install that take the next word as their value. */
const VALUED = new Set(['-m', '-o', '-g', '-t', '-S', '--mode', '--owner', '--group', '--target-directory', '--suffix'])

type Segment = ParseEntry[]

const isWord = (e: ParseEntry | undefined): e is string => typeof e === 'string'
const opOf = (e: ParseEntry | undefined): string | undefined => (e && typeof e === 'object' && 'op' in e ? e.op : undefined)
const name = (word: string): string => word.slice(word.lastIndexOf('/') + 1)

/** The program and its plain arguments (flags and redirections apart), and the redirection targets. */
function split(segment: Segment): { program: string; args: string[]; flags: string[]; folder?: string; input?: string; output?: string } {
  const words: string[] = []
  let input: string | undefined
  let output: string | undefined
  for (let i = 0; i < segment.length; i++) {
    const e = segment[i]
    const op = opOf(e)
    if (op === '<' || op === '>' || op === '>>' || op === '>|') {
      const target = segment[++i]
      if (isWord(target)) {
        if (op === '<') input = target
        else output = target
      }
    } else if (op === '>&' || op === '<&') i++
    else if (isWord(e) && !(/^\d$/.test(e) && opOf(segment[i + 1])?.startsWith('>'))) words.push(e)
  }
  let at = 0
  while (at < words.length && (ASSIGNMENT.test(words[at]) || PREFIXES.has(words[at]))) at++
  const args: string[] = []
  const flags: string[] = []
  let folder: string | undefined
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]
    if (!w.startsWith('-')) args.push(w)
    else if (VALUED.has(w)) {
      // `cp -t DIR a b`: every argument goes into DIR
      if (w === '-t' || w === '--target-directory') folder = words[i + 1]
      i++
    } else flags.push(w)
  }
  return { program: name(words[at] ?? ''), args, flags, folder, input, output }
}

/** The moves of one pipeline (`cat a | envsubst > b` is one render). */
function pipelineMoves(pipeline: Segment[], line: number): FileMove[] {
  const parts = pipeline.map(split)
  const first = parts[0]
  const last = parts[parts.length - 1]
  if (parts.length === 1 && (first.program === 'cp' || first.program === 'mv' || first.program === 'install')) {
    if (first.args.length < (first.folder ? 1 : 2)) return []
    const to = first.folder ?? first.args[first.args.length - 1]
    const sources = first.folder ? first.args : first.args.slice(0, -1)
    const intoFolder = first.folder !== undefined || sources.length > 1 || to.endsWith('/')
    return sources.map((from) => ({ from, to, kind: first.program === 'mv' ? 'move' : 'copy', intoFolder, line }))
  }
  if (parts.length === 1 && first.program === 'ln' && first.flags.some((f) => /^-[a-zA-Z]*s/.test(f) || f === '--symbolic')) {
    if (first.args.length !== 2) return []
    return [{ from: first.args[0], to: first.args[1], kind: 'link', intoFolder: first.args[1].endsWith('/'), line }]
  }
  const renders = parts.some((p) => RENDERERS.has(p.program))
  const to = last.output ?? (last.program === 'tee' ? last.args[0] : undefined)
  if (!renders || !to) return []
  const from = first.input ?? (first.program !== 'envsubst' ? first.args[first.args.length - 1] : undefined)
  return from && from !== to ? [{ from, to, kind: 'render', intoFolder: false, line }] : []
}

/** Every file move a shell text makes, in order (a script, or one RUN or CMD). */
export function fileMoves(text: string): FileMove[] {
  const out: FileMove[] = []
  const lines = text.slice(0, MAX_TEXT).split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1
    let command = lines[i]
    // a continued line (`\` at the end) is one command with the lines after it
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)} ${lines[++i]}`
    if (!command.trim() || command.trimStart().startsWith('#')) continue
    let entries: ParseEntry[]
    try {
      entries = parse(command, (v) => `\${${v}}`)
    } catch {
      continue
    }
    let pipeline: Segment[] = [[]]
    const flush = (): void => {
      if (pipeline.some((s) => s.length)) out.push(...pipelineMoves(pipeline.filter((s) => s.length), line))
      pipeline = [[]]
    }
    for (const e of entries) {
      const op = opOf(e)
      if (op === '|') pipeline.push([])
      else if (op !== undefined && SEPARATORS.has(op)) flush()
      else if (e && typeof e === 'object' && 'comment' in e) break
      else pipeline[pipeline.length - 1].push(e)
    }
    flush()
  }
  return out
}
