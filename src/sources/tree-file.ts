// One file of a working tree, read for a scan: the size limit, the binary check, the secrets
// detector run on the bytes (it decodes only the lines it looks at), and the text itself only when
// the settings analysis will read it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { detectSecrets, type SecretHit } from '../secrets/detect.js'
import { MAX_FILE_BYTES, isBinary } from './limits.js'

export type TreeFile =
  | { kind: 'text'; secrets: SecretHit[]; text?: string }
  | { kind: 'binary' }
  | { kind: 'large'; size: number }

/** One buffer per thread, reused for every file: allocating 40 MB of buffers for a big tree costs more than reading it. */
let buffer: Buffer | undefined

export function readTreeFile(root: string, path: string, keepText: boolean): TreeFile {
  const fd = openSync(join(root, path), 'r')
  try {
    const size = fstatSync(fd).size
    if (size > MAX_FILE_BYTES) return { kind: 'large', size }
    buffer ??= Buffer.allocUnsafeSlow(MAX_FILE_BYTES)
    let n = 0
    while (n < size) {
      const got = readSync(fd, buffer, n, size - n, n)
      if (got === 0) break
      n += got
    }
    const bytes = buffer.subarray(0, n)
    if (isBinary(bytes)) return { kind: 'binary' }
    return { kind: 'text', secrets: detectSecrets(path, bytes), ...(keepText ? { text: bytes.toString('utf8') } : {}) }
  } finally {
    closeSync(fd)
  }
}
