// Where a value of a YAML document is: a JSON pointer (ajv's instancePath) mapped to the node's line and
// column, through the `yaml` library's node ranges. A key that should not be there is found by its key.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'

export interface Position {
  line: number
  col: number
}

/** The segments of a JSON pointer: `/rules/debug~1x` → ['rules', 'debug/x']. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined
}

/**
 * The node at `segments` and, for the last segment, the pair's key node. `key: true` asks for the key
 * (an unknown key is pointed at by its name); otherwise the value, or the key when the value is empty.
 */
export function nodeAt(doc: Document, segments: string[], key = false): Node | undefined {
  let node: unknown = doc.contents
  let keyNode: Node | undefined
  for (const seg of segments) {
    keyNode = undefined
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === seg)
      if (!pair) return undefined
      keyNode = pair.key as Node
      node = pair.value
    } else if (isSeq(node)) {
      node = node.items[Number(seg)]
    } else return undefined
  }
  if (key && keyNode) return keyNode
  return (node as Node | null | undefined) ?? keyNode
}

/** 1-based line and column of the node at `segments` (the document's start when there is none). */
export function positionOf(doc: Document, lines: LineCounter, segments: string[], key = false): Position {
  let node = nodeAt(doc, segments, key)
  // a pointer into a value that has no node of its own (e.g. past a list's end): its nearest parent
  for (let n = segments.length - 1; !node?.range && n >= 0; n--) node = nodeAt(doc, segments.slice(0, n), false)
  const offset = node?.range?.[0] ?? 0
  return lines.linePos(offset)
}
