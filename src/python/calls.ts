// Calls: a method of a value ("x".lower()), a django-environ reader (env.bool(...)), or a function
// from outside the tree (os.getenv, config, json.loads…) modelled in library.ts.
import type { Expr } from './ast.js'
import { expr } from './expressions.js'
import { environCall, externalCall } from './library.js'
import { valueMethod } from './methods.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { mapOptions, show, str, unknown, type Value } from './values.js'

export type Call = Extract<Expr, { t: 'call' }>

export function call(run: ModuleRun, e: Call, frame: Frame): Value {
  if (e.splat) return unknown(`call with *args/**kwargs at line ${e.line}`)
  // Methods of values: "x".lower(), env.bool(...), os.environ.get(...)
  if (e.func.t === 'attr') {
    const obj = expr(run, e.func.obj, frame)
    const method = e.func.attr
    if (obj.kind === 'envReader') return environCall(run, obj, method, e, frame)
    if (obj.kind !== 'ext' && obj.kind !== 'module') {
      const args = e.args.map((a) => expr(run, a, frame))
      return mapOptions(obj, (o) => valueMethod(o, method, args))
    }
  }
  const func = expr(run, e.func, frame)
  if (func.kind === 'envReader') return environCall(run, func, '__call__', e, frame)
  if (func.kind !== 'ext') return unknown(`call at line ${e.line}`)
  return externalCall(run, func.qname, e, frame)
}

/** An argument given by keyword or at a position: its value and its text for messages. */
export function argument(run: ModuleRun, e: Call, name: string, position: number, frame: Frame): { value: Value; text: string } | undefined {
  const k = e.kwargs.find((x) => x.name === name)
  const node = k?.value ?? e.args[position]
  if (!node) return undefined
  return { value: expr(run, node, frame), text: source(run, node) }
}

function source(run: ModuleRun, node: Expr): string {
  // Text of a one-line expression, for messages; good enough for defaults such as 'True' or "*".
  const lineText = run.parsed.lines[node.line - 1] ?? ''
  if (node.t === 'const') return typeof node.value === 'string' ? show(str(node.value)) : node.value === null ? 'None' : typeof node.value === 'boolean' ? (node.value ? 'True' : 'False') : String(node.value)
  if (node.t === 'seq' || node.t === 'dict' || node.t === 'name') return show(expr(run, node, { ns: { bindings: new Map() }, reads: [] }))
  return lineText.trim()
}
