// The history scanner reads git's output as bytes, in whatever chunks the pipe delivers: the same
// secrets at the same lines however the output is cut, CRLF lines, bytes that are not UTF-8 and a
// line longer than any chunk included. The output is real `git log -p` of a real repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HistoryScanner, LOG_FORMAT, type HistorySecret } from '../../src/secrets/history.js'
import { makeRepo, type Repo } from '../helpers/project.js'

const GITHUB = 'ghp_' + 'Qw8ErTy6UiOp4AsDf2GhJk0LzXcVbNm13579'.slice(0, 36)
const DB = 'Xk9vQ2mW7pLs4Rt8'
const K8S = 'Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2x'
const LATIN = 'Lp3Wq8Zr5Tx1Vn7Bm'

let repo: Repo
let log: Buffer

beforeAll(async () => {
  repo = await makeRepo()
  await repo.commit({ 'deploy/windows.env': `# CRLF file\r\nDB_PASSWORD=${DB}\r\n`, 'app/api.py': 'import os\n' }, 'crlf')
  await repo.commit({ 'deploy/k8s.yaml': `env:\n  - name: DJANGO_SECRET_KEY\n    value: "${K8S}"\n` }, 'k8s')
  // a comment in Latin-1 (not UTF-8) above a password; a token at the end of a 200 kB line
  writeFileSync(join(repo.dir, 'legacy.py'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\nEMAIL_HOST_PASSWORD = "${LATIN}"\n`)]))
  writeFileSync(join(repo.dir, 'app/bundle.txt'), `${'x'.repeat(200_000)} token ${GITHUB}\n`)
  await repo.git.add('.')
  await repo.git.commit('latin-1 and a long line')
  log = execFileSync('git', ['log', '-p', '--reverse', '-U0', '-M', '--text', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', `--format=${LOG_FORMAT}`, 'HEAD'], { cwd: repo.dir, maxBuffer: 1 << 26 })
})
afterAll(() => repo.cleanup())

function scanInChunks(size: number): HistorySecret[] {
  const scanner = new HistoryScanner()
  for (let at = 0; at < log.length; at += size) scanner.push(log.subarray(at, at + size))
  scanner.end()
  return scanner.results()
}

const summary = (secrets: HistorySecret[]): string[] => secrets.map((s) => `${s.first.path}:${s.first.line} ${s.hit.kind} ${s.hit.value}`).sort()

describe('HistoryScanner', () => {
  it('finds each secret at its line in the first commit that added it', () => {
    expect(summary(scanInChunks(log.length))).toEqual([
      `app/bundle.txt:1 github-token ${GITHUB}`,
      // a value on the line after its name is placed at the name
      `deploy/k8s.yaml:2 django-secret-key ${K8S}`,
      `deploy/windows.env:2 password ${DB}`,
      `legacy.py:2 password ${LATIN}`
    ])
  })

  it.each([1, 2, 3, 7, 64, 4096, 65536])('finds the same when the output arrives %i bytes at a time', (size) => {
    expect(summary(scanInChunks(size))).toEqual(summary(scanInChunks(log.length)))
  })

  it('counts commits and added lines', () => {
    const scanner = new HistoryScanner()
    scanner.push(log)
    scanner.end()
    expect([scanner.commits, scanner.addedLines]).toEqual([3, 9])
  })
})
