// The advisories that affect one Django release, from the bundled data (never fetched at run time).
import { compare } from '@renovatebot/pep440'
import { ADVISORY_DATA } from './django-advisories.data.js'
import type { Advisory, AdvisoryData } from './osv.js'
import { seriesOf } from './specifier.js'

export interface Affecting {
  advisory: Advisory
  /** The first release after `version` that fixes it, when the data names one. */
  fixed?: string
}

const inRange = (version: string, r: Advisory['ranges'][number]): boolean =>
  (r.introduced === '0' || compare(version, r.introduced) >= 0) && (r.fixed === undefined || compare(version, r.fixed) < 0) && (r.lastAffected === undefined || compare(version, r.lastAffected) <= 0)

/** The advisories whose affected ranges hold a release. */
export function advisoriesFor(version: string, data: AdvisoryData = ADVISORY_DATA): Affecting[] {
  const out: Affecting[] = []
  for (const advisory of data.advisories) {
    const hit = advisory.ranges.find((r) => inRange(version, r))
    if (hit) out.push({ advisory, fixed: hit.fixed })
  }
  return out
}

/**
 * The release to move to: the newest fix among the advisories, when every one of them is fixed in
 * the release's own series (`3.2.4` → `3.2.25`); otherwise undefined, and `series` says so.
 */
export function firstFixed(version: string, affecting: Affecting[]): { release?: string; inSeries: boolean } {
  const fixes = affecting.map((a) => a.fixed)
  if (!fixes.length || fixes.some((f) => f === undefined)) return { inSeries: false }
  const newest = (fixes as string[]).sort(compare)[fixes.length - 1]
  return { release: newest, inSeries: seriesOf(newest) === seriesOf(version) }
}

/** How old the data is on a day, in whole days. */
export function dataAgeDays(today: Date, data: AdvisoryData = ADVISORY_DATA): number {
  return Math.floor((today.getTime() - Date.parse(data.date)) / 86_400_000)
}

/** Past this many days the findings say the data may miss newer advisories. */
export const STALE_AFTER_DAYS = 90

export { ADVISORY_DATA }
