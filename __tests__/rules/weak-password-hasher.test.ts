import { describe, expect, it } from '@jest/globals'
import { weakPasswordHasher } from '../../src/rules/weak-password-hasher.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

const H = (name: string): string => `"django.contrib.auth.hashers.${name}"`

ruleTester(weakPasswordHasher, {
  valid: [
    { name: "not set (Django's PBKDF2 default)", code: py('DEBUG = False') },
    { name: 'Argon2 first, MD5 later for legacy logins (near miss)', code: py('PASSWORD_HASHERS = [', `    ${H('Argon2PasswordHasher')},`, `    ${H('PBKDF2PasswordHasher')},`, `    ${H('MD5PasswordHasher')},`, `    ${H('UnsaltedMD5PasswordHasher')},`, ']') },
    { name: 'bcrypt and scrypt', code: py(`PASSWORD_HASHERS = [${H('BCryptSHA256PasswordHasher')}, ${H('ScryptPasswordHasher')}]`) },
    { name: 'MD5 in test settings for speed', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/test.py': py('from .base import *', `PASSWORD_HASHERS = [${H('MD5PasswordHasher')}]`), 'proj/settings/production.py': py('from .base import *') } },
    { name: 'required env list (unknown)', code: py('import os', 'PASSWORD_HASHERS = os.environ["HASHERS"].split(",")') }
  ],
  invalid: [
    { name: 'MD5 first', code: py('PASSWORD_HASHERS = [', `    ${H('MD5PasswordHasher')},`, `    ${H('PBKDF2PasswordHasher')},`, ']'), findings: [{ line: 2, severity: 'medium', message: ["'django.contrib.auth.hashers.MD5PasswordHasher'", 'salted MD5', 'every new or changed password'] }] },
    { name: 'unsalted SHA1 alone', code: py(`PASSWORD_HASHERS = (${H('UnsaltedSHA1PasswordHasher')},)`), findings: [{ line: 1, message: ['unsalted SHA1', 'rainbow tables'] }] },
    { name: 'crypt', code: py(`PASSWORD_HASHERS = [${H('CryptPasswordHasher')}]`), findings: [{ line: 1, message: ['first 8 characters'] }] },
    { name: 'a project copy of the MD5 hasher', code: py('PASSWORD_HASHERS = ["accounts.hashers.SHA1PasswordHasher"]'), findings: [{ line: 1, message: ['salted SHA1'] }] },
    { name: 'prepended in production to a good base list', code: { 'proj/settings/base.py': py('DEBUG = False', `PASSWORD_HASHERS = [${H('Argon2PasswordHasher')}]`), 'proj/settings/production.py': py('from .base import *', `PASSWORD_HASHERS.insert(0, ${H('MD5PasswordHasher')})`) }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'MD5 inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', `PASSWORD_HASHERS = [${H('MD5PasswordHasher')}]`), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] }
  ]
})

describe('weak-password-hasher in a diff', () => {
  const good = CLEAN + `PASSWORD_HASHERS = [${H('Argon2PasswordHasher')}, ${H('MD5PasswordHasher')}]\n`
  const swapped = CLEAN + `PASSWORD_HASHERS = [${H('MD5PasswordHasher')}, ${H('Argon2PasswordHasher')}]\n`

  it('a first entry that changes to a weak hasher is new and says what it was', async () => {
    const result = await diffFiles({ 'mysite/settings.py': good }, { 'mysite/settings.py': swapped })
    expect(brief(result)).toEqual([`weak-password-hasher@mysite/settings.py:${line(1)}[new]`])
    expect(result.findings[0].message).toContain("changes from 'Argon2PasswordHasher' to")
  })

  it('putting a strong hasher first fixes it', async () => {
    const result = await diffFiles({ 'mysite/settings.py': swapped }, { 'mysite/settings.py': good })
    expect(brief(result)).toEqual([`weak-password-hasher@mysite/settings.py:${line(1)}[absent]`])
  })
})
