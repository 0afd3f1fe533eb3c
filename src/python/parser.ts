import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser, type Tree } from 'web-tree-sitter'

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
  await Parser.init({ locateFile: () => runtime })
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
