// django-split-settings: `include('base.py', optional('local.py'))` runs each file, in order, in the
// including module's own namespace (a later file sees and overrides what an earlier one set).
import type { Call } from './calls.js'
import { block } from './statements.js'
import { expr } from './expressions.js'
import type { ModuleRun } from './module-run.js'
import type { Frame } from './namespace.js'
import { NONE, unknown, type Value } from './values.js'

export const INCLUDE = 'split_settings.tools.include'
export const OPTIONAL = 'split_settings.tools.optional'

/** How many includes deep fragments are followed (a fragment may include others). */
const MAX_INCLUDE_DEPTH = 8

/** `optional('local.py')` as a value (a marked file name, kept in a list for a later `include(*files)`). */
export function optionalFile(name: Value): Value {
  return name.kind === 'str' ? { kind: 'ext', qname: `${OPTIONAL}:${name.value}` } : unknown('optional() of a name the review cannot know')
}

interface Wanted {
  name: string
  optional: boolean
}

/** The file names a call's arguments give, or undefined when one cannot be known (a glob, a computed name, alternatives). */
function wantedFiles(run: ModuleRun, e: Call, frame: Frame): Wanted[] | undefined {
  const out: Wanted[] = []
  const add = (v: Value, optional: boolean): boolean => {
    if (v.kind === 'str') {
      out.push({ name: v.value, optional })
      return true
    }
    if (v.kind === 'seq' && !v.open) return v.items.every((i) => add(i.value, optional))
    if (v.kind === 'ext' && v.qname.startsWith(`${OPTIONAL}:`)) {
      out.push({ name: v.qname.slice(OPTIONAL.length + 1), optional: true })
      return true
    }
    return false
  }
  for (const a of e.args) {
    // optional('local.py') marks a file that may be missing
    if (a.t === 'call' && a.args.length === 1 && qnameOf(run, a.func, frame) === OPTIONAL) {
      if (!add(expr(run, a.args[0], frame), true)) return undefined
    } else if (!add(expr(run, a, frame), false)) return undefined
  }
  for (const s of e.splats) if (!add(expr(run, s, frame), false)) return undefined
  return out.some((w) => /[*?[]/.test(w.name) || !w.name.endsWith('.py')) ? undefined : out
}

function qnameOf(run: ModuleRun, func: Call['func'], frame: Frame): string | undefined {
  const v = expr(run, func, frame)
  return v.kind === 'ext' ? v.qname : undefined
}

/** Runs `include(...)`: each named fragment's statements in this module's namespace. */
export function splitSettingsInclude(run: ModuleRun, e: Call, frame: Frame): Value {
  const wanted = wantedFiles(run, e, frame)
  const depth = run.budget.includeDepth ?? 0
  const span = { line: e.line, endLine: e.line }
  if (!wanted || depth >= MAX_INCLUDE_DEPTH) {
    run.markDynamic(frame, span, wanted ? undefined : 'include() of files the review cannot name (a glob or a computed list) runs code it cannot see')
    if (wanted) run.notice(e.line, `includes more than ${MAX_INCLUDE_DEPTH} levels deep are not followed; what they set is unknown`)
    return unknown('include()')
  }
  for (const w of wanted) {
    // include() resolves names from the including file's folder
    const module = w.name.replace(/\.py$/, '').split('/').join('.')
    const target = run.loader.resolve(run.path, 1, module)
    if (target === 'missing') {
      if (w.optional) continue
      // split_settings raises for a missing file: the server either fails to start here or is given
      // the file at deploy time; either way what the settings are from here on is not known
      run.notice(e.line, `include() names ${w.name}, which is not in the repository; the settings it may set are unknown`)
      run.markDynamic(frame, span)
      return unknown('include()')
    }
    const fragment = target === 'external' ? undefined : run.runFor(target)
    if (!fragment) {
      run.markDynamic(frame, span)
      return unknown('include()')
    }
    runHere(run, fragment, frame)
  }
  return NONE
}

/** Runs another file's statements in this module's namespace (an include, an exec of its source). */
export function runHere(run: ModuleRun, fragment: ModuleRun, frame: Frame): void {
  const depth = run.budget.includeDepth ?? 0
  run.budget.includeDepth = depth + 1
  try {
    block(fragment, fragment.parsed.body, frame)
  } finally {
    run.budget.includeDepth = depth
  }
  for (const n of fragment.notices.splice(0)) run.carry(n)
  for (const o of fragment.opaque.splice(0)) if (!run.opaque.some((x) => x.loc.path === o.loc.path && x.loc.line === o.loc.line)) run.opaque.push(o)
}

/** Whether another file may still be run here without passing the include depth. */
export const mayRunHere = (run: ModuleRun): boolean => (run.budget.includeDepth ?? 0) < MAX_INCLUDE_DEPTH
