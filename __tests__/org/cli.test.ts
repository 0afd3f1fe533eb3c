import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import { runCliInProcess } from '../helpers/cli-in-process.js'

const TOKEN = 'ghs_sarifUploadToken0123456789abcdefABCD'
const SHA = 'ab'.repeat(20)
let api: FakeGitHub
let dir: string

const cli = (args: string[]) => runCliInProcess(args, dir)

beforeAll(async () => {
  api = await new FakeGitHub().start()
  process.env.GITHUB_API_URL = api.url
  process.env.GITHUB_TOKEN = TOKEN
  api.orgs.set('acme', [{ name: 'shop', files: {} }])
  dir = mkdtempSync(join(tmpdir(), 'dsr-sarif-'))
  writeFileSync(join(dir, 'scan.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'django-security-review' } }, results: [] }] }))
})
afterAll(async () => {
  delete process.env.GITHUB_API_URL
  delete process.env.GITHUB_TOKEN
  await api.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('org-upload-sarif', () => {
  it('uploads the file, gzip-compressed and base64-encoded, to the repository named, for the commit and branch scanned', async () => {
    const r = await cli(['org-upload-sarif', '--repository', 'acme/shop', '--sarif', 'scan.sarif', '--commit', SHA, '--ref', 'main'])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/^uploaded scan.sarif to acme\/shop code scanning \(sarif-\d+\)\n$/)
    expect(api.sarifUploads).toEqual([{ repository: 'acme/shop', commit_sha: SHA, ref: 'refs/heads/main', sarif: { version: '2.1.0', runs: [{ tool: { driver: { name: 'django-security-review' } }, results: [] }] } }])
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })

  it('says what the token lacks when code scanning refuses', async () => {
    api.failures.set('code-scanning/upload-sarif', { status: 403, times: 1, message: 'Advanced Security must be enabled for this repository to use code scanning.' })
    const r = await cli(['org-upload-sarif', '--repository', 'acme/shop', '--sarif', 'scan.sarif', '--commit', SHA, '--ref', 'refs/heads/main'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('django-security-review: error: acme/shop: code scanning refused the upload (403): the token needs security_events: write on the repository, and a private repository needs code scanning (GitHub Advanced Security / Code Security) enabled\n')
    expect(r.stderr + r.stdout).not.toContain(TOKEN)
  })

  it.each([
    [['--repository', 'shop', '--sarif', 'scan.sarif', '--commit', SHA, '--ref', 'main'], '--repository must be OWNER/NAME, not "shop"'],
    [['--repository', 'acme/shop', '--sarif', 'scan.sarif', '--commit', 'abc123', '--ref', 'main'], '--commit must be a full commit id (40 or 64 hex digits), not "abc123"'],
    [['--repository', 'acme/shop', '--sarif', 'scan.sarif', '--commit', SHA], '--ref is required'],
    [['--repository', 'acme/shop', '--sarif', 'nothing.sarif', '--commit', SHA, '--ref', 'main'], expect.stringMatching(/^nothing.sarif: not a readable SARIF file \(ENOENT/)]
  ])('refuses %j', async (args, message) => {
    const r = await cli(['org-upload-sarif', ...args])
    expect(r.code).toBe(2)
    expect(r.stderr.replace(/^django-security-review: /, '').trimEnd()).toEqual(message)
  })
})

describe('help', () => {
  it('org commands say how they are used; the main usage names them', async () => {
    const r = await cli(['org-list', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('org-list --org NAME [--topic T]...')
    expect(r.stdout).toContain('org-report --input DIR')
    expect((await cli(['--help'])).stdout).toContain('org-list | org-upload-sarif | org-report')
  })
})

describe('org-report', () => {
  it('needs --input, and refuses a fail-on it does not know and a matrix that is not one', async () => {
    expect((await cli(['org-report'])).stderr).toBe('django-security-review: --input is required\n')
    expect((await cli(['org-report', '--input', '.', '--fail-on', 'severe'])).stderr).toBe('django-security-review: --fail-on must be one of critical, high, medium, low, never\n')
    writeFileSync(join(dir, 'bad.json'), '[]')
    expect((await cli(['org-report', '--input', '.', '--expect', 'bad.json'])).stderr).toMatch(/^django-security-review: bad.json: not an org-list matrix \(/)
  })

  it('with no reports and none expected, passes with an empty report', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dsr-empty-'))
    try {
      const r = await cli(['org-report', '--input', empty])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('0 repositories: 0 scanned.')
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
