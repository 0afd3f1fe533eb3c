// The abstract evaluator on real Python parsed by tree-sitter: values, env worlds, imports, branches.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { WORLDS } from '../../src/python/env.js'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('literals and operators', () => {
  it('evaluates literals, arithmetic, strings and containers', () => {
    expect(
      values('A = 60 * 60 * 24 * 365\nB = "x" "y"\nC = [1, (2,), {"k": None}]\nD = -5 + 2.5\nE = r"a\\b"\nF = "a\\tb"\nG = 0o17\nH = not 0\nI = f"v{A}"\n', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'])
    ).toEqual({ A: '31536000', B: "'xy'", C: "[1, (2,), {'k': None}]", D: '-2.5', E: "'a\\\\b'", F: "'a\\tb'", G: '15', H: 'True', I: "'v31536000'" })
  })

  it('follows and/or/ternary, comparisons and membership like Python', () => {
    expect(values('A = "" or "d"\nB = 0 and x\nC = 1 if 2 > 1 else 3\nD = "a" in ["a", "b"]\nE = 1 == True\nF = None is None\nG = "Ab".lower() in ("ab",)\n', ['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toEqual({
      A: "'d'",
      B: '0',
      C: '1',
      D: 'True',
      E: 'True',
      F: 'True',
      G: 'True'
    })
  })

  it('models list mutation: +=, append, insert, extend, remove, comprehension filters', () => {
    const src = 'M = ["a", "b", "c"]\nM += ["d"]\nM.append("e")\nM.insert(0, "z")\nM.extend(["f"])\nM.remove("b")\nN = [m for m in M if m != "c"]\nO = [*N, "g"]\n'
    expect(values(src, ['M', 'N', 'O'])).toEqual({ M: "['z', 'a', 'c', 'd', 'e', 'f']", N: "['z', 'a', 'd', 'e', 'f']", O: "['z', 'a', 'd', 'e', 'f', 'g']" })
  })

  it('assigns into dicts and lists by subscript', () => {
    expect(values('T = [{"OPTIONS": {}}]\nT[0]["OPTIONS"]["debug"] = True\nD = dict(a=1)\nD.update({"b": 2})\n', ['T', 'D'])).toEqual({ T: "[{'OPTIONS': {'debug': True}}]", D: "{'a': 1, 'b': 2}" })
  })

  it('keeps what it cannot know unknown', () => {
    expect(values('A = get_value()\nB = A + 1\nC = [1, *unknown_list]\nD = len(C)\n', ['A', 'B', 'C', 'D'])).toEqual({ A: '<unknown>', B: '<unknown>', C: '[1, …]', D: '<unknown>' })
  })
})

describe('environment reads in worlds', () => {
  const src = [
    'import os, json',
    'import environ',
    'from decouple import config, Csv',
    'env = environ.Env(SCHEME=(bool, True))',
    'A = os.environ.get("A", "False") == "True"',
    'B = bool(os.getenv("B", ""))',
    'C = os.environ["C"]',
    'D = env("SCHEME")',
    'E = env.bool("E", default=False)',
    'F = config("F", default="a, b", cast=Csv())',
    'G = config("G", default=True, cast=bool)',
    'H = int(os.environ.get("H", 31536000))',
    'I = json.loads(os.environ.get("I", "true"))',
    'J = env.list("J", default=["*"])',
    'K = "K" in os.environ',
    'L = env.bool("L", default="False")'
  ].join('\n')
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']

  it('world 0: defaults apply, required variables are set to something unknown', () => {
    expect(values(src, names, 0)).toEqual({ A: 'False', B: 'False', C: '<unknown>', D: 'True', E: 'False', F: "['a', 'b']", G: 'True', H: '31536000', I: 'True', J: "['*']", K: 'False', L: "'False'" })
  })

  it('the environment says "False": the bool() trap shows, casts parse, bad ints fail', () => {
    expect(WORLDS[1]).toBe('False')
    expect(values(src, names, 1)).toEqual({ A: 'False', B: 'True', C: "'False'", D: 'False', E: 'False', F: "['False']", G: 'False', H: '<error>', I: '<error>', J: "['False']", K: 'True', L: 'False' })
  })

  it('records the env reads that fed a value, with the default as written', () => {
    const b = evaluate({ 'settings.py': 'import os\nX = os.getenv("X", "1") == "1"\nY = X\n' }).ns.bindings.get('Y')!
    expect(b.env).toEqual([{ name: 'X', via: 'os.getenv', defaultText: "'1'", line: 2, path: 'settings.py' }])
  })
})

