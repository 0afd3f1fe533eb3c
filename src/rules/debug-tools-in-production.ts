import { OFF_WORLDS, UNSET_WORLD } from '../python/env.js'
import { containsString, truthy } from '../python/values.js'
import type { Severity } from '../findings.js'
import type { SettingsView } from '../settings/view.js'
import { listStrings, locOf, origin, pyRepr } from './helpers.js'
import { middlewareSetting } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

interface Tool {
  label: string
  risk: string
  severity?: Severity
}

const TOOLBAR: Tool = { label: 'django-debug-toolbar', risk: 'it renders SQL queries, settings, headers and templates of each request to anyone its SHOW_TOOLBAR_CALLBACK or INTERNAL_IPS lets through (behind a proxy, every visitor can share the proxy\'s address), and keeps every query in memory' }
const SILK: Tool = { label: 'django-silk', risk: 'it records every request and response, bodies, headers and SQL included, and shows them at /silk/, which needs no login unless SILKY_AUTHENTICATION and SILKY_AUTHORISATION are set' }

/** Development tools, by INSTALLED_APPS label or middleware path. */
const TOOLS: Record<string, Tool> = {
  debug_toolbar: TOOLBAR,
  'debug_toolbar.middleware.DebugToolbarMiddleware': TOOLBAR,
  silk: SILK,
  'silk.middleware.SilkyMiddleware': SILK,
  django_extensions: {
    label: 'django-extensions',
    risk: 'it brings runserver_plus, whose Werkzeug debugger runs any Python typed into an error page, and shell_plus and other commands meant for development; it is harmless only as long as no one starts them on a production host',
    severity: 'low'
  }
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
      what: "Finds development tools in the production `INSTALLED_APPS` or `MIDDLEWARE`: django-debug-toolbar (`debug_toolbar` and its middleware), django-silk (`silk`, `SilkyMiddleware`) and, at low, django-extensions (`django_extensions`, home of runserver_plus). A tool added under `if DEBUG:` is not reported when DEBUG is off in production: the review evaluates the settings with DEBUG off (its default, and the environment saying False, 0 or nothing) and the tool must be absent in each. A tool behind another condition the review cannot decide (a required environment variable) is reported as possible, naming the condition; one behind a flag that is off when its variable is unset is not reported.",
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
        if (!tool || debugGuarded(settings, name, entry.value)) continue
        const condition = !entry.certain && s.value.kind === 'oneOf' ? `; it ${s.value.why}` : ''
        out.push({
          subject: `${name}:${entry.value}`,
          loc: entry.loc ?? locOf(s, settings),
          severity: tool.severity,
          message: `${pyRepr(entry.value)} (${tool.label}) ${entry.certain ? 'is' : 'can be'} in ${name} in production, outside any DEBUG guard: ${tool.risk} (${origin(s, settings)}${condition}).`,
          fix: { description: `Add ${pyRepr(entry.value)} only in development settings (local.py), or under \`if DEBUG:\` with DEBUG off in production.` }
        })
      }
    }
    return out
  }
}
