// What every source reads and what it leaves out: files over a size limit, and binary files.

export const MAX_FILE_BYTES = 1024 * 1024

/** NUL bytes in the first 8000 bytes mean binary, as git itself decides. */
export function isBinary(b: Uint8Array): boolean {
  return b.subarray(0, 8000).includes(0)
}
