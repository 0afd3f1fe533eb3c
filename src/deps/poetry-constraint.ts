// Poetry's version constraints (`^4.2`, `~3.2.1`, `4.2.*`, `>=4.2 <5`, `4.2.16`, `*`) as PEP 440
// specifiers; `||` alternatives come back as separate specifiers.

function parts(v: string): number[] | undefined {
  if (!/^\d+(\.\d+){0,3}$/.test(v)) return undefined
  return v.split('.').map(Number)
}

/** `^1.2.3` → `>=1.2.3,<2.0.0`: up to the next change of the first non-zero part. */
function caret(v: string): string | undefined {
  const p = parts(v)
  if (!p) return undefined
  const i = p.findIndex((n, k) => n !== 0 || k === p.length - 1)
  const upper = p.slice(0, i + 1)
  upper[i]++
  return `>=${v},<${upper.join('.')}`
}

/** `~1.2.3` → `>=1.2.3,<1.3`; `~1` → `>=1,<2`. */
function tilde(v: string): string | undefined {
  const p = parts(v)
  if (!p) return undefined
  const upper = p.length === 1 ? [p[0] + 1] : [p[0], p[1] + 1]
  return `>=${v},<${upper.join('.')}`
}

function one(c: string): string | undefined {
  const t = c.trim()
  if (t === '*' || t === '') return ''
  if (t.startsWith('^')) return caret(t.slice(1).trim())
  if (t.startsWith('~') && !t.startsWith('~=')) return tilde(t.slice(1).trim())
  if (/^\d/.test(t)) return `==${t}`
  return t.replace(/\s+/g, '')
}

/** The PEP 440 specifiers a Poetry constraint stands for (one per `||` alternative); undefined: not understood. */
export function poetryToPep440(constraint: string): string[] | undefined {
  const out: string[] = []
  for (const alt of constraint.split('||')) {
    // `>=4.2 <5` and `>=4.2,<5` both mean both
    // whitespace collapsed first: the split below then looks at single spaces only
    const pieces = alt
      .replace(/\s+/g, ' ')
      .trim()
      .split(/ ?, ?| (?=[<>=!~^])/)
      .filter(Boolean)
    const specs = pieces.map(one)
    if (specs.some((s) => s === undefined)) return undefined
    out.push(specs.filter(Boolean).join(','))
  }
  return out
}
