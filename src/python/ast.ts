// A small, plain-JS syntax tree for the part of Python that settings modules use.
// Converting the tree-sitter tree once lets the evaluator walk it several times (once per
// environment "world") without crossing into WebAssembly again.
import type { Node } from 'web-tree-sitter'
import { parsePython } from './parser.js'

export type Expr =
  | { t: 'const'; line: number; value: null | boolean | number | string; isFloat?: boolean }
  | { t: 'fstring'; line: number; parts: (string | Expr)[] }
  | { t: 'name'; line: number; id: string }
  | { t: 'attr'; line: number; obj: Expr; attr: string }
  | { t: 'call'; line: number; func: Expr; args: Expr[]; kwargs: { name: string; value: Expr }[]; splat: boolean }
  | { t: 'subscript'; line: number; obj: Expr; index: Expr }
  | { t: 'binop'; line: number; op: string; left: Expr; right: Expr }
  | { t: 'unary'; line: number; op: string; arg: Expr }
  | { t: 'boolop'; line: number; op: 'and' | 'or'; left: Expr; right: Expr }
  | { t: 'compare'; line: number; ops: string[]; operands: Expr[] }
  | { t: 'ifexp'; line: number; cond: Expr; then: Expr; else: Expr }
  | { t: 'seq'; line: number; kind: 'list' | 'tuple' | 'set'; items: Expr[] }
  | { t: 'starred'; line: number; value: Expr }
  | { t: 'dict'; line: number; entries: ({ key: Expr; value: Expr } | { splat: Expr })[] }
  | { t: 'comp'; line: number; kind: 'list' | 'tuple' | 'set'; elt: Expr; target: string; iter: Expr; conds: Expr[] }
  | { t: 'unknown'; line: number; why: string }

export interface Span { line: number; endLine: number }

export type Stmt = Span &
  (
    | { t: 'assign'; targets: Expr[]; value: Expr }
    | { t: 'augassign'; target: Expr; op: string; value: Expr }
    | { t: 'expr'; expr: Expr }
    | { t: 'if'; branches: { cond: Expr; body: Stmt[] }[]; orelse: Stmt[] | null }
    | { t: 'try'; body: Stmt[]; handlers: { types: string[]; body: Stmt[] }[]; orelse: Stmt[]; final: Stmt[] }
    | { t: 'importfrom'; level: number; module: string; names: { name: string; as: string }[] | '*' }
    | { t: 'import'; names: { dotted: string; as: string | null }[] }
    | { t: 'loop'; body: Stmt[]; orelse: Stmt[] }
    | { t: 'with'; body: Stmt[] }
    | { t: 'def'; name: string }
    | { t: 'del'; targets: Expr[] }
    | { t: 'other' }
    /** Lines the parser could not read (a syntax error): the names they seem to assign become unknown. */
    | { t: 'unreadable'; names: string[] }
  )

export interface ParsedModule {
  body: Stmt[]
  /** Source lines, for messages and code frames. */
  lines: string[]
  /** Lines (1-based) where the parser had to recover from a syntax error. */
  errorLines: number[]
}

/** Parses Python source into the small AST. Never throws on bad syntax: it recovers what it can. */
export function parseModule(source: string): ParsedModule {
  const tree = parsePython(source)
  try {
    const errorLines: number[] = []
    if (tree.rootNode.hasError) collectErrors(tree.rootNode, errorLines)
    sourceLines = source.split(/\r?\n/)
    return { body: block(tree.rootNode), lines: sourceLines, errorLines }
  } finally {
    tree.delete()
  }
}

function collectErrors(node: Node, out: number[]): void {
  if (out.length >= 20) return
  if (node.isError || node.isMissing) {
    out.push(node.startPosition.row + 1)
    return
  }
  if (!node.hasError) return
  for (const child of node.children) if (child) collectErrors(child, out)
}

const line = (n: Node): number => n.startPosition.row + 1

function span(n: Node): Span {
  return { line: line(n), endLine: n.endPosition.row + 1 }
}

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')
}

/** The lines of the module being converted (set by parseModule for the duration of one conversion). */
let sourceLines: string[] = []

function block(n: Node | null): Stmt[] {
  if (!n) return []
  const out: Stmt[] = []
  for (const child of named(n)) {
    if (!child.hasError) {
      out.push(...statement(child))
      continue
    }
    // Half-written code: what the parser recovered is kept, but every name the broken lines seem to
    // assign is first made unknown, so nothing there is mistaken for "not set".
    const s = span(child)
    out.push({ ...s, t: 'unreadable', names: assignedInText(s.line, s.endLine) })
    out.push(...(child.type === 'ERROR' ? block(child) : statement(child)))
  }
  return out
}

