// Process managers' configuration: uWSGI ini (`env = A=b`), gunicorn.conf.py (`raw_env`), systemd
// units (`Environment=`), supervisor programs (`environment=`). Each file is one serving deployment
// with the variables it sets; a unit that runs runserver is development.
import { parse } from 'shell-quote'
import { classifyFile } from '../files/classify.js'
import { commandFacts } from './command.js'
import { interpolate } from './interpolate.js'
import type { Deployment, EnvSetting } from './types.js'

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1).toLowerCase()

// test and lint tools' .ini files configure no process
const TOOL_CONFIG = new Set(['pytest.ini', 'tox.ini', 'mypy.ini', 'setup.ini', '.flake8.ini', 'alembic.ini'])

export function isProcessConfig(path: string): boolean {
  const name = baseName(path)
  if (TOOL_CONFIG.has(name)) return false
  return name.endsWith('.ini') || /^gunicorn[^/]*\.(conf\.)?py$/.test(name) || name.endsWith('.service') || (name.includes('supervisor') && name.endsWith('.conf')) || path.includes('supervisor/') || path.endsWith('.supervisor.conf')
}

const ASSIGNMENT_START = /^[A-Za-z_][A-Za-z0-9_]*=/

function trim(s: string, chars: string): string {
  let i = 0
  while (i < s.length && chars.includes(s[i])) i++
  return s.slice(i)
}

function trimEnd(s: string, chars: string): string {
  let j = s.length
  while (j > 0 && chars.includes(s[j - 1])) j--
  return s.slice(0, j)
}

/** The variables a line sets, for the forms these files use. */
function assignmentsOf(name: string, line: string): [string, string][] {
  const t = line.trim()
  if (t.startsWith('#') || t.startsWith(';')) return []
  let rest: string | undefined
  if (name.endsWith('.ini')) rest = /^env\s*=(.*)$/.exec(t)?.[1]
  else if (name.endsWith('.service')) rest = /^Environment\s*=(.*)$/.exec(t)?.[1]
  else if (name.endsWith('.py')) rest = t.includes('raw_env') ? t.slice(t.indexOf('raw_env') + 'raw_env'.length) : /^["'][A-Za-z_]/.test(t) ? t : undefined
  else rest = /^environment\s*=(.*)$/.exec(t)?.[1]
  if (rest === undefined) return []
  // shell words: systemd and gunicorn quote whole assignments ("A=b"), supervisor quotes values (A="b",C="d")
  let words: string[]
  try {
    words = parse(rest.slice(0, 10_000)).filter((w): w is string => typeof w === 'string')
  } catch {
    // shell-quote rejects a malformed `${`: one odd line must not lose the rest of the file
    words = rest.slice(0, 10_000).split(/\s+/)
  }
  return words
    .flatMap((w) => w.split(','))
    .map((w) => trim(w, '[= '))
    .map((w) => trimEnd(w, '], '))
    .filter((w) => ASSIGNMENT_START.test(w))
    .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])
}

export function processConfigDeployments(path: string, text: string): Deployment[] {
  const name = baseName(path)
  // an .ini file is uWSGI configuration only with a [uwsgi] section (not tox.ini, setup.cfg, pytest.ini)
  if (name.endsWith('.ini') && !text.includes('[uwsgi]')) return []
  const env = new Map<string, EnvSetting>()
  let command = ''
  text.split('\n').forEach((line, i) => {
    for (const [k, v] of assignmentsOf(name, line)) env.set(k, { name: k, value: v, path, line: i + 1 })
    const exec = /^\s*(ExecStart|command)\s*=\s*(.*)$/.exec(line)
    if (exec) command = exec[2]
  })
  const facts = commandFacts(command)
  if (!env.size && !facts.settings && !/manage\.py|gunicorn|uwsgi|daphne|uvicorn|celery/.test(command)) return []
  // systemd expands ${VAR} in ExecStart from Environment=; a variable not set here is unknown
  const lookup = (n: string): string | undefined => env.get(n)?.value
  for (const [k, v] of facts.env) env.set(k, { name: k, value: interpolate(v, lookup), path, line: 1 })
  const fileClass = classifyFile(path)
  const role = fileClass.kind !== 'production' ? { role: 'development' as const, why: fileClass.why } : facts.role ? { role: facts.role, why: facts.why } : { role: 'serving' as const, why: undefined }
  const settings = facts.settings ? { name: 'DJANGO_SETTINGS_MODULE', value: interpolate(facts.settings, lookup), path, line: 1 } : env.get('DJANGO_SETTINGS_MODULE')
  return [{ path, line: 1, name: path, role: role.role, why: role.why, env, settings }]
}
