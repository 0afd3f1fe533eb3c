// Reading a file without trusting it: never through a symbolic link that leads out of the tree,
// never from a device, FIFO or socket (opened without blocking, then checked with fstat, so a file
// swapped for one after listing is caught too), never past a size limit.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'

export type FileRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'large'; size: number }
  /** Not read, and why (for the coverage notes). */
  | { kind: 'refused'; why: string }

// O_NOFOLLOW: a symbolic link as the last component fails to open instead of being followed.
// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0)

const NOT_REGULAR = 'not a regular file (a directory, device, FIFO or socket)'

function readRegular(file: string | Buffer, max: number, into?: Buffer): FileRead | { kind: 'link' } {
  let fd: number
  try {
    fd = openSync(file, FLAGS)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') return { kind: 'link' }
    return { kind: 'refused', why: code === 'ENXIO' ? NOT_REGULAR : `cannot be read (${code ?? (e as Error).message})` }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { kind: 'refused', why: NOT_REGULAR }
    if (stat.size > max) return { kind: 'large', size: stat.size }
    const buffer = into && into.length >= stat.size ? into : Buffer.allocUnsafe(stat.size)
    let n = 0
    while (n < stat.size) {
      const got = readSync(fd, buffer, n, stat.size - n, n)
      if (got === 0) break
      n += got
    }
    return { kind: 'bytes', bytes: buffer.subarray(0, n) }
  } catch (e) {
    return { kind: 'refused', why: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a regular file of at most `max` bytes. A symbolic link is followed only when its target is
 * inside `root` (any target when `root` is undefined: a file the user named). `into`: a buffer to
 * reuse when it is large enough (the bytes returned are then a view of it).
 */
export function readFileSafely(file: string | Buffer, root: string | undefined, max: number, into?: Buffer): FileRead {
  const first = readRegular(file, max, into)
  if (first.kind !== 'link') return first
  let real: Buffer
  try {
    real = realpathSync.native(file, { encoding: 'buffer' })
  } catch {
    return { kind: 'refused', why: 'a symbolic link to nothing' }
  }
  if (root !== undefined) {
    const top = Buffer.concat([realpathSync.native(root, { encoding: 'buffer' }), Buffer.from('/')])
    if (!real.subarray(0, top.length).equals(top)) return { kind: 'refused', why: 'a symbolic link out of the tree' }
  }
  const target = readRegular(real, max, into)
  return target.kind === 'link' ? { kind: 'refused', why: 'a symbolic link that changed while it was read' } : target
}
