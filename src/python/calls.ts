// Calls: a method of a value ("x".lower()), a django-environ reader (env.bool(...)), a project
// function or class (functions.ts), the module's namespace (globals().update), or something from
// outside the tree (os.getenv, config, json.loads…) modelled in library.ts and reflection.ts.
import type { Expr } from './ast.js'
import { attribute } from './attributes.js'
import { expr } from './expressions.js'
import { INCLUDE, OPTIONAL, optionalFile, splitSettingsInclude } from './split-settings.js'
import { callFunction, instantiate, type Args } from './functions.js'
import { environCall, externalCall } from './library.js'
import { valueMethod } from './methods.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { escapingWriter, isCodeRunner, namespaceMethod } from './namespace-writes.js'
import { mapOptions, show, str, unknown, type Value } from './values.js'

export type Call = Extract<Expr, { t: 'call' }>

/** Values whose methods are Python's own (str, list, dict…), modelled in methods.ts. */
const VALUE_KINDS = new Set<Value['kind']>(['none', 'bool', 'int', 'float', 'str', 'seq', 'dict', 'oneOf', 'fails'])

export function call(run: ModuleRun, e: Call, frame: Frame): Value {
  let callee: Value
  if (e.func.t === 'attr') {
    const obj = expr(run, e.func.obj, frame)
    const method = e.func.attr
    if (obj.kind === 'envReader') return environCall(run, obj, method, e, frame)
    if (obj.kind === 'module' && obj.dict) {
      if (e.splat) return opaqueCall(run, `globals().${method}`, e, frame)
      return namespaceMethod(run, obj, method, args(run, e, frame), frame, e.line)
    }
    if (VALUE_KINDS.has(obj.kind)) {
      const positional = e.args.map((a) => expr(run, a, frame))
      return mapOptions(obj, (o) => valueMethod(o, method, positional))
    }
    callee = attribute(run, obj, method, frame)
  } else callee = expr(run, e.func, frame)
  return callValue(run, callee, e, frame)
}

function callValue(run: ModuleRun, callee: Value, e: Call, frame: Frame): Value {
  if (callee.kind === 'ext' && callee.qname === INCLUDE) return splitSettingsInclude(run, e, frame)
  if (callee.kind === 'ext' && callee.qname === OPTIONAL && e.args.length === 1) return optionalFile(expr(run, e.args[0], frame))
  if (e.splat) return opaqueCall(run, show(callee, 40), e, frame, callee.kind === 'ext' && isCodeRunner(callee.qname))
  switch (callee.kind) {
    case 'envReader':
      return environCall(run, callee, '__call__', e, frame)
    case 'func':
      return callFunction(run, callee, args(run, e, frame), frame, e.line)
    case 'class':
      return instantiate(run, callee.cls, args(run, e, frame), frame, e.line)
    case 'ext':
      return externalCall(run, callee.qname, e, frame)
    default: {
      opaqueIfEscaping(run, frame, show(callee, 40), args(run, e, frame), e.line)
      return unknown(`call at line ${e.line}`)
    }
  }
}

/** A call with `*args`/`**kwargs`: its arguments are not followed, but what they hand over is checked. */
function opaqueCall(run: ModuleRun, callee: string, e: Call, frame: Frame, runsCode = false): Value {
  const given = args(run, e, frame)
  for (const s of e.splats) given.positional.push(expr(run, s, frame))
  if (runsCode) run.markDynamic(frame, { line: e.line, endLine: e.line }, `${callee}() runs code the review cannot see`)
  else opaqueIfEscaping(run, frame, callee, given, e.line)
  return unknown(`call with *args/**kwargs at line ${e.line}`)
}

export function args(run: ModuleRun, e: Call, frame: Frame): Args {
  return { positional: e.args.map((a) => expr(run, a, frame)), keywords: e.kwargs.map((k) => ({ name: k.name, value: expr(run, k.value, frame) })) }
}

/** Code the review cannot see is handed the module's namespace (or exec, setattr…): any setting may change. */
export function opaqueIfEscaping(run: ModuleRun, frame: Frame, callee: string, given: Args, line: number): void {
  for (const v of [...given.positional, ...given.keywords.map((k) => k.value)]) {
    const what = escapingWriter(run, v)
    if (what) {
      run.markDynamic(frame, { line, endLine: line }, `${what} is passed to ${callee}(), which can set any name in it`)
      return
    }
  }
}

/** An argument given by keyword or at a position: its value and its text for messages. */
export function argument(run: ModuleRun, e: Call, name: string, position: number, frame: Frame): { value: Value; text: string } | undefined {
  const k = e.kwargs.find((x) => x.name === name)
  const node = k?.value ?? e.args[position]
  if (!node) return undefined
  const value = expr(run, node, frame)
  return { value, text: sourceText(run, node, frame.scope ? value : undefined) }
}

/**
 * Text of an argument for messages, good enough for defaults such as 'True' or "*": literals as
 * written, containers rendered from their syntax; inside a helper the value itself (the parameter's
 * name would mean nothing to the reader).
 */
function sourceText(run: ModuleRun, node: Expr, value: Value | undefined): string {
  if (node.t === 'const') return show(literalOf(node))
  if (value) return show(value)
  if (node.t === 'seq' || node.t === 'dict' || node.t === 'name') return show(literalOf(node))
  return (run.parsed.lines[node.line - 1] ?? '').trim()
}

/** The value a literal expression spells, without evaluating names (they stay unknown). */
function literalOf(node: Expr): Value {
  switch (node.t) {
    case 'const':
      if (node.value === null) return { kind: 'none' }
      if (typeof node.value === 'boolean') return { kind: 'bool', value: node.value }
      if (typeof node.value === 'number') return node.isFloat ? { kind: 'float', value: node.value } : { kind: 'int', value: node.value }
      return str(node.value)
    case 'seq':
      return { kind: 'seq', type: node.kind, items: node.items.map((i) => ({ value: literalOf(i) })), open: false }
    case 'dict': {
      const entries: { key: string; value: Value }[] = []
      for (const en of node.entries) if ('key' in en && en.key.t === 'const' && typeof en.key.value === 'string') entries.push({ key: en.key.value, value: literalOf(en.value) })
      return { kind: 'dict', entries, open: entries.length !== node.entries.length }
    }
    case 'name':
      return ['bool', 'int', 'float', 'str', 'list', 'tuple', 'set', 'dict'].includes(node.id) ? { kind: 'ext', qname: `builtins.${node.id}` } : unknown(node.id)
    default:
      return unknown('expression')
  }
}
