// Precision and recall of the detector on the labelled corpus, per category and overall.
//
// A hit matches an expected secret when its value is exactly the expected value (no partial credit:
// a value with a stray quote or a truncated key is both a false positive and a false negative).
// - TP and FN are counted in the category of the expected secret (the truth).
// - FP are counted in the category the detector gave the hit (its kind), as precision is "of what was
//   reported as X, how much was right".
// Non-secret cases are also summarised by group (placeholders, lock-file hashes, …): how many of them
// produced any hit at all.
import { detectSecrets, type SecretHit } from '../../../src/secrets/detect.js'
import { CATEGORIES, CORPUS, KIND_CATEGORY, isPositive, type Case, type Expected } from './index.js'

export interface Outcome {
  case: Case
  hits: SecretHit[]
  tp: Expected[]
  fn: Expected[]
  fp: SecretHit[]
}

export interface Row {
  category: string
  /** Expected secrets of this category. */
  secrets: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
}

export interface GroupRow {
  group: string
  cases: number
  /** Non-secret cases with at least one hit. */
  flagged: number
  /** Share of the group's cases with no hit. */
  clean: number
}

export interface Metrics {
  rows: Row[]
  overall: Row
  groups: GroupRow[]
  outcomes: Outcome[]
  positives: number
  negatives: number
}

export const hitCategory = (h: SecretHit): string => KIND_CATEGORY[h.kind] ?? `other (${h.kind})`

export function evaluate(c: Case): Outcome {
  const hits = detectSecrets(c.path, c.text)
  const unmatched = [...hits]
  const tp: Expected[] = []
  const fn: Expected[] = []
  for (const e of c.secrets) {
    const i = unmatched.findIndex((h) => h.value === e.value)
    if (i >= 0) {
      tp.push(e)
      unmatched.splice(i, 1)
    } else fn.push(e)
  }
  return { case: c, hits, tp, fn, fp: unmatched }
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b)

export function measure(cases: Case[] = CORPUS): Metrics {
  const outcomes = cases.map(evaluate)
  const rows = new Map<string, Row>(CATEGORIES.map((c) => [c, { category: c, secrets: 0, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }]))
  const row = (c: string): Row => {
    let r = rows.get(c)
    if (!r) rows.set(c, (r = { category: c, secrets: 0, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }))
    return r
  }
  const groups = new Map<string, GroupRow>()
  for (const o of outcomes) {
    for (const e of o.case.secrets) row(e.category).secrets++
    for (const e of o.tp) row(e.category).tp++
    for (const e of o.fn) row(e.category).fn++
    for (const h of o.fp) row(hitCategory(h)).fp++
    if (!isPositive(o.case)) {
      let g = groups.get(o.case.group)
      if (!g) groups.set(o.case.group, (g = { group: o.case.group, cases: 0, flagged: 0, clean: 1 }))
      g.cases++
      if (o.hits.length) g.flagged++
    }
  }
  const all = [...rows.values()]
  for (const r of all) {
    r.precision = ratio(r.tp, r.tp + r.fp)
    r.recall = ratio(r.tp, r.tp + r.fn)
  }
  const sum = (k: 'secrets' | 'tp' | 'fp' | 'fn'): number => all.reduce((n, r) => n + r[k], 0)
  const overall: Row = { category: 'overall', secrets: sum('secrets'), tp: sum('tp'), fp: sum('fp'), fn: sum('fn'), precision: 0, recall: 0 }
  overall.precision = ratio(overall.tp, overall.tp + overall.fp)
  overall.recall = ratio(overall.tp, overall.tp + overall.fn)
  const groupRows = [...groups.values()].sort((a, b) => a.group.localeCompare(b.group))
  for (const g of groupRows) g.clean = ratio(g.cases - g.flagged, g.cases)
  return { rows: all, overall, groups: groupRows, outcomes, positives: cases.filter(isPositive).length, negatives: cases.filter((c) => !isPositive(c)).length }
}

/**
 * Reference points, recorded when they were measured: the detector of the last commit before this
 * work (git HEAD) on the whole corpus, and batches B and C as they scored the first time they were run,
 * before any detector change made for them — the honest estimate of how the detector does on cases it
 * was not tuned against.
 */
export const FIRST_RUNS = [
  { batch: 'A+B+C with the detector before this work (git HEAD)', tp: 305, fp: 42, fn: 72, precision: 0.879, recall: 0.809 },
  { batch: 'B (held out, first run)', tp: 54, fp: 1, fn: 11, precision: 0.982, recall: 0.831 },
  { batch: 'C (held out, first run)', tp: 32, fp: 3, fn: 7, precision: 0.914, recall: 0.821 }
]

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`

/** The metrics as Markdown tables (what `npm run secrets:metrics` prints and the README quotes). */
export function formatMetrics(m: Metrics): string {
  const out: string[] = []
  out.push(`Corpus: ${m.positives} cases with secrets (${m.overall.secrets} secrets), ${m.negatives} non-secret cases.`, '')
  out.push('| category | secrets | TP | FP | FN | precision | recall |', '|---|---:|---:|---:|---:|---:|---:|')
  for (const r of [...m.rows, m.overall]) out.push(`| ${r.category === 'overall' ? '**overall**' : r.category} | ${r.secrets} | ${r.tp} | ${r.fp} | ${r.fn} | ${pct(r.precision)} | ${pct(r.recall)} |`)
  out.push('', '| non-secret group | cases | flagged | clean |', '|---|---:|---:|---:|')
  for (const g of m.groups) out.push(`| ${g.group} | ${g.cases} | ${g.flagged} | ${pct(g.clean)} |`)
  const negatives = m.groups.reduce((n, g) => n + g.cases, 0)
  const flagged = m.groups.reduce((n, g) => n + g.flagged, 0)
  out.push(`| **all non-secrets** | ${negatives} | ${flagged} | ${pct(ratio(negatives - flagged, negatives))} |`)
  return out.join('\n')
}

/** The cases that went wrong, values masked (first two and last two characters), for the script's detail output. */
export function formatErrors(m: Metrics): string {
  const mask = (v: string): string => (v.length <= 8 ? '****' : `${v.slice(0, 2)}****${v.slice(-2)}`)
  const out: string[] = []
  for (const o of m.outcomes) {
    for (const e of o.fn) out.push(`missed   ${o.case.id} (${o.case.path}): ${e.category} ${mask(e.value)}`)
    for (const h of o.fp) out.push(`reported ${o.case.id} (${o.case.path}:${h.line}): ${h.kind} ${mask(h.value)}${h.key ? ` under ${h.key}` : ''}`)
  }
  return out.join('\n')
}
