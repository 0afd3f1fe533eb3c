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

const AUGMENTED = '+-*/%&|^<>@'

/**
 * Whether the name written at `at` may be the target of an assignment, the only way discovery counts
 * a setting (see topLevelNames). Only what Python rules out is left out: an attribute (`settings.DEBUG`),
 * a name touching a quote (`"DEBUG"`), and a name followed by anything but what can follow a target:
 * `=` (not `==`), an augmented `+=`, `:`, `,`, `)`, `]`, `;`, a comment or the line's end.
 */
function mayBeAssigned(text: string, at: number, length: number): boolean {
  const before = text[at - 1]
  if (before === '.' || before === '"' || before === "'") return false
  let i = at + length
  while (text[i] === ' ' || text[i] === '\t') i++
  const next = text[i]
  if (next === undefined || ',:)];#\\\r\n'.includes(next)) return true
  if (next === '=') return text[i + 1] !== '='
  if (!AUGMENTED.includes(next)) return false
  // +=, //=, **=, >>=, <<=
  let j = i + 1
  while (j < i + 3 && AUGMENTED.includes(text[j] ?? '')) j++
  return text[j] === '='
}

/**
 * Whether the text may assign at least two different well-known settings: names written where a
 * target can be, outside comments. A name after a `#` on its line, with no quote anywhere before it
 * on that line, is no code: the `#` starts a comment, or lies inside a string that began on an earlier
 * line, which would need a quote to end before the name. Python ends a line at \n, \r\n or a lone
 * \r. One pass over the text.
 */
export function namesTwoSettings(text: string): boolean {
  let first: string | undefined
  let pos = 0
  let quoted = false
  let hashed = false
  for (const m of text.matchAll(UPPER_WORD)) {
    for (; pos < m.index; pos++) {
      const c = text[pos]
      if (c === '\n' || c === '\r') quoted = hashed = false
      else if (c === '"' || c === "'") quoted = true
      else if (c === '#') hashed = true
    }
    const word = m[0]
    if ((hashed && !quoted) || !SETTINGS_NAMES.has(word) || word === first || !mayBeAssigned(text, m.index, word.length)) continue
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
