// raw-sql-string-formatting: raw SQL built by splicing values into the query string.
import type { Expr } from '../python/ast.js'
import { dottedOf, lastName } from '../code/names.js'
import { mayPassNonLiteral } from '../code/prefilter.js'
import { Resolver, StringJudge, type Built } from '../code/strings.js'
import { ownExprs, scopesOf, walkExpr, type Scope } from '../code/walk.js'
import type { RuleFinding, TreeRule } from './types.js'

const SQL_WORDS = new Set(['select', 'insert', 'update', 'delete', 'where', 'from', 'into', 'values', 'order', 'group', 'join', 'create', 'drop', 'alter', 'truncate', 'limit', 'having', 'set'])
const DB_RECEIVER = ['cursor', 'connection', 'conn', 'db']

/** Whether literal text reads like SQL: two SQL keywords (split on non-letters, no pattern to backtrack). */
function looksLikeSql(text: string): boolean {
  let hits = 0
  for (const w of text.toLowerCase().split(/[^a-z]+/)) if (SQL_WORDS.has(w) && ++hits >= 2) return true
  return false
}

/** The literal text written in an expression (string constants and f-string text). */
function literalText(e: Expr): string {
  const parts: string[] = []
  for (const x of walkExpr(e)) {
    if (x.t === 'const' && typeof x.value === 'string') parts.push(x.value)
    else if (x.t === 'fstring') for (const p of x.parts) if (typeof p === 'string') parts.push(p)
  }
  return parts.join(' ')
}

/** The names along a call's receiver (`connection.cursor().execute` → connection, cursor). */
function receiverNames(e: Expr): string[] {
  const out: string[] = []
  for (let x: Expr | undefined = e; x; ) {
    if (x.t === 'attr') {
      out.push(x.attr)
      x = x.obj
    } else if (x.t === 'call') x = x.func
    else if (x.t === 'subscript') x = x.obj
    else {
      if (x.t === 'name') out.push(x.id)
      x = undefined
    }
  }
  return out.map((n) => n.toLowerCase())
}

interface Sink {
  /** For the message: `cursor.execute()`, `RawSQL()`, `.extra(where=…)`. */
  name: string
  /** The query strings passed to it. */
  queries: Expr[]
  /** Whether the call is certainly a raw SQL sink; otherwise the query must read like SQL. */
  certain: boolean
}

function sinkOf(call: Expr & { t: 'call' }): Sink | undefined {
  const method = lastName(call.func)
  const kw = (...names: string[]): Expr | undefined => call.kwargs.find((k) => names.includes(k.name))?.value
  if (method === 'execute' || method === 'executemany') {
    const query = call.args[0] ?? kw('sql', 'query', 'operation')
    if (!query || call.func.t !== 'attr') return undefined
    const receiver = receiverNames(call.func.obj)
    return { name: `${dottedOf(call.func) ?? `….${method}`}()`, queries: [query], certain: receiver.some((r) => DB_RECEIVER.some((d) => r.includes(d))) }
  }
  if (method === 'raw' && call.func.t === 'attr') {
    const query = call.args[0] ?? kw('raw_query')
    if (!query) return undefined
    const receiver = receiverNames(call.func.obj)
    return { name: `${dottedOf(call.func) ?? '….raw'}()`, queries: [query], certain: receiver.includes('objects') }
  }
  if (method === 'RawSQL') {
    const query = call.args[0] ?? kw('sql')
    return query ? { name: 'RawSQL()', queries: [query], certain: true } : undefined
  }
  if (method === 'extra' && call.func.t === 'attr') {
    const queries: Expr[] = []
    const where = kw('where')
    if (where?.t === 'seq') queries.push(...where.items)
    const select = kw('select')
    if (select?.t === 'dict') for (const en of select.entries) if (!('splat' in en)) queries.push(en.value)
    return queries.length ? { name: '.extra()', queries, certain: true } : undefined
  }
  return undefined
}

const SQL_HINTS = ['cursor', 'connection', 'SELECT ', 'INSERT ', 'UPDATE ', 'DELETE ', 'select ', 'insert into', 'update ', 'delete from']

