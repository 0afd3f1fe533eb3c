// npm run eval:real -- MIRRORS_DIR [--repo owner/name] [--scan-only | --diff-only] [--unlabelled] [--show-false]
//
// The real-world evaluation. Reviews local git mirrors of public Django projects (never committed)
// against the committed tables of facts in eval/real/, written by reading the code:
//   * scan: every finding of `scan` at the recorded commit is matched to a verdict (repository,
//     commit, path, line, rule); precision per rule and how many projects get only true findings;
//     findings without a verdict are printed as unlabelled.
//   * diff: every labelled real commit (regression, fix or benign, per rule family) is reviewed
//     against its parent; recall of regressions and false alarms on fixes and benign commits.
import { join } from 'node:path'
import { defaultConfig } from '../src/config/config.js'
import { selectForScan } from '../src/cli-run.js'
import type { Finding } from '../src/findings.js'
import { initPython } from '../src/python/parser.js'
import { analyzeSide, review, scan, wantedPaths } from '../src/review.js'
import { gitChangeSet, gitRevisionFiles } from '../src/sources/git.js'
import { FAMILIES, familyOf, mirrorOf, readCommitFacts, readRepos, readScanFacts, type CommitFact, type ScanFact } from './eval/facts.js'

const root = new URL('..', import.meta.url).pathname
const factsDir = join(root, 'eval', 'real')
const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(name)
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const mirrors = args.find((a, i) => !a.startsWith('--') && !['--repo'].includes(args[i - 1] ?? ''))
if (!mirrors) {
  console.error('usage: npm run eval:real -- MIRRORS_DIR [--repo owner/name] [--scan-only | --diff-only] [--unlabelled] [--show-false]')
  process.exit(2)
}
const onlyRepo = option('--repo')
const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)} %` : '—')

async function evaluateScans(): Promise<void> {
  const repos = readRepos(factsDir).filter((r) => !onlyRepo || r.repository === onlyRepo)
  const facts = readScanFacts(factsDir)
  const byKey = new Map<string, ScanFact>()
  for (const f of facts) byKey.set(`${f.repository}|${f.commit}|${f.path}|${f.line}|${f.rule}`, f)
  const perRule = new Map<string, { tp: number; fp: number; unlabelled: number }>()
  const perRepo: { repository: string; tp: number; fp: number; unlabelled: number }[] = []
  const unlabelled: string[] = []
  const falseOnes: string[] = []
  let missing = 0
  for (const repo of repos) {
    const git = mirrorOf(mirrors as string, repo.repository)
    if (!git) {
      console.log(`(no mirror of ${repo.repository} in ${mirrors}: skipped)`)
      missing++
      continue
    }
    const { files, notices } = await gitRevisionFiles(git, repo.commit, selectForScan)
    const result = await scan(files, defaultConfig())
    const counts = { repository: repo.repository, tp: 0, fp: 0, unlabelled: 0 }
    for (const f of result.findings) {
      const r = perRule.get(f.ruleId) ?? { tp: 0, fp: 0, unlabelled: 0 }
      perRule.set(f.ruleId, r)
      const fact = byKey.get(`${repo.repository}|${repo.commit}|${f.path}|${f.line}|${f.ruleId}`)
      if (!fact) {
        r.unlabelled++
        counts.unlabelled++
        unlabelled.push(`${repo.repository}\t${repo.commit}\t${f.path}\t${f.line}\t${f.ruleId}\t?\t${f.severity}: ${f.message}${f.notes.length ? ` [${f.notes.join(' ')}]` : ''}`)
      } else if (fact.verdict === 'true') {
        r.tp++
        counts.tp++
      } else {
        r.fp++
        counts.fp++
        falseOnes.push(`${repo.repository} ${f.path}:${f.line} ${f.ruleId}: ${fact.reason}`)
      }
    }
    perRepo.push(counts)
    const unread = notices.filter((n) => /cannot|skipped/.test(n.message)).length
    if (unread) console.log(`(${repo.repository}: ${unread} files not read, see notices)`)
  }
  console.log(`\nScan at the recorded commit of ${perRepo.length} projects${missing ? ` (${missing} without a mirror)` : ''}\n`)
  console.log('rule'.padEnd(40) + 'true'.padStart(6) + 'false'.padStart(7) + 'unlabelled'.padStart(12) + 'precision'.padStart(11))
  let tp = 0
  let fp = 0
  let un = 0
  for (const [rule, r] of [...perRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(rule.padEnd(40) + String(r.tp).padStart(6) + String(r.fp).padStart(7) + String(r.unlabelled).padStart(12) + pct(r.tp, r.tp + r.fp).padStart(11))
    tp += r.tp
    fp += r.fp
    un += r.unlabelled
  }
  console.log('all'.padEnd(40) + String(tp).padStart(6) + String(fp).padStart(7) + String(un).padStart(12) + pct(tp, tp + fp).padStart(11))
  const clean = perRepo.filter((r) => r.fp === 0 && r.unlabelled === 0).length
  const onlyFalse = perRepo.filter((r) => r.fp > 0 && r.tp === 0)
  console.log(`\nProjects whose findings are all true (or that have none): ${clean} of ${perRepo.length}`)
  console.log(`Projects whose scan holds only false findings: ${onlyFalse.length}${onlyFalse.length ? ` (${onlyFalse.map((r) => r.repository).join(', ')})` : ''}`)
  for (const r of perRepo) console.log(`  ${r.repository.padEnd(45)} ${r.tp} true, ${r.fp} false${r.unlabelled ? `, ${r.unlabelled} unlabelled` : ''}`)
  if (flag('--show-false') && falseOnes.length) console.log(`\nFalse findings:\n${falseOnes.join('\n')}`)
  if (unlabelled.length) {
    console.log(`\n${unlabelled.length} findings without a verdict${flag('--unlabelled') ? ' (repository, commit, path, line, rule, verdict, message):' : '; --unlabelled lists them'}`)
    if (flag('--unlabelled')) console.log(unlabelled.join('\n'))
  }
}

const flags = (f: Finding): boolean => f.baselineState === 'new' || f.baselineState === 'updated'

async function evaluateCommits(): Promise<void> {
  // the change set's reader follows settings imports, which parses Python before review() would load the parser
  await initPython()
  const facts = readCommitFacts(factsDir).filter((f) => !onlyRepo || f.repository === onlyRepo)
  const perFamily = new Map<string, { regressions: number; caught: number; clean: number; alarms: number }>()
  const misses: string[] = []
  const alarms: string[] = []
  let skipped = 0
  for (const fact of facts) {
    const git = mirrorOf(mirrors as string, fact.repository)
    if (!git) {
      skipped++
      continue
    }
    let findings: Finding[]
    try {
      findings = await reviewCommit(git, fact)
    } catch (e) {
      console.log(`${fact.at}: ${(e as Error).message.split('\n')[0]}`)
      skipped++
      continue
    }
    const hit = findings.filter((f) => flags(f) && familyOf(f.ruleId) === fact.family)
    const row = perFamily.get(fact.family) ?? { regressions: 0, caught: 0, clean: 0, alarms: 0 }
    perFamily.set(fact.family, row)
    const what = `${fact.repository} ${fact.commit.slice(0, 10)} (${fact.family}, ${fact.label}): ${fact.reason}`
    if (fact.label === 'regression') {
      row.regressions++
      if (hit.length) row.caught++
      else misses.push(what)
    } else {
      row.clean++
      if (hit.length) {
        row.alarms++
        alarms.push(`${what}\n    → ${hit.map((f) => `${f.ruleId} ${f.baselineState} ${f.path}:${f.line}: ${f.message}`).join('\n    → ')}`)
      }
    }
  }
  console.log(`\nDiff of ${facts.length - skipped} labelled real commits against their parent${skipped ? ` (${skipped} skipped: no mirror or unreadable)` : ''}\n`)
  console.log('family'.padEnd(14) + 'regressions'.padStart(12) + 'caught'.padStart(8) + 'recall'.padStart(10) + 'fix/benign'.padStart(12) + 'alarms'.padStart(8) + 'false alarms'.padStart(14))
  const total = { regressions: 0, caught: 0, clean: 0, alarms: 0 }
  for (const family of Object.keys(FAMILIES)) {
    const r = perFamily.get(family)
    if (!r) continue
    console.log(family.padEnd(14) + String(r.regressions).padStart(12) + String(r.caught).padStart(8) + pct(r.caught, r.regressions).padStart(10) + String(r.clean).padStart(12) + String(r.alarms).padStart(8) + pct(r.alarms, r.clean).padStart(14))
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k]
  }
  console.log('all'.padEnd(14) + String(total.regressions).padStart(12) + String(total.caught).padStart(8) + pct(total.caught, total.regressions).padStart(10) + String(total.clean).padStart(12) + String(total.alarms).padStart(8) + pct(total.alarms, total.clean).padStart(14))
  if (misses.length) console.log(`\nMissed regressions:\n  ${misses.join('\n  ')}`)
  if (alarms.length) console.log(`\nFalse alarms:\n  ${alarms.join('\n  ')}`)
}

async function reviewCommit(git: string, fact: CommitFact): Promise<Finding[]> {
  const change = await gitChangeSet({ repo: git, base: fact.parent, head: fact.commit, mergeBase: fact.parent }, (base, head) => ({
    base: wantedPaths(analyzeSide(base)),
    head: wantedPaths(analyzeSide(head))
  }))
  return (await review(change, defaultConfig())).findings
}

if (!flag('--diff-only')) await evaluateScans()
if (!flag('--scan-only')) await evaluateCommits()
