// debug-in-deploy-config: a deploy file turns DEBUG on for a production process.
import type { Deployment, EnvSetting } from '../deploy/index.js'
import { heldToProduction } from '../deploy/production.js'
import type { RuleFinding, TreeRule } from './types.js'

const DEBUG_VARIABLES = ['DEBUG', 'DJANGO_DEBUG']
const TRUTHY = new Set(['1', 'true', 'yes', 'on', 't', 'y'])

export const isTruthyFlag = (value: string | undefined): boolean => value !== undefined && TRUTHY.has(value.trim().replace(/^["']|["']$/g, '').toLowerCase())

/**
 * The lines from where a deploy file sets the variable (the instruction's first line: a Dockerfile
 * `ENV` continued over several lines) to the line that names it.
 */
function spanOf(text: string | undefined, setting: EnvSetting): number[] {
  const lines = (text ?? '').split('\n')
  for (let i = setting.line - 1; i < Math.min(lines.length, setting.line + 30); i++) if (lines[i].includes(setting.name)) return Array.from({ length: i - setting.line + 2 }, (_, k) => setting.line + k)
  return [setting.line]
}

export const debugInDeployConfig: TreeRule = {
  meta: {
    id: 'debug-in-deploy-config',
    severity: 'high',
    title: 'A deploy file turns DEBUG on for production',
    django: ['security.W018'],
    docs: {
      what: 'Finds `DEBUG` or `DJANGO_DEBUG` set to a true value (`True`, `1`, `yes`, `on`) in the environment a deploy file gives a production process: Dockerfile `ENV`, compose `environment:` and `env_file:`, Kubernetes `env` and ConfigMaps, Procfile command lines and `app.json`, `render.yaml`, `fly.toml`, DigitalOcean and App Engine files, systemd/supervisor/uWSGI configuration. Development files (`docker-compose.dev.yml`, `Dockerfile.dev`, `.devcontainer/`, `Procfile.dev`) are not production, nor is a service of a plain `docker-compose.yml` that runs `runserver` or turns DEBUG on (most often the developer\'s setup) — unless the change turns DEBUG on in a service that served production before it. When debug-enabled already reports the same deploy line (the production settings read that variable, and the finding names the settings line), this rule stays silent there: one comment per line. In a diff only lines the change adds count.',
      why: 'The settings usually read DEBUG from the environment precisely so that production can keep it off; a deploy file that sets it on defeats that. With DEBUG on, every error page shows source code, local variables and settings to whoever triggers it.',
      bad: '# Dockerfile\nENV DJANGO_SETTINGS_MODULE=config.settings.production \\\n    DJANGO_DEBUG=True',
      fix: '# Dockerfile\nENV DJANGO_SETTINGS_MODULE=config.settings.production \\\n    DJANGO_DEBUG=False',
      language: 'dockerfile'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    const seen = new Set<string>()
    const byLine = new Map<string, { setting: EnvSetting; processes: Deployment[] }>()
    const before = ctx.base?.analysis.discovery.deployments
    for (const d of ctx.head.analysis.discovery.deployments) {
      if (!heldToProduction(d, before)) continue
      for (const name of DEBUG_VARIABLES) {
        const setting = d.env.get(name)
        if (!setting || setting.platform || !isTruthyFlag(setting.value)) continue
        const key = `${setting.path}:${setting.line}:${name}`
        const entry = byLine.get(key)
        if (entry) entry.processes.push(d)
        else byLine.set(key, { setting, processes: [d] })
      }
    }
    for (const { setting, processes } of byLine.values()) {
      if (!spanOf(ctx.head.files.read(setting.path), setting).some((l) => ctx.isNew(setting.path, l)) || seen.has(`${setting.path}:${setting.line}`)) continue
      seen.add(`${setting.path}:${setting.line}`)
      const who = processes.map((p) => p.name).join(', ')
      const template = setting.copiedTo ? ` ${setting.path} is a template a user would copy to ${setting.copiedTo}: every deployment made from it as written gets DEBUG on (reported at medium severity).` : ''
      out.push({
        subject: `${setting.name}:${processes[0].name}`,
        loc: { path: setting.path, line: setting.line, endLine: setting.line },
        severity: setting.copiedTo ? 'medium' : undefined,
        djangoCheck: 'security.W018',
        message: `${setting.name}=${setting.value} is given to ${who}, a production process: if the settings read ${setting.name}, production runs with DEBUG on and error pages show source code, local variables and settings.${template}`,
        fix: { description: `Set ${setting.name}=False here (or remove it, so the settings' False default applies); keep DEBUG on only in development files such as docker-compose.dev.yml or an untracked .env.` }
      })
    }
    return out
  }
}
