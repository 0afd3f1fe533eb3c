import { describe, expect, it } from '@jest/globals'
import { envFileCommitted, secretsFileReason } from '../../src/rules/env-file-committed.js'
import { diffFiles, scanFiles } from '../helpers/project.js'
import { classifyFile } from '../../src/files/classify.js'

describe('env-file-committed', () => {
  it.each([
    ['.env', 'A=1\n', 'an environment file'],
    ['deploy/.env.production', 'A=1\n', 'an environment file'],
    ['shop/local_settings.py', 'DEBUG = True\n', 'a local settings module, meant to stay on one machine'],
    ['config/secrets.json', '{}', 'a secrets file'],
    ['keys/server.pem', '-----BEGIN PRIVATE KEY-----\nMII\n', 'a private key file'],
    ['.ssh/id_rsa', 'x', 'an SSH private key'],
    ['certs/store.p12', 'x', 'a key store']
  ])('reports %s', (path, text, reason) => {
    expect(secretsFileReason(path, text)).toBe(reason)
    expect(envFileCommitted.checkFile({ path, text, added: true, fileClass: classifyFile(path) })).toHaveLength(1)
  })

  it.each([
    ['.env.example', 'A=\n'],
    ['.env.sample', 'A=\n'],
    ['.env.template', 'A=\n'],
    ['env.dist', ''],
    ['certs/public.pem', '-----BEGIN CERTIFICATE-----\nMII\n'],
    ['settings.py', 'DEBUG = False\n'],
    ['docs/local_settings.example.py', 'DEBUG = True\n']
  ])('does not report %s', (path, text) => {
    expect(secretsFileReason(path, text)).toBeUndefined()
  })

  it('reports a secrets file when a change adds it, not when it only edits one already there', async () => {
    const added = await diffFiles({ 'README.md': '# x\n' }, { '.env.production': 'DEBUG=0\n' })
    expect(added.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}[${f.baselineState}]`)).toEqual(['env-file-committed@.env.production:1[new]'])
    const edited = await diffFiles({ '.env.production': 'DEBUG=0\n' }, { '.env.production': 'DEBUG=0\nLOG_LEVEL=info\n' })
    expect(edited.findings.filter((f) => f.ruleId === 'env-file-committed')).toEqual([])
  })

  it('reports a committed secrets file in a scan', async () => {
    const r = await scanFiles({ '.env': 'DEBUG=0\n', '.env.example': 'SECRET_KEY=\n' })
    expect(r.findings.map((f) => `${f.ruleId}@${f.path}`)).toEqual(['env-file-committed@.env'])
  })
})
