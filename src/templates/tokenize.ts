// A small tokenizer for Django template syntax: `{{ variable|filter }}`, `{% tag %}`, `{# comment #}`.
// Django's own lexer matches `{%.*?%}|{{.*?}}|{#.*?#}` without DOTALL, so a token never spans lines;
// this one reads the same tokens line by line with indexOf only (no regular expression that can
// backtrack: template files come from the pull request, so they are hostile input), and finds each
// kind of closer at most once per position, so a line full of `{{` without `}}` stays linear.

/** Template files larger than this are not read (a generated or minified file, or hostile input). */
export const MAX_TEMPLATE_CHARS = 1_000_000
/** The most tokens read from one file. */
export const MAX_TOKENS = 100_000

const TEMPLATE_EXTENSIONS = ['.html', '.htm', '.txt', '.xml', '.djhtml', '.dtl', '.jinja', '.jinja2', '.j2', '.tpl', '.email', '.svg', '.js']
const DJANGO_ONLY_EXTENSIONS = ['.djhtml', '.dtl']

/** A file Django renders as a template: under a `templates/` folder, or with a Django template extension. */
export function isTemplatePath(path: string): boolean {
  const lower = path.toLowerCase()
  if (DJANGO_ONLY_EXTENSIONS.some((e) => lower.endsWith(e))) return true
  return lower.split('/').slice(0, -1).includes('templates') && TEMPLATE_EXTENSIONS.some((e) => lower.endsWith(e))
}

export interface TemplateToken {
  kind: 'var' | 'block' | 'comment'
  /** 1-based line. */
  line: number
  /** The text between the delimiters, trimmed. */
  content: string
}

const CLOSERS = { '{': '}}', '%': '%}', '#': '#}' } as const
type Opener = keyof typeof CLOSERS

/** The tokens of a template, in order; text between them is skipped. Verbatim and comment blocks yield no tokens inside. */
export function tokenize(text: string): TemplateToken[] {
  const out: TemplateToken[] = []
  if (text.length > MAX_TEMPLATE_CHARS) return out
  const lines = text.split('\n')
  /** Inside `{% verbatim %}` or `{% comment %}`: the tag that ends it. */
  let until: string | undefined
  for (let i = 0; i < lines.length && out.length < MAX_TOKENS; i++) {
    const line = lines[i]
    // the first closer of each kind at or after the last position asked (-1: none on the rest of the line)
    const closer: Partial<Record<Opener, number>> = {}
    const closerFrom = (kind: Opener, from: number): number => {
      const known = closer[kind]
      if (known !== undefined && (known === -1 || known >= from)) return known
      const found = line.indexOf(CLOSERS[kind], from)
      closer[kind] = found
      return found
    }
    let pos = 0
    while (out.length < MAX_TOKENS) {
      const at = line.indexOf('{', pos)
      if (at < 0 || at + 1 >= line.length) break
      const kind = line[at + 1] as Opener
      if (!(kind in CLOSERS)) {
        pos = at + 1
        continue
      }
      const end = closerFrom(kind, at + 2)
      if (end < 0) {
        pos = at + 1
        continue
      }
      const content = line.slice(at + 2, end).trim()
      pos = end + 2
      if (until !== undefined) {
        if (kind === '%' && (content === until || content.startsWith(`${until} `))) until = undefined
        continue
      }
      const token: TemplateToken = { kind: kind === '{' ? 'var' : kind === '%' ? 'block' : 'comment', line: i + 1, content }
      if (token.kind === 'block') {
        const tag = tagName(content)
        if (tag === 'verbatim') until = 'endverbatim'
        else if (tag === 'comment') until = 'endcomment'
      }
      out.push(token)
    }
  }
  return out
}

/** The first word of a block tag's content. */
export function tagName(content: string): string {
  const space = firstSpace(content)
  return space < 0 ? content : content.slice(0, space)
}

function firstSpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (s[i] === ' ' || s[i] === '\t') return i
  return -1
}

/** Splits at `sep` outside single or double quotes (`a|default:"x|y"` → `a`, `default:"x|y"`). */
export function splitOutsideQuotes(s: string, isSep: (ch: string) => boolean): string[] {
  const parts: string[] = []
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quote) {
      if (ch === quote) quote = undefined
    } else if (ch === '"' || ch === "'") quote = ch
    else if (isSep(ch)) {
      parts.push(s.slice(start, i))
      start = i + 1
    }
  }
  parts.push(s.slice(start))
  return parts
}

/** A filter expression: the value and the names of the filters applied to it (`x|default:"-"|safe` → x, [default, safe]). */
export interface FilterExpression {
  value: string
  filters: string[]
}

export function filterExpression(text: string): FilterExpression {
  const [value, ...rest] = splitOutsideQuotes(text.trim(), (c) => c === '|')
  return { value: value.trim(), filters: rest.map((f) => splitOutsideQuotes(f, (c) => c === ':')[0].trim()) }
}

/** The filter expressions of a block tag's arguments (`{% with a=b|safe %}` → b|safe). */
export function blockFilterExpressions(content: string): FilterExpression[] {
  const bits = splitOutsideQuotes(content, (c) => c === ' ' || c === '\t').filter(Boolean)
  return bits.slice(1).map((bit) => {
    const eq = splitOutsideQuotes(bit, (c) => c === '=')
    return filterExpression(eq.length > 1 ? eq.slice(1).join('=') : bit)
  })
}

/** A value written as a literal string (`"<br>"`, `_("Hello")`): nothing a user controls. */
export function isLiteralValue(value: string): boolean {
  const v = value.startsWith('_(') && value.endsWith(')') ? value.slice(2, -1).trim() : value
  if (v.length < 2) return false
  const q = v[0]
  return (q === '"' || q === "'") && v[v.length - 1] === q && !v.slice(1, -1).includes(q)
}
