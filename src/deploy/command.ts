// What a process's command line says: which role it has (runserver is development, collectstatic a
// build step), the settings module it passes (`--settings`, gunicorn `--env`), and variables set
// inline (`DJANGO_SETTINGS_MODULE=x gunicorn …`). Commands are parsed as words, never run.
import { parse } from 'shell-quote'
import type { Role } from './types.js'

export interface CommandFacts {
  role?: Role
  why?: string
  /** Variables the command line sets: inline assignments before the program, gunicorn/uwsgi --env. */
  env: Map<string, string>
  /** `--settings X` / `--settings=X` of a manage.py or django-admin command. */
  settings?: string
}

const MAX_COMMAND = 10_000
const BUILD_STEPS = new Set(['collectstatic', 'compilemessages', 'compress', 'check', 'makemigrations'])
const RELEASE_STEPS = new Set(['migrate', 'createcachetable', 'loaddata'])
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/

const SERVER = /gunicorn|uwsgi|daphne|uvicorn|hypercorn|waitress|granian|mod_wsgi-express|runserver|celery/
/** A variable stays a reference (`${NAME}`) for the caller to interpolate, rather than becoming ''. */
const keepVariable = (name: string): string => `\${${name}}`

/** The words of a command line, as a shell would split it (`sh -c "…"` scripts split too). */
export function words(command: string): string[] {
  let ws: string[]
  try {
    ws = parse(command.slice(0, MAX_COMMAND), keepVariable).filter((w): w is string => typeof w === 'string')
  } catch {
    return command.slice(0, MAX_COMMAND).split(/\s+/)
  }
  // `sh -c "python manage.py migrate && gunicorn …"`: the quoted script's own words
  return ws.flatMap((w, i) => (i > 0 && ws[i - 1] === '-c' && /\s/.test(w) ? words(w) : [w]))
}

export function commandFacts(command: string | string[] | undefined): CommandFacts {
  const facts: CommandFacts = { env: new Map() }
  if (command === undefined) return facts
  const ws = Array.isArray(command) ? command.flatMap((c) => (typeof c === 'string' ? words(c) : [])) : words(command)
  let inlineEnv = true
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]
    if (inlineEnv && ASSIGNMENT.test(w)) {
      const eq = w.indexOf('=')
      facts.env.set(w.slice(0, eq), w.slice(eq + 1))
      continue
    }
    inlineEnv = false
    if (w === 'env' || w === 'exec' || w.endsWith('/bin/env')) {
      inlineEnv = true
      continue
    }
    if ((w === '--env' || w === '-e' || w === '--set-env') && ws[i + 1] && ASSIGNMENT.test(ws[i + 1])) {
      const a = ws[++i]
      facts.env.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1))
    } else if (w.startsWith('--env=') && ASSIGNMENT.test(w.slice(6))) {
      const a = w.slice(6)
      facts.env.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1))
    } else if (w === '--settings' && ws[i + 1]) facts.settings = ws[++i]
    else if (w.startsWith('--settings=')) facts.settings = w.slice('--settings='.length)
    else if (w === 'runserver' || w === 'runserver_plus') {
      facts.role = 'development'
      facts.why = `it runs manage.py ${w}, the development server`
    } else if ((w === 'pytest' || w === 'py.test' || w === 'tox' || (w === 'test' && /manage\.py$|django-admin$/.test(ws[i - 1] ?? ''))) && !facts.role) {
      facts.role = 'development'
      facts.why = 'it runs the tests'
    }
  }
  if (!facts.role) {
    const managed = ws.findIndex((w) => /(^|\/)manage\.py$|^django-admin$/.test(w))
    const sub = managed >= 0 ? ws[managed + 1] : undefined
    // a step chained before the server (`collectstatic && gunicorn`) does not make the process a step
    const serves = ws.some((w) => SERVER.test(w))
    if (sub && BUILD_STEPS.has(sub) && !serves) {
      facts.role = 'build'
      facts.why = `it runs manage.py ${sub}, a build step`
    } else if (sub && RELEASE_STEPS.has(sub) && !serves) {
      facts.role = 'release'
      facts.why = `it runs manage.py ${sub}, a release step`
    } else if (ws.some((w) => w === 'celery' || w.endsWith('/celery'))) facts.role = 'worker'
  }
  return facts
}
