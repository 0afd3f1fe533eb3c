// access-control-removed (diff only): a view that stays loses a login, permission or staff check.
import { KIND_WORDS, viewAccess, wrappedViews, type ViewAccess } from '../code/access.js'
import { ACCESS_DECORATORS, ACCESS_MIXINS, type AccessKind } from '../code/views.js'
import { findCoding, isAscii } from '../python/source.js'
import type { RuleFinding, TreeContext, TreeRule } from './types.js'

const OPEN = new Set(['AllowAny'])

interface Side {
  path: string
  views: Map<string, ViewAccess>
}

/** The names every access check the rule compares is written with (as their last part), and the DRF attributes. */
const ACCESS_WORDS = [...Object.keys(ACCESS_DECORATORS), ...Object.keys(ACCESS_MIXINS), 'permission_classes', 'authentication_classes']

/**
 * Whether a module's text may hold an access check or DRF classes: it names one of ACCESS_WORDS, or
 * Python may read it differently from its text (non-ASCII identifiers are NFKC-normalised, a coding
 * declaration changes what the bytes say).
 */
const mayHoldAccess = (text: string): boolean => !isAscii(text) || findCoding(text) !== undefined || ACCESS_WORDS.some((w) => text.includes(w))

/** The views of the changed Python files on one side, by path. */
function sides(ctx: TreeContext): { base: Side[]; head: Side[]; wrapped: Map<string, AccessKind[]> } {
  const base: Side[] = []
  const head: Side[] = []
  const wrapped = new Map<string, AccessKind[]>()
  const seen = new Set<string>()
  for (const file of ctx.code) {
    if (file.kind !== 'python') continue
    const module = ctx.python(file.path)
    if (!module) continue
    head.push({ path: file.path, views: viewAccess(module) })
    const baseModule = file.base ? ctx.python(file.base.path, 'base') : undefined
    if (baseModule) base.push({ path: file.path, views: viewAccess(baseModule) })
  }
  // URLconfs (and any module) that wrap views in an access decorator, changed or not
  for (const needle of ['_required(', 'user_passes_test('])
    for (const { path, module } of ctx.pythonWith(needle)) {
      if (seen.has(path)) continue
      seen.add(path)
      for (const [view, kinds] of wrappedViews(module)) wrapped.set(view, [...(wrapped.get(view) ?? []), ...kinds])
    }
  return { base, head, wrapped }
}

/** The head view a base view became: same file and qualified name, else the one view of that name in another changed file. */
function counterpart(path: string, qualname: string, head: Side[]): { path: string; view: ViewAccess } | undefined {
  const same = head.find((s) => s.path === path)?.views.get(qualname)
  if (same) return { path, view: same }
  const elsewhere = head.flatMap((s) => (s.views.has(qualname) ? [{ path: s.path, view: s.views.get(qualname) as ViewAccess }] : []))
  return elsewhere.length === 1 ? elsewhere[0] : undefined
}

const viewWords = (v: ViewAccess): string => `${v.def.stmt.t === 'class' ? 'the view class' : v.def.owner ? 'the method' : 'the view'} ${v.def.qualname}`
const names = (c: { names: string[] } | undefined): string => `[${(c?.names ?? []).join(', ')}]`

/** How a DRF classes list got looser, or undefined. */
function loosened(attribute: string, before: { names: string[] } | undefined, after: { names: string[] } | undefined, method: boolean): string | undefined {
  const open = (c: { names: string[] } | undefined): boolean => c !== undefined && c.names.some((n) => OPEN.has(n))
  if (attribute === 'permission_classes' && open(after) && !open(before)) return `${attribute} is now ${names(after)}${before ? ` (was ${names(before)})` : ' (it used the project default before)'}: anyone, logged in or not, can call it`
  if (!before || open(before)) return undefined
  if (!after) return `${attribute} ${names(before)} was removed: the view falls back to ${method ? "its class's " + attribute + ' or ' : ''}the project's DEFAULT_${attribute.toUpperCase()}, which may let in requests ${names(before)} refused`
  if (attribute !== 'permission_classes') return undefined
  if (!after.names.length) return `${attribute} was emptied (was ${names(before)}): every request is allowed`
  const dropped = before.names.filter((n) => !after.names.includes(n))
  const added = after.names.filter((n) => !before.names.includes(n))
  return dropped.length && !added.length ? `${attribute} lost ${dropped.join(', ')} (now ${names(after)})` : undefined
}

