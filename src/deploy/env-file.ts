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

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '.tpl']

/** An environment file meant to be copied and filled in: `env.example`, `.env.example`, `.env.sample`, `prod.env.template`. */
export function isEnvTemplate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const suffix = TEMPLATE_SUFFIXES.find((s) => name.endsWith(s))
  if (!suffix) return false
  const stem = name.slice(0, -suffix.length)
  return stem === 'env' || stem === '.env' || stem.startsWith('.env.') || stem.endsWith('.env')
}

/**
 * The committed template a user copies to the env file at `path`, when `path` itself is not in the
 * tree (it is git-ignored): `path` + `.example` and the like, and for `.env` also `env.example`.
 */
export function envTemplateFor(path: string, paths: ReadonlySet<string>): string | undefined {
  if (paths.has(path)) return undefined
  const slash = path.lastIndexOf('/')
  const dir = slash < 0 ? '' : path.slice(0, slash + 1)
  const candidates = TEMPLATE_SUFFIXES.map((s) => `${path}${s}`)
  if (path.slice(slash + 1) === '.env') candidates.push(...TEMPLATE_SUFFIXES.map((s) => `${dir}env${s}`))
  return candidates.find((c) => paths.has(c))
}
