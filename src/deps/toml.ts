// Parsing a TOML dependency file: a value, or a one-line note naming the file and what is wrong.
import { TomlError, parse } from 'smol-toml'
import type { Notice } from '../findings.js'

export type Table = Record<string, unknown>

export const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v)

export function parseTomlFile(path: string, text: string): { doc: Table } | { notice: Notice } {
  try {
    return { doc: parse(text) }
  } catch (e) {
    // smol-toml's TomlError says where
    const line = e instanceof TomlError && Number.isInteger(e.line) && e.line > 0 ? { line: e.line } : {}
    const why = (e as Error).message.split('\n')[0].replace(/^Invalid TOML document: /, '')
    return { notice: { path, ...line, message: `not read for the Django version: invalid TOML (${why})` } }
  }
}

/** `doc.a.b.c` when each step is a table. */
export function dig(doc: Table, ...keys: string[]): unknown {
  let cur: unknown = doc
  for (const k of keys) {
    if (!isTable(cur)) return undefined
    cur = cur[k]
  }
  return cur
}
