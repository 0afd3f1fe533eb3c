// Runs the abstract evaluator on in-memory Python files, parsed by the real parser.
import { WorldEvaluator, type ModuleResult } from '../../src/python/evaluate.js'
import { show } from '../../src/python/values.js'
import { ModuleIndex } from '../../src/settings/modules.js'
import { MapFileSet } from '../../src/sources/changeset.js'

/** The result of evaluating `path` among `files` in a world (0: production as deployed). */
export function evaluate(files: Record<string, string>, path = 'settings.py', world = 0): ModuleResult {
  const index = new ModuleIndex(new MapFileSet(new Map(Object.entries(files))))
  const result = new WorldEvaluator(index, world).evaluate(path)
  if (!result) throw new Error('not evaluated')
  return result
}

/** name → Python-like rendering of its value in a lone settings.py, in a world. */
export function values(source: string, names: string[], world = 0): Record<string, string> {
  const ns = evaluate({ 'settings.py': source }, 'settings.py', world).ns
  return Object.fromEntries(names.map((n) => [n, ns.bindings.has(n) ? show(ns.bindings.get(n)!.value, 200) : '<missing>']))
}
