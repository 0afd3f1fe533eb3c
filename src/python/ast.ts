// A small, plain-JS syntax tree for the part of Python that settings modules use.
// Converting the tree-sitter tree once lets the evaluator walk it several times (once per
// environment "world") without crossing into WebAssembly again.
import type { Node, Tree } from 'web-tree-sitter'
import { parsePython, walkTree } from './parser.js'
import { isAscii, pythonSource, type Coding } from './source.js'

/** A parameter of a def or lambda: `a`, `b=1`, `*args`, `**kwargs`. */
export interface Param {
  name: string
  default?: Expr
  star?: '*' | '**'
  /** After `*` or `*args`: passed by keyword only. */
  keywordOnly?: true
  /** Before `/`: passed by position only. */
  positionalOnly?: true
}

export type Expr =
  | { t: 'const'; line: number; value: null | boolean | number | string; isFloat?: boolean }
  | { t: 'fstring'; line: number; parts: (string | Expr)[] }
  | { t: 'name'; line: number; id: string }
  | { t: 'attr'; line: number; obj: Expr; attr: string }
  /** `splats`: the `*args` / `**kwargs` expressions (`splat` is set when there are any). */
  | { t: 'call'; line: number; func: Expr; args: Expr[]; kwargs: { name: string; value: Expr }[]; splat: boolean; splats: Expr[] }
  | { t: 'subscript'; line: number; obj: Expr; index: Expr }
  | { t: 'binop'; line: number; op: string; left: Expr; right: Expr }
  | { t: 'unary'; line: number; op: string; arg: Expr }
  | { t: 'boolop'; line: number; op: 'and' | 'or'; left: Expr; right: Expr }
  | { t: 'compare'; line: number; ops: string[]; operands: Expr[] }
  | { t: 'ifexp'; line: number; cond: Expr; then: Expr; else: Expr }
  | { t: 'seq'; line: number; kind: 'list' | 'tuple' | 'set'; items: Expr[] }
  | { t: 'starred'; line: number; value: Expr }
  | { t: 'dict'; line: number; entries: ({ key: Expr; value: Expr } | { splat: Expr })[] }
  /** A comprehension with one `for`; for a dict, `elt` is the key and `value` the value. */
  | { t: 'comp'; line: number; kind: 'list' | 'tuple' | 'set' | 'dict'; elt: Expr; value?: Expr; target: Expr; iter: Expr; conds: Expr[] }
  | { t: 'lambda'; line: number; params: Param[]; body: Expr }
  /** `(NAME := value)`: assigns in the enclosing scope. */
  | { t: 'walrus'; line: number; name: string; value: Expr }
  | { t: 'unknown'; line: number; why: string }

export interface Span { line: number; endLine: number }

export type Stmt = Span &
  (
    | { t: 'assign'; targets: Expr[]; value: Expr }
    | { t: 'augassign'; target: Expr; op: string; value: Expr }
    | { t: 'expr'; expr: Expr }
    | { t: 'if'; branches: { cond: Expr; body: Stmt[] }[]; orelse: Stmt[] | null }
    | { t: 'try'; body: Stmt[]; handlers: { types: string[]; name: string | null; body: Stmt[] }[]; orelse: Stmt[]; final: Stmt[] }
    | { t: 'importfrom'; level: number; module: string; names: { name: string; as: string }[] | '*' }
    | { t: 'import'; names: { dotted: string; as: string | null }[] }
    /** `for target in iter` (target and iter null for `while`). */
    | { t: 'loop'; target: Expr | null; iter: Expr | null; body: Stmt[]; orelse: Stmt[] }
    | { t: 'with'; items: { value: Expr; target: Expr | null }[]; body: Stmt[] }
    | { t: 'def'; name: string; params: Param[]; body: Stmt[]; decorators: Expr[] }
    | { t: 'class'; name: string; bases: Expr[]; keywords: { name: string; value: Expr }[]; body: Stmt[]; decorators: Expr[] }
    | { t: 'return'; value: Expr | null }
    | { t: 'raise'; exc: Expr | null }
    | { t: 'global'; names: string[]; nonlocal: boolean }
    | { t: 'break' }
    | { t: 'continue' }
    | { t: 'del'; targets: Expr[] }
    | { t: 'other' }
    /** Lines the parser could not read (a syntax error): the names they seem to assign become unknown. */
    | { t: 'unreadable'; names: string[] }
  )