export const accessControlRemoved: TreeRule = {
  meta: {
    id: 'access-control-removed',
    severity: 'high',
    title: 'A view loses its access check',
    django: [],
    docs: {
      what: 'In a diff, compares each view of the changed Python files before and after the change (matched by qualified name, so a view that moves within its file, or to another changed file, is still the same view) and reports a check the view loses while it stays: `@login_required`, `@permission_required`, `@staff_member_required`, `@user_passes_test` (directly or through `method_decorator`, on the view, its class or its `dispatch`), `LoginRequiredMixin` / `PermissionRequiredMixin` / `UserPassesTestMixin` removed from a class\'s bases, DRF `permission_classes` loosened to `AllowAny`, emptied or with a class dropped, and `permission_classes` / `authentication_classes` removed. A view deleted entirely is not reported, nor a check that moves (decorator order, class instead of `dispatch`, `login_required(view)` in the URLconf), nor `@login_required` replaced by a stricter check. Scans do not run it: only a change can remove something.',
      why: 'An access check removed from a view that stays is the one regression no pattern can see in the new code alone: the view looks ordinary, and everyone, logged in or not, can now call it. It is also the easiest to miss in review, where a deleted decorator line is one red line among many.',
      bad: '-@login_required\n def export_orders(request):\n     return csv_of(Order.objects.all())',
      fix: '@login_required\ndef export_orders(request):\n    return csv_of(Order.objects.all())',
      language: 'diff'
    }
  },
  check(ctx) {
    if (ctx.mode !== 'diff') return []
    // every finding needs a check or DRF classes on one side of a changed file: without any, no file is parsed
    if (!ctx.code.some((f) => f.kind === 'python' && (mayHoldAccess(f.text) || (f.base !== undefined && mayHoldAccess(f.base.text))))) return []
    const { base, head, wrapped } = sides(ctx)
    const out: RuleFinding[] = []
    for (const b of base)
      for (const [qualname, before] of b.views) {
        const found = counterpart(b.path, qualname, head)
        if (!found) continue // deleted or renamed: not "access removed"
        const { path, view: after } = found
        const line = after.def.stmt.line
        const cls = after.def.stmt.t === 'class' ? after.def.stmt.name : after.def.owner?.stmt.t === 'class' ? after.def.owner.stmt.name : undefined
        const inUrls = [...(wrapped.get(after.def.stmt.name) ?? []), ...(cls ? (wrapped.get(cls) ?? []) : [])]
        const kept = new Set<AccessKind>([...after.checks.keys(), ...inUrls])
        // what the class already reports is not repeated on each of its methods
        const owner = after.def.owner && b.views.get(after.def.owner.qualname)
        const ownerAfter = after.def.owner && head.find((s) => s.path === path)?.views.get(after.def.owner.qualname)
        const lostByOwner = new Set([...(owner?.checks.keys() ?? [])].filter((k) => !ownerAfter?.checks.has(k)))
        for (const [kind, access] of before.checks) {
          if (kept.has(kind) || lostByOwner.has(kind)) continue
          // login_required replaced by a stricter check: still only for logged-in users
          if (kind === 'login' && kept.size) continue
          out.push({
            subject: `${qualname}:${kind}`,
            loc: { path, line, endLine: line },
            message: `\`${access.how}\` was removed from ${viewWords(after)}, which stays (it was at ${b.path}:${access.line} before): ${KIND_WORDS[kind]}, now anyone who can reach its URL can.`,
            fix: { description: `Put \`${access.how}\` back on ${after.def.qualname}, or, if the view is meant to be public now, say so in the pull request and suppress with a reason: \`# django-security: ignore[access-control-removed] -- public by design: …\`.` }
          })
        }
        for (const attribute of ['permission_classes', 'authentication_classes'] as const) {
          const key = attribute === 'permission_classes' ? 'permission' : 'authentication'
          const how = loosened(attribute, before[key], after[key], after.def.stmt.t === 'def' && after.def.owner !== undefined)
          if (!how) continue
          const at = after[key]?.line ?? line
          out.push({
            subject: `${qualname}:${attribute}`,
            loc: { path, line: at, endLine: at },
            message: `On ${viewWords(after)}, which stays: ${how}.`,
            fix: { description: `Restore ${attribute} = ${names(before[key]) === '[]' ? '[IsAuthenticated]' : names(before[key])} on ${after.def.qualname}, or, if the endpoint is meant to be public now, suppress with a reason: \`# django-security: ignore[access-control-removed] -- public by design: …\`.` }
          })
        }
      }
    return out
  }
}
