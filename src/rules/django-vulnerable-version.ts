import { ADVISORY_DATA, STALE_AFTER_DAYS, advisoriesFor, dataAgeDays, firstFixed, type Affecting } from '../deps/advisories.js'
import type { JudgedPin } from '../deps/judged.js'
import { seriesOf } from '../deps/specifier.js'
import type { Severity } from '../findings.js'
import type { DependencyContext, DependencyFinding, DependencyRule } from './dependency-rules.js'

const LISTED = 6

function named(a: Affecting): string {
  return a.advisory.aliases.length ? `${a.advisory.id} (${a.advisory.aliases.join(', ')})` : a.advisory.id
}

/** What the pin is, in words: "`Django==3.2.4` installs Django 3.2.4", "poetry.lock installs …". */
function subjectOf(j: JudgedPin): string {
  if (j.how === 'locked') return `${j.pin.path} installs Django ${j.release},`
  if (j.how === 'exact') return `\`${j.pin.text}\` installs Django ${j.release},`
  return `\`${j.pin.text}\` admits Django ${j.release}, the oldest release it allows,`
}

/** The pin line with the judged release replaced by the fixed one, when that is a plain edit. */
function replacement(j: JudgedPin, line: string | undefined, fixed: string): string | undefined {
  if (!line || j.how === 'locked') return undefined
  if (j.how === 'exact') {
    const at = line.indexOf(`==${j.release}`)
    return at >= 0 && line.indexOf(`==${j.release}`, at + 1) < 0 ? `${line.slice(0, at)}==${fixed}${line.slice(at + 2 + j.release.length)}` : undefined
  }
  // a lower bound `>=4.2` raised to `>=4.2.16`
  const m = /(>=|~=)\s*([0-9][0-9.]*)/.exec(line)
  return m && m[2] === j.release && m[1] === '>=' ? `${line.slice(0, m.index)}>=${fixed}${line.slice(m.index + m[0].length)}` : undefined
}

function staleNote(today: Date): string | undefined {
  const age = dataAgeDays(today)
  return age > STALE_AFTER_DAYS ? `The bundled advisory data is from ${ADVISORY_DATA.date.slice(0, 10)}, ${age} days old: advisories published since are not included (a newer release of this tool may have newer data).` : undefined
}

export const djangoVulnerableVersion: DependencyRule = {
  meta: {
    id: 'django-vulnerable-version',
    severity: 'high',
    title: 'The Django release a pin admits has published security advisories',
    django: [],
    docs: {
      what:
        'Reads the Django pins of `requirements*.txt` (with `-r`/`-c` includes), `pyproject.toml` (PEP 621 and Poetry), `Pipfile`, `Pipfile.lock`, `poetry.lock`, `uv.lock`, `setup.cfg` and `setup.py`, and reports a pin whose release has advisories in the bundled data of the Python Packaging Advisory Database, naming the advisory ids, CVEs and the first release of the series that fixes them all. Which release is judged follows Dependabot: a lock file decides (its manifest beside it is not judged); an exact pin (`==3.2.4`) is that release, reported at high; a range is judged by the oldest release it admits (`Django>=4.2,<5` admits 4.2.0) and reported at medium, since pip installs the newest allowed release but an environment installed earlier, a constraints file or a resolver conflict can keep the old one. A range with no lower bound (`Django`, `Django<5`) is not judged, nor are development, test and docs requirements, optional groups and extras. In a diff a downgrade or a widened range that newly admits advisories is new; a pin that keeps the advisories it had is unchanged. The data ships with the tool and is never fetched while reviewing; past 90 days old the finding says so.',
      why: 'A published Django advisory comes with a public description of the flaw, often with a proof of concept: a site on an affected release is exposed to whoever reads the release notes.',
      bad: '# requirements.txt\nDjango==3.2.4',
      fix: '# requirements.txt\nDjango==3.2.25  # and plan the move to a supported series'
    }
  },
  check(ctx: DependencyContext): DependencyFinding[] {
    const out: DependencyFinding[] = []
    for (const j of ctx.pins) {
      if (j.how === 'open') continue
      const affecting = advisoriesFor(j.release)
      if (!affecting.length) continue
      const fix = firstFixed(j.release, affecting)
      const series = seriesOf(j.release) ?? j.release
      const listed = affecting.slice(-LISTED).reverse()
      const more = affecting.length - listed.length
      const count = affecting.length === 1 ? 'a published security advisory' : `${affecting.length} published security advisories`
      const toFix = fix.release && fix.inSeries ? ` The first ${series} release that fixes ${affecting.length === 1 ? 'it' : 'them all'} is ${fix.release}.` : ` No ${series} release fixes ${affecting.length === 1 ? 'it' : 'them all'}: move to a supported series.`
      const range = j.how === 'oldest' ? ` pip installs the newest release the range allows, but an environment installed earlier, a constraints file or a resolver conflict can keep ${j.release}: raise the lower bound.` : ''
      const stale = staleNote(ctx.today)
      const severity: Severity | undefined = j.how === 'oldest' ? 'medium' : undefined
      const line = ctx.lineText(j.pin.path, j.pin.line)
      const replaced = fix.release && fix.inSeries ? replacement(j, line, fix.release) : undefined
      out.push({
        subject: 'django',
        loc: { path: j.pin.path, line: j.pin.line, endLine: j.pin.line },
        message: `${subjectOf(j)} which has ${count}: ${listed.map(named).join(', ')}${more ? ` and ${more} more` : ''}.${toFix}${range}${stale ? ` ${stale}` : ''}`,
        severity,
        notes: [
          ...(j.pin.marker ? [`The pin applies where \`${j.pin.marker}\`.`] : []),
          `Advisories (${affecting.length}): ${affecting.map((a) => `${named(a)}${a.fixed ? ` fixed in ${a.fixed}` : ''}`).join('; ')}.`,
          `Advisory data: ${ADVISORY_DATA.source}, as of ${ADVISORY_DATA.date.slice(0, 10)}.`
        ],
        fix: {
          description:
            j.how === 'locked'
              ? `Upgrade Django${fix.release && fix.inSeries ? ` to ${fix.release} or later` : ' to a supported series'} and regenerate ${j.pin.path}.`
              : fix.release && fix.inSeries
                ? `Require Django ${fix.release} or later${j.how === 'oldest' ? ' as the lower bound' : ''}.`
                : 'Move to a supported Django series.',
          ...(replaced ? { replacement: replaced } : {})
        },
        covers: affecting.map((a) => a.advisory.id)
      })
    }
    return out
  }
}
