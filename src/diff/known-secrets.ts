// Secret values the base tree already held: a credential the change only re-quotes, re-wraps or moves
// (to another file, into an environment default) is not new.
import type { FileSet } from '../settings/modules.js'

/** Joins string literals split across lines or by `+` ("abc" "def", 'abc' + \ 'def'), so a re-wrapped value reads whole. */
function joined(text: string): string {
  return text.replace(/(["'])[ \t]*(?:\+[ \t]*)?(?:\\?\r?\n[ \t]*)*(?:\+[ \t]*)?(["'])/g, (m, a: string, b: string) => (a === b ? '' : m))
}

export class BaseTexts {
  private texts: string[] | undefined
  constructor(private readonly base: FileSet) {}

  private all(): string[] {
    if (!this.texts) {
      this.texts = []
      for (const path of this.base.paths) {
        const text = this.base.read(path)
        if (text !== undefined) this.texts.push(text, joined(text))
      }
    }
    return this.texts
  }

  /** Whether the value appears in any base file the source read (the changed files and the settings modules). */
  has(value: string): boolean {
    return value.length > 0 && this.all().some((t) => t.includes(value))
  }

  /** The first base path that holds the value, for the note. */
  where(value: string): string | undefined {
    for (const path of this.base.paths) {
      const text = this.base.read(path)
      if (text !== undefined && (text.includes(value) || joined(text).includes(value))) return path
    }
    return undefined
  }
}

/** File results of a diff: those about secrets the base already held (unchanged, with a note) and the rest. */
export function splitKnownSecrets<T extends { raw: { secrets?: string[]; notes?: string[] } }>(items: T[], base: BaseTexts): { added: T[]; known: T[] } {
  const added: T[] = []
  const known: T[] = []
  for (const it of items) {
    const values = it.raw.secrets ?? []
    if (!values.length || !values.every((v) => base.has(v))) {
      added.push(it)
      continue
    }
    const where = base.where(values[0])
    known.push({ ...it, raw: { ...it.raw, notes: [...(it.raw.notes ?? []), `Not new: the same value was already in ${where ?? 'the repository'} before this change.`] } })
  }
  return { added, known }
}
