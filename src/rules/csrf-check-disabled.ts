// csrf-check-disabled: a DRF SessionAuthentication whose enforce_csrf does nothing, in use.
import { disablingClasses, type DisablingClass } from '../code/session-auth.js'
import { drfClasses } from '../code/views.js'
import { definitionsOf } from '../code/walk.js'
import type { Loc } from '../python/values.js'
import type { RuleFinding, TreeContext, TreeRule } from './types.js'

interface Use {
  cls: string
  loc: Loc
  /** For messages: "OrderViewSet.authentication_classes", "REST_FRAMEWORK DEFAULT_AUTHENTICATION_CLASSES". */
  where: string
}

/** The classes that development settings modules name in their own text (etools' local.py, 'to test from postman'). */
function namedByDevelopmentSettings(ctx: TreeContext, names: Iterable<string>): Set<string> {
  const texts = [...ctx.head.analysis.views.values()].filter((v) => !v.entry.production).map((v) => ctx.head.files.read(v.path) ?? '')
  return new Set([...names].filter((n) => texts.some((t) => t.includes(n))))
}

/** Where the head uses these classes: views' authentication_classes, and DEFAULT_AUTHENTICATION_CLASSES of production settings. */
function usesOf(ctx: TreeContext, names: Set<string>): Use[] {
  const out: Use[] = []
  for (const { path, module } of ctx.pythonWith('authentication_classes'))
    for (const d of definitionsOf(module)) {
      const found = drfClasses(d, 'authentication_classes')
      for (const cls of found?.names ?? []) if (names.has(cls) && found) out.push({ cls, loc: { path, line: found.line, endLine: found.line }, where: `${d.qualname}'s authentication_classes` })
    }
  for (const view of ctx.head.analysis.views.values()) {
    if (!view.entry.production) continue
    const rf = view.get('REST_FRAMEWORK')
    const entry = rf.value.kind === 'dict' ? rf.value.entries.find((e) => e.key === 'DEFAULT_AUTHENTICATION_CLASSES') : undefined
    if (entry?.value.kind !== 'seq') continue
    for (const item of entry.value.items) {
      if (item.value.kind !== 'str') continue
      const cls = item.value.value.slice(item.value.value.lastIndexOf('.') + 1)
      const loc = item.loc ?? entry.loc ?? rf.binding?.loc
      if (names.has(cls) && loc && !out.some((u) => u.loc.path === loc.path && u.loc.line === loc.line)) out.push({ cls, loc, where: `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] in ${view.path}` })
    }
  }
  return out
}

const linesOf = (c: DisablingClass): number[] => Array.from({ length: Math.min(c.endLine - c.line + 1, 50) }, (_, i) => c.line + i)

const FIX = 'Delete the override and let SessionAuthentication check the CSRF token (send it from the client as the X-CSRFToken header); for clients that cannot send one, authenticate them with a token (TokenAuthentication, JWT) instead of the session cookie.'

export const csrfCheckDisabled: TreeRule = {
  meta: {
    id: 'csrf-check-disabled',
    severity: 'high',
    title: 'A DRF authentication class skips the CSRF check',
    django: [],
    docs: {
      what: 'Finds Django REST framework `SessionAuthentication` subclasses whose `enforce_csrf` does nothing (`pass`, `return`, `return None`), and subclasses that inherit such a method, when the repository uses them: in a view\'s `authentication_classes` (or the `@authentication_classes` decorator) or in `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]` of production settings. A class only development settings use is left alone. It reports the empty `enforce_csrf`; in a diff, also each use the change adds.',
      why: 'SessionAuthentication authenticates by the session cookie, which the browser sends with every request, including those another site makes it send. DRF checks the CSRF token for exactly that reason; an empty `enforce_csrf` lets any page a logged-in user visits call the API as them.',
      bad: 'class CsrfExemptSessionAuthentication(SessionAuthentication):\n    def enforce_csrf(self, request):\n        return  # To not perform the csrf check\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    authentication_classes = (CsrfExemptSessionAuthentication,)',
      fix: 'class OrderViewSet(viewsets.ModelViewSet):\n    authentication_classes = (SessionAuthentication,)  # and send the X-CSRFToken header\n    # or, for API clients that are not browsers: (TokenAuthentication,)'
    }
  },
  check(ctx) {
    const classes = disablingClasses(ctx.pythonWith('SessionAuthentication').map(({ path, module }) => ({ path, module })))
    if (!classes.length) return []
    const byName = new Map(classes.map((c) => [c.name, c] as [string, DisablingClass]))
    const uses = usesOf(ctx, new Set(byName.keys()))
    const out: RuleFinding[] = []
    const developmentOnly = namedByDevelopmentSettings(ctx, byName.keys())
    // a diff's source reads the changed files and the settings: uses elsewhere may be out of sight
    const unseen = [...ctx.head.files.paths].some((p) => p.endsWith('.py') && ctx.head.files.read(p) === undefined)
    for (const c of classes) {
      const used = uses.filter((u) => u.cls === c.name || byName.get(u.cls)?.via === c.name)
      const changed = linesOf(c).find((l) => ctx.isNew(c.path, l))
      if ((!used.length && !unseen) || changed === undefined) continue
      // only development settings put it to use (etools' local.py, 'to test from postman')
      if (!used.length && developmentOnly.has(c.name)) continue
      // on the def line, or in a diff the first line the change wrote there (`pass` replacing the check)
      const line = ctx.isNew(c.path, c.line) ? c.line : changed
      const shown = used.slice(0, 3).map((u) => `${u.where} (${u.loc.path}:${u.loc.line})`)
      const usedBy = used.length ? `It is used by ${shown.join(', ')}${used.length > 3 ? ` and ${used.length - 3} more` : ''}.` : 'The review read the changed files and the settings and saw no use of it; a class like this exists to be put in authentication_classes.'
      out.push({
        subject: `class:${c.name}`,
        loc: { path: c.path, line, endLine: line },
        message: `${c.name} ${c.via ? `inherits the empty enforce_csrf of ${c.via}` : 'overrides enforce_csrf to do nothing'}, so requests authenticated by the session cookie skip DRF's CSRF check: any site a logged-in user visits can call the API as them. ${usedBy}`,
        fix: { description: FIX }
      })
    }
    // in a diff, a use the change adds of a class that already existed
    if (ctx.mode === 'diff')
      for (const u of uses) {
        const c = byName.get(u.cls)
        if (!c || !ctx.isNew(u.loc.path, u.loc.line) || out.some((f) => f.subject === `class:${c.name}` || f.subject === `class:${c.via ?? ''}`)) continue
        out.push({
          subject: `use:${u.cls}:${u.where}`,
          loc: u.loc,
          message: `${u.where} now uses ${u.cls}, whose enforce_csrf does nothing (${c.path}:${c.line}): requests authenticated by the session cookie skip DRF's CSRF check, so any site a logged-in user visits can call this API as them.`,
          fix: { description: `Use SessionAuthentication itself (and send the X-CSRFToken header), or a token authentication for clients that are not browsers. ${FIX}` }
        })
      }
    return out
  }
}
