// Abstract interpreter for settings modules. It never executes code: it walks the small AST and
// computes, for every module-level name, an abstract value and where it came from. One run per
// environment world (see env.ts); imports between analysed modules are followed through a Loader.
import type { Expr, ParsedModule, Stmt } from './ast.js'
import { WORLDS, commaList, decoupleBool, environBool, jsonValue, pyFloat, pyInt, strtobool, type EnvRead } from './env.js'
import {
  FALSE,
  NONE,
  TRUE,
  bool,
  equal,
  fails,
  int,
  list,
  mapOptions,
  numeric,
  oneOf,
  show,
  str,
  truthy,
  unknown,
  type Item,
  type Loc,
  type Value
} from './values.js'

export interface Binding {
  value: Value
  /** The statement that last set or changed the value. */
  loc: Loc
  /** Every statement that shaped the value, in order: the assignment, then appends, removes, `+=`… */
  history: Loc[]
  /** Environment reads that fed the value. */
  env: EnvRead[]
  /** Source text of the statement at `loc` (first line), for messages. */
  text: string
  /** For a value merged from branches: the binding on each branch. */
  alternatives?: Binding[]
}

export interface Namespace {
  bindings: Map<string, Binding>
  /** Set when the module changes names in ways we cannot follow (globals().update, exec, …). */
  dynamic?: Loc
}

export interface ModuleResult {
  path: string
  ns: Namespace
  /** Modules this one imported with `from X import *`, in order (paths). */
  starImports: string[]
  notices: string[]
}

/** How the evaluator sees the rest of the analysed tree. */
export interface Loader {
  /** The parsed module at `path`, or undefined when it is not part of the analysed files. */
  module(path: string): ParsedModule | undefined
  /**
   * Resolves `from <dots><module> import …` written in `fromPath`: the path of an analysed module,
   * 'missing' when it should be in the repository but is not (an ImportError), or 'external'.
   */
  resolve(fromPath: string, level: number, module: string): string | 'missing' | 'external'
}

type Signal = { raise: string; why: string } | null

const EXCEPTION_PARENTS: Record<string, string[]> = {
  ImportError: ['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'],
  KeyError: ['KeyError', 'LookupError', 'Exception', 'BaseException'],
  ValueError: ['ValueError', 'Exception', 'BaseException'],
  ImproperlyConfigured: ['ImproperlyConfigured', 'Exception', 'BaseException'],
  UndefinedValueError: ['UndefinedValueError', 'Exception', 'BaseException']
}

function exceptionOf(why: string): string {
  const name = why.split(':')[0]
  return name in EXCEPTION_PARENTS ? name : 'ValueError'
}

function catches(types: string[], exception: string): boolean {
  if (types.length === 0) return true
  const parents = EXCEPTION_PARENTS[exception] ?? ['Exception', 'BaseException']
  return types.some((t) => parents.includes(t))
}

/** Evaluates modules in one environment world, memoising each module. */
export class WorldEvaluator {
  private readonly cache = new Map<string, ModuleResult | 'pending'>()

  constructor(
    private readonly loader: Loader,
    readonly world: number
  ) {}

  evaluate(path: string): ModuleResult | undefined {
    const cached = this.cache.get(path)
    if (cached === 'pending') return undefined // import cycle
    if (cached) return cached
    const parsed = this.loader.module(path)
    if (!parsed) return undefined
    this.cache.set(path, 'pending')
    const run = new ModuleRun(this, this.loader, path, parsed, this.world)
    const result = run.execute()
    this.cache.set(path, result)
    return result
  }
}

interface Frame {
  ns: Namespace
  /** Env reads seen while evaluating the current statement. */
  reads: EnvRead[]
}

class ModuleRun {
  private readonly notices: string[] = []
  private readonly starImports: string[] = []

  constructor(
    private readonly evaluator: WorldEvaluator,
    private readonly loader: Loader,
    private readonly path: string,
    private readonly parsed: ParsedModule,
    private readonly world: number
  ) {}

  execute(): ModuleResult {
    const frame: Frame = { ns: { bindings: new Map() }, reads: [] }
    if (this.parsed.errorLines.length)
      this.notices.push(`${this.path}:${this.parsed.errorLines[0]}: syntax error; the rest of the file was read as far as possible`)
    const signal = this.block(this.parsed.body, frame)
    if (signal) this.notices.push(`${this.path}: importing this module may fail (${signal.why})`)
    return { path: this.path, ns: frame.ns, starImports: this.starImports, notices: this.notices }
  }

  // ---------------------------------------------------------------- statements

  /** Inside a try body a raise jumps to the handler; elsewhere it is noted and evaluation goes on. */
  private tryDepth = 0

  private block(stmts: Stmt[], frame: Frame): Signal {
    for (const s of stmts) {
      const signal = this.statement(s, frame)
      if (!signal) continue
      if (this.tryDepth > 0) return signal
      if (this.world === 0) this.notices.push(`${this.path}:${s.line}: this line would fail at import time (${signal.why})`)
    }
    return null
  }

  private loc(s: { line: number; endLine: number }): Loc {
    return { path: this.path, line: s.line, endLine: s.endLine }
  }

  /** The raw source line (indentation kept, so a fix can replace it). */
  private text(line: number): string {
    return this.parsed.lines[line - 1] ?? ''
  }

  private statement(s: Stmt, frame: Frame): Signal {
    frame.reads = []
    {
      switch (s.t) {
        case 'assign': {
          const value = this.expr(s.value, frame)
          if (value.kind === 'fails' && this.tryDepth > 0) return { raise: exceptionOf(value.why), why: value.why }
          for (const target of s.targets) this.assign(target, value, s, frame)
          return null
        }
        case 'augassign':
          return this.augassign(s, frame)
        case 'expr':
          return this.exprStatement(s.expr, s, frame)
        case 'if':
          return this.ifStatement(s, frame)
        case 'try':
          return this.tryStatement(s, frame)
        case 'importfrom':
          return this.importFrom(s, frame)
        case 'import':
          for (const n of s.names) {
            const local = n.as ?? n.dotted.split('.')[0]
            const qname = n.as ? n.dotted : n.dotted.split('.')[0]
            this.bind(frame, local, { kind: 'ext', qname }, s)
          }
          return null
        case 'loop':
          this.loopStatement(s, frame)
          return null
        case 'with':
          return this.block(s.body, frame)
        case 'def':
          if (s.name) this.bind(frame, s.name, unknown(`defined by a def or class at line ${s.line}`), s)
          return null
        case 'unreadable':
          for (const name of s.names) this.bind(frame, name, unknown(`${this.path}:${s.line}-${s.endLine} could not be parsed`), s)
          return null
        case 'del':
          for (const target of s.targets) {
            if (target.t === 'name') frame.ns.bindings.delete(target.id)
            else {
              const root = rootName(target)
              if (root) this.mutate(frame, root, () => unknown(`changed by del at line ${s.line}`), s)
            }
          }
          return null
        default:
          return null
      }
    }
  }

