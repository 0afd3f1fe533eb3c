// Django release series and the month their support ends (the end of security fixes), from the
// "Supported versions" table of https://www.djangoproject.com/download/ and the release roadmap.
// A series newer than the last listed is taken as supported.
import { compare } from '@renovatebot/pep440'

export const SUPPORT_SOURCE = 'https://www.djangoproject.com/download/#supported-versions'

/** Series → last month of security support (`YYYY-MM`), oldest first. LTS series are marked. */
export const SERIES: readonly { series: string; endOfSupport: string; lts?: boolean }[] = [
  { series: '1.8', endOfSupport: '2018-04', lts: true },
  { series: '1.9', endOfSupport: '2017-04' },
  { series: '1.10', endOfSupport: '2017-12' },
  { series: '1.11', endOfSupport: '2020-04', lts: true },
  { series: '2.0', endOfSupport: '2019-04' },
  { series: '2.1', endOfSupport: '2019-12' },
  { series: '2.2', endOfSupport: '2022-04', lts: true },
  { series: '3.0', endOfSupport: '2021-04' },
  { series: '3.1', endOfSupport: '2021-12' },
  { series: '3.2', endOfSupport: '2024-04', lts: true },
  { series: '4.0', endOfSupport: '2023-04' },
  { series: '4.1', endOfSupport: '2023-12' },
  { series: '4.2', endOfSupport: '2026-04', lts: true },
  { series: '5.0', endOfSupport: '2025-04' },
  { series: '5.1', endOfSupport: '2025-12' },
  { series: '5.2', endOfSupport: '2028-04', lts: true },
  { series: '6.0', endOfSupport: '2027-04' }
]

/** The newest series the table knows: what a review assumes when it finds no pin. */
export const NEWEST_SERIES = SERIES.reduce((a, b) => (compare(a.series, b.series) >= 0 ? a : b)).series

/** Whether a series has no security support any more on a day: past its last month, or older than the table. */
export function pastSupport(series: string, today: Date): { past: boolean; endOfSupport?: string } {
  const row = SERIES.find((s) => s.series === series)
  if (!row) return { past: compare(series, SERIES[0].series) < 0 }
  const [y, m] = row.endOfSupport.split('-').map(Number)
  // support lasts to the end of the month named
  return { past: today.getTime() >= Date.UTC(y, m, 1), endOfSupport: row.endOfSupport }
}