/** Names at the start of `NAME =` / `NAME +=` lines, read from the text (no parse tree to trust). */
function assignedInText(from: number, to: number): string[] {
  const names = new Set<string>()
  for (let i = from; i <= to; i++) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-+*|]?=)(?!=)/.exec(sourceLines[i - 1] ?? '')
    if (m) names.add(m[1])
  }
  return [...names]
}

function statement(n: Node): Stmt[] {
  const s = span(n)
  switch (n.type) {
    case 'expression_statement': {
      const inner = named(n)
      if (inner.length !== 1) return [{ ...s, t: 'other' }]
      return [expressionStatement(inner[0], s)]
    }
    case 'if_statement': {
      const branches = [{ cond: expr(n.childForFieldName('condition')), body: block(n.childForFieldName('consequence')) }]
      let orelse: Stmt[] | null = null
      for (const alt of n.childrenForFieldName('alternative')) {
        if (!alt) continue
        if (alt.type === 'elif_clause')
          branches.push({ cond: expr(alt.childForFieldName('condition')), body: block(alt.childForFieldName('consequence')) })
        else orelse = block(alt.childForFieldName('body'))
      }
      return [{ ...s, t: 'if', branches, orelse }]
    }
    case 'try_statement': {
      const handlers: { types: string[]; body: Stmt[] }[] = []
      let orelse: Stmt[] = []
      let final: Stmt[] = []
      for (const c of named(n)) {
        if (c.type === 'except_clause' || c.type === 'except_group_clause') {
          const parts = named(c)
          const body = parts.find((p) => p.type === 'block') ?? null
          const typeNode = parts.find((p) => p.type !== 'block')
          const types = typeNode ? exceptionNames(typeNode) : []
          handlers.push({ types, body: block(body) })
        } else if (c.type === 'else_clause') orelse = block(c.childForFieldName('body'))
        else if (c.type === 'finally_clause') final = block(named(c).find((p) => p.type === 'block') ?? null)
      }
      return [{ ...s, t: 'try', body: block(n.childForFieldName('body')), handlers, orelse, final }]
    }
    case 'import_from_statement':
      return [importFrom(n, s)]
    case 'future_import_statement':
      return [{ ...s, t: 'other' }]
    case 'import_statement': {
      const names = n.childrenForFieldName('name').flatMap((c) => {
        if (!c) return []
        if (c.type === 'aliased_import')
          return [{ dotted: c.childForFieldName('name')?.text ?? '', as: c.childForFieldName('alias')?.text ?? null }]
        return [{ dotted: c.text, as: null }]
      })
      return [{ ...s, t: 'import', names }]
    }
    case 'for_statement':
    case 'while_statement':
      return [{ ...s, t: 'loop', body: block(n.childForFieldName('body')), orelse: block(named(n).find((c) => c.type === 'else_clause')?.childForFieldName('body') ?? null) }]
    case 'with_statement':
      return [{ ...s, t: 'with', body: block(n.childForFieldName('body')) }]
    case 'function_definition':
    case 'class_definition':
      return [{ ...s, t: 'def', name: n.childForFieldName('name')?.text ?? '' }]
    case 'decorated_definition': {
      const def = n.childForFieldName('definition')
      return [{ ...s, t: 'def', name: def?.childForFieldName('name')?.text ?? '' }]
    }
    case 'delete_statement': {
      const target = named(n)[0]
      const targets = target ? (target.type === 'expression_list' ? named(target) : [target]).map(expr) : []
      return [{ ...s, t: 'del', targets }]
    }
    default:
      return [{ ...s, t: 'other' }]
  }
}

function exceptionNames(n: Node): string[] {
  if (n.type === 'as_pattern') return exceptionNames(named(n)[0])
  if (n.type === 'tuple' || n.type === 'parenthesized_expression' || n.type === 'expression_list')
    return named(n).flatMap(exceptionNames)
  return [n.text.split('.').pop() ?? n.text]
}