  private bind(frame: Frame, name: string, value: Value, s: { line: number; endLine: number }): void {
    const loc = this.loc(s)
    frame.ns.bindings.set(name, { value, loc, history: [loc], env: dedupeReads(frame.reads), text: this.text(s.line) })
  }

  /** Replaces a binding's value by a changed one, keeping its history. */
  private mutate(frame: Frame, name: string, change: (v: Value) => Value, s: { line: number; endLine: number }): void {
    const old = frame.ns.bindings.get(name)
    const loc = this.loc(s)
    if (!old) {
      frame.ns.bindings.set(name, { value: unknown(`${name} is changed at ${this.path}:${s.line} before it is defined`), loc, history: [loc], env: [], text: this.text(s.line) })
      return
    }
    frame.ns.bindings.set(name, {
      value: change(old.value),
      loc,
      history: [...old.history, loc],
      env: dedupeReads([...old.env, ...frame.reads]),
      text: this.text(s.line)
    })
  }

  private assign(target: Expr, value: Value, s: { line: number; endLine: number }, frame: Frame): void {
    if (target.t === 'name') {
      this.bind(frame, target.id, withLocs(value, this.loc(s)), s)
      return
    }
    if (target.t === 'seq') {
      const items = value.kind === 'seq' && !value.open && value.items.length === target.items.length ? value.items : null
      target.items.forEach((t, i) => this.assign(t, items ? items[i].value : unknown(`unpacked at line ${s.line}`), s, frame))
      return
    }
    if (target.t === 'subscript') {
      const path = subscriptPath(target, (e) => this.expr(e, frame))
      if (!path) {
        // globals()["DEBUG"] = …: any name may change.
        if (writesNamespace(target)) this.markDynamic(frame, s)
        return
      }
      this.mutate(frame, path.root, (old) => setPath(old, path.keys, withLocs(value, this.loc(s))), s)
    }
    // attribute targets (obj.attr = …) do not define module-level settings
  }

  private augassign(s: Extract<Stmt, { t: 'augassign' }>, frame: Frame): Signal {
    const rhs = this.expr(s.value, frame)
    if (rhs.kind === 'fails') return { raise: exceptionOf(rhs.why), why: rhs.why }
    if (s.target.t === 'name') {
      const name = s.target.id
      const op = s.op
      this.mutate(frame, name, (old) => (op === '+' && old.kind === 'seq' && old.type === 'list' ? extend(old, withLocs(rhs, this.loc(s))) : this.binop(op, old, withLocs(rhs, this.loc(s)))), s)
    } else if (s.target.t === 'subscript') {
      const path = subscriptPath(s.target, (e) => this.expr(e, frame))
      if (path) this.mutate(frame, path.root, (old) => setPath(old, path.keys, this.binop(s.op, getPath(old, path.keys), withLocs(rhs, this.loc(s)))), s)
      else if (writesNamespace(s.target)) this.markDynamic(frame, s)
    }
    return null
  }

  private exprStatement(e: Expr, s: Stmt, frame: Frame): Signal {
    if (e.t !== 'call') {
      const v = this.expr(e, frame)
      return v.kind === 'fails' ? { raise: exceptionOf(v.why), why: v.why } : null
    }
    const func = e.func
    // globals().update(...), exec(...), locals().update(...)
    if (isDynamicCall(e)) {
      this.markDynamic(frame, s)
      return null
    }
    if (func.t === 'name' && func.id === 'include') {
      // django-split-settings: include('components/base.py', optional('local.py')) — not followed yet.
      this.notices.push(`${this.path}:${s.line}: django-split-settings include() is not followed; settings it loads are unknown`)
      this.markDynamic(frame, s)
      return null
    }
    if (func.t === 'attr') {
      const root = rootName(func.obj)
      const method = func.attr
      if (root && MUTATING_METHODS.has(method)) {
        const target = frame.ns.bindings.get(root)
        if (target && target.value.kind !== 'ext' && target.value.kind !== 'envReader' && target.value.kind !== 'module') {
          const args = e.args.map((a) => withLocs(this.expr(a, frame), this.loc(s)))
          const kwargs = e.kwargs.map((k) => ({ name: k.name, value: this.expr(k.value, frame) }))
          const keys = func.obj.t === 'name' ? [] : subscriptPath(func.obj, (x) => this.expr(x, frame))?.keys
          if (!keys) {
            this.mutate(frame, root, () => unknown(`changed by .${method}() at line ${s.line}`), s)
            return null
          }
          let raised: string | null = null
          this.mutate(
            frame,
            root,
            (old) =>
              setPath(old, keys, (() => {
                const next = callMethodMutating(getPath(old, keys), method, args, kwargs, s.line)
                if (next.kind === 'fails') raised = next.why
                return next
              })()),
            s
          )
          if (raised) return { raise: exceptionOf(raised), why: raised }
          return null
        }
      }
    }
    const v = this.expr(e, frame)
    return v.kind === 'fails' ? { raise: exceptionOf(v.why), why: v.why } : null
  }

  private markDynamic(frame: Frame, s: { line: number; endLine: number }): void {
    const loc = this.loc(s)
    frame.ns.dynamic = loc
    for (const [name, b] of frame.ns.bindings) frame.ns.bindings.set(name, { ...b, value: unknown(`may be replaced by the dynamic code at ${loc.path}:${loc.line}`) })
  }

  private ifStatement(s: Extract<Stmt, { t: 'if' }>, frame: Frame): Signal {
    for (let i = 0; i < s.branches.length; i++) {
      const branch = s.branches[i]
      frame.reads = []
      const cond = truthy(this.expr(branch.cond, frame))
      if (cond === true) return this.block(branch.body, frame)
      if (cond === undefined) {
        // Unknown condition: both this branch and the rest are possible.
        const why = `depends on the condition at ${this.path}:${branch.cond.line}`
        const taken = cloneFrame(frame)
        const takenSignal = this.block(branch.body, taken)
        const rest: Extract<Stmt, { t: 'if' }> = { ...s, branches: s.branches.slice(i + 1) }
        const other = cloneFrame(frame)
        const otherSignal = rest.branches.length ? this.ifStatement(rest, other) : s.orelse ? this.block(s.orelse, other) : null
        mergeInto(frame, [taken, other], why)
        return takenSignal && otherSignal ? takenSignal : null
      }
    }
    return s.orelse ? this.block(s.orelse, frame) : null
  }

