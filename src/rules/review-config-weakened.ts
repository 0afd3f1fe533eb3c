// A change to the review's own configuration. The review of a change runs with the configuration of
// its base (the trusted side): a pull request that edits `.github/django-security.yml` would
// otherwise set the rules of the check it is judged by. The edit takes effect once merged; until
// then this rule says what it would change, high when it weakens the review.
import { severityRank, type Severity } from '../findings.js'
import type { Config, FailOn } from '../config/config.js'
import type { LineIndex } from '../lines.js'
import { DEPENDENCY_RULES } from './dependency-rules.js'
import { FILE_RULES } from './file-rules.js'
import { RULES } from './index.js'
import { TREE_RULES } from './tree-rules.js'
import type { RuleFinding, RuleMeta } from './types.js'

export interface ConfigChange {
  path: string
  /** The configuration the review runs with (the base side's, or the defaults when it had none). */
  base: Config
  /** The configuration after the change, or why it does not parse. */
  head: Config | { error: string }
  /** The head file's lines, and which of them the change added. */
  lines?: LineIndex
  added: ReadonlySet<number>
}

/** How strict a fail-on threshold is: higher fails on more (low is the strictest, never the least). */
function strictness(f: FailOn | undefined): number {
  return f === 'never' ? 0 : 1 + severityRank('critical') - severityRank(f ?? 'high')
}

function ruleSeverity(config: Config, id: string): 'off' | Severity {
  return config.rules[id] ?? ([...RULES, ...FILE_RULES, ...TREE_RULES, ...DEPENDENCY_RULES].find((r) => r.meta.id === id)?.meta.severity ?? 'high')
}

/** What the head configuration weakens, each with a word to find its line by. */
function weakenings(base: Config, head: Config): { what: string; key: string }[] {
  const out: { what: string; key: string }[] = []
  for (const id of new Set([...Object.keys(base.rules), ...Object.keys(head.rules)])) {
    const [before, after] = [ruleSeverity(base, id), ruleSeverity(head, id)]
    if (after === 'off' && before !== 'off') out.push({ what: `switches ${id} off`, key: id })
    else if (after !== 'off' && before !== 'off' && severityRank(after) < severityRank(before)) out.push({ what: `lowers ${id} from ${before} to ${after}`, key: id })
  }
  if (strictness(head.failOn) < strictness(base.failOn)) out.push({ what: `lowers fail-on from ${base.failOn ?? 'high'} to ${head.failOn ?? 'high'}`, key: 'fail-on' })
  for (const glob of head.ignorePaths.filter((g) => !base.ignorePaths.includes(g))) out.push({ what: `ignores the paths ${glob}`, key: glob })
  // an older Django's defaults silence rules about settings it did not have (COOP, SameSite, fallbacks)
  if (head.djangoVersion !== base.djangoVersion) out.push({ what: `sets django-version to ${head.djangoVersion ?? 'the pinned version'} (from ${base.djangoVersion ?? 'the pinned version'}), which changes the defaults settings are judged by`, key: 'django-version' })
  const [baseInclude, headInclude] = [base.includePaths ?? [], head.includePaths ?? []]
  if (headInclude.length && (!baseInclude.length || headInclude.some((g) => !baseInclude.includes(g)))) out.push({ what: `reports only the paths ${headInclude.join(', ')}`, key: 'include' })
  for (const m of (head.settings?.nonProduction ?? []).filter((n) => !(base.settings?.nonProduction ?? []).includes(n))) out.push({ what: `marks ${m} as non-production`, key: m })
  for (const m of (base.settings?.production ?? []).filter((n) => !(head.settings?.production ?? []).includes(n))) out.push({ what: `no longer marks ${m} as production`, key: 'production' })
  if (severityRank(head.report ?? 'medium') > severityRank(base.report ?? 'medium')) out.push({ what: `raises report from ${base.report ?? 'medium'} to ${head.report ?? 'medium'}`, key: 'report' })
  if (head.baseline !== undefined && head.baseline !== base.baseline) out.push({ what: `${base.baseline === undefined ? 'adds' : 'changes'} the baseline ${head.baseline}`, key: 'baseline' })
  return out
}

/** The first added line that mentions `key`, else the first added line, else line 1. */
function lineOf(change: ConfigChange, key: string | undefined): number {
  const added = [...change.added].sort((a, b) => a - b)
  return (key === undefined ? undefined : added.find((n) => change.lines?.line(n)?.includes(key))) ?? added[0] ?? 1
}

export const reviewConfigWeakened = {
  meta: {
    id: 'review-config-weakened',
    severity: 'high',
    title: 'A change edits the configuration of its own review',
    django: [],
    docs: {
      what: 'Finds a change to the review\'s configuration file (`.github/django-security.yml`). A change is always reviewed with the configuration of its base, so its own edit takes effect only once merged. Reported at high when the edit weakens the review (switches a rule off, lowers a rule\'s severity or `fail-on`, adds `ignore-paths` or `paths`, marks settings non-production, raises `report`, adds or changes the `baseline`, changes `django-version`), at low otherwise.',
      why: 'A pull request that could edit the configuration it is judged by could set `fail-on: never` or switch rules off in the same change that weakens the settings, and pass the required check. The reviewers of the change must see and approve the new rules themselves.',
      bad: '# .github/django-security.yml, edited by the same pull request that sets DEBUG = True\nfail-on: never\nrules:\n  debug-enabled: off',
      fix: '# a separate pull request, reviewed on its own, with the reason in its description\nrules:\n  ssl-redirect-disabled: off   # TLS is terminated and redirected at the load balancer'
    }
  } satisfies RuleMeta,

  check(change: ConfigChange): RuleFinding[] {
    const after = 'once this change is merged; this review ran with the configuration of the base'
    if ('error' in change.head)
      return [{ subject: 'config', loc: { path: change.path, line: lineOf(change, undefined), endLine: lineOf(change, undefined) }, severity: 'low', message: `This change edits the review's configuration, and the new file does not load (${change.head.error}): every review would stop with an error ${after}.`, fix: { description: 'Correct the configuration file.' } }]
    const weak = weakenings(change.base, change.head)
    const line = lineOf(change, weak[0]?.key)
    if (!weak.length)
      return [{ subject: 'config', loc: { path: change.path, line, endLine: line }, severity: 'low', message: `This change edits the review's configuration without weakening it; the edit takes effect ${after}.` }]
    return [
      {
        subject: 'config',
        loc: { path: change.path, line, endLine: line },
        message: `This change edits the configuration of its own review: it ${weak.map((w) => w.what).join(', ')}. That takes effect only ${after}, so reviewers must approve the weaker rules themselves.`,
        fix: { description: 'Propose configuration changes in a pull request of their own, with the reason; keep this change to the code.' }
      }
    ]
  }
}
