// runserver-in-production: `manage.py runserver` as what a production container or process runs.
import type { Deployment } from '../deploy/index.js'
import { heldToProduction, runsRunserver } from '../deploy/production.js'
import type { RuleFinding, TreeRule } from './types.js'

/** The line of the deploy file that runs runserver: the first line from the process's own that names it. */
function runserverLine(text: string | undefined, d: Deployment): number {
  if (text === undefined) return d.line
  const lines = text.split('\n')
  // a Dockerfile's CMD comes after its FROM line; a compose service's command after its name
  for (let i = Math.max(0, d.line - 1); i < lines.length; i++) if (lines[i].includes('runserver')) return i + 1
  for (let i = 0; i < lines.length; i++) if (lines[i].includes('runserver')) return i + 1
  return d.line
}

export const runserverInProduction: TreeRule = {
  meta: {
    id: 'runserver-in-production',
    severity: 'medium',
    title: 'The development server runs in production',
    django: [],
    docs: {
      what: 'Finds `manage.py runserver` (or `runserver_plus`) as the command of a production process: a Dockerfile\'s `CMD`/`ENTRYPOINT`, a Procfile line, a Kubernetes container, `render.yaml`/`fly.toml`/App Platform start commands, systemd or supervisor programs, and compose services in a compose file named for production. A plain `docker-compose.yml`, `docker-compose.dev.yml`, `Dockerfile.dev`, `.devcontainer/` and `Procfile.dev` are a developer\'s setup and are not reported. In a diff only a command the change adds counts.',
      why: 'Django\'s documentation says of runserver: "DO NOT USE THIS SERVER IN A PRODUCTION SETTING. It has not gone through security audits or performance tests." It serves one request at a time per thread, reloads code, serves static files only with DEBUG on, and is usually started together with DEBUG.',
      bad: 'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]',
      fix: 'CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]',
      language: 'dockerfile'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    const before = new Set((ctx.base?.analysis.discovery.deployments ?? []).filter(runsRunserver).map((d) => d.name))
    for (const d of ctx.head.analysis.discovery.deployments) {
      if (!runsRunserver(d) || !heldToProduction(d)) continue
      const line = runserverLine(ctx.head.files.read(d.path), d)
      // the same process ran runserver before the change: not new
      if (!ctx.isNew(d.path, line) || (ctx.mode === 'diff' && before.has(d.name))) continue
      out.push({
        subject: `runserver:${d.name}`,
        loc: { path: d.path, line, endLine: line },
        message: `${d.name} runs \`manage.py runserver\`, Django's development server, as a production process: it is not built for security or load ("DO NOT USE THIS SERVER IN A PRODUCTION SETTING", Django's docs).`,
        fix: { description: 'Serve the project with a production server, e.g. `gunicorn config.wsgi:application --bind 0.0.0.0:$PORT` (or uvicorn/daphne for ASGI), and keep runserver in development files such as docker-compose.dev.yml.' }
      })
    }
    return out
  }
}
