// One long-lived `git cat-file --batch` that reads blobs by object id: a request line is an id (40
// or 64 hex digits), never `rev:path`, so no file name (a newline in it included) can put the
// protocol out of step. A blob over the caller's limit is streamed past without being kept; a
// missing or corrupt object is answered with why, and when git dies on one (a truncated object)
// the process is started again for the requests after it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'

export type Blob =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'large'; size: number }
  /** git cannot produce it: absent (partial clone, shallow fetch) or corrupt. */
  | { kind: 'unreadable'; why: string }

interface Request {
  oid: string
  max: number
  resolve: (b: Blob) => void
  reject: (e: Error) => void
}

const OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/

export class CatFile {
  private proc!: ChildProcessWithoutNullStreams
  private readonly queue: Request[] = []
  /** Bytes not yet parsed (a header in pieces); body bytes go to `body` instead. */
  private pending: Buffer = Buffer.alloc(0)
  /** The blob being received: its size, the chunks kept (none when over the limit), the bytes still to come. */
  private body: { size: number; chunks: Buffer[]; left: number } | undefined
  private stderr = ''
  private closed = false
  private fatal: Error | undefined

  constructor(private readonly repo: string) {
    this.start()
  }

  private start(): void {
    const proc = spawn('git', ['cat-file', '--batch'], { cwd: this.repo, stdio: ['pipe', 'pipe', 'pipe'] })
    this.proc = proc
    this.pending = Buffer.alloc(0)
    this.body = undefined
    this.stderr = ''
    proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk))
    proc.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)))
    proc.stdin.on('error', () => undefined) // a dead process: handled on close
    proc.on('error', (e) => this.fail(e))
    proc.on('close', () => this.died(proc))
  }

  private fail(e: Error): void {
    this.fatal ??= e
    for (const q of this.queue.splice(0)) q.reject(e)
  }

  /** git exited: the request it was answering is unreadable; the others go to a new process. */
  private died(proc: ChildProcessWithoutNullStreams): void {
    if (proc !== this.proc || this.closed || this.fatal) return
    const current = this.queue.shift()
    if (!current) return
    const why = this.stderr.trim().split('\n').pop() || 'git cat-file stopped'
    current.resolve({ kind: 'unreadable', why: why.replace(/^fatal: /, '') })
    this.start()
    if (this.queue.length) this.proc.stdin.write(this.queue.map((q) => `${q.oid}\n`).join(''))
  }

  private receive(chunk: Buffer): void {
    let data = chunk
    while (data.length && this.queue.length) {
      if (this.body) {
        const take = Math.min(this.body.left, data.length)
        if (this.queue[0].max >= this.body.size) this.body.chunks.push(data.subarray(0, take))
        this.body.left -= take
        data = data.subarray(take)
        if (this.body.left > 0) return
        const { size, chunks } = this.body
        this.body = undefined
        const q = this.queue.shift() as Request
        // the body is followed by one LF, counted in `left`
        q.resolve(q.max >= size ? { kind: 'bytes', bytes: Buffer.concat(chunks).subarray(0, size) } : { kind: 'large', size })
        continue
      }
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data
      const nl = this.pending.indexOf(10)
      if (nl < 0) return
      const header = this.pending.subarray(0, nl).toString('latin1')
      data = this.pending.subarray(nl + 1)
      this.pending = Buffer.alloc(0)
      const [, type, sizeText] = header.split(' ')
      if (type === 'missing' || type === 'ambiguous' || sizeText === undefined) {
        ;(this.queue.shift() as Request).resolve({ kind: 'unreadable', why: `object ${header.split(' ')[0]} is ${type ?? 'unreadable'}` })
        continue
      }
      const size = Number(sizeText)
      this.body = { size, chunks: [], left: size + 1 }
    }
  }

  /** Reads blobs by object id; a blob over `max` bytes is reported by its size only. */
  read(oids: string[], max = Number.MAX_SAFE_INTEGER): Promise<Blob[]> {
    if (this.fatal) return Promise.reject(this.fatal)
    const answers = oids.map((oid) =>
      OID.test(oid)
        ? new Promise<Blob>((resolve, reject) => this.queue.push({ oid, max, resolve, reject }))
        : Promise.resolve<Blob>({ kind: 'unreadable', why: `not an object id: ${oid}` })
    )
    const lines = oids.filter((oid) => OID.test(oid)).map((oid) => `${oid}\n`)
    if (lines.length) this.proc.stdin.write(lines.join(''))
    return Promise.all(answers)
  }

  close(): void {
    this.closed = true
    this.proc.stdin.end()
  }
}
