// production-settings-switched (diff): the settings module production loads moves from a production
// module to a development or test one.
import { isDevByName, referenceTarget, type SettingsReference } from '../settings/discovery.js'
import type { SideAnalysis } from '../settings/side.js'
import type { RuleFinding, TreeContext, TreeRule } from './types.js'

/** References that select what production runs: deploy files, wsgi/asgi/celery defaults, manage.py. */
const selects = (r: SettingsReference): boolean => r.kind === 'deploy' || r.kind === 'default' || r.kind === 'manage'

const asPath = (module: string): string => `${module.split('.').join('/')}.py`

/** Whether a side takes the module a reference names as development or test settings, and why. */
function development(r: SettingsReference, side: SideAnalysis): string | undefined {
  const target = referenceTarget(r, side.discovery.index)
  const entry = target ? side.discovery.entries.find((e) => e.path === target) : undefined
  if (entry) return entry.production ? undefined : entry.reason
  return isDevByName(target ?? asPath(r.module)) ? `${r.module} is named as a development or test module` : undefined
}

/** Whether a side takes the module a reference names as production settings. */
function production(r: SettingsReference, side: SideAnalysis): boolean {
  const target = referenceTarget(r, side.discovery.index)
  const entry = target ? side.discovery.entries.find((e) => e.path === target) : undefined
  if (entry) return entry.production
  // imported by a production module rather than an entry of its own, or not in the tree: by its name
  return !isDevByName(target ?? asPath(r.module))
}

/** The base reference a head reference replaces: same file, same kind, same process. */
function before(ctx: TreeContext, r: SettingsReference): SettingsReference | undefined {
  const base = ctx.base?.analysis.discovery.references ?? []
  const candidates = base.filter((b) => b.path === r.path && b.kind === r.kind && b.deployment?.name === r.deployment?.name)
  return candidates.find((b) => b.module !== r.module) && !candidates.some((b) => b.module === r.module) ? candidates[0] : undefined
}

export const productionSettingsSwitched: TreeRule = {
  meta: {
    id: 'production-settings-switched',
    severity: 'high',
    title: 'Production is switched to development settings',
    django: [],
    docs: {
      what: 'In a diff, finds a `DJANGO_SETTINGS_MODULE` that selects what production runs — the default in `wsgi.py`, `asgi.py` or `celery.py`, a deploy file (Dockerfile `ENV`, compose, Procfile, Kubernetes, PaaS files, `--settings`) — changed from a production module to a development or test one (`settings.local`, `settings.dev`, `settings.test`). `manage.py`\'s default is reported at medium: production runs management commands (`migrate`, `shell`) with it, but many projects point it at development settings on purpose.',
      why: 'Every settings rule judges the production module; a one-line change to the module name makes production load another file altogether, usually with DEBUG on, a committed SECRET_KEY, permissive hosts and no HTTPS settings, and none of that shows in the diff.',
      bad: 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")  # was config.settings.production',
      fix: 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")'
    }
  },
  check(ctx) {
    if (ctx.mode !== 'diff' || !ctx.base) return []
    const out: RuleFinding[] = []
    for (const r of ctx.head.analysis.discovery.references) {
      if (!selects(r) || !ctx.isNew(r.path, r.line)) continue
      const b = before(ctx, r)
      if (!b || !production(b, ctx.base.analysis)) continue
      const why = development(r, ctx.head.analysis)
      if (!why) continue
      const manage = r.kind === 'manage'
      const what = r.deployment ? r.deployment.name : r.path
      out.push({
        subject: `${r.kind}:${r.deployment?.name ?? r.path}`,
        loc: { path: r.path, line: r.line, endLine: r.line },
        severity: manage ? 'medium' : undefined,
        message: `${what} now sets DJANGO_SETTINGS_MODULE to ${r.module} instead of ${b.module}: ${why}, so ${manage ? 'management commands run in production (migrate, shell, …) load' : 'production loads'} development settings, and the review's settings rules no longer describe what ${manage ? 'they run' : 'it runs'}.`,
        fix: { description: `Point it back at ${b.module}; select development settings in development only (an untracked .env, docker-compose.dev.yml, or DJANGO_SETTINGS_MODULE in the developer's shell).` }
      })
    }
    return out
  }
}