function importFrom(n: Node, s: Span): Stmt {
  const moduleNode = n.childForFieldName('module_name')
  let level = 0
  let module = ''
  if (moduleNode?.type === 'relative_import') {
    for (const c of named(moduleNode)) {
      if (c.type === 'import_prefix') level = c.text.length
      else module = c.text
    }
  } else module = moduleNode?.text ?? ''
  if (named(n).some((c) => c.type === 'wildcard_import')) return { ...s, t: 'importfrom', level, module, names: '*' }
  const names = n.childrenForFieldName('name').flatMap((c) => {
    if (!c) return []
    if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name')?.text ?? ''
      return [{ name, as: c.childForFieldName('alias')?.text ?? name }]
    }
    return [{ name: c.text, as: c.text }]
  })
  return { ...s, t: 'importfrom', level, module, names }
}

function expressionStatement(n: Node, s: Span): Stmt {
  if (n.type === 'assignment') {
    const targets: Expr[] = []
    let cur: Node | null = n
    // a = b = value
    while (cur && cur.type === 'assignment') {
      const left = cur.childForFieldName('left')
      if (left) targets.push(expr(left))
      const right: Node | null = cur.childForFieldName('right')
      if (!right) return { ...s, t: 'other' } // annotation only: `X: int`
      if (right.type !== 'assignment') return { ...s, t: 'assign', targets, value: expr(right) }
      cur = right
    }
    return { ...s, t: 'other' }
  }
  if (n.type === 'augmented_assignment') {
    const op = n.childForFieldName('operator')?.text ?? '+='
    return { ...s, t: 'augassign', target: expr(n.childForFieldName('left')), op: op.slice(0, -1), value: expr(n.childForFieldName('right')) }
  }
  return { ...s, t: 'expr', expr: expr(n) }
}

function expr(n: Node | null): Expr {
  if (!n) return { t: 'unknown', line: 0, why: 'missing expression' }
  const ln = line(n)
  switch (n.type) {
    case 'identifier':
      return { t: 'name', line: ln, id: n.text }
    case 'integer': {
      const text = n.text.replace(/_/g, '').toLowerCase()
      if (text.endsWith('j') || text.endsWith('l')) return { t: 'unknown', line: ln, why: 'complex literal' }
      const value = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : Number(text)
      return Number.isFinite(value) ? { t: 'const', line: ln, value } : { t: 'unknown', line: ln, why: 'integer literal' }
    }
    case 'float':
      return { t: 'const', line: ln, value: Number(n.text.replace(/_/g, '')), isFloat: true }
    case 'true':
      return { t: 'const', line: ln, value: true }
    case 'false':
      return { t: 'const', line: ln, value: false }
    case 'none':
      return { t: 'const', line: ln, value: null }
    case 'string':
      return stringExpr([n], ln)
    case 'concatenated_string':
      return stringExpr(named(n), ln)
    case 'parenthesized_expression': {
      const inner = named(n)
      return inner.length === 1 ? expr(inner[0]) : { t: 'unknown', line: ln, why: 'expression' }
    }
    case 'attribute':
      return { t: 'attr', line: ln, obj: expr(n.childForFieldName('object')), attr: n.childForFieldName('attribute')?.text ?? '' }
    case 'call':
      return call(n, ln)
    case 'subscript': {
      const indexes = n.childrenForFieldName('subscript').filter((c): c is Node => c !== null)
      // A slice keeps its object, so `MIDDLEWARE[0:0] = [...]` still names what it changes.
      const index: Expr = indexes.length !== 1 || indexes[0].type === 'slice' ? { t: 'unknown', line: ln, why: 'slice' } : expr(indexes[0])
      return { t: 'subscript', line: ln, obj: expr(n.childForFieldName('value')), index }
    }
    case 'binary_operator':
      return { t: 'binop', line: ln, op: n.childForFieldName('operator')?.text ?? '?', left: expr(n.childForFieldName('left')), right: expr(n.childForFieldName('right')) }
    case 'unary_operator':
      return { t: 'unary', line: ln, op: n.childForFieldName('operator')?.text ?? '?', arg: expr(n.childForFieldName('argument')) }
    case 'not_operator':
      return { t: 'unary', line: ln, op: 'not', arg: expr(n.childForFieldName('argument')) }
    case 'boolean_operator': {
      const op = n.childForFieldName('operator')?.text === 'or' ? 'or' : 'and'
      return { t: 'boolop', line: ln, op, left: expr(n.childForFieldName('left')), right: expr(n.childForFieldName('right')) }
    }
    case 'comparison_operator': {
      const ops: string[] = []
      const operands: Expr[] = []
      for (let i = 0; i < n.childCount; i++) {
        const c = n.child(i)
        if (!c) continue
        if (n.fieldNameForChild(i) === 'operators') ops.push(c.type)
        else if (c.isNamed && c.type !== 'comment') operands.push(expr(c))
      }
      return { t: 'compare', line: ln, ops, operands }
    }
    case 'conditional_expression': {
      const [a, cond, b] = named(n)
      return { t: 'ifexp', line: ln, cond: expr(cond), then: expr(a), else: expr(b) }
    }
    case 'list':
    case 'set':
    case 'tuple':
    case 'expression_list':
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern': {
      const kind = n.type === 'list' || n.type === 'list_pattern' ? 'list' : n.type === 'set' ? 'set' : 'tuple'
      return { t: 'seq', line: ln, kind, items: named(n).map(expr) }
    }
    case 'list_splat':
    case 'list_splat_pattern':
      return { t: 'starred', line: ln, value: expr(named(n)[0] ?? null) }
    case 'dictionary':
      return {
        t: 'dict',
        line: ln,
        entries: named(n).map((c) =>
          c.type === 'pair' ? { key: expr(c.childForFieldName('key')), value: expr(c.childForFieldName('value')) } : { splat: expr(named(c)[0] ?? null) }
        )
      }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
      return comprehension(n, ln)
    default:
      return { t: 'unknown', line: ln, why: n.type.replace(/_/g, ' ') }
  }
}

