// How a string passed to a sink is built: from literals only (a fixed query, a fixed snippet of
// HTML), or with values spliced in by an f-string, `%`, `.format()` or `+`. A name is followed to
// its assignments earlier in the same function (or at module level): `sql = f"…{x}"` then
// `cursor.execute(sql)` is built too.
import type { Expr, Stmt } from '../python/ast.js'
import type { Scope } from './walk.js'

/** How a value was built from non-literal parts, and the line where the splicing happens. */
export interface Built {
  how: string
  line: number
}

interface Assigned {
  line: number
  value: Expr
  /** An augmented assignment (`sql += …`). */
  op?: string
}

/** A name's assignments in one scope, in source order. */
function assignmentsIn(stmts: Stmt[]): Map<string, Assigned[]> {
  const out = new Map<string, Assigned[]>()
  const add = (name: string, a: Assigned): void => {
    const list = out.get(name)
    if (list) list.push(a)
    else out.set(name, [a])
  }
  for (const s of stmts) {
    if (s.t === 'assign') {
      for (const t of s.targets) if (t.t === 'name') add(t.id, { line: s.line, value: s.value })
    } else if (s.t === 'augassign' && s.target.t === 'name') add(s.target.id, { line: s.line, value: s.value, op: s.op })
  }
  for (const list of out.values()) list.sort((a, b) => a.line - b.line)
  return out
}

/** Answers "what was `name` assigned before line N" for the scopes of one module. */
export class Resolver {
  private readonly cache = new Map<Scope, Map<string, Assigned[]>>()

  private of(scope: Scope): Map<string, Assigned[]> {
    let m = this.cache.get(scope)
    if (!m) this.cache.set(scope, (m = assignmentsIn(scope.stmts)))
    return m
  }

  /**
   * The assignments that may give `name` its value at `line` in `scope`: the last plain assignment
   * before the line and the augmented ones after it; at module level, every assignment (a constant).
   * Undefined when the scope chain does not assign it (a parameter, an import, a global from elsewhere).
   */
  resolve(scope: Scope, name: string, line: number): Assigned[] | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const list = this.of(s).get(name)
      if (!list?.length) continue
      if (s.kind === 'module' && s !== scope) return list
      const before = list.filter((a) => a.line < line)
      let start = -1
      before.forEach((a, i) => {
        if (a.op === undefined) start = i
      })
      if (start < 0) return undefined
      return before.slice(start)
    }
    return undefined
  }
}

const MAX_DEPTH = 6

const CONSTANT = /^_*[A-Z][A-Z0-9_]*$/

/**
 * Values no request controls: constants and settings by their UPPER_CASE names (`TABLE`,
 * `settings.EXTRA_HTML`, `self.TEMPLATE`), a model's own table and column names (`Model._meta.db_table`)
 * names quoted for SQL (`connection.ops.quote_name(x)`, `quote = ….quote_name` then `quote(x)`) and
 * numbers (`int(x)`).
 */
function trusted(e: Expr): boolean {
  if (e.t === 'name') return CONSTANT.test(e.id)
  if (e.t === 'attr') {
    if (CONSTANT.test(e.attr)) return true
    for (let x: Expr = e; x.t === 'attr'; x = x.obj) if (x.attr === '_meta') return true
    return false
  }
  if (e.t !== 'call') return false
  const callee = e.func.t === 'attr' ? e.func.attr : e.func.t === 'name' ? e.func.id : ''
  // quote_name and its usual aliases; a number cannot carry SQL
  return QUOTING.has(callee) || NUMBERS.has(callee)
}

const QUOTING = new Set(['quote_name', 'quote', 'qn'])
const NUMBERS = new Set(['int', 'float', 'len', 'round', 'abs'])

/** Answers once per expression: the judgements recurse into both sides of every operator and through names, so without it a long chain of `+` would be judged exponentially often. */
function memo<T>(cache: Map<Expr, T>, e: Expr, f: () => T): T {
  if (cache.has(e)) return cache.get(e) as T
  const v = f()
  cache.set(e, v)
  return v
}

export class StringJudge {
  private readonly literals = new Map<Expr, boolean>()
  private readonly strings = new Map<Expr, boolean>()
  private readonly builds = new Map<Expr, Built | undefined>()

  constructor(
    private readonly resolver: Resolver,
    private readonly scope: Scope
  ) {}

  /** Whether the value is made of literals only (strings, numbers, tuples of them, names assigned only literals). */
  literal(e: Expr, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false
    return memo(this.literals, e, () => this.literalOf(e, depth))
  }

