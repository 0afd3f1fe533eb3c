// pip requirement files: one requirement a line, `\` continuations, `#` comments, options
// (`-r`/`-c` includes, `-e` editables, `--hash`, `-i`), URLs. Only Django lines become pins.
import { normalizePath } from '../files/paths.js'
import { dirname } from '../settings/modules.js'
import { isDjango, parseRequirement } from './requirement.js'
import type { FileReading } from './types.js'

/** A path named by an include, resolved against the including file's folder (`..` allowed, never above the root). */
export function resolveInclude(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith('/')) return undefined
  return normalizePath(`${dirname(from)}/${target}`)
}

/** Logical lines: `\` at the end joins the next; each keeps the number of its first physical line. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  const physical = text.split('\n')
  for (let i = 0; i < physical.length; i++) {
    const start = i + 1
    // parts joined once: appending to a growing string line by line would copy it each time
    const parts = [physical[i].replace(/\r$/, '')]
    while (parts[parts.length - 1].endsWith('\\') && i + 1 < physical.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1)
      parts.push(physical[++i].replace(/\r$/, ''))
    }
    out.push({ line: start, text: parts.join(' ') })
  }
  return out
}

/** A comment starts at `#` at the line's start or after whitespace (a URL fragment `#egg=` is not one). */
function stripComment(t: string): string {
  for (let i = 0; i < t.length; i++) if (t[i] === '#' && (i === 0 || t[i - 1] === ' ' || t[i - 1] === '\t')) return t.slice(0, i)
  return t
}

const INCLUDE = /^(-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?=[^\s=-]))(\S+)/

export function readRequirements(path: string, text: string): FileReading {
  const reading: FileReading = { pins: [], notices: [], includes: [] }
  for (const { line, text: raw } of logicalLines(text)) {
    const t = stripComment(raw).trim()
    if (!t) continue
    if (t.startsWith('-')) {
      const inc = INCLUDE.exec(t)
      const target = inc && resolveInclude(path, inc[2])
      if (target) reading.includes?.push(target)
      // -e, -i, --hash … : an editable checkout or an index says nothing about a Django version
      continue
    }
    // `Django==4.2.16 --hash=sha256:…`: options after the requirement
    const option = /\s--?[a-z]/i.exec(t)
    const requirement = option ? t.slice(0, option.index).trim() : t
    const req = parseRequirement(requirement)
    if (!req || !isDjango(req.name) || req.url) continue
    reading.pins.push({ path, line, source: 'requirements', specifier: req.specifier, text: requirement, locked: false, marker: req.marker })
  }
  return reading
}
