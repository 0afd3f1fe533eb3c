// The output boundary: findings, evidence, code frames, notes and the settings table as reporters get them.
import { describe, expect, it } from '@jest/globals'
import { diffFiles, scanFiles } from './helpers/project.js'

describe('redactForOutput', () => {
  it('never prints a settings secret in a finding, even in the evidence line', async () => {
    const key = 'p@55w0rd-4-pr0d-!#$%^&*()-xyzxyzxyzxyzxyzxyzxyzxyz'
    const out = await scanFiles({ 'mysite/settings.py': `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${key}")\nDEBUG = False\n` })
    const text = JSON.stringify(out.findings)
    expect(out.findings.map((f) => f.ruleId)).toContain('secret-key-hardcoded')
    expect(text).not.toContain(key)
    expect(text).toContain('p@****yz')
    expect(out.lines('mysite/settings.py', 'head')?.[1]).toBe('SECRET_KEY = os.environ.get("SECRET_KEY", "p@****yz")')
  })

  it('never masks a path of the tree, even when a password equals one of its folders (a note naming tabbycat/asgi.py)', async () => {
    const out = await scanFiles({
      'tabbycat/asgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "tabbycat.settings")\n',
      'tabbycat/settings.py': 'DEBUG = True\nSECRET_KEY = os.environ["SECRET_KEY"]\nDATABASES = {"default": {"HOST": "db.example.com", "PASSWORD": "tabbycat"}}\n'
    })
    const notes = out.findings.flatMap((f) => f.notes).join('\n')
    expect(notes).toContain('tabbycat/asgi.py:2 sets DJANGO_SETTINGS_MODULE')
    expect(JSON.stringify(out.findings.map((f) => f.evidence))).not.toContain('"tabbycat"')
  })

  it('masks a weak default that a message shows cut short', async () => {
    const key = `django-insecure-${'k7'.repeat(45)}`
    const out = await scanFiles({ 'mysite/settings.py': `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${key}")\nDEBUG = False\n` })
    const weak = out.findings.find((f) => f.ruleId === 'secret-key-weak')
    expect(weak?.message).toContain('django-insecure-')
    expect(JSON.stringify(out.findings)).not.toContain(key.slice(16, 22))
  })

  it('masks a short secret in the evidence as in the message', async () => {
    const out = await scanFiles({ 'deploy/docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "k9#x2Q"\n' })
    const [f] = out.findings
    expect(f.message).toContain('(k****Q)')
    expect(f.evidence).toBe('POSTGRES_PASSWORD: "k****Q"')
  })

  it('masks context lines: an unchanged password next to a new one, a base-side password next to a fixed finding', async () => {
    const old = 'Old-Pg-Pa55word-2024'
    const fresh = 'Sm7p-N3w-Pa55-2026'
    const base = { 'app/mail.py': `DB_PASSWORD = "${old}"\n` }
    const out = await diffFiles(base, { 'app/mail.py': `DB_PASSWORD = "${old}"\nEMAIL_HOST_PASSWORD = "${fresh}"\n` })
    expect(out.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['app/mail.py:2'])
    expect(out.lines('app/mail.py', 'head')).toEqual(['DB_PASSWORD = "Ol****24"', 'EMAIL_HOST_PASSWORD = "Sm****26"', ''])
    expect(out.lines('app/mail.py', 'base')).toEqual(['DB_PASSWORD = "Ol****24"', ''])
  })

  it('masks the settings table of a diff', async () => {
    const key = 'Zr4!kQ9@xL2#mW7$pN5%vB8^cT1&hJ6*Zr4!kQ9@xL2#mW7$pN5%vB8^cT1&hJ6*Zr4!kQ9@xL2#mW7$pN5%vB8^cT1&hJ6*abc'
    const base = { 'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\n' }
    const out = await diffFiles(base, { 'mysite/settings.py': `import os\nSECRET_KEY = "${key}"\nDEBUG = False\n` })
    const table = JSON.stringify(out.settingChanges)
    expect(table).toContain('SECRET_KEY')
    expect(table).not.toContain(key.slice(0, 12))
  })
})
