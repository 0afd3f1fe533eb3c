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

interface Phrase {
  one: string
  many: string
}
const phrases = new Map<string, Phrase>()
/** A finding's `aside` words are singular ("line that can set…"); the count makes the first word plural. */
function plural(words: string): Phrase {
  let p = phrases.get(words)
  if (!p) {
    const space = words.indexOf(' ')
    phrases.set(words, (p = { one: words, many: space < 0 ? `${words}s` : `${words.slice(0, space)}s${words.slice(space)}` }))
  }
  return p
}

export function setAside(findings: Finding[], includeTests: boolean): { findings: Finding[]; notices: Notice[] } {
  if (includeTests) return { findings, notices: [] }
  const kept: Finding[] = []
  const counts = new Map<string | Phrase, number>()
  for (const f of findings) {
    if (!settingAside(f)) {
      kept.push(f)
      continue
    }
    const words = f.severity === 'low' && nonProduction(f) ? `in ${KIND_WORDS[f.fileClass?.kind as Exclude<FileKind, 'production'>]}` : plural(f.aside as string)
    counts.set(words, (counts.get(words) ?? 0) + 1)
  }
  const total = findings.length - kept.length
  if (!total) return { findings: kept, notices: [] }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([words, n]) => (typeof words === 'string' ? `${n} ${words}` : `${n} ${n === 1 ? words.one : words.many}`))
  return { findings: kept, notices: [{ message: `${total} finding${total === 1 ? '' : 's'} set aside (${parts.join(', ')}); --include-tests lists them` }] }
}
