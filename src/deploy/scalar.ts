// Plain values of parsed YAML, TOML and JSON deploy files as the environment would see them.
import { isScalar } from 'yaml'

/** A string, number or boolean as its text; anything else (a table, a list, null) is no value. */
export function plainText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return undefined
}

/** The text of a YAML scalar node; undefined for maps, lists, null and missing nodes. */
export function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? plainText(node.value) : undefined
}