function comprehension(n: Node, ln: number): Expr {
  const kind = n.type === 'list_comprehension' ? 'list' : n.type === 'set_comprehension' ? 'set' : 'tuple'
  const clauses = named(n).filter((c) => c.type === 'for_in_clause')
  const target = clauses[0]?.childForFieldName('left')
  if (clauses.length !== 1 || target?.type !== 'identifier') return { t: 'unknown', line: ln, why: 'comprehension' }
  const conds = named(n)
    .filter((c) => c.type === 'if_clause')
    .map((c) => expr(named(c)[0] ?? null))
  return { t: 'comp', line: ln, kind, elt: expr(n.childForFieldName('body')), target: target.text, iter: expr(clauses[0].childForFieldName('right')), conds }
}

function call(n: Node, ln: number): Expr {
  const func = expr(n.childForFieldName('function'))
  const argsNode = n.childForFieldName('arguments')
  const args: Expr[] = []
  const kwargs: { name: string; value: Expr }[] = []
  let splat = false
  if (argsNode?.type === 'generator_expression') args.push(expr(argsNode))
  else if (argsNode)
    for (const a of named(argsNode)) {
      if (a.type === 'keyword_argument') kwargs.push({ name: a.childForFieldName('name')?.text ?? '', value: expr(a.childForFieldName('value')) })
      else if (a.type === 'list_splat' || a.type === 'dictionary_splat') splat = true
      else args.push(expr(a))
    }
  return { t: 'call', line: ln, func, args, kwargs, splat }
}

function stringExpr(nodes: Node[], ln: number): Expr {
  const parts: (string | Expr)[] = []
  let bytes = false
  for (const s of nodes) {
    if (s.type !== 'string') return { t: 'unknown', line: ln, why: 'string' }
    const start = s.child(0)
    const prefix = (start?.text ?? '').replace(/['"]+$/, '').toLowerCase()
    if (prefix.includes('b')) bytes = true
    const raw = prefix.includes('r')
    for (const c of s.namedChildren) {
      if (!c) continue
      if (c.type === 'string_content') parts.push(raw ? c.text : unescape(c.text))
      else if (c.type === 'interpolation') parts.push(expr(c.childForFieldName('expression')))
    }
  }
  if (bytes) return { t: 'unknown', line: ln, why: 'bytes literal' }
  if (parts.every((p) => typeof p === 'string')) return { t: 'const', line: ln, value: parts.join('') }
  return { t: 'fstring', line: ln, parts }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' }

/** Decodes Python escape sequences in a non-raw string literal (one linear pass, no regex backtracking). */
export function unescape(text: string): string {
  if (!text.includes('\\')) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch
      continue
    }
    const next = text[i + 1]
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0
    if (width) {
      const hex = text.slice(i + 2, i + 2 + width)
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN
      if (!Number.isNaN(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code)
        i += 1 + width
        continue
      }
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next]
      i++
      continue
    }
    out += ch
  }
  return out
}
