// Paths of the repository as settings compute them: __file__, os.path, django-environ's Path, and the
// local settings file a module opens and execs, as a server built from the repository sees them.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { evaluate } from '../helpers/evaluate.js'
import { show } from '../../src/python/values.js'

beforeAll(() => initPython())

const shown = (files: Record<string, string>, names: string[]): Record<string, string> => {
  const ns = evaluate(files, Object.keys(files)[0]).ns
  return Object.fromEntries(names.map((n) => [n, ns.bindings.has(n) ? show(ns.bindings.get(n)!.value) : '(unset)']))
}

const DMOJ = [
  'import os',
  'ALLOWED_HOSTS = []',
  'DEBUG = False',
  'try:',
  "    with open(os.path.join(os.path.dirname(__file__), 'local_settings.py')) as f:",
  '        exec(f.read(), globals())',
  'except IOError:',
  '    pass'
].join('\n')

describe('a local settings file the module execs', () => {
  it('absent from the repository: open() raises, the handler runs, the settings stand', () => {
    expect(shown({ 'dmoj/settings.py': DMOJ }, ['ALLOWED_HOSTS', 'DEBUG'])).toEqual({ ALLOWED_HOSTS: '[]', DEBUG: 'False' })
  })

  it('committed: its code runs in the module namespace, reading and overriding what is there', () => {
    const local = 'DEBUG = True\nALLOWED_HOSTS += ["*"]\n'
    expect(shown({ 'dmoj/settings.py': DMOJ, 'dmoj/local_settings.py': local }, ['ALLOWED_HOSTS', 'DEBUG'])).toEqual({ ALLOWED_HOSTS: "['*']", DEBUG: 'True' })
  })

  it("Python 2's exec statement of the open file (`exec f in globals()`) runs it the same way", () => {
    const py2 = DMOJ.replace('exec(f.read(), globals())', 'exec f in globals()')
    const local = 'DEBUG = True\nALLOWED_HOSTS += ["*"]\n'
    expect(shown({ 'dmoj/settings.py': py2, 'dmoj/local_settings.py': local }, ['ALLOWED_HOSTS', 'DEBUG'])).toEqual({ ALLOWED_HOSTS: "['*']", DEBUG: 'True' })
  })

  it('respa: environ.Path(__file__) - 2, os.path.exists, compile() and exec(code, globals(), locals())', () => {
    const settings = [
      'import os',
      'import environ',
      'root = environ.Path(__file__) - 2',
      'BASE_DIR = root()',
      'DEBUG = False',
      'local_settings_path = os.path.join(BASE_DIR, "local_settings.py")',
      'if os.path.exists(local_settings_path):',
      '    with open(local_settings_path) as fp:',
      "        code = compile(fp.read(), local_settings_path, 'exec')",
      '    exec(code, globals(), locals())'
    ].join('\n')
    expect(shown({ 'respa/settings.py': settings }, ['DEBUG'])).toEqual({ DEBUG: 'False' })
    expect(shown({ 'respa/settings.py': settings, 'local_settings.py': 'DEBUG = True\n' }, ['DEBUG'])).toEqual({ DEBUG: 'True' })
  })

  it('a path outside the repository, or a file opened for another purpose, stays unknown', () => {
    const src = ['import os', 'with open("/etc/app/settings.py") as f:', '    exec(f.read(), globals())', 'P = os.path.join(os.path.dirname(__file__), "..", "static")'].join('\n')
    const ns = evaluate({ 'mysite/settings.py': src }, 'mysite/settings.py').ns
    expect(ns.dynamic).toBeDefined()
    expect(show(ns.bindings.get('P')!.value)).toContain('static')
  })
})
