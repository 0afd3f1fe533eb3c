// The project's own helpers and classes, evaluated by substitution. Shapes taken from real settings
// modules (cla_backend's env_var_truthy_intention, etools' str2bool + get_from_secrets_or_env,
// nautobot's is_truthy in a sibling module, job-server's get_env_var).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

const HELPERS = `import os

def get_bool_env(name, default=False):
    return os.environ.get(name, str(default)).lower() in ("true", "1", "yes")

def env_var_truthy_intention(name):
    value = os.environ.get(name, False)
    return value and value != "False"

def get_list(name, default=""):
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]

def get_env_var(name):
    try:
        return os.environ[name]
    except KeyError:
        raise RuntimeError(f"Missing environment variable: {name}")

envbool = lambda name, default=False: os.getenv(name, str(default)).lower() == "true"
`

describe('project helpers', () => {
  const src = `${HELPERS}
DEBUG = get_bool_env("DJANGO_DEBUG", True)
SHOW = env_var_truthy_intention("SHOW")
ALLOWED_HOSTS = get_list("ALLOWED_HOSTS", "a.example.com, b.example.com")
SECRET_KEY = get_env_var("SECRET_KEY")
SECURE = envbool("SECURE", default=True)
`
  const names = ['DEBUG', 'SHOW', 'ALLOWED_HOSTS', 'SECRET_KEY', 'SECURE']

  it('production as deployed: the defaults passed to the helper apply', () => {
    expect(values(src, names)).toEqual({ DEBUG: 'True', SHOW: 'False', ALLOWED_HOSTS: "['a.example.com', 'b.example.com']", SECRET_KEY: '<unknown>', SECURE: 'True' })
  })

  it('the environment says "False": each helper reads it as it is written', () => {
    expect(values(src, names, 1)).toEqual({ DEBUG: 'False', SHOW: 'False', ALLOWED_HOSTS: "['False']", SECRET_KEY: "'False'", SECURE: 'False' })
  })

  it('records the read inside the helper, with the default the caller passed', () => {
    const b = evaluate({ 'settings.py': src }).ns.bindings.get('DEBUG')!
    expect(b.env.map((r) => `${r.name} ${r.via} ${r.defaultText}`)).toEqual(["DJANGO_DEBUG os.environ.get 'True'"])
    expect(b.loc.line).toBe(src.split('\n').indexOf('DEBUG = get_bool_env("DJANGO_DEBUG", True)') + 1)
  })

  it('a helper from a sibling module, reading a global of its own module', () => {
    const files = {
      'proj/settings/funcs.py': 'import os\nSECRETS = {}\n\ndef is_truthy(arg):\n    if isinstance(arg, bool):\n        return arg\n    val = str(arg).lower()\n    if val in ("y", "yes", "t", "true", "on", "1"):\n        return True\n    elif val in ("n", "no", "f", "false", "off", "0"):\n        return False\n    else:\n        raise ValueError(f"Invalid truthy value: {arg}")\n\ndef from_secrets_or_env(name, default=None):\n    return SECRETS.get(name, os.environ.get(name, default))\n',
      'proj/settings/base.py': 'from .funcs import is_truthy, from_secrets_or_env\nDEBUG = is_truthy(from_secrets_or_env("DEBUG", "True"))\nSTRICT = is_truthy("maybe")\n'
    }
    const ns = evaluate(files, 'proj/settings/base.py').ns
    expect(show(ns.bindings.get('DEBUG')!.value)).toBe('True')
    expect(ns.bindings.get('STRICT')!.value.kind).toBe('fails')
  })

  it('a helper that cannot be evaluated leaves its result unknown, not the module', () => {
    const src2 = 'import os\ndef mystery(name):\n    return some_library.lookup(name)\ndef known():\n    return "yes"\nX = mystery("X")\nY = known()\nDEBUG = False\n'
    expect(values(src2, ['X', 'Y', 'DEBUG'])).toEqual({ X: '<unknown>', Y: "'yes'", DEBUG: 'False' })
  })

  it('helpers that return on some paths only, or from inside a loop over unknown values', () => {
    const src2 = [
      'import os',
      'def first(options):',
      '    for o in options:',
      '        if o.startswith("x"):',
      '            return True',
      '    return False',
      'def maybe(x):',
      '    if x:',
      '        return 1',
      'A = first(os.environ["OPTIONS"].split(","))',
      'B = first(["a", "xb"])',
      'C = maybe(0)',
      'D = maybe(unknown_value)'
    ].join('\n')
    expect(values(src2, ['A', 'B', 'C', 'D'])).toEqual({ A: 'True or False', B: 'True', C: 'None', D: '1 or None' })
  })

  it('recursion is cut: the result is unknown, the rest of the module known, and it says so', () => {
    const src2 = 'DEBUG = True\ndef f(x):\n    return f(x) + f(x)\nX = f(1)\nAFTER = 1\n'
    expect(values(src2, ['X', 'DEBUG', 'AFTER'])).toEqual({ X: '<unknown>', DEBUG: 'True', AFTER: '1' })
    expect(evaluate({ 'settings.py': src2 }).notices).toEqual(['settings.py:4: helpers call helpers more than 8 deep (f() at settings.py:2); what they compute from here on is unknown'])
  })

  it("too much work is cut once the module's budget is spent: later helper calls are unknown, said once", () => {
    const src2 = 'def count():\n    n = 0\n    for i in range(1000):\n        for j in range(1000):\n            n = n + 1\n    return n\nX = count()\nY = count()\nZ = 1\n'
    expect(values(src2, ['X', 'Y', 'Z'])).toEqual({ X: '<unknown>', Y: '<unknown>', Z: '1' })
    expect(evaluate({ 'settings.py': src2 }).notices).toEqual([expect.stringMatching(/^settings\.py:7: helper calls and loops here are more than 200000 steps/)])
  })

  it('a helper that writes a global it was cut short on makes that global unknown', () => {
    const src2 = 'M = ["a"]\ndef add(n):\n    global M\n    M = M + ["b"]\n    return add(n) + add(n)\nadd(1)\n'
    expect(values(src2, ['M'])).toEqual({ M: '<unknown>' })
  })
})

