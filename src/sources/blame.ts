// When each finding's line was last changed: `git blame --porcelain` of that one line at HEAD, one
// process per finding, for at most MAX_BLAMED findings. A finding git cannot blame (a path outside
// git) keeps no date, and so does a line a shallow clone's boundary commit holds: the clone cannot
// say when it was written. In a full clone the root commit is a date like any other (--root).
import { execFile } from 'node:child_process'
import type { Finding } from '../findings.js'

const MAX_BLAMED = 200

function git(repo: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => execFile('git', args, { cwd: repo, maxBuffer: 1 << 20 }, (error, stdout) => resolve(error ? undefined : stdout)))
}

async function blameLine(repo: string, path: string, line: number, shallow: boolean): Promise<{ commit: string; date: string } | undefined> {
  const out = await git(repo, ['blame', '--porcelain', ...(shallow ? [] : ['--root']), '-L', `${line},${line}`, 'HEAD', '--', path])
  if (out === undefined) return undefined
  const commit = /^([0-9a-f]{40,64}) /.exec(out)?.[1]
  const time = /^author-time (\d+)$/m.exec(out)?.[1]
  // the boundary of a shallow clone is not when the line was written
  if (!commit || !time || /^boundary$/m.test(out) || /^0+$/.test(commit)) return undefined
  return { commit, date: new Date(Number(time) * 1000).toISOString() }
}

/** Sets `since` on findings that have none, from the commit that last changed their line. */
export async function dateFindings(repo: string, findings: Finding[]): Promise<void> {
  const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository']))?.trim() !== 'false'
  for (const f of findings.filter((x) => x.since === undefined && x.line > 0).slice(0, MAX_BLAMED)) {
    const since = await blameLine(repo, f.path, f.line, shallow)
    if (since) f.since = since
  }
}