/** Whether a module may call a raw SQL sink with something but a plain literal: the others are not parsed. */
function mayRunRawSql(text: string): boolean {
  if (['RawSQL', '.raw', '.extra'].some((name) => mayPassNonLiteral(text, name))) return true
  // execute() is a common method name: only files that speak SQL
  return SQL_HINTS.some((h) => text.includes(h)) && ['.execute', '.executemany'].some((name) => mayPassNonLiteral(text, name))
}

export const rawSqlStringFormatting: TreeRule = {
  scanAside: 'query built by string formatting (reported when a change adds one)',
  meta: {
    id: 'raw-sql-string-formatting',
    severity: 'high',
    title: 'Raw SQL is built with string formatting',
    django: [],
    docs: {
      what: 'Finds raw SQL built by splicing values into the query text: `cursor.execute()` / `executemany()`, `Model.objects.raw()`, `RawSQL()` and `.extra(where=…, select=…)` given an f-string that interpolates values, `%` formatting, `.format()` or `+` with anything but literals, directly or through a variable assigned earlier in the same function (`sql = f"…{x}"`, `sql += x`). Parameterised queries (`cursor.execute(sql, [x])`) and queries built from literals and module constants only are fine. In a diff only the lines the change adds count; a scan reads production code only. A scan of the whole tree sets these aside (one count in its notes, listed with `--include-tests`): measured on real projects, what existing code formats into its queries is nearly always constants, table names and integers, and what a review weighs is a change that adds one.',
      why: 'A value spliced into SQL is parsed as SQL: a quote in it ends the string and the rest runs as the attacker\'s query (SQL injection), reading or changing any table the database user can reach. Parameters are sent apart from the query text and are never parsed as SQL.',
      bad: 'with connection.cursor() as cursor:\n    cursor.execute(f"SELECT * FROM shop_order WHERE owner_id = {request.user.id} AND ref = \'{ref}\'")',
      fix: 'with connection.cursor() as cursor:\n    cursor.execute("SELECT * FROM shop_order WHERE owner_id = %s AND ref = %s", [request.user.id, ref])'
    }
  },
  check(ctx) {
    const out: RuleFinding[] = []
    for (const file of ctx.code) {
      if (file.kind !== 'python') continue
      if (!mayRunRawSql(file.text)) continue
      const module = ctx.python(file.path)
      if (!module) continue
      const resolver = new Resolver()
      const counts = new Map<string, number>()
      const report = (scope: Scope, call: Expr & { t: 'call' }, sink: Sink, built: Built): void => {
        const key = `${scope.qualname || '<module>'}:${sink.name}`
        const n = (counts.get(key) ?? 0) + 1
        counts.set(key, n)
        if (!ctx.isNew(file.path, call.line) && !ctx.isNew(file.path, built.line)) return
        // on the line the change added: the call, or the line that builds the query the call already ran
        const line = ctx.isNew(file.path, call.line) ? call.line : built.line
        out.push({
          subject: n === 1 ? key : `${key}#${n}`,
          loc: { path: file.path, line, endLine: line },
          message: `${sink.name}${line !== call.line ? ` (line ${call.line})` : ''} runs SQL built with ${built.how}${scope.qualname ? ` in ${scope.qualname}` : ''}: a value that contains a quote ends the string and the rest runs as SQL (SQL injection).`,
          fix: { description: `Pass the values as parameters and keep the query text literal: \`cursor.execute("… WHERE id = %s", [value])\`, \`Model.objects.raw("… WHERE id = %s", [value])\`, \`RawSQL("… = %s", (value,))\`; a table or column name that must vary comes from a fixed list (or connection.ops.quote_name), never from input.` }
        })
      }
      for (const scope of scopesOf(module)) {
        const judge = new StringJudge(resolver, scope)
        for (const s of scope.stmts) {
          const roots = s.t === 'class' ? [...s.bases, ...s.keywords.map((k) => k.value)] : ownExprs(s)
          for (const root of roots)
            for (const e of walkExpr(root)) {
              if (e.t !== 'call') continue
              const sink = sinkOf(e)
              if (!sink) continue
              for (const q of sink.queries) {
                const built = judge.built(q)
                if (!built) continue
                const resolved = q.t === 'name' ? (resolver.resolve(scope, q.id, q.line) ?? []).map((a) => literalText(a.value)).join(' ') : ''
                if (sink.certain || looksLikeSql(`${literalText(q)} ${resolved}`)) {
                  report(scope, e, sink, built)
                  break
                }
              }
            }
        }
      }
    }
    return out
  }
}
