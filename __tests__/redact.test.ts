import { describe, expect, it } from '@jest/globals'
import { makeRedactor } from '../src/redact.js'
import { scanFiles } from './helpers/project.js'

describe('redaction', () => {
  it('masks long secrets everywhere and short ones where quoted', () => {
    const redact = makeRedactor(['django-insecure-abcdefghij', 'dev'])
    expect(redact('SECRET_KEY = "django-insecure-abcdefghij" # dev box')).toBe('SECRET_KEY = "dj****ij" # dev box')
    expect(redact("SECRET_KEY = 'dev'")).toBe("SECRET_KEY = '****'")
  })

  it('never prints a settings secret in a finding, even in the evidence line', async () => {
    const key = 'p@55w0rd-4-pr0d-!#$%^&*()-xyzxyzxyzxyzxyzxyzxyzxyz'
    const result = await scanFiles({ 'mysite/settings.py': `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${key}")\nDEBUG = False\n` })
    const text = JSON.stringify(result.findings)
    expect(result.findings.map((f) => f.ruleId)).toContain('secret-key-hardcoded')
    expect(text).not.toContain(key)
    expect(text).toContain('p@****yz')
    expect(result.redact(`x = "${key}"`)).toBe('x = "p@****yz"')
  })
})
