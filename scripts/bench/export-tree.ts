// Writes the HEAD tree of a git repository (a bare mirror too) into a directory, for the real-tree
// benchmark. A snapshot may omit some blobs (large media): those are skipped and counted. Symbolic
// links and submodules are left out (a scan does not follow them either).
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface Exported {
  files: number
  bytes: number
  /** Blobs HEAD names that the repository does not hold. */
  missing: number
}

function git(repo: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', ['-C', repo, ...args], { input, maxBuffer: 2 ** 31 })
  if (r.status !== 0 && !(args[0] === 'cat-file')) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString().trim()}`)
  return r.stdout
}

/** Exports `rev` (default HEAD) of `repo` into `dir`. */
export function exportTree(repo: string, dir: string, rev = 'HEAD'): Exported {
  const listing = git(repo, ['ls-tree', '-r', '-z', '--full-tree', rev]).toString('utf8')
  const blobs: { oid: string; path: string }[] = []
  for (const entry of listing.split('\0')) {
    // <mode> SP <type> SP <oid> TAB <path>
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry)
    if (m && m[2] === 'blob' && m[1] !== '120000') blobs.push({ oid: m[3], path: m[4] })
  }
  const out = { files: 0, bytes: 0, missing: 0 }
  // one cat-file --batch per chunk of blobs, so that no single answer holds the whole tree
  for (let i = 0; i < blobs.length; i += 500) {
    const chunk = blobs.slice(i, i + 500)
    const answer = git(repo, ['cat-file', '--batch'], chunk.map((b) => b.oid).join('\n') + '\n')
    let at = 0
    for (const b of chunk) {
      const nl = answer.indexOf(10, at)
      const header = answer.subarray(at, nl).toString('latin1')
      at = nl + 1
      if (header.endsWith(' missing')) {
        out.missing++
        continue
      }
      const size = Number(header.split(' ')[2])
      const file = join(dir, b.path)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, answer.subarray(at, at + size))
      at += size + 1
      out.files++
      out.bytes += size
    }
  }
  return out
}
