// The Django version a project runs, for the rules whose defaults changed between releases: from an
// explicit choice (--django-version, the config's `django-version`), else from the pins, else the
// newest series this review knows — and the review says which it assumed.
import { compare, valid } from '@renovatebot/pep440'
import type { FileSet } from '../settings/modules.js'
import { judgedPins, productionPins } from './judged.js'
import { djangoPins } from './pins.js'
import { admits, seriesOf } from './specifier.js'
import { NEWEST_SERIES, SERIES } from './support.js'
import type { DjangoPin } from './types.js'

export interface DjangoVersion {
  /** The release or series taken (`3.2.4`, `4.2`). */
  version: string
  /** Its series, `major.minor`. */
  series: string
  /** Where it comes from. */
  source: 'option' | 'lock' | 'pin' | 'assumed'
  /** In words, for messages: "Django 3.2.4 from requirements.txt:3". */
  why: string
  pin?: DjangoPin
}

/** A version as the user wrote it (`3.2`, `4.2.16`); undefined when it is not one. */
export function parseDjangoVersion(text: string): string | undefined {
  const t = text.trim()
  return /^\d+(\.\d+){1,2}$/.test(t) && valid(t) ? t : undefined
}

function fromPins(pins: DjangoPin[]): DjangoVersion | undefined {
  // root-level files first: a tree's own dependencies rather than an example's
  const byDepth = (a: DjangoPin, b: DjangoPin): number => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path)
  const judged = judgedPins(pins).filter((j) => j.how !== 'open').sort((a, b) => Number(b.how === 'locked') - Number(a.how === 'locked') || byDepth(a.pin, b.pin))
  const first = judged[0]
  // a range without a lock: a fresh install gets the newest release it admits, whose defaults apply
  if (first?.how === 'oldest' && first.pin.specifier) {
    const newest = newestSeries(first.pin.specifier)
    if (newest) return { version: newest, series: newest, source: 'pin', why: `Django ${newest}, the newest series \`${first.pin.text}\` admits (${first.pin.path}:${first.pin.line})`, pin: first.pin }
  }
  if (first) {
    const series = seriesOf(first.release) ?? NEWEST_SERIES
    const what = first.how === 'oldest' ? `Django ${first.release}, the oldest release \`${first.pin.text}\` admits (${first.pin.path}:${first.pin.line})` : `Django ${first.release} from ${first.pin.path}:${first.pin.line}`
    return { version: first.release, series, source: first.how === 'locked' ? 'lock' : 'pin', why: what, pin: first.pin }
  }
  // only ranges without a lower bound (`Django<4`): the newest series they admit
  const open = productionPins(pins).sort((a, b) => byDepth(a, b))[0]
  if (!open || !open.specifier) return undefined
  const newest = newestSeries(open.specifier)
  if (!newest) return undefined
  return { version: newest, series: newest, source: 'pin', why: `Django ${newest}, the newest series \`${open.text}\` admits (${open.path}:${open.line})`, pin: open }
}

/** The newest Django series a specifier admits, among the series the tool knows. */
function newestSeries(specifier: string): string | undefined {
  return [...SERIES].map((s) => s.series).sort(compare).reverse().find((s) => admits(specifier, `${s}.999`) || admits(specifier, s))
}

const cache = new WeakMap<FileSet, DjangoVersion>()

/** The Django version of a tree; `option` (the flag or config value) wins over the pins. */
export function djangoVersion(files: FileSet, option?: string): DjangoVersion {
  if (option) {
    const series = seriesOf(option) ?? option
    return { version: option, series, source: 'option', why: `Django ${option}, as configured (--django-version or django-version in the config)` }
  }
  const cached = cache.get(files)
  if (cached) return cached
  const pins = djangoPins(files)
  const found = fromPins(pins.pins) ?? { version: NEWEST_SERIES, series: NEWEST_SERIES, source: 'assumed' as const, why: `Django ${NEWEST_SERIES}, the newest series this review knows: no Django pin was found` }
  if (!pins.unread.length) cache.set(files, found)
  return found
}

/** Whether a version is at least a series (`atLeast(v, '3.1')`). */
export function atLeast(v: DjangoVersion, series: string): boolean {
  return compare(v.version, series) >= 0
}
