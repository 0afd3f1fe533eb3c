import { admits, admitsSeries, seriesOf } from '../deps/specifier.js'
import { SERIES, SUPPORT_SOURCE, pastSupport } from '../deps/support.js'
import type { DependencyContext, DependencyFinding, DependencyRule } from './dependency-rules.js'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const month = (ym: string): string => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`

/** The series a pin admits, oldest first; `newer`: it also admits releases newer than the table knows. */
function admittedSeries(spec: string, release: string, exact: boolean): { series: string[]; newer: boolean } {
  if (exact) return { series: [seriesOf(release) ?? release], newer: false }
  const [major] = SERIES[SERIES.length - 1].series.split('.').map(Number)
  // a series after the table's last (`6.1`, `7.0`) is taken as supported
  const newer = admits(spec, `${major}.99`) || admits(spec, `${major + 1}.0`)
  return { series: SERIES.map((s) => s.series).filter((s) => admitsSeries(spec, s)), newer }
}

export const djangoUnsupportedVersion: DependencyRule = {
  meta: {
    id: 'django-unsupported-version',
    severity: 'medium',
    title: 'The Django series a pin admits is past its end of support',
    django: [],
    docs: {
      what: `Reports a Django pin (from the same files and with the same choice of release as \`django-vulnerable-version\`: the lock decides, else the pin) whose every admitted series is past the end of its security support, by a table of series and end dates from ${SUPPORT_SOURCE}. A range that also admits a supported series (\`Django>=3.2\`) is silent; \`Django~=3.2.0\` or \`Django>=2.2,<4\` are reported. A series newer than the table is taken as supported. In a diff, a pin that moves to a series past support is new.`,
      why: 'Django publishes security fixes only for supported series: flaws found after the end of support are disclosed with fixes for newer series only, so an unsupported release stays vulnerable to every one of them, and the advisory data cannot even list them.',
      bad: '# requirements.txt\nDjango~=3.2.0',
      fix: '# requirements.txt\nDjango~=5.2.0  # an LTS series'
    }
  },
  check(ctx: DependencyContext): DependencyFinding[] {
    const out: DependencyFinding[] = []
    const supported = SERIES.filter((s) => !pastSupport(s.series, ctx.today).past)
    const advice = supported.length ? `Move to a supported series: ${supported.map((s) => `${s.series}${s.lts ? ' LTS' : ''} (supported until ${month(s.endOfSupport)})`).join(', ')}.` : 'Move to a supported series.'
    for (const j of ctx.pins) {
      const { series, newer } = admittedSeries(j.pin.specifier, j.release, j.how === 'locked' || j.how === 'exact')
      if (newer || !series.length) continue
      const ended = series.map((s) => ({ s, ...pastSupport(s, ctx.today) }))
      if (!ended.every((e) => e.past)) continue
      const newest = ended[ended.length - 1]
      const endedWhen = newest.endOfSupport ? `ended in ${month(newest.endOfSupport)}` : 'ended long ago'
      const what =
        j.how === 'oldest' || j.how === 'open'
          ? series.length === 1
            ? `\`${j.pin.text}\` admits only the ${newest.s} series, whose security support ${endedWhen}`
            : `\`${j.pin.text}\` admits only series past their end of support (${series.join(', ')}); the newest, ${newest.s}, ${endedWhen}`
          : `${j.how === 'locked' ? j.pin.path : `\`${j.pin.text}\``} installs Django ${j.release}: security support for the ${newest.s} series ${endedWhen}`
      out.push({
        subject: 'django',
        loc: { path: j.pin.path, line: j.pin.line, endLine: j.pin.line },
        message: `${what}, so security flaws found since are not fixed for it. ${advice}`,
        notes: [`Support dates: ${SUPPORT_SOURCE}.`],
        fix: { description: advice },
        covers: series
      })
    }
    return out
  }
}