  private literalOf(e: Expr, depth: number): boolean {
    if (trusted(e)) return true
    switch (e.t) {
      case 'const':
        return true
      case 'fstring':
        return e.parts.every((p) => typeof p === 'string' || this.literal(p, depth + 1))
      case 'binop':
        return this.literal(e.left, depth + 1) && this.literal(e.right, depth + 1)
      case 'seq':
        return e.items.every((i) => this.literal(i, depth + 1))
      case 'ifexp':
        return this.literal(e.then, depth + 1) && this.literal(e.else, depth + 1)
      case 'name': {
        const assigned = this.resolver.resolve(this.scope, e.id, e.line)
        return assigned !== undefined && assigned.length > 0 && assigned.every((a) => this.literal(a.value, depth + 1))
      }
      case 'call':
        // "…".format(literals), "…".join(literals)
        return e.func.t === 'attr' && (e.func.attr === 'format' || e.func.attr === 'join') && this.literal(e.func.obj, depth + 1) && e.args.every((a) => this.literal(a, depth + 1)) && e.kwargs.every((k) => this.literal(k.value, depth + 1)) && !e.splat
      default:
        return false
    }
  }

  /** Whether the value is a string (a literal or one being built): the left side of `%`, a `+` operand. */
  private stringish(e: Expr, depth: number): boolean {
    if (depth > MAX_DEPTH) return false
    return memo(this.strings, e, () => this.stringishOf(e, depth))
  }

  private stringishOf(e: Expr, depth: number): boolean {
    if (e.t === 'const') return typeof e.value === 'string'
    if (e.t === 'fstring') return true
    if (e.t === 'binop') return (e.op === '+' || e.op === '%') && (this.stringish(e.left, depth + 1) || (e.op === '+' && this.stringish(e.right, depth + 1)))
    if (e.t === 'call') return e.func.t === 'attr' && e.func.attr === 'format'
    if (e.t === 'name') return (this.resolver.resolve(this.scope, e.id, e.line) ?? []).some((a) => this.stringish(a.value, depth + 1))
    return false
  }

  /** How the value splices non-literal parts into a string; undefined when it is literal or not built here. */
  built(e: Expr, depth = 0): Built | undefined {
    if (depth > MAX_DEPTH) return undefined
    return memo(this.builds, e, () => this.builtOf(e, depth))
  }

  private builtOf(e: Expr, depth: number): Built | undefined {
    switch (e.t) {
      case 'fstring':
        return e.parts.some((p) => typeof p !== 'string' && !this.literal(p, depth + 1)) ? { how: 'an f-string that interpolates values', line: e.line } : undefined
      case 'binop': {
        if (e.op === '%' && this.stringish(e.left, depth + 1)) {
          const inner = this.built(e.left, depth + 1)
          if (inner) return inner
          return this.literal(e.right, depth + 1) ? undefined : { how: '`%` formatting', line: e.line }
        }
        if (e.op === '+') {
          const inner = this.built(e.left, depth + 1) ?? this.built(e.right, depth + 1)
          if (inner) return inner
          const stringy = this.stringish(e.left, depth + 1) || this.stringish(e.right, depth + 1)
          return stringy && !(this.literal(e.left, depth + 1) && this.literal(e.right, depth + 1)) ? { how: 'string concatenation with `+`', line: e.line } : undefined
        }
        return undefined
      }
      case 'call':
        if (e.func.t === 'attr' && e.func.attr === 'format' && this.stringish(e.func.obj, depth + 1)) {
          const inner = this.built(e.func.obj, depth + 1)
          if (inner) return inner
          const args = [...e.args, ...e.kwargs.map((k) => k.value)]
          return e.splat || args.some((a) => !this.literal(a, depth + 1)) ? { how: '`.format()`', line: e.line } : undefined
        }
        return undefined
      case 'ifexp':
        return this.built(e.then, depth + 1) ?? this.built(e.else, depth + 1)
      case 'name': {
        for (const a of this.resolver.resolve(this.scope, e.id, e.line) ?? []) {
          const b = this.built(a.value, depth + 1)
          if (b) return { how: `${b.how} (assigned to \`${e.id}\` at line ${a.line})`, line: b.line }
          // sql += some_variable
          if (a.op === '+' && !this.literal(a.value, depth + 1)) return { how: `string concatenation with \`+=\` (\`${e.id}\` at line ${a.line})`, line: a.line }
        }
        return undefined
      }
      default:
        return undefined
    }
  }
}
