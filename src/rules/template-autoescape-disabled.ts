import { truthy } from '../python/values.js'
import { alternatives, entryOf, lastSegment, locOf, origin, show } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

export const templateAutoescapeDisabled: Rule = {
  meta: {
    id: 'template-autoescape-disabled',
    severity: 'high',
    title: 'Template auto-escaping is turned off',
    django: [],
    docs: {
      what: 'Finds production `TEMPLATES` engines whose `OPTIONS["autoescape"]` is false, for the Django template language and for Jinja2 (Django\'s Jinja2 backend turns auto-escaping on unless told otherwise). A callable such as Jinja2\'s `select_autoescape(...)` is not reported.',
      why: 'With auto-escaping off, every `{{ value }}` that holds user input is written into the page as HTML, so a name, a comment or a search term containing `<script>` runs in other users\' browsers (stored or reflected XSS), on every template of that engine at once.',
      bad: 'TEMPLATES = [{\n    "BACKEND": "django.template.backends.django.DjangoTemplates",\n    "APP_DIRS": True,\n    "OPTIONS": {"autoescape": False},\n}]',
      fix: 'TEMPLATES = [{\n    "BACKEND": "django.template.backends.django.DjangoTemplates",\n    "APP_DIRS": True,\n    "OPTIONS": {},  # autoescape defaults to True; use {% autoescape off %} or |safe where markup is trusted\n}]'
    }
  },
  check({ settings }) {
    const s = settings.get('TEMPLATES')
    const found = new Map<string, RuleFinding>()
    for (const alt of alternatives(s.value)) {
      if (alt.kind !== 'seq') continue
      alt.items.forEach((engine, i) => {
        const option = entryOf(entryOf(engine.value, 'OPTIONS')?.value, 'autoescape')
        const subject = `TEMPLATES[${i}].OPTIONS.autoescape`
        if (!option || truthy(option.value) !== false || found.has(subject)) return
        const backend = entryOf(engine.value, 'BACKEND')?.value
        const name = backend?.kind === 'str' ? lastSegment(backend.value) : 'template'
        found.set(subject, {
          subject,
          // without its own location the option was written by a later statement (TEMPLATES[0][...] = ...)
          loc: option.loc ?? locOf(s, settings),
          message: `TEMPLATES[${i}] (${name}) has "autoescape": ${show(option.value)} in production, so every {{ variable }} in its templates is written out as raw HTML and user input in them becomes cross-site scripting (${origin(s, settings)}).`,
          fix: { description: 'Remove the autoescape option (it defaults to True) and mark only trusted markup safe, with {% autoescape off %} or |safe where needed.' }
        })
      })
    }
    return [...found.values()]
  }
}