describe('classes', () => {
  it('attributes, properties and __init__ of a settings class, loaded into the module by a helper', () => {
    const src = [
      'import os',
      'class Settings:',
      '    DEBUG = False',
      '    EMBEDDED = os.environ.get("EMBEDDED", "true") == "true"',
      '    def __init__(self, secure=True):',
      '        self.SESSION_COOKIE_SECURE = secure',
      '    @property',
      '    def SESSION_COOKIE_SAMESITE(self):',
      '        return "None" if self.EMBEDDED else "Lax"',
      'def load_settings(settings, namespace):',
      '    for name in dir(settings):',
      '        if name.isupper():',
      '            namespace[name] = getattr(settings, name)',
      'load_settings(Settings(secure=False), globals())'
    ].join('\n')
    expect(values(src, ['DEBUG', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE'])).toEqual({ DEBUG: 'False', SESSION_COOKIE_SAMESITE: "'None'", SESSION_COOKIE_SECURE: 'False' })
    const ns = evaluate({ 'settings.py': src }).ns
    // a value copied from the class points at the class, where a change to it is made
    expect(ns.bindings.get('SESSION_COOKIE_SAMESITE')!.loc.line).toBe(7)
    expect(ns.bindings.get('SESSION_COOKIE_SAMESITE')!.env.map((r) => r.name)).toEqual(['EMBEDDED'])
    expect(values(src, ['SESSION_COOKIE_SAMESITE'], 1)).toEqual({ SESSION_COOKIE_SAMESITE: "'Lax'" })
  })

  it('instances by name, inheritance, class and static methods', () => {
    const src = [
      'class Base:',
      '    SECURE = True',
      '    @classmethod',
      '    def make(cls):',
      '        return cls()',
      'class Prod(Base):',
      '    HOSTS = ["a"]',
      '    @staticmethod',
      '    def hosts():',
      '        return ["b"]',
      's = Prod.make()',
      'SECURE = s.SECURE',
      'HOSTS = s.HOSTS + Prod.hosts()',
      'setattr(s, "SECURE", False)',
      'AFTER = s.SECURE'
    ].join('\n')
    expect(values(src, ['SECURE', 'HOSTS', 'AFTER'])).toEqual({ SECURE: 'True', HOSTS: "['a', 'b']", AFTER: 'False' })
  })

  it('attributes of a base class outside the analysed files are unknown; its own are known', () => {
    expect(values('from pydantic import BaseSettings\nclass S(BaseSettings):\n    OWN = 1\nX = S().DEBUG\nY = S().OWN\n', ['X', 'Y'])).toEqual({ X: '<unknown>', Y: '1' })
  })
})

describe('scopes', () => {
  it('nonlocal writes the enclosing function, global the module, a plain assignment the function', () => {
    const src = [
      'DEBUG = False',
      'def outer():',
      '    DEBUG = False',
      '    def inner():',
      '        nonlocal DEBUG',
      '        DEBUG = True',
      '    inner()',
      '    return DEBUG',
      'def local_only():',
      '    DEBUG = True',
      '    return DEBUG',
      'X = outer()',
      'Y = local_only()'
    ].join('\n')
    expect(values(src, ['DEBUG', 'X', 'Y'])).toEqual({ DEBUG: 'False', X: 'True', Y: 'True' })
  })
})
