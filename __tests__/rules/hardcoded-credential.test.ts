import { describe, expect, it } from '@jest/globals'
import { diffFiles, scanFiles } from '../helpers/project.js'

const KEY = 'x7!k2@9q#m4$z8^w1&e6*r3(t5)y0-u_i=o+p1a2s3d4f5g6hQ'

describe('hardcoded-credential', () => {
  it('reports credentials in any file at high severity, masked, with where it is', async () => {
    const r = await scanFiles({
      'deploy/docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: "Pg-Pr0d-2026-xQ"\n',
      'app/clients.py': 'import stripe\nstripe.api_key = "sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r"\n'
    })
    expect(r.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}:${f.severity}`)).toEqual(['hardcoded-credential@app/clients.py:2:high', 'hardcoded-credential@deploy/docker-compose.yml:4:high'])
    expect(r.findings[0].message).toBe('app/clients.py contains Stripe secret key (sk****3r): anyone with access to the repository can use it, and removing it later does not take it out of git history.')
    expect(r.findings[1].evidence).toBe('POSTGRES_PASSWORD: "Pg****xQ"')
  })

  it('lowers the severity in tests and development settings, and says why', async () => {
    const r = await scanFiles({
      'shop/tests/test_payments.py': 'STRIPE_SECRET = "sk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3r"\n',
      'config/settings/base.py': 'DEBUG = False\nINSTALLED_APPS = []\n',
      'config/settings/local.py': `from .base import *\nEMAIL_HOST_PASSWORD = "Sm7p-l0cal-pa55"\n`
    })
    const bySeverity = r.findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => `${f.path}:${f.severity}`)
    expect(bySeverity).toEqual(['config/settings/local.py:low', 'shop/tests/test_payments.py:low'])
    expect(r.findings.find((f) => f.path === 'shop/tests/test_payments.py')?.message).toContain('because it is in test code')
    expect(r.findings.find((f) => f.path === 'config/settings/local.py')?.message).toContain('development or test settings module')
  })

  it('never reports the same line as secret-key-hardcoded', async () => {
    const r = await scanFiles({ 'mysite/settings.py': `SECRET_KEY = "${KEY}"\nDEBUG = False\n` })
    const secretRules = r.findings.filter((f) => f.ruleId === 'secret-key-hardcoded' || f.ruleId === 'hardcoded-credential')
    expect(secretRules.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['secret-key-hardcoded:1'])
  })

  it('in a diff, looks at added lines only', async () => {
    const base = { 'app/payments.py': 'LEGACY_TOKEN = "tok-9f8e7d6c5b4a3F2E1D"\n' }
    const r = await diffFiles(base, { 'app/payments.py': 'LEGACY_TOKEN = "tok-9f8e7d6c5b4a3F2E1D"\nSLACK_BOT_TOKEN = "xoxb-2048-4096-aBcDeFgHiJkLmNoPqR"\n' })
    expect(r.findings.map((f) => `${f.ruleId}@${f.path}:${f.line}[${f.baselineState}]`)).toEqual(['hardcoded-credential@app/payments.py:2[new]'])
  })
})
