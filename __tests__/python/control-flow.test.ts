// Loops and branches: loops over known lists run element by element; many alternative lists are
// summarised, not dropped; an unknown branch next to lists keeps what the other branches hold.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { containsString, show } from '../../src/python/values.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('loops over known elements', () => {
  it('+=, append and remove over a literal tuple or list, as Python runs them', () => {
    const src = [
      'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "a", "debug_toolbar.middleware.DebugToolbarMiddleware"]',
      'for m in ("b", "c"):',
      '    MIDDLEWARE += [m]',
      'for m in ["debug_toolbar.middleware.DebugToolbarMiddleware"]:',
      '    MIDDLEWARE.remove(m)',
      'APPS = []',
      'for i, app in enumerate(["x", "y"]):',
      '    APPS.append(f"{i}:{app}")',
      'HOSTS = []',
      'for h in "a.com, b.com".split(","):',
      '    HOSTS.append(h.strip())'
    ].join('\n')
    expect(values(src, ['MIDDLEWARE', 'APPS', 'HOSTS'])).toEqual({
      MIDDLEWARE: "['django.middleware.security.SecurityMiddleware', 'a', 'b', 'c']",
      APPS: "['0:x', '1:y']",
      HOSTS: "['a.com', 'b.com']"
    })
  })

  it('break, continue and else', () => {
    const src = 'L = []\nfor x in [1, 2, 3, 4]:\n    if x == 2:\n        continue\n    if x == 4:\n        break\n    L.append(x)\nelse:\n    L.append("else")\nfor x in []:\n    pass\nelse:\n    DONE = True\n'
    expect(values(src, ['L', 'DONE'])).toEqual({ L: '[1, 3]', DONE: 'True' })
  })

  it('a break on a condition the review cannot decide: the loop is not followed, what it changes is unknown or open', () => {
    const decided = 'L = ["a"]\nfor x in ["b", "c"]:\n    if x == "c":\n        break\n    L.append(x)\n'
    expect(values(decided, ['L'])).toEqual({ L: "['a', 'b']" })
    const src = 'L = ["a"]\nfor x in ["b", "c"]:\n    if unknown(x):\n        break\n    L.append(x)\nN = 1\nfor x in ["b"]:\n    if unknown(x):\n        continue\n    N = 2\n'
    expect(values(src, ['L', 'N'])).toEqual({ L: "['a', …]", N: '<unknown>' })
  })

  it('a loop over values the review cannot know: names it sets become unknown, lists it grows stay open', () => {
    expect(values('import os\nL = ["a"]\nfor x in os.environ["APPS"].split(","):\n    L.append(x)\nfor K in os.environ:\n    pass\n', ['L', 'K'])).toEqual({ L: "['a', …]", K: '<unknown>' })
  })
})

describe('alternatives', () => {
  it('more than eight alternatives of a list: contains X in every, some or no alternative', () => {
    const src = ['INSTALLED_APPS = ["django.contrib.sessions"]', ...Array.from({ length: 5 }, (_, i) => `if flag${i}():\n    INSTALLED_APPS += ["app${i}"]`)].join('\n')
    const v = evaluate({ 'settings.py': src }).ns.bindings.get('INSTALLED_APPS')!.value
    expect(containsString(v, 'django.contrib.sessions')).toBe(true)
    expect(containsString(v, 'app3')).toBeUndefined()
    expect(containsString(v, 'debug_toolbar')).toBe(false)
  })

  it('an opaque assignment to MIDDLEWARE under an unknown condition keeps what the other branch holds', () => {
    const src = 'import sys\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nif "x" in sys.argv:\n    MIDDLEWARE = strip_security(MIDDLEWARE)\nDEBUG = True\nif "x" in sys.argv:\n    DEBUG = compute()\n'
    const ns = evaluate({ 'settings.py': src }).ns
    expect(containsString(ns.bindings.get('MIDDLEWARE')!.value, 'django.middleware.security.SecurityMiddleware')).toBe(true)
    // absence is never claimed next to an unknown branch, and scalars stay unknown as before
    expect(containsString(ns.bindings.get('MIDDLEWARE')!.value, 'django.middleware.csrf.CsrfViewMiddleware')).toBeUndefined()
    expect(values(src, ['DEBUG'])).toEqual({ DEBUG: '<unknown>' })
  })
})

describe('try bodies that may raise', () => {
  const fallbacks = (src: string, name: string): unknown => {
    const v = evaluate({ 'settings.py': src }).ns.bindings.get(name)?.value
    return v?.kind === 'unknown' ? (v.among ?? []).map((a) => show(a)) : show(v ?? { kind: 'none' })
  }

  it("a lookup in an unknown value may raise KeyError: the handler's value is among the results", () => {
    const src = 'import json\nconfig = json.loads(open("/data/config.json").read())\ntry:\n    SECRET_KEY = config["secret"]\nexcept KeyError:\n    SECRET_KEY = "dev"\n'
    expect(fallbacks(src, 'SECRET_KEY')).toEqual(["'dev'"])
  })

  it("a project helper returning its default when the lookup fails: the default is among the call's results", () => {
    const src = [
      'import yaml',
      'config = yaml.safe_load(open("/data/app.yaml"))',
      'def dict_get(data, default, *keys):',
      '    try:',
      '        for key in keys:',
      '            data = data[key]',
      '        return data',
      '    except (KeyError, TypeError):',
      '        return default',
      'SECRET_KEY = dict_get(config, "CHANGEME", "security", "secret")',
      'KNOWN = dict_get({"a": {"b": 1}}, "x", "a", "b")',
      'MISSING = dict_get({"a": {"b": 1}}, "x", "a", "c")'
    ].join('\n')
    expect(fallbacks(src, 'SECRET_KEY')).toEqual(["'CHANGEME'"])
    expect(values(src, ['KNOWN', 'MISSING'])).toEqual({ KNOWN: '1', MISSING: "'x'" })
  })

  it('a handler that does not catch what the lookup may raise, or a lookup in a known value, adds nothing', () => {
    const other = 'config = unknown_call()\ntry:\n    SECRET_KEY = config["secret"]\nexcept ImportError:\n    SECRET_KEY = "dev"\n'
    expect(fallbacks(other, 'SECRET_KEY')).toEqual([])
    const known = 'config = {"secret": "s3cr3t-from-config"}\ntry:\n    SECRET_KEY = config["secret"]\nexcept KeyError:\n    SECRET_KEY = "dev"\n'
    expect(values(known, ['SECRET_KEY'])).toEqual({ SECRET_KEY: "'s3cr3t-from-config'" })
  })

  it('a lookup in a nested try that the inner handler does not catch reaches the outer one', () => {
    const src = 'config = unknown_call()\ntry:\n    try:\n        X = config["a"]\n    except ImportError:\n        X = "inner"\nexcept LookupError:\n    X = "outer"\n'
    expect(fallbacks(src, 'X')).toEqual(["'outer'"])
  })
})