export interface ParsedModule {
  body: Stmt[]
  /** Source lines as git shows them (split at \n), for messages and code frames. */
  lines: string[]
  /** Lines (1-based) where the parser had to recover from a syntax error. */
  errorLines: number[]
  /** Lines where code nests deeper than the evaluator follows: that part is unknown. */
  tooDeep: number[]
  /** The PEP 263 coding cookie, when the file declares one. */
  coding?: Coding
  /** Why the file cannot be read as Python reads it (an encoding the review cannot decode). */
  undecodable?: string
}

/** How deep expressions and blocks may nest; Python's own parser stops at 200 nested brackets. */
export const MAX_NESTING = 100

/** Parses Python source into the small AST. Never throws on bad syntax: it recovers what it can. */
export function parseModule(source: string): ParsedModule {
  const py = pythonSource(source)
  const text = py.undecodable ? source : py.text
  const tree = parsePython(text)
  conv = { fileLine: py.undecodable ? [] : py.fileLine, lines: source.split(/\r?\n/), depth: 0, tooDeep: [] }
  try {
    const root = tree.rootNode
    // Without a syntax error, the tree is first copied into plain objects (see Mirror); a tree with
    // errors is read through web-tree-sitter's nodes, which know where the errors are.
    const copy = root.hasError ? undefined : mirror(tree, text)
    const errorLines = copy || !root.hasError ? [] : collectErrors(root)
    return { body: block(copy ?? root), lines: conv.lines, errorLines, tooDeep: conv.tooDeep, coding: py.coding, undecodable: py.undecodable }
  } finally {
    tree.delete()
  }
}

/** What the conversion reads of a node: a subset of web-tree-sitter's Node, which a Mirror also has. */
interface SyntaxNode {
  readonly type: string
  readonly text: string
  readonly startPosition: { readonly row: number }
  readonly endPosition: { readonly row: number }
  readonly isNamed: boolean
  readonly isError: boolean
  readonly isMissing: boolean
  readonly hasError: boolean
  readonly childCount: number
  readonly namedChildren: (SyntaxNode | null)[]
  child(index: number): SyntaxNode | null
  childForFieldName(name: string): SyntaxNode | null
  childrenForFieldName(name: string): (SyntaxNode | null)[]
  fieldNameForChild(index: number): string | null
}

/**
 * A node of an error-free tree as a plain object. Each question asked of a web-tree-sitter Node is a
 * call into WebAssembly that builds new Node objects; one walk with a TreeCursor asks each node what
 * the conversion needs once, and the conversion then reads these. Text is sliced from the source
 * (web-tree-sitter's indices count UTF-16 code units of the string parsed, as JS strings do), and
 * rows are counted from the newlines before an index, as tree-sitter counts them.
 */
class Mirror implements SyntaxNode {
  readonly children: Mirror[] = []
  /** The conversion's caches (see typeOf and named), declared so every Mirror has one shape. */
  askedType: string
  askedNamed: Mirror[] | undefined = undefined
  constructor(
    private readonly doc: MirrorDoc,
    readonly type: string,
    readonly fieldId: number,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number
  ) {
    this.askedType = type
  }
  get text(): string {
    return this.doc.text.slice(this.startIndex, this.endIndex)
  }
  get startPosition(): { row: number } {
    return { row: rowAt(this.doc, this.startIndex) }
  }
  get endPosition(): { row: number } {
    return { row: rowAt(this.doc, this.endIndex) }
  }
  get isError(): boolean {
    return false
  }
  get isMissing(): boolean {
    return false
  }
  get hasError(): boolean {
    return false
  }
  get childCount(): number {
    return this.children.length
  }
  get namedChildren(): Mirror[] {
    return this.children.filter((c) => c.isNamed)
  }
  child(index: number): Mirror | null {
    return this.children[index] ?? null
  }
  childForFieldName(name: string): Mirror | null {
    const id = fieldId(this.doc.fields, name)
    if (id < 0) return null
    for (const c of this.children) if (c.fieldId === id) return c
    return null
  }
  childrenForFieldName(name: string): Mirror[] {
    const id = fieldId(this.doc.fields, name)
    return id < 0 ? [] : this.children.filter((c) => c.fieldId === id)
  }
  fieldNameForChild(index: number): string | null {
    const c = this.children[index]
    return c && c.fieldId > 0 ? (this.doc.fields[c.fieldId] ?? null) : null
  }
}

