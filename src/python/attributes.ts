// Attributes: of things from outside the tree (a qualified name), of analysed modules (their names),
// of classes and instances (through the class and its bases: properties are evaluated, methods
// bound, django-configurations values read from the environment), and what dir() and vars() list.
import { resolveConfigValue } from './configurations.js'
import { callFunction, classAttribute, classNames, hasOpaqueBase } from './functions.js'
import type { ModuleRun } from './module-run.js'
import { moduleNs, type Frame } from './namespace.js'
import { list, str, unknown, type ClassDef, type Value } from './values.js'

/** The namespace of whatever frame `sys._getframe()` or `inspect` hands out: possibly this module's. */
export const UNKNOWN_NAMESPACE = '?globals'

export function attribute(run: ModuleRun, obj: Value, attr: string, frame: Frame): Value {
  if (attr === 'f_globals' || attr === 'f_locals') return { kind: 'ext', qname: UNKNOWN_NAMESPACE }
  switch (obj.kind) {
    case 'ext':
      if (obj.qname.startsWith('?') && attr === '__dict__') return { kind: 'ext', qname: UNKNOWN_NAMESPACE }
      return { kind: 'ext', qname: `${obj.qname}.${attr}` }
    case 'module':
      if (obj.dict) return unknown(`attribute ${attr} of a namespace`)
      if (attr === '__dict__') return { ...obj, dict: true }
      return moduleAttribute(run, obj.path, attr, frame)
    case 'instance': {
      const own = obj.attrs.get(attr)
      if (own) return own
      if (attr === '__dict__') return { kind: 'dict', entries: [...obj.attrs].map(([key, value]) => ({ key, value })), open: false }
      return member(run, obj.cls, attr, obj, frame)
    }
    case 'class':
      return member(run, obj.cls, attr, obj, frame)
    default:
      // Methods are resolved by call(); a bare attribute of a value is not something settings use.
      return unknown(`attribute ${attr}`)
  }
}

/** A name of an analysed module: this module's as the code sees it now, another's as it ends up. */
function moduleAttribute(run: ModuleRun, path: string, name: string, frame: Frame): Value {
  const b = path === run.path ? moduleNs(frame).bindings.get(name) : run.modules.evaluate(path)?.ns.bindings.get(name)
  if (!b) return unknown(`${name} of ${path}`)
  frame.reads.push(...b.env)
  return b.value
}

/** A class member seen through `self` (an instance or the class itself). */
function member(run: ModuleRun, cls: ClassDef, name: string, self: Value, frame: Frame): Value {
  const found = classAttribute(cls, name)
  if (!found) return unknown(hasOpaqueBase(cls) ? `${name}, which may come from a base class outside the analysed files` : `${cls.name} has no attribute ${name}`)
  const b = found.binding
  frame.reads.push(...b.env)
  const value = memberValue(run, cls, name, b.value, self, b.loc.line, frame)
  // where the value was written, for a write that copies it into the module (load_settings-style)
  frame.origins?.push({ ...b, value })
  return value
}

function memberValue(run: ModuleRun, cls: ClassDef, name: string, v: Value, self: Value, line: number, frame: Frame): Value {
  if (v.kind === 'configValue') return resolveConfigValue(run, v, name, line, frame)
  if (v.kind !== 'func') return v
  switch (v.fn.decorator) {
    case 'property':
      return self.kind === 'instance' ? callFunction(run, { ...v, self }, { positional: [], keywords: [] }, frame, line) : unknown(`the property ${name}`)
    case 'staticmethod':
      return v
    case 'classmethod':
      return { ...v, self: { kind: 'class', cls } }
    default:
      return self.kind === 'instance' ? { ...v, self } : v
  }
}

/** `dir(obj)`: the names of an instance or class, without dunders; open when a base is not analysed. */
export function dirOf(run: ModuleRun, v: Value, frame: Frame): Value {
  const visible = (names: Iterable<string>): Value[] => [...new Set(names)].filter((n) => !(n.startsWith('__') && n.endsWith('__'))).sort().map(str)
  if (v.kind === 'instance') return list(visible([...v.attrs.keys(), ...classNames(v.cls)]), 'list', hasOpaqueBase(v.cls))
  if (v.kind === 'class') return list(visible(classNames(v.cls)), 'list', hasOpaqueBase(v.cls))
  if (v.kind === 'module' && v.path === run.path) return list(visible(moduleNs(frame).bindings.keys()))
  return unknown('dir()')
}

/** `vars(obj)`: an instance's attributes, a class's own names, a module's namespace. */
export function varsOf(v: Value): Value {
  if (v.kind === 'instance') return { kind: 'dict', entries: [...v.attrs].map(([key, value]) => ({ key, value })), open: false }
  if (v.kind === 'class') return { kind: 'dict', entries: [...v.cls.ns.bindings].map(([key, b]) => ({ key, value: b.value, loc: b.loc })), open: false }
  if (v.kind === 'module') return { ...v, dict: true }
  if (v.kind === 'ext' && v.qname.startsWith('?')) return { kind: 'ext', qname: UNKNOWN_NAMESPACE }
  return unknown('vars()')
}
