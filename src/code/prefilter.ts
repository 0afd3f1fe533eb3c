// Cheap text checks before a module is parsed: most files that call format_html or mark_safe pass
// a literal format string, and parsing every one of them would double a scan's time. Each check
// reads a bounded window after each occurrence, with indexOf only (no backtracking pattern).

const WINDOW = 2000

/** The index just past a Python string literal starting at `i` (prefix letters allowed), or -1 when there is none there. */
function pastString(text: string, i: number): number {
  let j = i
  while (j < text.length && j - i < 3 && /[rRuUbB]/.test(text[j])) j++
  const q = text[j]
  if (q !== '"' && q !== "'") return -1
  const triple = text.startsWith(q.repeat(3), j)
  const close = triple ? q.repeat(3) : q
  let k = j + close.length
  const end = Math.min(text.length, i + WINDOW)
  while (k < end) {
    const ch = text[k]
    if (ch === '\\') k += 2
    else if (text.startsWith(close, k)) return k + close.length
    else if (ch === '\n' && !triple) return -1
    else k++
  }
  return -1
}

function skipSpace(text: string, i: number): number {
  let j = i
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++
  return j
}

/**
 * Whether some call `name(` in the text may take a first argument that is not a plain literal
 * string (an f-string, a name, a literal then `%`, `+` or `.format`): only such files need parsing.
 */
export function mayPassNonLiteral(text: string, name: string): boolean {
  const needle = `${name}(`
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    // `my_format_html(` is another function
    const before = at > 0 ? text[at - 1] : ''
    if (/^[A-Za-z_]/.test(name) && /[A-Za-z0-9_]/.test(before)) continue
    const arg = skipSpace(text, at + needle.length)
    const end = pastString(text, arg)
    if (end < 0) return true
    // adjacent literals ("a" "b") are one literal
    let next = skipSpace(text, end)
    while (pastString(text, next) > 0) next = skipSpace(text, pastString(text, next))
    if (text[next] !== ',' && text[next] !== ')') return true
  }
  return false
}