/** The id of a field name, as web-tree-sitter finds it (the first in the language's list), or -1. */
function fieldId(fields: readonly (string | null)[], name: string): number {
  if (fields !== fieldIds.of) fieldIds = { of: fields, ids: new Map() }
  let id = fieldIds.ids.get(name)
  if (id === undefined) fieldIds.ids.set(name, (id = fields.indexOf(name)))
  return id
}
let fieldIds: { of: readonly (string | null)[] | undefined; ids: Map<string, number> } = { of: undefined, ids: new Map() }

interface MirrorDoc {
  text: string
  fields: readonly (string | null)[]
  /** Offsets of the newlines of `text`, built on the first question about a row. */
  newlines: number[] | undefined
}

/** The row (0-based) of an index: how many newlines come before it. */
function rowAt(doc: MirrorDoc, index: number): number {
  if (!doc.newlines) {
    const nl: number[] = []
    for (let i = doc.text.indexOf('\n'); i >= 0; i = doc.text.indexOf('\n', i + 1)) nl.push(i)
    doc.newlines = nl
  }
  const nl = doc.newlines
  let lo = 0
  let hi = nl.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (nl[mid] < index) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Whether nodes of a type id are named, learnt from the first node of the type: in a tree without
 * errors it is the grammar's, the same for every node of a type (there is one grammar).
 */
const namedType: boolean[] = []

/**
 * Copies an error-free tree into Mirrors with one cursor walk (no recursion: trees can be very deep),
 * or returns undefined when the parser offers no such walk.
 */
function mirror(tree: Tree, text: string): Mirror | undefined {
  const { types, fields } = tree.language
  const doc: MirrorDoc = { text, fields, newlines: undefined }
  return walkTree(tree, (c) => {
    const make = (): Mirror => {
      const id = c.typeId()
      return new Mirror(doc, types[id] || 'ERROR', c.fieldId(), (namedType[id] ??= c.isNamed()), c.startIndex(), c.endIndex())
    }
    const root = make()
    const parents = [root]
    if (c.gotoFirstChild())
      for (;;) {
        const m = make()
        parents[parents.length - 1].children.push(m)
        if (c.gotoFirstChild()) {
          parents.push(m)
          continue
        }
        while (!c.gotoNextSibling()) {
          c.gotoParent()
          parents.pop()
          if (!parents.length) return root
        }
      }
    return root
  })
}

/** Error and missing nodes, first 20, found with an explicit stack (the tree may be very deep). */
function collectErrors(root: Node): number[] {
  const out: number[] = []
  const stack: Node[] = [root]
  while (stack.length && out.length < 20) {
    const node = stack.pop() as Node
    if (node.isError || node.isMissing) {
      out.push(line(node))
      continue
    }
    if (!node.hasError) continue
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i)
      if (child) stack.push(child)
    }
  }
  return out.sort((a, b) => a - b)
}

/** The state of one conversion (set by parseModule). */
let conv: { fileLine: number[]; lines: string[]; depth: number; tooDeep: number[] } = { fileLine: [], lines: [], depth: 0, tooDeep: [] }

/**
 * Whether `n` is past MAX_NESTING (then its line is noted). Otherwise the caller converts it one
 * level deeper (conv.depth++, and conv.depth-- in a finally).
 */
function pastMaxNesting(n: SyntaxNode): boolean {
  if (conv.depth < MAX_NESTING) return false
  if (conv.tooDeep.length < 20 && !conv.tooDeep.includes(line(n))) conv.tooDeep.push(line(n))
  return true
}

