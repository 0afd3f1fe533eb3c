// mark-safe-dynamic: a value that is not a literal marked as safe HTML, and format_html given a
// string already formatted.
import type { Expr } from '../python/ast.js'
import { lastName } from '../code/names.js'
import { mayPassNonLiteral } from '../code/prefilter.js'
import { Resolver, StringJudge } from '../code/strings.js'
import { ownExprs, scopesOf, walkExpr } from '../code/walk.js'
import type { RuleFinding, TreeRule } from './types.js'

const MARKERS = new Set(['mark_safe', 'SafeString', 'SafeText'])
/** Calls whose result is already escaped HTML: marking it safe again is harmless. */
const ESCAPED = new Set(['format_html', 'format_html_join', 'escape', 'conditional_escape', 'render_to_string', 'json_script', 'escapejs', 'urlencode', 'static'])

const escapedCall = (e: Expr): boolean => e.t === 'call' && ESCAPED.has(lastName(e.func) ?? '')

/**
 * `escape(_("Editing %s")) % format_html(…)` and `escape(t).format(format_html(…))`: an escaped
 * template filled with escaped values (or literals) is safe HTML, a common way to translate markup.
 */
function escapedTemplate(e: Expr, literal: (x: Expr) => boolean): boolean {
  const ok = (x: Expr): boolean => escapedCall(x) || literal(x)
  const values = (x: Expr): Expr[] => (x.t === 'seq' ? x.items : x.t === 'dict' ? x.entries.flatMap((en) => ('splat' in en ? [en.splat] : [en.value])) : [x])
  if (e.t === 'binop' && e.op === '%') return escapedCall(e.left) && values(e.right).every(ok)
  if (e.t === 'call' && e.func.t === 'attr' && e.func.attr === 'format') return escapedCall(e.func.obj) && !e.splat && [...e.args, ...e.kwargs.map((k) => k.value)].every(ok)
  return false
}

export const markSafeDynamic: TreeRule = {
  scanAside: 'use of mark_safe or format_html on a computed value (reported when a change adds one)',
  meta: {
    id: 'mark-safe-dynamic',
    severity: 'medium',
    title: 'A value that is not a literal is marked as safe HTML',
    django: [],
    docs: {
      what: 'Finds `mark_safe(x)`, `SafeString(x)` and `SafeText(x)` on anything but a literal string (a literal, a name assigned only literals, an UPPER_CASE constant or setting is fine; so is the result of `format_html()`, `escape()` or `render_to_string()`, and an escaped template filled with escaped values, `escape(_("Edit %s")) % format_html(…)`), and `format_html()` misused: given a string already formatted with an f-string, `%`, `.format()` or `+`, so its arguments are never escaped. In a diff only the lines the change adds count; a scan reads production code only. A scan of the whole tree sets these aside (one count in its notes, listed with `--include-tests`): many are deliberate, and what a review weighs is a change that adds one.',
      why: 'A string marked safe is written into the page without escaping. When any part of it comes from a user (a name, a search term, a field of a model) it can carry `<script>` into other users\' pages (XSS). `format_html` escapes only its arguments: formatting the string first defeats it.',
      bad: 'return mark_safe(f"<a href=\'{url}\'>{user.get_full_name()}</a>")\n# or\nreturn format_html(f"<b>{comment.author}</b>")',
      fix: 'return format_html("<a href=\'{}\'>{}</a>", url, user.get_full_name())'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    for (const file of ctx.code) {
      if (file.kind !== 'python') continue
      // a file whose every call passes a plain literal first is not parsed at all
      if (![...MARKERS, 'format_html'].some((name) => mayPassNonLiteral(file.text, name))) continue
      const module = ctx.python(file.path)
      if (!module) continue
      const resolver = new Resolver()
      const counts = new Map<string, number>()
      const report = (key: string, line: number, otherLine: number, message: string, fix: string): void => {
        const n = (counts.get(key) ?? 0) + 1
        counts.set(key, n)
        if (!ctx.isNew(file.path, line) && !ctx.isNew(file.path, otherLine)) return
        // on the line the change added: the call, or the line that builds what the call already marked safe
        const at = ctx.isNew(file.path, line) ? line : otherLine
        out.push({ subject: n === 1 ? key : `${key}#${n}`, loc: { path: file.path, line: at, endLine: at }, message: at === line ? message : `${message} (the call is at line ${line})`, fix: { description: fix } })
      }
      for (const scope of scopesOf(module)) {
        const judge = new StringJudge(resolver, scope)
        const where = scope.qualname ? ` in ${scope.qualname}` : ''
        for (const s of scope.stmts) {
          const roots = s.t === 'class' ? [...s.bases, ...s.keywords.map((k) => k.value)] : ownExprs(s)
          for (const root of roots)
            for (const e of walkExpr(root)) {
              if (e.t !== 'call') continue
              const name = lastName(e.func)
              const arg: Expr | undefined = e.args[0]
              if (!name || !arg) continue
              if (MARKERS.has(name)) {
                if (judge.literal(arg) || escapedCall(arg) || escapedTemplate(arg, (x) => judge.literal(x))) continue
                const built = judge.built(arg)
                report(
                  `${scope.qualname || '<module>'}:${name}`,
                  e.line,
                  built?.line ?? e.line,
                  `${name}() marks a value that is not a literal as safe HTML${built ? `, built with ${built.how}` : ''}${where}: Django will not escape it, so any user-controlled part of it reaches the page as HTML (XSS).`,
                  arg.t === 'call' && lastName(arg.func) === 'dumps'
                    ? 'To put data in a page for JavaScript, pass the object to the template and use the `json_script` filter (`{{ data|json_script:"data-id" }}`): `mark_safe(json.dumps(x))` lets a value containing `</script>` end the script block.'
                    : `Build the HTML with \`format_html("<b>{}</b>", value)\`, which escapes each argument and returns a safe string; use mark_safe() only on literal markup.`
                )
              } else if (name === 'format_html') {
                const built = judge.built(arg)
                if (!built) continue
                report(
                  `${scope.qualname || '<module>'}:format_html`,
                  e.line,
                  built.line,
                  `format_html() is given a string already formatted with ${built.how}${where}: the values are spliced in before format_html can escape them, so they reach the page unescaped (XSS).`,
                  'Pass a literal format string and the values as arguments: `format_html("<b>{}</b>", value)`.'
                )
              }
            }
        }
      }
    }
    return out
  }
}
