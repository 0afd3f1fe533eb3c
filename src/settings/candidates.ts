// Which Python files discovery parses to look for settings modules. Parsing is most of a scan's
// time, so a file is parsed only when its text could make it a settings module (see discover()):
// a path named like settings; or, for any other path, a star import (it may extend a settings
// module), a django-split-settings include, or two different well-known settings it could assign —
// discovery needs two for a module not named like settings, and an assigned name is written in the text.
import { SETTINGS_NAMES } from './defaults.js'
import type { FileSet } from './modules.js'

const NAMED_SETTINGS = /settings/i

/** The cheap first look: one of the commonest settings, or a star import. */
const SETTINGS_WORD = /\b(DEBUG|SECRET_KEY|MIDDLEWARE|INSTALLED_APPS|ALLOWED_HOSTS|DATABASES|ROOT_URLCONF)\b|import \*/

const UPPER_WORD = /\b[A-Z][A-Z0-9_]*\b/g

/** Whether the text names at least two different well-known settings (as whole words, anywhere). */
export function namesTwoSettings(text: string): boolean {
  let first: string | undefined
  for (const m of text.matchAll(UPPER_WORD)) {
    const word = m[0]
    if (!SETTINGS_NAMES.has(word) || word === first) continue
    if (first !== undefined) return true
    first = word
  }
  return false
}

/** Whether only a star import makes the file a candidate (it is not named like settings and names fewer than two settings). */
export function onlyStarImports(path: string, text: string): boolean {
  return !NAMED_SETTINGS.test(path) && text.includes('import *') && !text.includes('split_settings') && !namesTwoSettings(text)
}

const STAR_IMPORT = /^[ \t]*from[ \t]+(\.*)[ \t]*([A-Za-z_][\w.]*)?[ \t]+import[ \t]+\*/gm

/**
 * The star imports of a module, read from its text; undefined when the text holds an `import *` the
 * pattern does not account for (in a comment, a docstring, after `;`, across lines): then only the
 * parser can say.
 */
export function starImportsOf(text: string): { level: number; module: string }[] | undefined {
  const found = [...text.matchAll(STAR_IMPORT)].map((m) => ({ level: m[1].length, module: m[2] ?? '' }))
  const written = text.split(/import\s*\*/).length - 1
  return found.length === written ? found : undefined
}

/** Whether discovery must parse the Python file at `path` to know whether it is a settings module. */
export function mayBeSettings(path: string, text: string): boolean {
  if (NAMED_SETTINGS.test(path)) return true
  if (!SETTINGS_WORD.test(text)) return false
  return text.includes('import *') || text.includes('split_settings') || namesTwoSettings(text)
}

/**
 * The Python modules discovery parses: named settings, or able to assign well-known settings or to
 * extend a settings module. None means no parsing at all, so a scan need not load the parser (see review.ts).
 */
export function settingsCandidates(files: FileSet): string[] {
  const found: string[] = []
  for (const path of files.paths) {
    if (!path.endsWith('.py')) continue
    const text = files.read(path)
    if (text !== undefined && mayBeSettings(path, text)) found.push(path)
  }
  return found
}