describe('branches and imports', () => {
  it('decides if/elif/else per world and merges unknown conditions into one-of', () => {
    const src = 'import os\nif os.environ.get("ENV") == "dev":\n    A = 1\nelse:\n    A = 2\nif unknown():\n    B = True\nelse:\n    B = False\nif unknown():\n    C = 1\n'
    expect(values(src, ['A', 'B', 'C'])).toEqual({ A: '2', B: 'True or False', C: '1 or <not set>' })
  })

  it('star-imports and from-imports across modules, with locations', () => {
    const files = {
      'proj/settings/base.py': 'DEBUG = True\nMIDDLEWARE = [\n    "a",\n    "b",\n]\n_PRIVATE = 1\n',
      'proj/settings/production.py': 'from .base import *\nfrom .base import DEBUG as BASE_DEBUG\nMIDDLEWARE.remove("a")\n'
    }
    const ns = evaluate(files, 'proj/settings/production.py').ns
    expect(show(ns.bindings.get('MIDDLEWARE')!.value)).toBe("['b']")
    expect(ns.bindings.get('MIDDLEWARE')!.history.map((l) => `${l.path}:${l.line}`)).toEqual(['proj/settings/base.py:2', 'proj/settings/production.py:3'])
    expect(ns.bindings.get('DEBUG')!.loc.path).toBe('proj/settings/base.py')
    expect(show(ns.bindings.get('BASE_DEBUG')!.value)).toBe('True')
    expect(ns.bindings.has('_PRIVATE')).toBe(false)
    const item = ns.bindings.get('MIDDLEWARE')!.value
    expect(item.kind === 'seq' && item.items[0].loc?.line).toBe(4)
  })

  it('an absolute import found only as a sibling inside a package may fail under Python 3: a handler that passes makes both ways possible, one that raises does not', () => {
    const files = {
      'manage.py': '',
      'respa/__init__.py': '',
      'respa/local_settings.py': 'DEBUG = True\n',
      'respa/settings.py': 'DEBUG = False\ntry:\n    from local_settings import *\nexcept ImportError:\n    pass\n',
      'respa/relative.py': 'DEBUG = False\ntry:\n    from .local_settings import *\nexcept ImportError:\n    pass\n',
      'respa/required.py': 'DEBUG = False\ntry:\n    import local_settings\nexcept ImportError:\n    raise ImproperlyConfigured("copy local_settings.py")\nDEBUG = local_settings.DEBUG\n',
      'top_settings.py': 'DEBUG = False\ntry:\n    from local_top import *\nexcept ImportError:\n    pass\n',
      'local_top.py': 'DEBUG = True\n'
    }
    const debug = (path: string): string => show(evaluate(files, path).ns.bindings.get('DEBUG')!.value)
    expect(debug('respa/settings.py')).toBe('True or False')
    expect(debug('respa/relative.py')).toBe('True')
    expect(debug('respa/required.py')).toBe('True')
    // a module at the top of the tree is found by Python 3 too
    expect(debug('top_settings.py')).toBe('True')
  })

  it('takes the except branch when a local module is missing, the try body when it exists', () => {
    const src = 'DEBUG = False\ntry:\n    from .local_settings import *\nexcept ImportError:\n    LOCAL = False\n'
    expect(show(evaluate({ 'proj/settings.py': src }, 'proj/settings.py').ns.bindings.get('LOCAL')!.value)).toBe('False')
    const ns = evaluate({ 'proj/settings.py': src, 'proj/local_settings.py': 'DEBUG = True\n' }, 'proj/settings.py').ns
    expect(show(ns.bindings.get('DEBUG')!.value)).toBe('True')
    expect(ns.bindings.has('LOCAL')).toBe(false)
  })

  it('an unguarded star import of a missing module: the server has been given it, so what was set before may be replaced', () => {
    const src = 'DEBUG = True\nSECRET_KEY = "k"\nfrom .local_settings import *\nALLOWED_HOSTS = ["example.com"]\n'
    const ns = evaluate({ 'proj/settings.py': src }, 'proj/settings.py').ns
    expect(ns.bindings.get('DEBUG')!.value.kind).toBe('unknown')
    expect(ns.bindings.get('SECRET_KEY')!.value.kind).toBe('unknown')
    expect(show(ns.bindings.get('ALLOWED_HOSTS')!.value)).toBe("['example.com']")
    expect(ns.dynamic?.line).toBe(3)
  })

  it('… read as its committed template when there is one, with the secrets the deploy fills in unknown', () => {
    const src = 'DEBUG = True\nSECRET_KEY = "fallback"\nfrom .local_settings import *\n'
    const template = 'SECRET_KEY = "secret_key_place_holder"\nDEBUG = False\nALLOWED_HOSTS = ["*"]\nDATABASE_PASSWORD = "changeme"\n'
    const ns = evaluate({ 'proj/settings.py': src, 'proj/local_settings.example.py': template }, 'proj/settings.py').ns
    expect(show(ns.bindings.get('DEBUG')!.value)).toBe('False')
    expect(ns.bindings.get('ALLOWED_HOSTS')!.loc).toEqual({ path: 'proj/local_settings.example.py', line: 3, endLine: 3 })
    expect(ns.bindings.get('SECRET_KEY')!.value.kind).toBe('unknown')
    expect(ns.bindings.get('DATABASE_PASSWORD')!.value.kind).toBe('unknown')
    expect(ns.dynamic).toBeUndefined()
  })

  it('with contextlib.suppress(ImportError) guards an import like try/except ImportError', () => {
    const src = 'from contextlib import suppress\nDEBUG = False\nwith suppress(ImportError):\n    from .override_settings import *\n'
    const ns = evaluate({ 'proj/settings.py': src }, 'proj/settings.py').ns
    expect(show(ns.bindings.get('DEBUG')!.value)).toBe('False')
    expect(ns.dynamic).toBeUndefined()
    const present = evaluate({ 'proj/settings.py': src, 'proj/override_settings.py': 'DEBUG = True\n' }, 'proj/settings.py').ns
    expect(show(present.bindings.get('DEBUG')!.value)).toBe('True')
  })

  it('an absolute import from a package of the repository that holds only its __init__.py is missing, not an installed package', () => {
    const src = 'SECRET_KEY = "k"\ntry:\n    from config.local_settings import *\nexcept Exception:\n    LOCAL = False\n'
    const ns = evaluate({ 'settings.py': src, 'config/__init__.py': '' }, 'settings.py').ns
    expect(show(ns.bindings.get('LOCAL')!.value)).toBe('False')
    expect(show(ns.bindings.get('SECRET_KEY')!.value)).toBe("'k'")
    // a name the repository has no package for is an installed package: what it sets is unknown
    expect(evaluate({ 'settings.py': src.replace('config.', 'vendorlib.') }, 'settings.py').ns.dynamic).toBeDefined()
  })

  it('marks names changed in loops and by dynamic code as unknown', () => {
    expect(values('A = ["x"]\nfor i in items():\n    A.append(i)\nB = 1\nfor i in y:\n    B = i\n', ['A', 'B'])).toEqual({ A: "['x', …]", B: '<unknown>' })
    expect(values('A = 1\nglobals().update(load())\n', ['A'])).toEqual({ A: '<unknown>' })
  })

  it("vars().update(env.email_url()) sets django-environ's EMAIL_* keys and nothing else", () => {
    const src = 'import environ\nenv = environ.Env()\nCORS_ORIGIN_ALLOW_ALL = True\nvars().update(env.email_url(default="smtp://localhost:25"))\n'
    expect(values(src, ['CORS_ORIGIN_ALLOW_ALL', 'EMAIL_HOST'])).toEqual({ CORS_ORIGIN_ALLOW_ALL: 'True', EMAIL_HOST: '<unknown>' })
  })

  it('reads what it can from a file with syntax errors and says where', () => {
    const result = evaluate({ 'settings.py': 'A = 1\ndef broken(:\n    pass\nDEBUG = True\n' })
    expect(show(result.ns.bindings.get('DEBUG')!.value)).toBe('True')
    expect(result.notices[0]).toMatch(/^settings\.py:2: syntax error/)
  })
})

describe('where a dict entry was written', () => {
  it('an entry written by a subscript assignment points at that statement, new or replaced', () => {
    const src = ['REST_FRAMEWORK = {', '    "PAGE_SIZE": 50,', '    "DEFAULT_PERMISSION_CLASSES": ["a.B"],', '}', 'REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = ["c.D"]', 'REST_FRAMEWORK["NEW"] = 1', ''].join('\n')
    const v = evaluate({ 'settings.py': src }).ns.bindings.get('REST_FRAMEWORK')?.value
    const lines = v?.kind === 'dict' ? v.entries.map((e) => [e.key, e.loc?.line]) : []
    expect(lines).toEqual([['PAGE_SIZE', 2], ['DEFAULT_PERMISSION_CLASSES', 5], ['NEW', 6]])
  })
})
