// Built-ins that look at or change namespaces and run code: globals(), vars(), dir(), getattr(),
// setattr(), hasattr(), delattr(), __import__(), importlib.import_module(), sys.modules.get(),
// exec(), eval(), compile().
import { attribute, dirOf, varsOf } from './attributes.js'
import type { Call } from './calls.js'
import { classAttribute, hasOpaqueBase, type Args } from './functions.js'
import type { ModuleRun } from './module-run.js'
import { moduleNs, type Frame } from './namespace.js'
import { deleteGlobal, isCodeRunner, isForeignNamespace, isOwnModule, moduleNamed, writeGlobal } from './namespace-writes.js'
import { sourceFile } from './repo-files.js'
import { mayRunHere, runHere } from './split-settings.js'
import { NONE, bool, unknown, type Value } from './values.js'

/** The value of a reflective built-in call, or undefined when `q` is not one. */
export function reflection(run: ModuleRun, q: string, given: Args, e: Call, frame: Frame): Value | undefined {
  const [a0, a1, a2] = given.positional
  const line = { line: e.line, endLine: e.line }
  if (isCodeRunner(q)) {
    // exec(code, {}) runs in a namespace of its own; otherwise in this module's, or one that may be
    const namespace = a1 ?? given.keywords.find((k) => k.name === 'globals')?.value
    if (namespace?.kind === 'dict') return unknown(`${q}() in a namespace of its own`)
    // exec(open(local_settings).read(), globals()): that file's code, run here
    const file = sourceFile(a0)
    const here = namespace === undefined || (namespace.kind === 'module' && namespace.dict === true && namespace.path === run.path)
    const fragment = file !== undefined && here && q.endsWith('exec') && mayRunHere(run) ? run.runFor(file) : undefined
    if (fragment) {
      runHere(run, fragment, frame)
      return NONE
    }
    run.markDynamic(frame, line, `${q}() runs code the review cannot see`)
    return unknown(`the result of ${q}()`)
  }
  switch (q) {
    case 'compile':
      return unknown('compiled code')
    case 'globals':
      return { kind: 'module', path: run.path, dict: true }
    case 'locals':
    case 'vars':
      if (a0) return varsOf(a0)
      // in a function, locals() is a snapshot: writing to it changes nothing
      return frame.scope?.kind === 'function' ? { kind: 'dict', entries: [], open: true } : { kind: 'module', path: run.path, dict: true }
    case 'dir':
      return dirOf(run, a0 ?? { kind: 'module', path: run.path }, frame)
    case 'getattr': {
      if (!a0 || !a1) return unknown('getattr()')
      if (a1.kind !== 'str') return a0.kind === 'ext' && a0.qname === 'builtins' ? { kind: 'ext', qname: '?builtin' } : unknown('getattr() with a computed name')
      const missing = a2 !== undefined && hasNot(run, a0, a1.value, frame) === true
      return missing ? a2 : attribute(run, a0, a1.value, frame)
    }
    case 'hasattr': {
      const has = a0 && a1?.kind === 'str' ? hasNot(run, a0, a1.value, frame) : undefined
      return has === undefined ? unknown('hasattr()') : bool(!has)
    }
    case 'setattr':
      if (!a0 || !a1 || !a2) return unknown('setattr()')
      if (isOwnModule(run, a0, false) || isForeignNamespace(a0)) writeGlobal(run, frame, a0, a1, a2, line, 'setattr()')
      else if (a0.kind === 'instance' && a1.kind === 'str' && e.args[0]?.t === 'name') {
        const attrs = new Map(a0.attrs).set(a1.value, a2)
        run.mutate(frame, e.args[0].id, () => ({ ...a0, attrs }), line)
      }
      return NONE
    case 'delattr':
      if (a0 && a1 && (isOwnModule(run, a0, false) || isForeignNamespace(a0))) deleteGlobal(run, frame, a0, a1, line)
      return NONE
    case '__import__':
      return a0?.kind === 'str' ? moduleNamed(run, { kind: 'str', value: a0.value.split('.')[0] }) : moduleNamed(run, a0 ?? NONE)
    case 'importlib.import_module':
    case 'sys.modules.get':
      return a0 ? moduleNamed(run, a0) : unknown(q)
    default:
      return undefined
  }
}

/** true when the object certainly lacks the attribute, false when it has it, undefined when unsure. */
function hasNot(run: ModuleRun, obj: Value, name: string, frame: Frame): boolean | undefined {
  if (isOwnModule(run, obj, false)) return moduleNs(frame).bindings.has(name) ? false : moduleNs(frame).dynamic ? undefined : true
  if (obj.kind === 'instance' && obj.attrs.has(name)) return false
  if (obj.kind === 'instance' || obj.kind === 'class') return classAttribute(obj.cls, name) ? false : hasOpaqueBase(obj.cls) ? undefined : true
  return undefined
}
