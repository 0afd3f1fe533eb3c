import { bindRequestAndReason, type CallableLookup } from '../code/callables.js'
import { atLeast, type DjangoVersion } from '../deps/django-version.js'
import type { Param } from '../python/ast.js'
import type { Value } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { judge, locOf, origin, pyRepr } from './helpers.js'
import type { Rule } from './types.js'

/** What is wrong with the view a dotted path names: a Django check id (none when Django's check raises instead), and why. */
interface Broken {
  djangoCheck?: 'security.E101' | 'security.E102'
  what: string
  /** Django's check raises (ViewDoesNotExist is no ImportError) rather than report E102. */
  crashes?: true
  /** The view works; only Django's check rejects it. */
  checkOnly?: true
}

function brokenBy(lookup: CallableLookup, dotted: string, django: DjangoVersion): Broken | undefined {
  switch (lookup.kind) {
    case 'class-view':
      // Django 3.2's check only: the view works, and 4.0's as_view() no longer hands dispatch's signature over
      return atLeast(django, '3.2') && !atLeast(django, '4.0')
        ? { djangoCheck: 'security.E101', checkOnly: true, what: `Django's check misreads the view it names, \`${lookup.cls}.as_view()\` (${lookup.path}:${lookup.line}), which works: before Django 4.0 as_view() marks the view as wrapping \`dispatch(self, request, *args, **kwargs)\`, and Django's check reads that signature: it reports security.E101 (Django ticket #34695), an error that stops \`manage.py migrate\` and \`runserver\` until it is silenced` }
        : undefined
    case 'unimportable':
      return { djangoCheck: 'security.E102', what: `Django cannot import it (${lookup.why})` }
    case 'does-not-exist':
      return { crashes: true, what: `it names nothing (${lookup.why}): Django raises ViewDoesNotExist loading it` }
    case 'function': {
      const why = bindRequestAndReason(lookup.def.params)
      const name = dotted.slice(dotted.lastIndexOf('.') + 1)
      return why === undefined ? undefined : { djangoCheck: 'security.E101', what: `Django calls it as \`view(request, reason=...)\`, and \`def ${name}(${signature(lookup.def.params)})\` (${lookup.path}:${lookup.def.line}) cannot take that: ${why}` }
    }
    default:
      return undefined
  }
}

/** The parameters as written: `request, reason=…, /, *, extra`. */
function signature(params: readonly Param[]): string {
  const out: string[] = []
  params.forEach((p, i) => {
    if (p.keywordOnly && !params.slice(0, i).some((q) => q.star === '*' || q.keywordOnly)) out.push('*')
    out.push(`${p.star ?? ''}${p.name}${p.default !== undefined ? '=…' : ''}`)
    if (p.positionalOnly && !params[i + 1]?.positionalOnly) out.push('/')
  })
  return out.join(', ')
}

/** The setting's string values, looked up once each. */
function judgeView(settings: SettingsView): { value?: Value; broken?: Broken; j: ReturnType<typeof judge> } {
  const cache = new Map<string, Broken | undefined>()
  const broken = (dotted: string): Broken | undefined => {
    if (!cache.has(dotted)) cache.set(dotted, brokenBy(settings.projectCallable(dotted), dotted, settings.django))
    return cache.get(dotted)
  }
  const j = judge(settings.get('CSRF_FAILURE_VIEW'), (v) => (v.kind === 'str' ? broken(v.value) !== undefined : undefined))
  return { value: j.value, broken: j.value?.kind === 'str' ? broken(j.value.value) : undefined, j }
}

export const csrfFailureViewBroken: Rule = {
  meta: {
    id: 'csrf-failure-view-broken',
    severity: 'low',
    title: 'CSRF_FAILURE_VIEW cannot be imported or called',
    django: ['security.E101', 'security.E102'],
    docs: {
      what: "Finds a production `CSRF_FAILURE_VIEW` that Django cannot use, decided from the repository as Django's `get_callable` and `check_csrf_failure_view` (3.2+) do: a value that is not a dotted path or whose package the repository lacks (E102, cannot be imported), a project function that `view(request, reason=...)` cannot call — no positional parameter, no `reason` parameter or `**kwargs`, another parameter without a default (E101) — and a module of the repository that does not define the name, or a package without that module: Django raises ViewDoesNotExist there, which its check does not catch, so `manage.py check` crashes (reported without a check id). A class-based view (`FailureView.as_view()`, the class deriving from Django's View, TemplateView or RedirectView and keeping its `dispatch`) works, but on Django 3.2 the check still reports E101 for it (ticket #34695, fixed by 4.0's as_view()): reported on 3.x only, saying so. Other class instances, a function decorated other than with Django's view decorators, and a path into an installed package are not judged. Before Django 3.2 there is no check, but the view is just as broken: reported without a check id.",
      why: 'Django calls this view for every request its CSRF protection rejects. When the view cannot be imported or called, each rejection ends in a server error (500) instead of the 403 page, which hides the reason from users and floods error reports; and the system-check error stops `manage.py migrate` and `runserver` where checks run.',
      bad: 'CSRF_FAILURE_VIEW = "shop.views.csrf_failure"\n\n# shop/views.py\ndef csrf_failure(request):\n    return render(request, "403_csrf.html", status=403)',
      fix: '# shop/views.py\ndef csrf_failure(request, reason=""):\n    return render(request, "403_csrf.html", status=403)'
    }
  },
  check({ settings }) {
    const s = settings.get('CSRF_FAILURE_VIEW')
    const { value, broken, j } = judgeView(settings)
    if (j.verdict === 'none' || !broken || value?.kind !== 'str') return []
    const checked = atLeast(settings.django, '3.2')
    const may = j.verdict === 'possible' ? 'can be' : 'is'
    return [
      {
        subject: 'CSRF_FAILURE_VIEW',
        djangoCheck: checked ? broken.djangoCheck : undefined,
        loc: locOf(s, settings, j.binding),
        message: `CSRF_FAILURE_VIEW ${may} ${pyRepr(value.value)} in production, but ${broken.what}${broken.crashes && checked ? ", which Django's own check does not catch: `manage.py check` stops with a traceback instead of reporting security.E102" : ''}${broken.checkOnly ? ` (this project runs ${settings.django.why})` : `; every request the CSRF protection rejects then ends in a server error instead of the 403 page${checked ? '' : ` (Django before 3.2 has no check for it; this project runs ${settings.django.why})`}`} (${origin(s, settings, j.binding)}).`,
        fix: { description: broken.checkOnly ? 'Make the CSRF failure view a function `def csrf_failure(request, reason=""):` (it may call the class-based view), or upgrade to Django 4.0 or later.' : broken.djangoCheck === 'security.E101' ? 'Give the view the signature Django calls it with: `def csrf_failure(request, reason=""):`.' : "Point CSRF_FAILURE_VIEW at a function `def csrf_failure(request, reason=\"\")` the project defines, or remove the setting to use Django's own view." }
      }
    ]
  }
}