/** The line of the file (as git shows it) where a node starts; rows count Python's lines. */
const fileLineOf = (row: number): number => conv.fileLine[row] ?? row + 1
const line = (n: SyntaxNode): number => fileLineOf(n.startPosition.row)

function span(n: SyntaxNode): Span {
  return { line: line(n), endLine: fileLineOf(n.endPosition.row) }
}

/** An identifier as Python reads it: NFKC-normalised, so `ＤＥＢＵＧ` and `𝐃𝐄𝐁𝐔𝐆` are `DEBUG`. */
function ident(n: SyntaxNode | null | undefined): string {
  const text = n?.text ?? ''
  return isAscii(text) ? text : text.normalize('NFKC')
}

/** A dotted name (`os.path`, `a.b`), each part NFKC-normalised. */
function dotted(n: SyntaxNode | null | undefined): string {
  const text = n?.text ?? ''
  return isAscii(text) ? text : text.normalize('NFKC').replace(/\s+/g, '')
}

/**
 * What the conversion asks of a node, asked of the parser once: each `type` of web-tree-sitter is a
 * call into WebAssembly, and the conversion asks most nodes more than once. Kept on the node object.
 */
type Asked = SyntaxNode & { askedType?: string; askedNamed?: SyntaxNode[] }

function typeOf(n: SyntaxNode): string
function typeOf(n: SyntaxNode | null | undefined): string | undefined
function typeOf(n: SyntaxNode | null | undefined): string | undefined {
  if (!n) return undefined
  return ((n as Asked).askedType ??= n.type)
}

/** A node's named children without comments, built once per node. */
function named(n: SyntaxNode): SyntaxNode[] {
  return ((n as Asked).askedNamed ??= n.namedChildren.filter((c): c is SyntaxNode => c !== null && typeOf(c) !== 'comment'))
}

function block(n: SyntaxNode | null): Stmt[] {
  if (!n) return []
  if (pastMaxNesting(n)) return [{ ...span(n), t: 'unreadable', names: assignedInText(span(n).line, span(n).endLine) }]
  conv.depth++
  try {
    return statements(n)
  } finally {
    conv.depth--
  }
}

function statements(n: SyntaxNode): Stmt[] {
  const out: Stmt[] = []
  for (const child of named(n)) {
    if (!child.hasError) {
      out.push(...statement(child))
      continue
    }
    // Half-written code: what the parser recovered is kept, but every name the broken lines seem to
    // assign is first made unknown, so nothing there is mistaken for "not set".
    const s = span(child)
    out.push({ line: s.line, endLine: s.endLine, t: 'unreadable', names: assignedInText(s.line, s.endLine) })
    out.push(...(typeOf(child) === 'ERROR' ? block(child) : statement(child)))
  }
  return out
}

/** Names at the start of `NAME =` / `NAME +=` lines, read from the text (no parse tree to trust). */
function assignedInText(from: number, to: number): string[] {
  const names = new Set<string>()
  for (let i = from; i <= Math.min(to, from + 10000); i++) {
    const m = /^\s*([\p{L}\p{Nl}_][\p{L}\p{N}_]*)\s*(?:[-+*|]?=)(?!=)/u.exec((conv.lines[i - 1] ?? '').slice(0, 1000))
    if (m) names.add(m[1].normalize('NFKC'))
  }
  return [...names]
}

