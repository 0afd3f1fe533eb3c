import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser, type Tree, type TreeCursor } from 'web-tree-sitter'

// Bundled, the .wasm files sit next to dist/cli.js (copied by scripts/build.mjs);
// from src/ (jest) they are resolved from node_modules.
function locate(file: string, fromPackage: string): string {
  const bundled = fileURLToPath(new URL(file, import.meta.url))
  return existsSync(bundled) ? bundled : createRequire(import.meta.url).resolve(fromPackage)
}

let parser: Parser | undefined
/** Python sources parsed by this process (shown by --verbose). */
let parsedCount = 0

/** How many Python sources this process has parsed. */
export const pythonParsed = (): number => parsedCount

/** Loads the tree-sitter runtime and the Python grammar once per process. */
export async function initPython(): Promise<void> {
  if (parser) return
  const runtime = locate('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm')
  const options = { locateFile: () => runtime }
  await Parser.init(options)
  const module = options as Partial<Binding>
  if (BINDING_CALLS.every((name) => typeof module[name] === 'function')) {
    binding = module as Binding
    transferBuffer = binding._ts_init()
  }
  const grammar = locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm')
  const python = await Language.load(new Uint8Array(readFileSync(grammar)))
  const p = new Parser()
  p.setLanguage(python)
  parser = p
}

/** Parses Python source; initPython() must have run. Syntax errors yield a tree with ERROR nodes. */
export function parsePython(source: string): Tree {
  if (!parser) throw new Error('initPython() was not awaited before parsing')
  parsedCount++
  const tree = parser.parse(source)
  if (!tree) throw new Error('tree-sitter returned no tree')
  return tree
}

/**
 * The calls of web-tree-sitter's WebAssembly module that a tree walk needs. Parser.init hands its
 * options object to Emscripten, which makes it the module and puts the module's exports on it.
 * web-tree-sitter's TreeCursor writes the cursor into a transfer buffer before every call and reads it
 * back after each move, through getValue/setValue; calling the module directly, the cursor stays in
 * the buffer for the whole walk. Each call reads the cursor from the buffer; the moves write it back.
 */
interface Binding {
  _ts_init: () => number
  getValue: (address: number, type: 'i32') => number
  setValue: (address: number, value: number, type: 'i32') => void
  _ts_tree_cursor_goto_first_child_wasm: (tree: number) => number
  _ts_tree_cursor_goto_next_sibling_wasm: (tree: number) => number
  _ts_tree_cursor_goto_parent_wasm: (tree: number) => number
  _ts_tree_cursor_current_node_type_id_wasm: (tree: number) => number
  _ts_tree_cursor_current_field_id_wasm: (tree: number) => number
  _ts_tree_cursor_current_node_is_named_wasm: (tree: number) => number
  _ts_tree_cursor_start_index_wasm: (tree: number) => number
  _ts_tree_cursor_end_index_wasm: (tree: number) => number
}
const BINDING_CALLS: (keyof Binding)[] = [
  '_ts_init',
  'getValue',
  'setValue',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm'
]
let binding: Binding | undefined
let transferBuffer = 0

/** Whether trees are walked through the module's calls directly (else parseModule reads Nodes). */
export const directWalk = (): boolean => binding !== undefined

/** What a walk asks of the cursor's current node (indices count UTF-16 code units of the source). */
export interface CursorCalls {
  gotoFirstChild(): boolean
  gotoNextSibling(): boolean
  gotoParent(): boolean
  typeId(): number
  fieldId(): number
  isNamed(): boolean
  startIndex(): number
  endIndex(): number
}

/**
 * Runs `walk` with a cursor on the root of `tree` that calls the WebAssembly module directly, or
 * returns undefined when the module's calls are not at hand. `walk` must make no other call into
 * web-tree-sitter (the cursor lives in the module's transfer buffer meanwhile).
 */
export function walkTree<T>(tree: Tree, walk: (cursor: CursorCalls) => T): T | undefined {
  const b = binding
  if (!b) return undefined
  const cursor = tree.walk()
  const words = cursor as unknown as Record<0 | 1 | 2 | 3, number> & TreeCursor
  const t = (tree as unknown as Record<0, number>)[0]
  try {
    for (let i = 0; i < 4; i++) b.setValue(transferBuffer + 4 * i, words[i as 0], 'i32')
    const first = b._ts_tree_cursor_goto_first_child_wasm
    const next = b._ts_tree_cursor_goto_next_sibling_wasm
    const parent = b._ts_tree_cursor_goto_parent_wasm
    const typeId = b._ts_tree_cursor_current_node_type_id_wasm
    const fieldId = b._ts_tree_cursor_current_field_id_wasm
    const isNamed = b._ts_tree_cursor_current_node_is_named_wasm
    const startIndex = b._ts_tree_cursor_start_index_wasm
    const endIndex = b._ts_tree_cursor_end_index_wasm
    return walk({
      gotoFirstChild: () => first(t) === 1,
      gotoNextSibling: () => next(t) === 1,
      gotoParent: () => parent(t) === 1,
      typeId: () => typeId(t),
      fieldId: () => fieldId(t),
      isNamed: () => isNamed(t) === 1,
      startIndex: () => startIndex(t),
      endIndex: () => endIndex(t)
    })
  } finally {
    // the moves may have grown the cursor's stack: the TreeCursor frees what the buffer now says
    for (let i = 0; i < 4; i++) words[i as 0] = b.getValue(transferBuffer + 4 * i, 'i32')
    cursor.delete()
  }
}
