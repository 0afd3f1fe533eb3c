import { describe, expect, it } from '@jest/globals'
import { textMasker } from '../../src/redact/text.js'

describe('textMasker', () => {
  it('masks a value whole, as written, or cut short by a display limit', () => {
    const text = textMasker(['django-insecure-x7!k2@9q#m4$z8^w1&e6*r3', "it's-a-s3cr3t-value", "it\\'s-a-s3cr3t-value"], new Set())
    expect(text("a server gets 'django-insecure-x7!k2@9q#m4…'")).toBe("a server gets 'django-insecure-x7****m4…'")
    expect(text('`PASSWORD = "it\\\'s-a-s3cr3t-value"`')).toBe('`PASSWORD = "it****ue"`')
  })

  it('masks a short value only where it stands as a whole word', () => {
    const text = textMasker(['k9#x'], new Set())
    expect(text('password "k9#x" in PASSWORD; k9#xyz stays')).toBe('password "****" in PASSWORD; k9#xyz stays')
  })

  it('never masks paths, rule ids or setting names, even when a password equals a word in them', () => {
    const text = textMasker(['provider', 'settings-2026', 'DB_PASSWORD'], new Set(['cla_backend/apps/cla_provider/tests/test_auth.py', 'config/settings-2026/prod.py']))
    expect(text('cla_backend/apps/cla_provider/tests/test_auth.py:84 holds provider.')).toBe('cla_backend/apps/cla_provider/tests/test_auth.py:84 holds pr****er.')
    expect(text('config/settings-2026/prod.py: DB_PASSWORD is settings-2026')).toBe('config/settings-2026/prod.py: DB_PASSWORD is se****26')
  })
})
