import { OFF_WORLDS, WORLDS } from '../python/env.js'
import { truthy } from '../python/values.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

export const debugEnabled: Rule = {
  meta: {
    id: 'debug-enabled',
    severity: 'critical',
    title: 'DEBUG is on in production',
    django: ['security.W018'],
    docs: {
      what: 'Finds production settings where the effective `DEBUG` is truthy: a literal, a value inherited from a base module, an environment read whose default is truthy, or a cast such as `bool(os.getenv("DEBUG"))` that is True for the string "False" (medium while no deploy file of the repository sets the variable that way). Also `DEBUG_PROPAGATE_EXCEPTIONS` and the template engine `debug` option.',
      why: 'With DEBUG on, every error page shows source code, local variables and all settings except a few masked names, to anyone who can trigger an error; Django also keeps every SQL query in memory.',
      bad: 'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"\n# or\nDEBUG = bool(os.getenv("DEBUG"))  # "False" is a non-empty string, so True',
      fix: 'DEBUG = os.environ.get("DJANGO_DEBUG", "False").lower() in ("1", "true", "yes")\n# or, with django-environ\nDEBUG = env.bool("DJANGO_DEBUG", default=False)'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    const debug = settings.get('DEBUG')
    const j = judge(debug, (v) => truthy(v))
    if (j.verdict !== 'none') {
      out.push({
        subject: 'DEBUG',
        djangoCheck: 'security.W018',
        loc: locOf(debug, settings, j.binding),
        reach: j.reach,
        message: `DEBUG ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value!)} in production: ${origin(debug, settings, j.binding)}.`,
        fix: { description: 'Turn DEBUG off in production; read it from the environment with a False default.', replacement: literalFix(debug, 'False') }
      })
    } else {
      // The bool()/truthiness trap: off when unset, but on when the environment says "False" or "0".
      const trap = OFF_WORLDS.map((w) => ({ probe: WORLDS[w] as string, s: settings.get('DEBUG', w) })).find((x) => x.s.binding?.env.length && truthy(x.s.value) === true)
      if (trap && trap.s.binding) {
        const read = trap.s.binding.env[0]
        out.push({
          subject: 'DEBUG:env-cast',
          djangoCheck: 'security.W018',
          loc: trap.s.binding.loc,
          // latent: no deployment of the repository sets the variable that way (one that did would make DEBUG true above)
          severity: 'medium',
          message: `DEBUG is True when the environment sets ${read.name}=${JSON.stringify(trap.probe)}: \`${trap.s.binding.text.trim()}\` treats any non-empty string as true, so turning debug "off" in the environment turns it on (no deploy file of the repository sets it so today).`,
          fix: { description: `Compare the string instead of casting it, e.g. \`os.environ.get("${read.name}", "False").lower() in ("1", "true", "yes")\`, or use \`env.bool("${read.name}", default=False)\`.` }
        })
      }
    }
    const propagate = settings.get('DEBUG_PROPAGATE_EXCEPTIONS')
    const p = judge(propagate, (v) => truthy(v))
    if (p.verdict !== 'none')
      out.push({
        subject: 'DEBUG_PROPAGATE_EXCEPTIONS',
        loc: locOf(propagate, settings, p.binding),
        message: `DEBUG_PROPAGATE_EXCEPTIONS ${p.verdict === 'possible' ? 'can be' : 'is'} ${show(p.value!)} in production: exceptions escape Django's handlers and reach the WSGI server with their details (${origin(propagate, settings, p.binding)}).`,
        fix: { description: 'Remove DEBUG_PROPAGATE_EXCEPTIONS from production settings.', replacement: literalFix(propagate, 'False') }
      })
    const templates = settings.get('TEMPLATES')
    if (templates.value.kind === 'seq')
      templates.value.items.forEach((item, i) => {
        const engine = item.value
        if (engine.kind !== 'dict') return
        const options = engine.entries.find((e) => e.key === 'OPTIONS')
        if (options?.value.kind !== 'dict') return
        const debugOption = options.value.entries.find((e) => e.key === 'debug')
        if (debugOption && truthy(debugOption.value) === true)
          out.push({
            subject: `TEMPLATES[${i}].OPTIONS.debug`,
            loc: debugOption.loc ?? locOf(templates, settings),
            message: `TEMPLATES[${i}]["OPTIONS"]["debug"] is ${show(debugOption.value)} in production: template errors render with source context and variables.`,
            fix: { description: 'Remove the template `debug` option (it follows DEBUG by default).' }
          })
      })
    return out
  }
}
