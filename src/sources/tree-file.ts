// One file of a working tree, read for a scan: read safely (see read-file.ts), the size limit, the
// binary check, the secrets detector run on the bytes (it decodes only the lines it looks at), and
// the text itself only when the settings analysis will read it.
import { detectSecrets, type SecretHit } from '../secrets/detect.js'
import { SUPPRESSION_MARKER } from '../suppression-marker.js'
import { MAX_FILE_BYTES, isBinary } from './limits.js'
import { readFileSafely } from './read-file.js'

export type TreeFile =
  /** `suppressing`: the file holds the suppression marker. */
  | { kind: 'text'; secrets: SecretHit[]; suppressing: boolean; text?: string }
  | { kind: 'binary' }
  | { kind: 'large'; size: number }
  | { kind: 'refused'; why: string }

/** One buffer per thread, reused for every file: allocating 40 MB of buffers for a big tree costs more than reading it. */
let buffer: Buffer | undefined

/** Reads `file` (a path under `root`, as a string or, for a name that is not UTF-8, as bytes). */
export function readTreeFile(root: string, file: string | Buffer, path: string, keepText: boolean): TreeFile {
  buffer ??= Buffer.allocUnsafeSlow(MAX_FILE_BYTES)
  const read = readFileSafely(file, root, MAX_FILE_BYTES, buffer)
  if (read.kind !== 'bytes') return read
  const bytes = read.bytes
  if (isBinary(bytes)) return { kind: 'binary' }
  return { kind: 'text', secrets: detectSecrets(path, bytes), suppressing: bytes.includes(SUPPRESSION_MARKER), ...(keepText ? { text: bytes.toString('utf8') } : {}) }
}
