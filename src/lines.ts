// One line of a text, found with indexOf: splitting a whole file into an array of lines to read one
// or two of them costs more than the rest of a finding's processing.

/** Line `n` (1-based) of `text` without its line break (`\n` or `\r\n`), or undefined past the end. */
export function lineAt(text: string, n: number): string | undefined {
  if (n < 1) return undefined
  let start = 0
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf('\n', start)
    if (nl < 0) return undefined
    start = nl + 1
  }
  const nl = text.indexOf('\n', start)
  if (nl < 0) return text.slice(start)
  return text.slice(start, text[nl - 1] === '\r' && nl > start ? nl - 1 : nl)
}