  private tryStatement(s: Extract<Stmt, { t: 'try' }>, frame: Frame): Signal {
    this.tryDepth++
    const signal = this.block(s.body, frame)
    this.tryDepth--
    if (signal) {
      const handler = s.handlers.find((h) => catches(h.types, signal.raise))
      if (!handler) return signal
      // Statements before the failing one ran; the handler runs after them.
      const sig = this.block(handler.body, frame)
      return sig ?? this.block(s.final, frame)
    }
    return this.block(s.orelse, frame) ?? this.block(s.final, frame)
  }

  private importFrom(s: Extract<Stmt, { t: 'importfrom' }>, frame: Frame): Signal {
    const target = this.loader.resolve(this.path, s.level, s.module)
    if (target === 'missing') return { raise: 'ImportError', why: `ImportError: ${'.'.repeat(s.level)}${s.module} is not in the repository` }
    if (target === 'external') {
      if (s.names === '*') {
        this.notices.push(`${this.path}:${s.line}: names from ${s.module} (outside the analysed files) are unknown`)
        // It may set any setting (Django's own defaults module sets only what we already know).
        if (s.module !== 'django.conf.global_settings') this.markDynamic(frame, s)
        return null
      }
      for (const n of s.names) this.bind(frame, n.as, { kind: 'ext', qname: s.module ? `${s.module}.${n.name}` : n.name }, s)
      return null
    }
    const result = this.evaluator.evaluate(target)
    if (!result) {
      this.notices.push(`${this.path}:${s.line}: circular import of ${target} was not followed`)
      return null
    }
    if (s.names === '*') {
      this.starImports.push(target)
      for (const [name, b] of result.ns.bindings) if (!name.startsWith('_')) frame.ns.bindings.set(name, b)
      if (result.ns.dynamic) frame.ns.dynamic = result.ns.dynamic
      return null
    }
    for (const n of s.names) {
      const b = result.ns.bindings.get(n.name)
      if (b) frame.ns.bindings.set(n.as, b)
      else {
        // `from . import base` names a submodule
        const sub = this.loader.resolve(this.path, s.level, s.module ? `${s.module}.${n.name}` : n.name)
        if (sub !== 'missing' && sub !== 'external') this.bind(frame, n.as, { kind: 'module', path: sub }, s)
        else return { raise: 'ImportError', why: `ImportError: cannot import name ${n.name} from ${target}` }
      }
    }
    return null
  }