function statement(n: SyntaxNode): Stmt[] {
  const s = span(n)
  switch (typeOf(n)) {
    case 'expression_statement': {
      const inner = named(n)
      if (inner.length !== 1) return [{ line: s.line, endLine: s.endLine, t: 'other' }]
      return [expressionStatement(inner[0], s)]
    }
    case 'exec_statement': {
      // Python 2's `exec code in namespace`: the exec() call it is
      const [code, ...namespaces] = named(n).map(expr)
      if (!code) return [{ line: s.line, endLine: s.endLine, t: 'other' }]
      return [{ line: s.line, endLine: s.endLine, t: 'expr', expr: { t: 'call', line: s.line, func: { t: 'name', line: s.line, id: 'exec' }, args: [code, ...namespaces], kwargs: [], splat: false, splats: [] } }]
    }
    case 'if_statement': {
      const branches = [{ cond: expr(n.childForFieldName('condition')), body: block(n.childForFieldName('consequence')) }]
      let orelse: Stmt[] | null = null
      for (const alt of n.childrenForFieldName('alternative')) {
        if (!alt) continue
        if (typeOf(alt) === 'elif_clause')
          branches.push({ cond: expr(alt.childForFieldName('condition')), body: block(alt.childForFieldName('consequence')) })
        else orelse = block(alt.childForFieldName('body'))
      }
      return [{ line: s.line, endLine: s.endLine, t: 'if', branches, orelse }]
    }
    case 'try_statement': {
      const handlers: { types: string[]; name: string | null; body: Stmt[] }[] = []
      let orelse: Stmt[] = []
      let final: Stmt[] = []
      for (const c of named(n)) {
        if (typeOf(c) === 'except_clause' || typeOf(c) === 'except_group_clause') {
          const parts = named(c)
          const body = parts.find((p) => typeOf(p) === 'block') ?? null
          const typeNode = parts.find((p) => typeOf(p) !== 'block')
          const types = typeNode ? exceptionNames(typeNode) : []
          const alias = typeNode && typeOf(typeNode) === 'as_pattern' ? typeNode.childForFieldName('alias') : null
          handlers.push({ types, name: alias ? ident(named(alias)[0]) : null, body: block(body) })
        } else if (typeOf(c) === 'else_clause') orelse = block(c.childForFieldName('body'))
        else if (typeOf(c) === 'finally_clause') final = block(named(c).find((p) => typeOf(p) === 'block') ?? null)
      }
      return [{ line: s.line, endLine: s.endLine, t: 'try', body: block(n.childForFieldName('body')), handlers, orelse, final }]
    }
    case 'import_from_statement':
      return [importFrom(n, s)]
    case 'future_import_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'other' }]
    case 'import_statement': {
      const names = n.childrenForFieldName('name').flatMap((c) => {
        if (!c) return []
        if (typeOf(c) === 'aliased_import') {
          const alias = c.childForFieldName('alias')
          return [{ dotted: dotted(c.childForFieldName('name')), as: alias ? ident(alias) : null }]
        }
        return [{ dotted: dotted(c), as: null }]
      })
      return [{ line: s.line, endLine: s.endLine, t: 'import', names }]
    }
    case 'for_statement': {
      const orelse = block(named(n).find((c) => typeOf(c) === 'else_clause')?.childForFieldName('body') ?? null)
      return [{ line: s.line, endLine: s.endLine, t: 'loop', target: expr(n.childForFieldName('left')), iter: expr(n.childForFieldName('right')), body: block(n.childForFieldName('body')), orelse }]
    }
    case 'while_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'loop', target: null, iter: null, body: block(n.childForFieldName('body')), orelse: block(named(n).find((c) => typeOf(c) === 'else_clause')?.childForFieldName('body') ?? null) }]
    case 'with_statement': {
      const items = named(named(n).find((c) => typeOf(c) === 'with_clause') ?? n)
        .filter((c) => typeOf(c) === 'with_item')
        .map((c) => {
          const value = c.childForFieldName('value')
          if (!value || typeOf(value) !== 'as_pattern') return { value: expr(value), target: null }
          return { value: expr(named(value)[0] ?? null), target: expr(named(value.childForFieldName('alias') ?? value)[0] ?? null) }
        })
      return [{ line: s.line, endLine: s.endLine, t: 'with', items, body: block(n.childForFieldName('body')) }]
    }
    case 'function_definition':
    case 'class_definition':
      return [definition(n, s, [])]
    case 'decorated_definition': {
      const def = n.childForFieldName('definition')
      const decorators = named(n)
        .filter((c) => typeOf(c) === 'decorator')
        .map((c) => expr(named(c)[0] ?? null))
      return def ? [definition(def, s, decorators)] : [{ line: s.line, endLine: s.endLine, t: 'other' }]
    }
    case 'return_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'return', value: named(n).length ? expr(named(n)[0]) : null }]
    case 'raise_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'raise', exc: named(n).length ? expr(named(n)[0]) : null }]
    case 'global_statement':
    case 'nonlocal_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'global', names: named(n).map(ident), nonlocal: typeOf(n) === 'nonlocal_statement' }]
    case 'break_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'break' }]
    case 'continue_statement':
      return [{ line: s.line, endLine: s.endLine, t: 'continue' }]
    case 'match_statement':
      return [matchStatement(n, s)]
    case 'delete_statement': {
      const target = named(n)[0]
      const targets = target ? (typeOf(target) === 'expression_list' ? named(target) : [target]).map(expr) : []
      return [{ line: s.line, endLine: s.endLine, t: 'del', targets }]
    }
    default:
      return [{ line: s.line, endLine: s.endLine, t: 'other' }]
  }
}

