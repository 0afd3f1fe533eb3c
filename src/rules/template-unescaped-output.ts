// template-unescaped-output: `|safe`, `|safeseq`, `{% autoescape off %}` or `{% filter safe %}`
// added in a Django template.
import { blockFilterExpressions, filterExpression, isLiteralValue, tagName, tokenize } from '../templates/tokenize.js'
import type { RuleFinding, TreeRule } from './types.js'

const UNSAFE_FILTERS = new Set(['safe', 'safeseq'])
const MAX_PER_FILE = 200
const SUPPRESS = '{# django-security: ignore[template-unescaped-output] -- why this value is safe HTML #}'

/** A template whose output is plain text (a `.txt` email body): escaping matters only if it is shown as HTML. */
const plainText = (path: string): boolean => path.toLowerCase().endsWith('.txt')

export const templateUnescapedOutput: TreeRule = {
  scanAside: 'use of |safe or autoescape off in a template (reported when a change adds one)',
  meta: {
    id: 'template-unescaped-output',
    severity: 'medium',
    title: 'A template turns off HTML escaping',
    django: [],
    docs: {
      what: 'Finds the places a Django template outputs a value without escaping it: the `|safe` and `|safeseq` filters (also inside `{% with %}`, `{% include … with %}` and other tag arguments), `{% filter safe %}` and `{% autoescape off %}`. Files under a `templates/` folder and `.djhtml`/`.dtl` files are read with a small tokenizer for Django template syntax; `{% comment %}` and `{% verbatim %}` blocks are skipped, and `|safe` on a literal string (`{{ "<br>"|safe }}`) is fine. In a diff only the lines the change adds count; one finding per line. A `.txt` template (a plain-text email) is reported at low severity. A scan of the whole tree sets these aside (one count in its notes, listed with `--include-tests`): many are deliberate, and what a review weighs is a change that adds one.',
      why: 'Django escapes every variable by default; `|safe` and `autoescape off` switch that off, so a value that contains user input (a name, a comment, a query parameter) is written into the page as HTML and can run script in other users\' sessions (stored or reflected XSS).',
      bad: '<div class="bio">{{ profile.bio|safe }}</div>\n{% autoescape off %}{{ comment.body }}{% endautoescape %}',
      fix: '<div class="bio">{{ profile.bio }}</div>\n{# HTML that must be rendered: build it in Python with format_html(), or sanitise it (bleach / nh3) before marking it safe #}',
      language: 'html+django'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    for (const file of ctx.code) {
      if (file.kind !== 'template') continue
      const { text, path } = file
      if (!text.includes('safe') && !text.includes('autoescape')) continue
      const seen = new Map<string, number>()
      const subject = (s: string): string => {
        const n = (seen.get(s) ?? 0) + 1
        seen.set(s, n)
        return n === 1 ? s : `${s}#${n}`
      }
      const low = plainText(path)
      // one comment per line, and a bounded number per file: a hostile template cannot flood the review
      const lines = new Set<number>()
      const report = (line: number, what: string, key: string, fix: string): void => {
        const s = subject(key)
        if (!ctx.isNew(path, line) || lines.has(line) || lines.size >= MAX_PER_FILE) return
        lines.add(line)
        out.push({
          subject: s,
          loc: { path, line, endLine: line },
          severity: low ? 'low' : undefined,
          message: `${what}: Django does not escape it, so any user input in it reaches the page as HTML and can run script (XSS).${low ? ' It is reported at low severity because a .txt template renders plain text; it matters only if the output is shown as HTML.' : ''} If the value is known to be safe HTML, say why on the line: \`${SUPPRESS}\`.`,
          fix: { description: fix }
        })
      }
      for (const token of tokenize(text)) {
        if (token.kind === 'comment') continue
        if (token.kind === 'block') {
          const tag = tagName(token.content)
          const args = token.content.slice(tag.length).trim()
          if (tag === 'autoescape' && args === 'off') {
            report(token.line, '`{% autoescape off %}` turns off escaping for every variable up to `{% endautoescape %}`', 'autoescape-off', 'Remove `{% autoescape off %}`; where one value must render as HTML, build it in Python with `format_html()` or sanitise it (bleach / nh3).')
            continue
          }
          if (tag === 'filter') {
            const names = filterExpression(`x|${args}`).filters
            if (names.some((n) => UNSAFE_FILTERS.has(n))) report(token.line, '`{% filter safe %}` marks the whole block as safe HTML', 'filter-safe', 'Remove `safe` from the `{% filter %}` tag and let Django escape the block.')
            continue
          }
          for (const fe of blockFilterExpressions(token.content)) {
            const bad = fe.filters.find((f) => UNSAFE_FILTERS.has(f))
            if (bad && !isLiteralValue(fe.value)) report(token.line, `\`${fe.value}|${bad}\` in \`{% ${tag} %}\` passes the value on unescaped`, `${bad}:${fe.value}`, `Drop \`|${bad}\`, or build the HTML in Python with \`format_html()\`.`)
          }
          continue
        }
        const fe = filterExpression(token.content)
        const bad = fe.filters.find((f) => UNSAFE_FILTERS.has(f))
        if (bad && !isLiteralValue(fe.value)) report(token.line, `\`{{ ${fe.value}|${bad} }}\` outputs ${fe.value} without escaping`, `${bad}:${fe.value}`, `Drop \`|${bad}\` (Django escapes the value), or build the HTML in Python with \`format_html("…{}…", value)\`, or sanitise it (bleach / nh3) before marking it safe.`)
      }
    }
    return out
  }
}