  private loopStatement(s: Extract<Stmt, { t: 'loop' }>, frame: Frame): void {
    // A loop may run any number of times: names it assigns become unknown, lists it grows stay
    // known for what they had but may hold more.
    if ([...s.body, ...s.orelse].some(hasDynamicCode)) {
      this.markDynamic(frame, s)
      return
    }
    for (const st of [...s.body, ...s.orelse]) {
      for (const [name, how] of changedNames(st)) {
        const b = frame.ns.bindings.get(name)
        const growOnly = how === 'grow' && b?.value.kind === 'seq'
        this.mutate(frame, name, (old) => (growOnly && old.kind === 'seq' ? { ...old, open: true } : unknown(`changed in the loop at ${this.path}:${s.line}`)), s)
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  expr(e: Expr, frame: Frame): Value {
    switch (e.t) {
      case 'const':
        if (e.value === null) return NONE
        if (typeof e.value === 'boolean') return bool(e.value)
        if (typeof e.value === 'number') return e.isFloat ? { kind: 'float', value: e.value } : int(e.value)
        return str(e.value)
      case 'fstring': {
        let out = ''
        for (const p of e.parts) {
          if (typeof p === 'string') out += p
          else {
            const v = this.expr(p, frame)
            const s = toStr(v)
            if (s === undefined) return unknown(`f-string at line ${e.line}`)
            out += s
          }
        }
        return str(out)
      }
      case 'name':
        return this.lookup(e.id, frame, e.line)
      case 'attr':
        return this.attribute(this.expr(e.obj, frame), e.attr, frame)
      case 'call':
        return this.call(e, frame)
      case 'subscript': {
        const obj = this.expr(e.obj, frame)
        if (obj.kind === 'ext' && obj.qname === 'os.environ') {
          const name = this.expr(e.index, frame)
          if (name.kind !== 'str') return unknown('os.environ[...] with a computed name')
          return this.readEnv(name.value, 'os.environ[]', undefined, e.line, frame, (s) => str(s))
        }
        return subscript(obj, this.expr(e.index, frame))
      }
      case 'binop':
        return this.binop(e.op, this.expr(e.left, frame), this.expr(e.right, frame))
      case 'unary': {
        const v = this.expr(e.arg, frame)
        if (e.op === 'not') return mapOptions(v, (o) => {
          const t = truthy(o)
          return t === undefined ? unknown('not of an unknown value') : bool(!t)
        })
        return mapOptions(v, (o) => {
          const n = numeric(o)
          if (n === undefined) return unknown('unary operator')
          return e.op === '-' ? (o.kind === 'float' ? { kind: 'float', value: -n } : int(-n)) : e.op === '+' ? int(n) : e.op === '~' ? int(~n) : unknown('unary')
        })
      }
      case 'boolop': {
        const left = this.expr(e.left, frame)
        const t = truthy(left)
        if (t === undefined) {
          const right = this.expr(e.right, frame)
          return oneOf([left, right], `${e.op} at line ${e.line}`)
        }
        if (e.op === 'and') return t ? this.expr(e.right, frame) : left
        return t ? left : this.expr(e.right, frame)
      }
      case 'compare':
        return this.compare(e, frame)
      case 'ifexp': {
        const t = truthy(this.expr(e.cond, frame))
        if (t === true) return this.expr(e.then, frame)
        if (t === false) return this.expr(e.else, frame)
        return oneOf([this.expr(e.then, frame), this.expr(e.else, frame)], `depends on the condition at ${this.path}:${e.line}`)
      }
      case 'seq': {
        const items: Item[] = []
        let open = false
        for (const it of e.items) {
          if (it.t === 'starred') {
            const v = this.expr(it.value, frame)
            if (v.kind === 'seq') {
              items.push(...v.items)
              open ||= v.open
            } else open = true
          } else items.push({ value: this.expr(it, frame), loc: { path: this.path, line: it.line, endLine: it.line } })
        }
        return { kind: 'seq', type: e.kind, items, open }
      }
      case 'starred':
        return unknown('starred expression')
      case 'dict': {
        let entries: { key: string; value: Value; loc?: Loc }[] = []
        let open = false
        for (const en of e.entries) {
          if ('splat' in en) {
            const v = this.expr(en.splat, frame)
            if (v.kind === 'dict') {
              for (const x of v.entries) entries = [...entries.filter((y) => y.key !== x.key), x]
              open ||= v.open
            } else open = true
            continue
          }
          const k = this.expr(en.key, frame)
          if (k.kind !== 'str') {
            open = true
            continue
          }
          entries = [...entries.filter((y) => y.key !== k.value), { key: k.value, value: this.expr(en.value, frame), loc: { path: this.path, line: en.value.line, endLine: en.value.line } }]
        }
        return { kind: 'dict', entries, open }
      }
      case 'comp':
        return this.comprehension(e, frame)
      case 'unknown':
        return unknown(`${e.why} at line ${e.line}`)
    }
  }

  private lookup(id: string, frame: Frame, line: number): Value {
    const b = frame.ns.bindings.get(id)
    if (b) {
      frame.reads.push(...b.env)
      return b.value
    }
    if (id in BUILTINS) return { kind: 'ext', qname: `builtins.${id}` }
    if (id === '__file__') return unknown('__file__')
    return unknown(`name ${id} is not defined at ${this.path}:${line}`)
  }

  private attribute(obj: Value, attr: string, frame: Frame): Value {
    if (obj.kind === 'ext') return { kind: 'ext', qname: `${obj.qname}.${attr}` }
    if (obj.kind === 'module') {
      const result = this.evaluator.evaluate(obj.path)
      const b = result?.ns.bindings.get(attr)
      if (b) {
        frame.reads.push(...b.env)
        return b.value
      }
      return unknown(`${attr} of ${obj.path}`)
    }
    // Methods are resolved by call(); a bare attribute of a value is not something settings use.
    return unknown(`attribute ${attr}`)
  }

  private readEnv(name: string, via: string, defaultValue: Value | undefined, line: number, frame: Frame, cast: (s: string) => Value, defaultText?: string): Value {
    frame.reads.push({ name, via, defaultText, line, path: this.path })
    const probe = WORLDS[this.world]
    if (probe === null) {
      // Production as deployed: a default applies; a required variable is set to something unknown.
      if (defaultValue !== undefined) return defaultValue
      return unknown(`the value of the environment variable ${name}`)
    }
    return cast(probe)
  }

  private call(e: Extract<Expr, { t: 'call' }>, frame: Frame): Value {
    if (e.splat) return unknown(`call with *args/**kwargs at line ${e.line}`)
    // Methods of values: "x".lower(), env.bool(...), os.environ.get(...)
    if (e.func.t === 'attr') {
      const obj = this.expr(e.func.obj, frame)
      const method = e.func.attr
      if (obj.kind === 'envReader') return this.environCall(obj, method, e, frame)
      if (obj.kind !== 'ext' && obj.kind !== 'module') {
        const args = e.args.map((a) => this.expr(a, frame))
        return mapOptions(obj, (o) => valueMethod(o, method, args))
      }
    }
    const func = this.expr(e.func, frame)
    if (func.kind === 'envReader') return this.environCall(func, '__call__', e, frame)
    if (func.kind !== 'ext') return unknown(`call at line ${e.line}`)
    return this.externalCall(func.qname, e, frame)
  }

  private kw(e: Extract<Expr, { t: 'call' }>, name: string, position: number, frame: Frame): { value: Value; text: string } | undefined {
    const k = e.kwargs.find((x) => x.name === name)
    const node = k?.value ?? e.args[position]
    if (!node) return undefined
    return { value: this.expr(node, frame), text: this.source(node) }
  }

  private source(node: Expr): string {
    // Text of a one-line expression, for messages; good enough for defaults such as 'True' or "*".
    const lineText = this.parsed.lines[node.line - 1] ?? ''
    if (node.t === 'const') return typeof node.value === 'string' ? show(str(node.value)) : node.value === null ? 'None' : typeof node.value === 'boolean' ? (node.value ? 'True' : 'False') : String(node.value)
    if (node.t === 'seq' || node.t === 'dict' || node.t === 'name') return show(this.exprQuiet(node))
    return lineText.trim()
  }

  private exprQuiet(node: Expr): Value {
    return this.expr(node, { ns: { bindings: new Map() }, reads: [] })
  }

  private externalCall(qname: string, e: Extract<Expr, { t: 'call' }>, frame: Frame): Value {
    const name = (): Value | undefined => {
      const node = e.args[0] ?? e.kwargs.find((k) => k.name === 'key' || k.name === 'option')?.value
      return node ? this.expr(node, frame) : undefined
    }
    const q = qname.replace(/^builtins\./, '')
    switch (q) {
      case 'os.environ.get':
      case 'os.getenv':
      case 'os.environ.setdefault': {
        const n = name()
        if (n?.kind !== 'str') return unknown('environment read with a computed name')
        const d = this.kw(e, 'default', 1, frame)
        return this.readEnv(n.value, q, d?.value ?? NONE, e.line, frame, str, d?.text ?? 'None')
      }
      case 'decouple.config':
      case 'decouple.AutoConfig()':
      case 'decouple.Config()': {
        const n = name()
        if (n?.kind !== 'str') return unknown('config() with a computed name')
        const d = this.kw(e, 'default', 1, frame)
        const cast = this.kw(e, 'cast', 2, frame)
        const caster = decoupleCaster(cast?.value)
        const defaultValue = d ? caster(d.value) : undefined
        return this.readEnv(n.value, 'config', defaultValue, e.line, frame, (s) => caster(str(s)), d?.text)
      }
      case 'environ.Env':
      case 'environ.environ.Env': {
        const scheme = new Map<string, { cast: string; default?: Value }>()
        for (const k of e.kwargs) {
          const v = this.expr(k.value, frame)
          if (v.kind === 'seq' && v.items.length >= 1 && v.items[0].value.kind === 'ext')
            scheme.set(k.name, { cast: v.items[0].value.qname.replace(/^builtins\./, ''), default: v.items[1]?.value })
          else if (v.kind === 'ext') scheme.set(k.name, { cast: v.qname.replace(/^builtins\./, '') })
        }
        return { kind: 'envReader', scheme }
      }
      case 'decouple.AutoConfig':
      case 'decouple.Config':
      case 'decouple.RepositoryEnv':
        return { kind: 'ext', qname: `${q}()` }
      case 'decouple.Csv':
        return { kind: 'ext', qname: 'decouple.Csv()' }
      case 'bool':
      case 'int':
      case 'float':
      case 'str':
      case 'list':
      case 'tuple':
      case 'set':
      case 'len':
        return mapOptions(e.args[0] ? this.expr(e.args[0], frame) : NONE, (v) => builtinCall(q, v, e.args.length === 0))
      case 'dict': {
        if (e.args.length) return unknown('dict(...)')
        return { kind: 'dict', entries: e.kwargs.map((k) => ({ key: k.name, value: this.expr(k.value, frame), loc: { path: this.path, line: k.value.line, endLine: k.value.line } })), open: false }
      }
      case 'json.loads': {
        const v = e.args[0] ? this.expr(e.args[0], frame) : NONE
        return mapOptions(v, (o) => (o.kind === 'str' ? jsonValue(o.value) : unknown('json.loads of a non-string')))
      }
      case 'distutils.util.strtobool':
      case 'setuptools.dist.strtobool':
      case 'str2bool.str2bool':
      case 'strtobool': {
        const v = e.args[0] ? this.expr(e.args[0], frame) : NONE
        return mapOptions(v, (o) => (o.kind === 'str' ? strtobool(o.value) : unknown('strtobool of a non-string')))
      }
      case 'django.core.management.utils.get_random_secret_key':
        return unknown('a random key generated at start-up')
      default:
        return unknown(`result of ${q}()`)
    }
  }

  private environCall(reader: Extract<Value, { kind: 'envReader' }>, method: string, e: Extract<Expr, { t: 'call' }>, frame: Frame): Value {
    const first = e.args[0] ?? e.kwargs.find((k) => k.name === 'var')?.value
    const n = first ? this.expr(first, frame) : undefined
    if (n?.kind !== 'str') {
      if (method === 'read_env' || method === 'read_env_file') return NONE
      return unknown(`env.${method}() with a computed name`)
    }
    const scheme = reader.scheme.get(n.value)
    let cast = method === '__call__' ? undefined : method
    if (method === '__call__') {
      const c = this.kw(e, 'cast', 1, frame)
      cast = c?.value.kind === 'ext' ? c.value.qname.replace(/^builtins\./, '') : scheme?.cast
    }
    const d = this.kw(e, 'default', method === '__call__' ? 2 : 1, frame)
    const parseDefault = this.kw(e, 'parse_default', 99, frame)
    const caster = environCaster(cast ?? 'str')
    let defaultValue = d?.value ?? scheme?.default
    // django-environ returns the default as written unless parse_default=True.
    if (defaultValue && parseDefault && truthy(parseDefault.value)) defaultValue = mapOptions(defaultValue, (v) => (v.kind === 'str' ? caster(v.value) : v))
    const via = method === '__call__' ? 'env' : `env.${method}`
    const defaultText = d?.text ?? (scheme?.default ? show(scheme.default) : undefined)
    return this.readEnv(n.value, via, defaultValue, e.line, frame, caster, defaultText)
  }

  binop(op: string, a: Value, b: Value): Value {
    if (a.kind === 'oneOf' || b.kind === 'oneOf') return mapOptions(a, (x) => mapOptions(b, (y) => this.binop(op, x, y)))
    if (a.kind === 'fails') return a
    if (b.kind === 'fails') return b
    const x = numeric(a)
    const y = numeric(b)
    if (x !== undefined && y !== undefined) {
      const isFloat = a.kind === 'float' || b.kind === 'float'
      const num = (n: number): Value => (isFloat || !Number.isInteger(n) ? { kind: 'float', value: n } : int(n))
      switch (op) {
        case '+':
          return num(x + y)
        case '-':
          return num(x - y)
        case '*':
          return num(x * y)
        case '/':
          return y === 0 ? fails('ZeroDivisionError') : { kind: 'float', value: x / y }
        case '//':
          return y === 0 ? fails('ZeroDivisionError') : num(Math.floor(x / y))
        case '%':
          return y === 0 ? fails('ZeroDivisionError') : num(((x % y) + y) % y)
        case '**':
          return num(x ** y)
        case '|':
          return a.kind === 'bool' && b.kind === 'bool' ? bool(a.value || b.value) : int(x | y)
        case '&':
          return a.kind === 'bool' && b.kind === 'bool' ? bool(a.value && b.value) : int(x & y)
      }
    }
    if (op === '+' && a.kind === 'str' && b.kind === 'str') return str(a.value + b.value)
    if (op === '*' && a.kind === 'str' && b.kind === 'int') return str(a.value.repeat(Math.max(0, Math.min(b.value, 10000))))
    if (op === '+' && a.kind === 'seq' && b.kind === 'seq' && a.type === b.type) return extend(a, b)
    if (op === '|' && a.kind === 'dict' && b.kind === 'dict') return { kind: 'dict', entries: [...a.entries.filter((x) => !b.entries.some((y) => y.key === x.key)), ...b.entries], open: a.open || b.open }
    if (op === '%' && a.kind === 'str') return unknown('%-formatted string')
    if (op === '+' && a.kind === 'seq' && b.kind === 'unknown') return { ...a, open: true }
    if (op === '+' && b.kind === 'seq' && a.kind === 'unknown') return { ...b, open: true }
    return unknown(`${show(a, 20)} ${op} ${show(b, 20)}`)
  }

  private compare(e: Extract<Expr, { t: 'compare' }>, frame: Frame): Value {
    let left = this.expr(e.operands[0], frame)
    let result: Value = TRUE
    for (let i = 0; i < e.ops.length; i++) {
      const rightExpr = e.operands[i + 1]
      if (!rightExpr) return unknown('comparison')
      const op = e.ops[i]
      let right: Value
      let r: Value
      if ((op === 'in' || op === 'not in') && rightExpr.t === 'attr' && this.expr(rightExpr, frame).kind === 'ext' && qnameOf(this.expr(rightExpr, frame)) === 'os.environ') {
        right = { kind: 'ext', qname: 'os.environ' }
        const name = left
        if (name.kind !== 'str') return unknown('membership in os.environ')
        const probe = WORLDS[this.world]
        frame.reads.push({ name: name.value, via: '"X" in os.environ', line: e.line, path: this.path, defaultText: undefined })
        const present = probe === null ? false : true
        r = bool(op === 'in' ? present : !present)
      } else {
        right = this.expr(rightExpr, frame)
        r = mapOptions(left, (a) => mapOptions(right, (b) => compareValues(op, a, b)))
      }
      if (truthy(r) === false) return r
      result = truthy(r) === true ? result : oneOf([result, r], 'comparison')
      if (truthy(r) === undefined) result = unknown('comparison of unknown values')
      left = right
    }
    return result
  }

  private comprehension(e: Extract<Expr, { t: 'comp' }>, frame: Frame): Value {
    const iter = this.expr(e.iter, frame)
    if (iter.kind !== 'seq') return unknown(`comprehension over ${show(iter, 20)}`)
    const items: Item[] = []
    let open = iter.open
    for (const item of iter.items) {
      const inner: Frame = { ns: { bindings: new Map(frame.ns.bindings) }, reads: frame.reads }
      inner.ns.bindings.set(e.target, { value: item.value, loc: item.loc ?? { path: this.path, line: e.line, endLine: e.line }, history: [], env: [], text: '' })
      let keep: boolean | undefined = true
      for (const c of e.conds) {
        const t = truthy(this.expr(c, inner))
        if (t === false) {
          keep = false
          break
        }
        if (t === undefined) keep = undefined
      }
      if (keep === false) continue
      if (keep === undefined) {
        open = true
        continue
      }
      items.push({ value: this.expr(e.elt, inner), loc: item.loc })
    }
    return { kind: 'seq', type: e.kind, items, open }
  }
}

// ------------------------------------------------------------------ helpers

const BUILTINS: Record<string, true> = { bool: true, int: true, float: true, str: true, list: true, tuple: true, set: true, dict: true, len: true, open: true, print: true, range: true }

const MUTATING_METHODS = new Set(['append', 'insert', 'extend', 'remove', 'pop', 'clear', 'update', 'setdefault', 'sort', 'reverse', 'add', 'discard'])

const NAMESPACE_FUNCTIONS = ['globals', 'locals', 'vars']

/** `exec(...)`, `globals().update(...)` and the like: code that may set any module-level name. */
function isDynamicCall(e: Extract<Expr, { t: 'call' }>): boolean {
  const func = e.func
  if (func.t === 'name') return func.id === 'exec' || func.id === 'execfile'
  return func.t === 'attr' && func.obj.t === 'call' && func.obj.func.t === 'name' && NAMESPACE_FUNCTIONS.includes(func.obj.func.id)
}

/** An assignment target such as `globals()["DEBUG"]`. */
function writesNamespace(target: Expr): boolean {
  let cur = target
  while (cur.t === 'subscript') cur = cur.obj
  return cur.t === 'call' && cur.func.t === 'name' && NAMESPACE_FUNCTIONS.includes(cur.func.id)
}

/** Whether a statement (or a block nested in it, but not a def) holds code that may set any name. */
function hasDynamicCode(s: Stmt): boolean {
  switch (s.t) {
    case 'expr':
      return s.expr.t === 'call' && isDynamicCall(s.expr)
    case 'assign':
      return s.targets.some(writesNamespace)
    case 'augassign':
      return writesNamespace(s.target)
    case 'if':
      return [...s.branches.flatMap((b) => b.body), ...(s.orelse ?? [])].some(hasDynamicCode)
    case 'try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.final].some(hasDynamicCode)
    case 'loop':
      return [...s.body, ...s.orelse].some(hasDynamicCode)
    case 'with':
      return s.body.some(hasDynamicCode)
    default:
      return false
  }
}

function qnameOf(v: Value): string | undefined {
  return v.kind === 'ext' ? v.qname : undefined
}

function dedupeReads(reads: EnvRead[]): EnvRead[] {
  const seen = new Set<string>()
  return reads.filter((r) => {
    const key = `${r.path}:${r.line}:${r.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function cloneFrame(f: Frame): Frame {
  return { ns: { bindings: new Map(f.ns.bindings), dynamic: f.ns.dynamic }, reads: [] }
}

/** Joins the namespaces of alternative branches into `frame`. */
function mergeInto(frame: Frame, branches: Frame[], why: string): void {
  const names = new Set(branches.flatMap((b) => [...b.ns.bindings.keys()]))
  const merged = new Map<string, Binding>()
  for (const name of names) {
    const bs = branches.map((b) => b.ns.bindings.get(name))
    const first = bs[0]
    if (first && bs.every((b) => b === first)) {
      merged.set(name, first)
      continue
    }
    const present = bs.filter((b): b is Binding => b !== undefined)
    const values = bs.map((b): Value => b?.value ?? { kind: 'absent' })
    // Point at the branch binding that differs from what was there before the fork.
    const before = frame.ns.bindings.get(name)
    const changed = present.find((b) => b !== before) ?? present[0]
    merged.set(name, {
      value: oneOf(values, why),
      loc: changed.loc,
      history: changed.history,
      env: dedupeReads(present.flatMap((b) => b.env)),
      text: changed.text,
      alternatives: present
    })
  }
  frame.ns.bindings = merged
  frame.ns.dynamic = branches.find((b) => b.ns.dynamic)?.ns.dynamic ?? frame.ns.dynamic
}

/** Names a statement assigns ('set') or grows in place ('grow'), for loops. */
function changedNames(s: Stmt): [string, 'set' | 'grow'][] {
  switch (s.t) {
    case 'assign':
      return s.targets.flatMap((t) => {
        const r = rootName(t)
        return r ? [[r, 'set'] as [string, 'set']] : []
      })
    case 'augassign': {
      const r = rootName(s.target)
      return r ? [[r, s.op === '+' ? 'grow' : 'set']] : []
    }
    case 'expr': {
      if (s.expr.t === 'call' && s.expr.func.t === 'attr') {
        const r = rootName(s.expr.func.obj)
        const m = s.expr.func.attr
        if (r && MUTATING_METHODS.has(m)) return [[r, m === 'append' || m === 'extend' || m === 'insert' || m === 'add' ? 'grow' : 'set']]
      }
      return []
    }
    case 'if':
      return [...s.branches.flatMap((b) => b.body.flatMap(changedNames)), ...(s.orelse ?? []).flatMap(changedNames)]
    case 'try':
      return [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.final].flatMap(changedNames)
    case 'loop':
    case 'with':
      return s.body.flatMap(changedNames)
    case 'def':
      return [[s.name, 'set']]
    default:
      return []
  }
}

function rootName(e: Expr): string | undefined {
  if (e.t === 'name') return e.id
  if (e.t === 'subscript') return rootName(e.obj)
  return undefined
}

/** `X["a"][0]` → root X, keys ["a", 0]. */
function subscriptPath(e: Expr, evaluate: (e: Expr) => Value): { root: string; keys: Value[] } | undefined {
  const keys: Value[] = []
  let cur = e
  while (cur.t === 'subscript') {
    keys.unshift(evaluate(cur.index))
    cur = cur.obj
  }
  if (cur.t !== 'name') return undefined
  return { root: cur.id, keys }
}

function getPath(v: Value, keys: Value[]): Value {
  return keys.reduce((acc, k) => subscript(acc, k), v)
}

function setPath(v: Value, keys: Value[], value: Value): Value {
  if (keys.length === 0) return value
  const [k, ...rest] = keys
  if (v.kind === 'dict' && k.kind === 'str') {
    const old = v.entries.find((e) => e.key === k.value)
    const next = setPath(old?.value ?? unknown(`missing key ${k.value}`), rest, value)
    return { ...v, entries: old ? v.entries.map((e) => (e === old ? { ...e, value: next } : e)) : [...v.entries, { key: k.value, value: next }] }
  }
  if (v.kind === 'seq' && k.kind === 'int' && !v.open) {
    const i = k.value < 0 ? v.items.length + k.value : k.value
    if (i < 0 || i >= v.items.length) return fails('IndexError: list assignment index out of range')
    return { ...v, items: v.items.map((it, j) => (j === i ? { ...it, value: setPath(it.value, rest, value) } : it)) }
  }
  return unknown('assignment into an unknown container')
}

function subscript(obj: Value, index: Value): Value {
  if (obj.kind === 'oneOf') return mapOptions(obj, (o) => subscript(o, index))
  if (obj.kind === 'dict' && index.kind === 'str') {
    const e = obj.entries.find((x) => x.key === index.value)
    if (e) return e.value
    return obj.open ? unknown(`key ${index.value}`) : fails(`KeyError: ${index.value}`)
  }
  if (obj.kind === 'seq' && index.kind === 'int') {
    const i = index.value < 0 ? obj.items.length + index.value : index.value
    if (obj.open && index.value < 0) return unknown('index into a list with unknown elements')
    if (i >= 0 && i < obj.items.length) return obj.items[i].value
    return obj.open ? unknown('index') : fails('IndexError: list index out of range')
  }
  if (obj.kind === 'str' && index.kind === 'int') {
    const i = index.value < 0 ? obj.value.length + index.value : index.value
    return i >= 0 && i < obj.value.length ? str(obj.value[i]) : fails('IndexError: string index out of range')
  }
  return unknown('subscript')
}

/** Gives every element of a container a location, when the element does not have one yet. */
function withLocs(v: Value, loc: Loc): Value {
  if (v.kind === 'seq') return { ...v, items: v.items.map((i) => (i.loc ? i : { ...i, loc })) }
  return v
}

function extend(a: Extract<Value, { kind: 'seq' }>, b: Value): Value {
  if (b.kind === 'seq') return { ...a, items: [...a.items, ...b.items], open: a.open || b.open }
  if (b.kind === 'str') return { ...a, items: [...a.items, ...[...b.value].map((c) => ({ value: str(c) }))] }
  return { ...a, open: true }
}

function toStr(v: Value): string | undefined {
  switch (v.kind) {
    case 'str':
      return v.value
    case 'int':
      return String(v.value)
    case 'bool':
      return v.value ? 'True' : 'False'
    case 'none':
      return 'None'
    case 'float':
      return show(v)
    default:
      return undefined
  }
}

function compareValues(op: string, a: Value, b: Value): Value {
  if (a.kind === 'fails') return a
  if (b.kind === 'fails') return b
  switch (op) {
    case '==':
    case '!=': {
      if (!isComparable(a) || !isComparable(b)) return unknown('comparison of unknown values')
      const eq = equal(a, b)
      return bool(op === '==' ? eq : !eq)
    }
    case 'is':
    case 'is not': {
      if (a.kind === 'none' || b.kind === 'none' || a.kind === 'bool' || b.kind === 'bool') {
        if (!isComparable(a) || !isComparable(b)) return unknown('identity of unknown values')
        const same = a.kind === b.kind && equal(a, b)
        return bool(op === 'is' ? same : !same)
      }
      return unknown('identity comparison')
    }
    case 'in':
    case 'not in': {
      let r: boolean | undefined
      if (b.kind === 'str' && a.kind === 'str') r = b.value.includes(a.value)
      else if (b.kind === 'seq') {
        if (!isComparable(a)) return unknown('membership of an unknown value')
        if (b.items.some((i) => isComparable(i.value) && equal(i.value, a))) r = true
        else r = b.open || b.items.some((i) => !isComparable(i.value)) ? undefined : false
      } else if (b.kind === 'dict' && a.kind === 'str') r = b.entries.some((e) => e.key === a.value) ? true : b.open ? undefined : false
      if (r === undefined) return unknown('membership')
      return bool(op === 'in' ? r : !r)
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const x = numeric(a) ?? (a.kind === 'str' ? a.value : undefined)
      const y = numeric(b) ?? (b.kind === 'str' ? b.value : undefined)
      if (x === undefined || y === undefined || typeof x !== typeof y) return unknown('ordering')
      return bool(op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y)
    }
    default:
      return unknown(`operator ${op}`)
  }
}

function isComparable(v: Value): boolean {
  return ['none', 'bool', 'int', 'float', 'str'].includes(v.kind) || ((v.kind === 'seq' || v.kind === 'dict') && !v.open)
}

/** Methods of strings, lists and dicts used in settings expressions (non-mutating). */
function valueMethod(o: Value, method: string, args: Value[]): Value {
  if (o.kind === 'fails') return o
  if (o.kind === 'str') {
    const s = o.value
    const a0 = args[0]
    switch (method) {
      case 'lower':
      case 'casefold':
        return str(s.toLowerCase())
      case 'upper':
        return str(s.toUpperCase())
      case 'strip':
      case 'lstrip':
      case 'rstrip': {
        if (a0 && a0.kind !== 'str' && a0.kind !== 'none') return unknown('strip')
        const chars = a0?.kind === 'str' ? a0.value : ' \t\n\r\x0b\x0c'
        let start = 0
        let end = s.length
        if (method !== 'rstrip') while (start < end && chars.includes(s[start])) start++
        if (method !== 'lstrip') while (end > start && chars.includes(s[end - 1])) end--
        return str(s.slice(start, end))
      }
      case 'split': {
        // str.split() with no separator: runs of Python whitespace (\v and \f included)
        if (!a0 || a0.kind === 'none') return list(s.split(/[ \t\n\r\v\f]+/).filter((x) => x.length > 0).map(str))
        if (a0.kind !== 'str' || a0.value === '') return unknown('split')
        const max = args[1]?.kind === 'int' ? args[1].value : -1
        const parts = s.split(a0.value)
        if (max >= 0 && parts.length > max + 1) parts.splice(max, parts.length, parts.slice(max).join(a0.value))
        return list(parts.map(str))
      }
      case 'startswith':
      case 'endswith': {
        if (a0?.kind !== 'str') return unknown(method)
        return bool(method === 'startswith' ? s.startsWith(a0.value) : s.endsWith(a0.value))
      }
      case 'replace':
        return a0?.kind === 'str' && args[1]?.kind === 'str' ? str(s.split(a0.value).join(args[1].value)) : unknown('replace')
      case 'title':
        return str(s.replace(/\b\w/g, (c) => c.toUpperCase()))
      case 'capitalize':
        return str(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase())
      case 'join': {
        if (a0?.kind !== 'seq' || a0.open) return unknown('join')
        const parts = a0.items.map((i) => (i.value.kind === 'str' ? i.value.value : undefined))
        return parts.every((p) => p !== undefined) ? str(parts.join(s)) : unknown('join')
      }
      case 'isdigit':
        return bool(/^\d+$/.test(s))
      default:
        return unknown(`str.${method}()`)
    }
  }
  if (o.kind === 'dict' && method === 'get') {
    const k = args[0]
    if (k?.kind !== 'str') return unknown('dict.get')
    const e = o.entries.find((x) => x.key === k.value)
    return e ? e.value : o.open ? unknown('dict.get') : (args[1] ?? NONE)
  }
  if (o.kind === 'seq' && method === 'copy') return o
  if (o.kind === 'dict' && method === 'copy') return o
  return unknown(`.${method}()`)
}

/** In-place methods of lists, sets and dicts: returns the new value of the container. */
function callMethodMutating(v: Value, method: string, args: Value[], kwargs: { name: string; value: Value }[], line: number): Value {
  if (v.kind === 'oneOf') return mapOptions(v, (o) => callMethodMutating(o, method, args, kwargs, line))
  if (v.kind === 'seq') {
    switch (method) {
      case 'append':
      case 'add':
        return args[0] ? { ...v, items: [...v.items, { value: args[0], loc: locOf(args[0]) }] } : v
      case 'extend':
        return args[0] ? extend(v, args[0]) : v
      case 'insert': {
        const at = args[0]?.kind === 'int' ? args[0].value : undefined
        if (at === undefined || !args[1]) return { ...v, open: true }
        const items = [...v.items]
        const i = at < 0 ? Math.max(0, items.length + at) : Math.min(at, items.length)
        items.splice(i, 0, { value: args[1] })
        return { ...v, items }
      }
      case 'remove':
      case 'discard': {
        const target = args[0]
        if (!target || !isComparable(target)) return unknown(`.${method}() of an unknown value at line ${line}`)
        const index = v.items.findIndex((i) => isComparable(i.value) && equal(i.value, target))
        if (index < 0) {
          if (v.open || v.items.some((i) => !isComparable(i.value))) return v
          return method === 'remove' ? fails(`ValueError: list.remove(x): x not in list (line ${line})`) : v
        }
        return { ...v, items: v.items.filter((_, j) => j !== index) }
      }
      case 'clear':
        return { ...v, items: [], open: false }
      case 'sort':
      case 'reverse':
        return v
      case 'pop':
        return unknown(`.pop() at line ${line}`)
    }
  }
  if (v.kind === 'dict') {
    switch (method) {
      case 'update': {
        const src = args[0]
        let entries = v.entries
        const add = [...(src?.kind === 'dict' ? src.entries : []), ...kwargs.map((k) => ({ key: k.name, value: k.value }))]
        for (const x of add) entries = [...entries.filter((y) => y.key !== x.key), x]
        return { ...v, entries, open: v.open || (src !== undefined && (src.kind !== 'dict' || src.open)) }
      }
      case 'setdefault': {
        const k = args[0]
        if (k?.kind !== 'str') return { ...v, open: true }
        if (v.entries.some((e) => e.key === k.value)) return v
        return { ...v, entries: [...v.entries, { key: k.value, value: args[1] ?? NONE }] }
      }
      case 'pop': {
        const k = args[0]
        if (k?.kind !== 'str') return unknown('dict.pop')
        return { ...v, entries: v.entries.filter((e) => e.key !== k.value) }
      }
      case 'clear':
        return { ...v, entries: [], open: false }
    }
  }
  return unknown(`.${method}() at line ${line}`)
}

function locOf(v: Value): Loc | undefined {
  return v.kind === 'seq' ? v.items[0]?.loc : undefined
}

function builtinCall(name: string, v: Value, noArgs: boolean): Value {
  switch (name) {
    case 'bool': {
      if (noArgs) return FALSE
      const t = truthy(v)
      return t === undefined ? unknown('bool() of an unknown value') : bool(t)
    }
    case 'int':
      if (noArgs) return int(0)
      if (v.kind === 'str') return pyInt(v.value)
      if (v.kind === 'float') return int(Math.trunc(v.value))
      return numeric(v) !== undefined ? int(numeric(v) as number) : v.kind === 'none' ? fails('TypeError: int() of None') : unknown('int()')
    case 'float':
      if (v.kind === 'str') return pyFloat(v.value)
      return numeric(v) !== undefined ? { kind: 'float', value: numeric(v) as number } : unknown('float()')
    case 'str': {
      if (noArgs) return str('')
      const s = toStr(v)
      return s === undefined ? unknown('str()') : str(s)
    }
    case 'list':
    case 'tuple':
    case 'set':
      if (noArgs) return list([], name)
      if (v.kind === 'seq') return { ...v, type: name }
      if (v.kind === 'str') return list([...v.value].map(str), name)
      return unknown(`${name}()`)
    case 'len':
      if (v.kind === 'str') return int(v.value.length)
      if (v.kind === 'seq' && !v.open) return int(v.items.length)
      return unknown('len()')
  }
  return unknown(name)
}

function decoupleCaster(cast: Value | undefined): (v: Value) => Value {
  const q = cast?.kind === 'ext' ? cast.qname.replace(/^builtins\./, '') : undefined
  return (v: Value): Value =>
    mapOptions(v, (x) => {
      if (!q) return x
      const s = x.kind === 'str' ? x.value : toStr(x)
      if (q === 'bool') return s === undefined ? unknown('cast') : decoupleBool(s)
      if (q === 'decouple.Csv()') return x.kind === 'str' ? commaList(x.value, true) : x
      if (s === undefined) return unknown('cast')
      if (q === 'int') return pyInt(s)
      if (q === 'float') return pyFloat(s)
      if (q === 'str') return str(s)
      return unknown(`cast=${q}`)
    })
}

function environCaster(cast: string): (s: string) => Value {
  switch (cast) {
    case 'bool':
      return environBool
    case 'int':
      return pyInt
    case 'float':
      return pyFloat
    case 'list':
    case 'tuple':
      return (s) => commaList(s, false)
    case 'json':
      return jsonValue
    case 'str':
    case 'path':
      return str
    default:
      // env.db(), env.url(), env.cache() and others parse URLs into structures we do not model.
      return () => unknown(`env.${cast}()`)
  }
}