/** A def or class, with its decorators. */
function definition(n: SyntaxNode, s: Span, decorators: Expr[]): Stmt {
  const name = ident(n.childForFieldName('name'))
  const body = block(n.childForFieldName('body'))
  if (typeOf(n) === 'class_definition') {
    const bases: Expr[] = []
    const keywords: { name: string; value: Expr }[] = []
    const supers = n.childForFieldName('superclasses')
    for (const a of supers ? named(supers) : []) {
      if (typeOf(a) === 'keyword_argument') keywords.push({ name: ident(a.childForFieldName('name')), value: expr(a.childForFieldName('value')) })
      else bases.push(expr(a))
    }
    return { line: s.line, endLine: s.endLine, t: 'class', name, bases, keywords, body, decorators }
  }
  return { line: s.line, endLine: s.endLine, t: 'def', name, params: params(n.childForFieldName('parameters')), body, decorators }
}

function params(n: SyntaxNode | null): Param[] {
  if (!n) return []
  const out: Param[] = []
  // after `*` or `*args`, a parameter is keyword-only
  let keywordOnly = false
  const push = (p: Param): void => {
    out.push(keywordOnly && !p.star ? { ...p, keywordOnly: true } : p)
    if (p.star === '*') keywordOnly = true
  }
  for (const p of named(n)) {
    switch (typeOf(p)) {
      case 'identifier':
        push({ name: ident(p) })
        break
      case 'typed_parameter': {
        const inner = named(p)[0]
        if (typeOf(inner) === 'list_splat_pattern') push({ name: ident(named(inner)[0]), star: '*' })
        else if (typeOf(inner) === 'dictionary_splat_pattern') push({ name: ident(named(inner)[0]), star: '**' })
        else push({ name: ident(inner) })
        break
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        push({ name: ident(p.childForFieldName('name')), default: expr(p.childForFieldName('value')) })
        break
      case 'list_splat_pattern':
        push({ name: ident(named(p)[0]), star: '*' })
        break
      case 'dictionary_splat_pattern':
        push({ name: ident(named(p)[0]), star: '**' })
        break
      case 'keyword_separator':
        keywordOnly = true
        break
      case 'positional_separator':
        // every parameter before `/` is positional-only
        for (let i = 0; i < out.length; i++) out[i] = { ...out[i], positionalOnly: true }
        break
    }
  }
  return out
}

/** `match`: each case is a branch whose condition the review does not decide; `case _` is the else. */
function matchStatement(n: SyntaxNode, s: Span): Stmt {
  const branches: { cond: Expr; body: Stmt[] }[] = []
  let orelse: Stmt[] | null = null
  for (const c of named(n.childForFieldName('body') ?? n)) {
    if (typeOf(c) !== 'case_clause') continue
    const pattern = named(c).find((x) => typeOf(x) === 'case_pattern')
    const body = block(c.childForFieldName('consequence'))
    const irrefutable = pattern !== undefined && (pattern.text.trim() === '_' || (named(pattern).length === 1 && typeOf(named(pattern)[0]) === 'identifier')) && !named(c).some((x) => typeOf(x) === 'if_clause')
    if (irrefutable && orelse === null) orelse = body
    else if (orelse === null) branches.push({ cond: { t: 'unknown', line: line(c), why: 'match case' }, body })
  }
  if (!branches.length) return { line: s.line, endLine: s.endLine, t: 'if', branches: [{ cond: { t: 'const', line: s.line, value: true }, body: orelse ?? [] }], orelse: null }
  return { line: s.line, endLine: s.endLine, t: 'if', branches, orelse }
}

function exceptionNames(n: SyntaxNode): string[] {
  if (typeOf(n) === 'as_pattern') return exceptionNames(named(n)[0])
  if (typeOf(n) === 'tuple' || typeOf(n) === 'parenthesized_expression' || typeOf(n) === 'expression_list')
    return named(n).flatMap(exceptionNames)
  return [dotted(n).split('.').pop() ?? n.text]
}

function importFrom(n: SyntaxNode, s: Span): Stmt {
  const moduleNode = n.childForFieldName('module_name')
  let level = 0
  let module = ''
  if (moduleNode && typeOf(moduleNode) === 'relative_import') {
    for (const c of named(moduleNode)) {
      if (typeOf(c) === 'import_prefix') level = c.text.length
      else module = dotted(c)
    }
  } else module = dotted(moduleNode)
  if (named(n).some((c) => typeOf(c) === 'wildcard_import')) return { line: s.line, endLine: s.endLine, t: 'importfrom', level, module, names: '*' }
  const names = n.childrenForFieldName('name').flatMap((c) => {
    if (!c) return []
    if (typeOf(c) === 'aliased_import') {
      const name = dotted(c.childForFieldName('name'))
      const alias = c.childForFieldName('alias')
      return [{ name, as: alias ? ident(alias) : name }]
    }
    return [{ name: dotted(c), as: dotted(c) }]
  })
  return { line: s.line, endLine: s.endLine, t: 'importfrom', level, module, names }
}

function expressionStatement(n: SyntaxNode, s: Span): Stmt {
  if (typeOf(n) === 'assignment') {
    const targets: Expr[] = []
    let cur: SyntaxNode | null = n
    // a = b = value
    while (cur && typeOf(cur) === 'assignment') {
      const left = cur.childForFieldName('left')
      if (left) targets.push(expr(left))
      const right: SyntaxNode | null = cur.childForFieldName('right')
      if (!right) return { line: s.line, endLine: s.endLine, t: 'other' } // annotation only: `X: int`
      if (typeOf(right) !== 'assignment') return { line: s.line, endLine: s.endLine, t: 'assign', targets, value: expr(right) }
      cur = right
    }
    return { line: s.line, endLine: s.endLine, t: 'other' }
  }
  if (typeOf(n) === 'augmented_assignment') {
    const op = n.childForFieldName('operator')?.text ?? '+='
    return { line: s.line, endLine: s.endLine, t: 'augassign', target: expr(n.childForFieldName('left')), op: op.slice(0, -1), value: expr(n.childForFieldName('right')) }
  }
  return { line: s.line, endLine: s.endLine, t: 'expr', expr: expr(n) }
}

function expr(n: SyntaxNode | null): Expr {
  if (!n) return { t: 'unknown', line: 0, why: 'missing expression' }
  if (pastMaxNesting(n)) return { t: 'unknown', line: line(n), why: `an expression nested more than ${MAX_NESTING} levels deep` }
  conv.depth++
  try {
    return expression(n)
  } finally {
    conv.depth--
  }
}

const KEYWORD_CONSTANTS: Record<string, null | boolean> = { True: true, False: false, None: null }

function expression(n: SyntaxNode): Expr {
  const ln = line(n)
  switch (typeOf(n)) {
    case 'identifier': {
      const text = n.text
      const id = isAscii(text) ? text : text.normalize('NFKC')
      // `𝐓𝐫𝐮𝐞` is the name True once normalised, which Python resolves to the constant
      if (id !== text && id in KEYWORD_CONSTANTS) return { t: 'const', line: ln, value: KEYWORD_CONSTANTS[id] }
      return { t: 'name', line: ln, id }
    }
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
      return { t: 'attr', line: ln, obj: expr(n.childForFieldName('object')), attr: ident(n.childForFieldName('attribute')) }
    case 'call':
      return call(n, ln)
    case 'subscript': {
      const indexes = n.childrenForFieldName('subscript').filter((c): c is SyntaxNode => c !== null)
      // A slice keeps its object, so `MIDDLEWARE[0:0] = [...]` still names what it changes.
      const index: Expr = indexes.length !== 1 || typeOf(indexes[0]) === 'slice' ? { t: 'unknown', line: ln, why: 'slice' } : expr(indexes[0])
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
        if (n.fieldNameForChild(i) === 'operators') ops.push(typeOf(c))
        else if (c.isNamed && typeOf(c) !== 'comment') operands.push(expr(c))
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
      const kind = typeOf(n) === 'list' || typeOf(n) === 'list_pattern' ? 'list' : typeOf(n) === 'set' ? 'set' : 'tuple'
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
          typeOf(c) === 'pair' ? { key: expr(c.childForFieldName('key')), value: expr(c.childForFieldName('value')) } : { splat: expr(named(c)[0] ?? null) }
        )
      }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
      return comprehension(n, ln)
    case 'lambda':
      return { t: 'lambda', line: ln, params: params(n.childForFieldName('parameters')), body: expr(n.childForFieldName('body')) }
    case 'named_expression':
      return { t: 'walrus', line: ln, name: ident(n.childForFieldName('name')), value: expr(n.childForFieldName('value')) }
    case 'keyword_argument':
      return { t: 'unknown', line: ln, why: 'keyword argument' }
    default:
      return { t: 'unknown', line: ln, why: typeOf(n).replace(/_/g, ' ') }
  }
}

