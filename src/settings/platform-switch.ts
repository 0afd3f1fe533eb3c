// wsgi.py, asgi.py or manage.py that choose the settings module by a variable the hosting platform
// sets, as Azure's Django samples do:
//   settings_module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'
//   os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)
// When every production process runs on that platform (see platformEnv), the module chosen there is
// what production loads and the other is the developer's; elsewhere the choice says nothing (the
// file's variable name is no module, so nothing is referenced, as before).
import type { ReferenceKind, SettingsReference } from './discovery.js'

const MAX_LINE = 400
const QUOTED_MODULE = /^(['"])([A-Za-z_][\w.]*)\1$/

/** The variable a condition tests for being set: `'X' in os.environ`, `os.environ.get('X')`, `os.getenv('X')`; `negated` for `not in`. */
function testedVariable(condition: string): { name: string; negated: boolean } | undefined {
  const membership = /^(['"])(\w+)\1\s+(not\s+)?in\s+os\.environ$/.exec(condition)
  if (membership) return { name: membership[2], negated: membership[3] !== undefined }
  const read = /^(not\s+)?os\.(?:environ\.get|getenv)\(\s*(['"])(\w+)\2\s*\)$/.exec(condition)
  return read ? { name: read[3], negated: read[1] !== undefined } : undefined
}

/** `NAME = 'a' if COND else 'b'` on one line: the name, both modules, and the condition's text. */
function conditionalAssignment(line: string): { name: string; then: string; otherwise: string; condition: string } | undefined {
  const eq = line.indexOf('=')
  const name = line.slice(0, eq).trim()
  if (eq < 0 || !/^[A-Za-z_]\w*$/.test(name)) return undefined
  const rest = line.slice(eq + 1).trim()
  const ifAt = rest.indexOf(' if ')
  const elseAt = rest.lastIndexOf(' else ')
  if (ifAt < 0 || elseAt < ifAt) return undefined
  const then = QUOTED_MODULE.exec(rest.slice(0, ifAt).trim())?.[2]
  const otherwise = QUOTED_MODULE.exec(rest.slice(elseAt + 6).trim())?.[2]
  return then && otherwise ? { name, then, otherwise, condition: rest.slice(ifAt + 4, elseAt).trim() } : undefined
}

/**
 * The references a platform switch makes (`kind`: what a default in this file means, see
 * referenceKind): the module chosen on the platform, as the file's own default would be (from
 * wsgi.py a production process is given it: deploy), and the other as development's.
 */
export function platformSwitchReferences(path: string, text: string, kind: ReferenceKind | undefined, platform: ReadonlyMap<string, string | undefined>): SettingsReference[] {
  if (!platform.size || (kind !== 'default' && kind !== 'manage') || !text.includes('DJANGO_SETTINGS_MODULE')) return []
  const lines = text.split('\n')
  const out: SettingsReference[] = []
  lines.forEach((raw, i) => {
    const assignment = raw.length <= MAX_LINE ? conditionalAssignment(raw) : undefined
    const tested = assignment && testedVariable(assignment.condition)
    if (!assignment || !tested || !platform.has(tested.name)) return
    // the variable must be what the file sets DJANGO_SETTINGS_MODULE to
    const selects = new RegExp(`DJANGO_SETTINGS_MODULE['"]\\s*(?:,|\\]\\s*=)\\s*${assignment.name}\\b`)
    if (!lines.some((l) => selects.test(l))) return
    const [onPlatform, elsewhere] = tested.negated ? [assignment.otherwise, assignment.then] : [assignment.then, assignment.otherwise]
    out.push({ module: onPlatform, path, line: i + 1, kind: kind === 'default' ? 'deploy' : 'manage' }, { module: elsewhere, path, line: i + 1, kind: 'dev' })
  })
  return out
}
