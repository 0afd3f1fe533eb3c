// Where a module exempts views from Django's CSRF check: `@csrf_exempt`, `method_decorator(csrf_exempt…)`,
// `csrf_exempt(view)` (typically in urls.py) and `view.csrf_exempt = True`.
import type { Expr, ParsedModule } from '../python/ast.js'
import { decoratorName, lastName, viewName } from './names.js'
import { appliedDecorators, accessOf, methodDecorator } from './views.js'
import { definitionsOf, ownExprs, scopesOf, walkExpr, type Definition } from './walk.js'

export interface Exemption {
  /** What is exempted: a qualified name (`OrderView.post`), or `urls:<view>` for a wrapped view. */
  target: string
  /** How, for the message: `@csrf_exempt`, `csrf_exempt(WebhookView.as_view())`. */
  how: string
  line: number
  /** The definition it decorates, when it is a decorator. */
  def?: Definition
}

const names = (e: Expr, name: string): boolean => lastName(e) === name
const isExemptCall = (e: Expr): e is Expr & { t: 'call' } => e.t === 'call' && names(e.func, 'csrf_exempt')

export function exemptionsOf(module: ParsedModule): Exemption[] {
  const out: Exemption[] = []
  for (const d of definitionsOf(module)) {
    for (const a of appliedDecorators(d)) {
      if (decoratorName(a.decorator) !== 'csrf_exempt') continue
      const target = a.method && d.stmt.t === 'class' ? `${d.qualname}.${a.method}` : d.qualname
      out.push({ target, how: a.via ? `@method_decorator(csrf_exempt${a.method ? `, name="${a.method}"` : ''})` : '@csrf_exempt', line: a.line, def: d })
    }
  }
  for (const scope of scopesOf(module)) {
    for (const s of scope.stmts) {
      // a class statement's decorators were read above
      const exprs = s.t === 'class' ? [...s.bases, ...s.keywords.map((k) => k.value)] : ownExprs(s)
      for (const root of exprs)
        for (const e of walkExpr(root)) {
          if (isExemptCall(e) && e.args[0]) {
            const view = viewName(e.args[0]) ?? '?'
            out.push({ target: `wrapped:${view}`, how: `csrf_exempt(${view}${e.args[0].t === 'call' ? '.as_view()' : ''})`, line: e.line })
          } else if (e.t === 'call' && e.func.t === 'call') {
            // method_decorator(csrf_exempt)(View.dispatch)
            const md = methodDecorator(e.func)
            if (md?.decorators.some((x) => names(x, 'csrf_exempt'))) out.push({ target: `wrapped:${viewName(e.args[0] ?? e) ?? '?'}`, how: 'method_decorator(csrf_exempt)(…)', line: e.line })
          }
        }
      // view.csrf_exempt = True: what the decorator does, by hand
      if (s.t === 'assign' && s.value.t === 'const' && s.value.value === true)
        for (const t of s.targets) if (t.t === 'attr' && t.attr === 'csrf_exempt') out.push({ target: `attr:${lastName(t.obj) ?? '?'}`, how: `${lastName(t.obj) ?? '…'}.csrf_exempt = True`, line: s.line })
    }
  }
  return out.sort((a, b) => a.line - b.line)
}

const WEBHOOK_NAME = ['webhook', 'hook', 'callback', 'ipn', 'notify', 'notification']
const SIGNATURE_WORDS = ['hmac', 'signature', 'construct_event', 'verify_', 'compare_digest']

/** Whether the view looks like an endpoint other servers call (a webhook) and checks a signature. */
export function looksLikeWebhook(module: ParsedModule, e: Exemption): boolean {
  const name = e.target.toLowerCase()
  if (WEBHOOK_NAME.some((w) => name.includes(w))) return true
  if (!e.def) return false
  const body = module.lines.slice(e.def.stmt.line - 1, e.def.stmt.endLine).join('\n').toLowerCase()
  return SIGNATURE_WORDS.some((w) => body.includes(w))
}

/**
 * Whether the exempted view is a Django REST framework view: DRF exempts every APIView (and
 * @api_view function) from Django's CSRF check already and enforces CSRF itself in
 * SessionAuthentication, so csrf_exempt changes nothing there (an empty enforce_csrf does: csrf-check-disabled).
 */
export function isDrfView(e: Exemption): boolean {
  const d = e.def
  if (!d) return false
  const cls = d.stmt.t === 'class' ? d : d.owner
  if (d.stmt.t === 'def' && d.stmt.decorators.some((x) => decoratorName(x) === 'api_view')) return true
  return cls?.stmt.t === 'class' && cls.stmt.bases.some((b) => /(APIView|ViewSet)$/.test(lastName(b) ?? ''))
}

/** Whether the exempted view (or its class) also requires a login: a view for logged-in users, exactly what CSRF protects. */
export function requiresLogin(e: Exemption): boolean {
  const d = e.def
  if (!d) return false
  return accessOf(d).length > 0 || (d.owner !== undefined && accessOf(d.owner).length > 0)
}
