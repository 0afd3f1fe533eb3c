// Writes to module globals that are not assignments. With a name the evaluator can compute they are
// assignments like any other; otherwise (or code it cannot see) every setting becomes unknown and
// the line is an opaque write, reported by settings-opaque-write.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

/** DEBUG's value after `lines`, and the lines reported as opaque writes. */
function after(lines: string[]): { DEBUG: string; opaque: number[] } {
  const src = ['import sys, os, importlib, builtins', 'DEBUG = False', ...lines, ''].join('\n')
  return { DEBUG: values(src, ['DEBUG']).DEBUG, opaque: evaluate({ 'settings.py': src }).opaque.map((o) => o.loc.line) }
}

describe('writes with a name the evaluator computes are assignments', () => {
  it.each([
    ['setattr on sys.modules[__name__]', ['setattr(sys.modules[__name__], "DEBUG", True)']],
    ['an attribute of sys.modules[__name__]', ['sys.modules[__name__].DEBUG = True']],
    ['the module bound to a name first', ['this = sys.modules[__name__]', 'this.DEBUG = True']],
    ['sys.modules.get(__name__) and its __dict__', ['sys.modules.get(__name__).__dict__["DEBUG"] = True']],
    ['globals().update(DEBUG=True)', ['globals().update(DEBUG=True)']],
    ['globals().update with a dict', ['globals().update({"DEBUG": True})']],
    ['globals()["DEBUG"]', ['globals()["DEBUG"] = True']],
    ['vars()["DEBUG"] and locals()["DEBUG"] at module level', ['vars()["DEBUG"] = 1', 'locals()["DEBUG"] = True']],
    ['globals().setdefault after del', ['del globals()["DEBUG"]', 'globals().setdefault("DEBUG", True)']],
    ['a key built from parts', ['globals()["DEB" + "UG"] = True']],
    ['a walrus in a call', ['print(DEBUG := True)']],
    ['a walrus in a comprehension', ['[DEBUG := True for _ in [1]]']],
    ['a for loop target', ['for DEBUG in [True]:', '    pass']],
    ['a match case the review cannot decide', ['match os.environ.get("X"):', '    case _:', '        DEBUG = True']],
    ['a def named DEBUG (a function is true)', ['def DEBUG():', '    pass']]
  ])('%s', (_name, lines) => {
    expect(after(lines)).toEqual({ DEBUG: _name.startsWith('a def') ? '<function DEBUG>' : 'True', opaque: [] })
  })

  it('a write inside a project helper that gets the namespace, or uses global', () => {
    expect(after(['def enable(ns):', '    ns["DEBUG"] = True', 'enable(globals())'])).toEqual({ DEBUG: 'True', opaque: [] })
    expect(after(['def enable():', '    global DEBUG', '    DEBUG = True', 'enable()'])).toEqual({ DEBUG: 'True', opaque: [] })
  })

  it('a write through another module of the tree does not change this one; through this one it does', () => {
    const files = {
      'proj/settings/base.py': 'DEBUG = False\n',
      'proj/settings/prod.py': 'import proj.settings.prod as me\nfrom . import base\nfrom .base import *\nbase.DEBUG = True\nsetattr(base, "DEBUG", True)\nme.SECURE_SSL_REDIRECT = False\n'
    }
    const ns = evaluate(files, 'proj/settings/prod.py').ns
    expect(ns.bindings.get('DEBUG')?.value).toEqual({ kind: 'bool', value: false })
    expect(ns.bindings.get('SECURE_SSL_REDIRECT')?.value).toEqual({ kind: 'bool', value: false })
  })
})

describe('writes the evaluator cannot compute, and code it cannot see, are opaque', () => {
  it.each([
    ['exec', ['exec("DEBUG = True")']],
    ['exec under another name', ['run = exec', 'run("DEBUG = True")']],
    ['exec imported under another name', ['from builtins import exec as run', 'run("DEBUG = True")']],
    ['builtins.exec', ['builtins.exec("DEBUG = True")']],
    ['__builtins__ subscripted', ['__builtins__["exec"]("DEBUG = True")']],
    ['getattr(builtins, "exec")', ['getattr(builtins, "ex" + "ec")("DEBUG = True")']],
    ['getattr(builtins, <computed>)', ['getattr(builtins, os.environ["F"])("DEBUG = True")']],
    ['__import__("builtins").exec', ['__import__("builtins").exec("DEBUG = True")']],
    ['importlib.import_module("builtins").eval', ['importlib.import_module("builtins").eval("globals().update(DEBUG=True)")']],
    ['exec with *args', ['exec(*["DEBUG = True"])']],
    ['eval with a walrus', ['eval("(DEBUG := True)")']],
    ['exec of a compiled code object', ['code = compile("DEBUG = True", "x", "exec")', 'exec(code)']],
    ['setattr with a computed name', ['setattr(sys.modules[__name__], os.environ["NAME"], True)']],
    ['a write through an unidentified module', ['sys.modules[os.environ["M"]].DEBUG = True']],
    ['globals() with a computed key', ['globals()[os.environ["K"]] = True']],
    ['globals().update with unknown entries', ['globals().update(json_from_somewhere())']],
    ['a frame\'s f_globals', ['sys._getframe(0).f_globals["DEBUG"] = True']],
    ['the namespace handed to a library', ['plugins.settings(globals())']],
    ['the module handed to importlib', ['importlib.reload(sys.modules[__name__])']],
    ['exec_module into this module', ['spec.loader.exec_module(sys.modules[__name__])']],
    ['setattr handed to map', ['list(map(setattr, [sys.modules[__name__]], ["DEBUG"], [True]))']]
  ])('%s', (_name, lines) => {
    const r = after(lines)
    expect(r.DEBUG).toBe('<unknown>')
    expect(r.opaque).toEqual([2 + lines.length])
  })

  it('exec in a namespace of its own is not a write to this module', () => {
    expect(after(['ns = {}', 'exec("DEBUG = True", ns)'])).toEqual({ DEBUG: 'False', opaque: [] })
  })

  it('an opaque write makes settings unknown, not helpers; later assignments are known again', () => {
    const src = 'import environ\nenv = environ.Env()\nDEBUG = False\nexec(open("x").read())\nSECURE = env.bool("SECURE", default=True)\n'
    expect(values(src, ['DEBUG', 'SECURE'])).toEqual({ DEBUG: '<unknown>', SECURE: 'True' })
    expect(evaluate({ 'settings.py': src }).ns.dynamic?.line).toBe(4)
  })

  it('an opaque write in a module that is star-imported is the importer\'s too', () => {
    const files = { 'proj/settings/base.py': 'exec(open("local.py").read())\n', 'proj/settings/prod.py': 'from .base import *\nDEBUG = False\n' }
    expect(evaluate(files, 'proj/settings/prod.py').opaque.map((o) => `${o.loc.path}:${o.loc.line}`)).toEqual(['proj/settings/base.py:1'])
  })

  it('says what the line does', () => {
    const [o] = evaluate({ 'settings.py': 'import plugins\nplugins.settings(globals())\n' }).opaque
    expect(o).toEqual({ loc: { path: 'settings.py', line: 2, endLine: 2 }, what: "the module's namespace is passed to plugins.settings(), which can set any name in it", text: 'plugins.settings(globals())' })
  })
})