function comprehension(n: SyntaxNode, ln: number): Expr {
  const kind = typeOf(n) === 'list_comprehension' ? 'list' : typeOf(n) === 'set_comprehension' ? 'set' : typeOf(n) === 'dictionary_comprehension' ? 'dict' : 'tuple'
  const clauses = named(n).filter((c) => typeOf(c) === 'for_in_clause')
  const target = clauses[0]?.childForFieldName('left')
  if (clauses.length !== 1 || !target) return { t: 'unknown', line: ln, why: 'comprehension' }
  const conds = named(n)
    .filter((c) => typeOf(c) === 'if_clause')
    .map((c) => expr(named(c)[0] ?? null))
  const body = n.childForFieldName('body')
  const iter = expr(clauses[0].childForFieldName('right'))
  if (kind === 'dict') {
    if (!body || typeOf(body) !== 'pair') return { t: 'unknown', line: ln, why: 'comprehension' }
    return { t: 'comp', line: ln, kind, elt: expr(body.childForFieldName('key')), value: expr(body.childForFieldName('value')), target: expr(target), iter, conds }
  }
  return { t: 'comp', line: ln, kind, elt: expr(body), target: expr(target), iter, conds }
}

function call(n: SyntaxNode, ln: number): Expr {
  const func = expr(n.childForFieldName('function'))
  const argsNode = n.childForFieldName('arguments')
  const args: Expr[] = []
  const kwargs: { name: string; value: Expr }[] = []
  const splats: Expr[] = []
  if (typeOf(argsNode) === 'generator_expression') args.push(expr(argsNode))
  else if (argsNode)
    for (const a of named(argsNode)) {
      if (typeOf(a) === 'keyword_argument') kwargs.push({ name: ident(a.childForFieldName('name')), value: expr(a.childForFieldName('value')) })
      else if (typeOf(a) === 'list_splat' || typeOf(a) === 'dictionary_splat') splats.push(expr(named(a)[0] ?? null))
      else args.push(expr(a))
    }
  return { t: 'call', line: ln, func, args, kwargs, splat: splats.length > 0, splats }
}

function stringExpr(nodes: SyntaxNode[], ln: number): Expr {
  const parts: (string | Expr)[] = []
  let bytes = false
  for (const s of nodes) {
    if (typeOf(s) !== 'string') return { t: 'unknown', line: ln, why: 'string' }
    const start = s.child(0)
    const prefix = (start?.text ?? '').replace(/['"]+$/, '').toLowerCase()
    if (prefix.includes('b')) bytes = true
    const raw = prefix.includes('r')
    for (const c of s.namedChildren) {
      if (!c) continue
      if (typeOf(c) === 'string_content') parts.push(raw ? c.text : unescape(c.text))
      else if (typeOf(c) === 'interpolation') parts.push(expr(c.childForFieldName('expression')))
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
