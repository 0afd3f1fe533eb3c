import { OFF_WORLDS, UNSET_WORLD } from '../python/env.js'
import { containsString, truthy } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { entryOf, listStrings, locOf, origin, pyRepr } from './helpers.js'
import { middlewareSetting } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

interface Tool {
  label: string
  risk: string
  /** Whether production can show what the tool collects to a visitor; undefined: it can. */
  exposed(view: SettingsView): boolean
  /** Why it is exposed, for the message. */
  because: string
}

// django-debug-toolbar's own show_toolbar() needs DEBUG on (debug-enabled reports that) and
// INTERNAL_IPS: the toolbar renders with DEBUG off only through a custom SHOW_TOOLBAR_CALLBACK.
const TOOLBAR: Tool = {
  label: 'django-debug-toolbar',
  risk: "it renders SQL queries, settings, headers and templates of each request to anyone the callback lets through, and keeps every query in memory",
  exposed: (view) => entryOf(view.get('DEBUG_TOOLBAR_CONFIG').value, 'SHOW_TOOLBAR_CALLBACK') !== undefined,
  because: 'DEBUG_TOOLBAR_CONFIG["SHOW_TOOLBAR_CALLBACK"] decides who sees it, not DEBUG'
}
// django-silk shows /silk/ to anyone unless both settings require a logged-in staff user.
const SILK: Tool = {
  label: 'django-silk',
  risk: 'it records every request and response, bodies, headers and SQL included, and shows them at /silk/',
  exposed: (view) => !(truthy(view.get('SILKY_AUTHENTICATION').value) === true && truthy(view.get('SILKY_AUTHORISATION').value) === true),
  because: 'SILKY_AUTHENTICATION and SILKY_AUTHORISATION are not both True, so no login is needed'
}

/**
 * Development tools that serve what they collect, by INSTALLED_APPS label or middleware path.
 * django-extensions is not one: installed, it only adds management commands, and production
 * servers (gunicorn, uWSGI, daphne) do not run runserver_plus.
 */
const TOOLS: Record<string, Tool> = {
  debug_toolbar: TOOLBAR,
  'debug_toolbar.middleware.DebugToolbarMiddleware': TOOLBAR,
  silk: SILK,
  'silk.middleware.SilkyMiddleware': SILK
}

/**
 * Whether the tool is kept out by DEBUG: in every world where DEBUG is certainly off (production as
 * deployed, and the environment saying "False", "0" or ""), the list certainly lacks it. False when
 * DEBUG is never off: then no guard on DEBUG keeps the tool out of production.
 */
function debugGuarded(view: SettingsView, setting: string, tool: string): boolean {
  const off = [UNSET_WORLD, ...OFF_WORLDS].filter((w) => truthy(view.get('DEBUG', w).value) === false)
  return off.length > 0 && off.every((w) => containsString(view.get(setting, w).value, tool) === false)
}

export const debugToolsInProduction: Rule = {
  meta: {
    id: 'debug-tools-in-production',
    severity: 'medium',
    title: 'Development tools are enabled in production',
    django: [],
    docs: {
      what: "Finds development tools that serve what they collect in the production `INSTALLED_APPS` or `MIDDLEWARE`: django-debug-toolbar (`debug_toolbar` and its middleware) when a custom `SHOW_TOOLBAR_CALLBACK` decides who sees it (its default shows it only with DEBUG on, which `debug-enabled` reports), and django-silk (`silk`, `SilkyMiddleware`) unless `SILKY_AUTHENTICATION` and `SILKY_AUTHORISATION` are both True. django-extensions is not reported: installed, it only adds management commands. A tool added under `if DEBUG:` is not reported when DEBUG is off in production: the review evaluates the settings with DEBUG off (its default, and the environment saying False, 0 or nothing) and the tool must be absent in each. A tool behind another condition the review cannot decide (a required environment variable) is reported as possible, naming the condition; one behind a flag that is off when its variable is unset is not reported.",
      why: 'These tools exist to show a developer everything about a request: SQL, settings, headers, request bodies, profiles. In production that is an information leak to whoever reaches them, a memory and speed cost on every request, and for runserver_plus an interactive Python console in the browser.',
      bad: 'INSTALLED_APPS += ["debug_toolbar"]\nMIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]',
      fix: 'if DEBUG:\n    INSTALLED_APPS += ["debug_toolbar"]\n    MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]\n# better: add them in local.py / development settings only'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    const mw = middlewareSetting(settings)
    for (const s of [settings.get('INSTALLED_APPS'), mw]) {
      const name = s.name
      for (const entry of listStrings(s.value)) {
        // an AppConfig path ('silk.apps.SilkAppConfig') installs the app it belongs to
        const tool = TOOLS[entry.value] ?? (name === 'INSTALLED_APPS' && entry.value.endsWith('Config') ? TOOLS[entry.value.split('.')[0]] : undefined)
        if (!tool || debugGuarded(settings, name, entry.value) || !tool.exposed(settings)) continue
        const condition = !entry.certain && s.value.kind === 'oneOf' ? `; it ${s.value.why}` : ''
        out.push({
          subject: `${name}:${entry.value}`,
          loc: entry.loc ?? locOf(s, settings),
          message: `${pyRepr(entry.value)} (${tool.label}) ${entry.certain ? 'is' : 'can be'} in ${name} in production, outside any DEBUG guard, and ${tool.because}: ${tool.risk} (${origin(s, settings)}${condition}).`,
          fix: { description: `Add ${pyRepr(entry.value)} only in development settings (local.py), or under \`if DEBUG:\` with DEBUG off in production.` }
        })
      }
    }
    return out
  }
}
