// `.env` files (compose env_file, docker --env-file, Heroku, dotenv): KEY=VALUE per line, with the
// line of each variable. Values are parsed by dotenv itself, one line at a time, so quoting and
// comments follow the library's rules; a multi-line quoted value keeps its first line's number.
import { parse } from 'dotenv'
import type { EnvSetting } from './types.js'

const KEY_START = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]/

export function parseEnvFile(path: string, text: string): EnvSetting[] {
  const parsed = parse(text)
  const out: EnvSetting[] = []
  const seen = new Set<string>()
  const lines = text.split('\n')
  // the last assignment of a name wins in dotenv; report it at its last line
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = KEY_START.exec(lines[i])
    if (!m || seen.has(m[1]) || !(m[1] in parsed)) continue
    seen.add(m[1])
    out.push({ name: m[1], value: parsed[m[1]], path, line: i + 1 })
  }
  return out.reverse()
}
