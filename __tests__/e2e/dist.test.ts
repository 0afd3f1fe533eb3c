// dist/ is committed because GitHub runs it directly: it must be exactly what src/ builds to.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname

describe('dist/', () => {
  it('is rebuilt from src/ (run `npm run build` and commit dist/ when this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'dsr-dist-'))
    try {
      execFileSync(process.execPath, ['scripts/build.mjs', out], { cwd: root })
      const built = readdirSync(out).sort()
      expect(readdirSync(join(root, 'dist')).sort()).toEqual(built)
      const stale = built.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(root, 'dist', f))))
      expect(stale).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
