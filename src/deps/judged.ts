// Which pins say what production installs, and the release each one is judged by.
//
// Dependabot's way: a lock file decides (the release it installs); without one, an exact pin
// (`==3.2.4`) is that release, and a range is judged by the oldest release it admits — the release an
// existing environment, a constraints file or a resolver conflict can still install. A range with no
// lower bound (`Django<5`) says nothing about which release is installed: only the series it admits
// are judged (by django-unsupported-version); a bare `Django` is not judged at all.
import { dirname } from '../settings/modules.js'
import { dependencyFileClass } from './files.js'
import { exactVersion, isValidSpecifier, oldestAdmitted } from './specifier.js'
import type { DjangoPin } from './types.js'

export interface JudgedPin {
  pin: DjangoPin
  /** The release judged: the locked or pinned one, or the oldest the range admits. */
  release: string
  /** `open`: a range with no lower bound (`Django<4`), judged only by the series it admits; `release` is ''. */
  how: 'locked' | 'exact' | 'oldest' | 'open'
}

const MANIFESTS = new Set(['pyproject', 'poetry', 'pipfile'])

/** Pins in production dependency files, outside optional groups and extras, with a valid specifier. */
export function productionPins(pins: DjangoPin[]): DjangoPin[] {
  return pins.filter((p) => !p.group && dependencyFileClass(p.path).kind === 'production' && isValidSpecifier(p.specifier))
}

/** The pins the dependency rules judge: a manifest next to a lock that pins Django gives way to the lock, a requirements.in to compiled requirements. */
export function judgedPins(pins: DjangoPin[]): JudgedPin[] {
  const prod = productionPins(pins)
  // requirements.in is pip-compile's source: the compiled requirements .txt is what gets installed
  const compiled = prod.some((p) => p.source === 'requirements' && p.path.endsWith('.txt'))
  const lockedDirs = new Set(prod.filter((p) => p.locked).map((p) => dirname(p.path)))
  const out: JudgedPin[] = []
  for (const pin of prod) {
    if (MANIFESTS.has(pin.source) && lockedDirs.has(dirname(pin.path))) continue
    if (compiled && pin.path.endsWith('.in')) continue
    const exact = exactVersion(pin.specifier)
    if (exact) out.push({ pin, release: exact, how: pin.locked ? 'locked' : 'exact' })
    else {
      const oldest = oldestAdmitted(pin.specifier)
      if (oldest) out.push({ pin, release: oldest, how: 'oldest' })
      else if (pin.specifier) out.push({ pin, release: '', how: 'open' })
    }
  }
  return out
}
