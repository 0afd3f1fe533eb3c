// What GitHub's "list pull request files" answers for a real git repository: file names, statuses and
// patches with three lines of context, computed by git from the three-dot range.
import { execFileSync } from 'node:child_process'
import type { PullFile } from './github-api.js'

export function pullFiles(dir: string, base: string, head: string): PullFile[] {
  const out = execFileSync('git', ['diff', '--no-color', '-M', `${base}...${head}`], { cwd: dir, encoding: 'utf8' })
  return out
    .split(/^diff --git /m)
    .filter(Boolean)
    .map((chunk) => {
      const name = /^\+\+\+ b\/(.*)$/m.exec(chunk)?.[1] ?? /^--- a\/(.*)$/m.exec(chunk)?.[1] ?? ''
      const at = chunk.indexOf('\n@@')
      return { filename: name, status: chunk.includes('\nnew file mode') ? 'added' : 'modified', patch: at < 0 ? undefined : chunk.slice(at + 1).replace(/\n$/, '') }
    })
}
