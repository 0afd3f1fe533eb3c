// A scan lists what production runs. Low findings in files production never runs (tests, fixtures,
// CI, development setups, templates, docs, vendored code) are set aside and counted in one coverage
// line instead; `--include-tests` lists them. So are findings marked `aside` in production files: the
// password of a database the project runs next to itself, and (in a scan) a line that can set any
// setting unseen, which is news in a change but coverage in a scan of the tree. Findings above low in such files (a private key, a
// provider's live key) are always listed: they grant access wherever they are committed.
import type { Finding, Notice } from '../findings.js'
import type { FileKind } from './classify.js'

const KIND_WORDS: Record<Exclude<FileKind, 'production'>, string> = {
  test: 'test code and fixtures',
  ci: 'CI configuration',
  development: 'development-only files and settings',
  template: 'templates and examples',
  docs: 'documentation',
  vendored: 'vendored or generated files'
}

const nonProduction = (f: Finding): boolean => f.fileClass !== undefined && f.fileClass.kind !== 'production'
const settingAside = (f: Finding): boolean => f.aside !== undefined || (f.severity === 'low' && nonProduction(f))

/** A finding's `aside` words are singular ("line that can set…"); a count above one makes the first word plural. */
function counted(words: string, n: number): string {
  if (n === 1) return `1 ${words}`
  const space = words.indexOf(' ')
  return space < 0 ? `${n} ${words}s` : `${n} ${words.slice(0, space)}s${words.slice(space)}`
}

export function setAside(findings: Finding[], includeTests: boolean): { findings: Finding[]; notices: Notice[] } {
  if (includeTests) return { findings, notices: [] }
  const kept: Finding[] = []
  const counts = new Map<string, number>()
  const asides = new Set<string>()
  for (const f of findings) {
    if (!settingAside(f)) {
      kept.push(f)
      continue
    }
    const byKind = f.severity === 'low' && nonProduction(f)
    const words = byKind ? `in ${KIND_WORDS[f.fileClass?.kind as Exclude<FileKind, 'production'>]}` : (f.aside as string)
    if (!byKind) asides.add(words)
    counts.set(words, (counts.get(words) ?? 0) + 1)
  }
  const total = findings.length - kept.length
  if (!total) return { findings: kept, notices: [] }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([words, n]) => (asides.has(words) ? counted(words, n) : `${n} ${words}`))
  return { findings: kept, notices: [{ message: `${total} finding${total === 1 ? '' : 's'} set aside (${parts.join(', ')}); --include-tests lists them` }] }
}
