// CSV files name their columns in the first line: AWS's credentials.csv (`User name,Password,Access
// key ID,Secret access key,Console login link`) holds a secret under a named column of each row.
import type { Pair } from './pairs.js'

interface Cell {
  text: string
  start: number
  end: number
  quoted: boolean
}

/** The cells of a CSV line; a quoted cell may hold commas and doubled quotes. One pass. */
function cells(line: string): Cell[] {
  const out: Cell[] = []
  let i = 0
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1
      let text = ''
      while (j < line.length && !(line[j] === '"' && line[j + 1] !== '"')) {
        text += line[j]
        j += line[j] === '"' ? 2 : 1
      }
      out.push({ text, start: i + 1, end: j, quoted: true })
      const comma = line.indexOf(',', j)
      i = comma < 0 ? line.length + 1 : comma + 1
    } else {
      const comma = line.indexOf(',', i)
      const end = comma < 0 ? line.length : comma
      out.push({ text: line.slice(i, end), start: i, end, quoted: false })
      i = end + 1
    }
  }
  return out
}

/** The header's column names, by index, when at least one of them names a secret. */
export function csvHeader(line: string, secretName: (name: string) => boolean): string[] | undefined {
  const names = cells(line).map((c) => c.text.trim())
  return names.some((n) => n && secretName(n)) ? names : undefined
}

/** The cells of a row under the header's column names. */
export function csvPairs(line: string, columns: string[]): Pair[] {
  const out: Pair[] = []
  cells(line).forEach((c, i) => {
    const key = columns[i]
    if (key && c.text) out.push({ key, value: c.text, column: c.start, parts: [{ line: 0, start: c.start, end: c.end }], quoted: c.quoted })
  })
  return out
}
