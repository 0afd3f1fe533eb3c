import { describe, expect, it } from '@jest/globals'
import { defaultConfig } from '../../src/config/config.js'
import { hashingAlgorithmInvalid } from '../../src/rules/hashing-algorithm-invalid.js'
import { scanFiles, type Files } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { cleanWith, line, py } from './fixtures.js'

/** A settings module of a project pinned to a Django release. */
const on = (version: string, settings: string): Files => ({ 'mysite/settings.py': settings, 'requirements.txt': `Django==${version}\n` })

ruleTester(hashingAlgorithmInvalid, {
  valid: [
    { name: "'sha1' on 3.2", code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "sha1"')) },
    { name: "'sha256' on 3.1", code: on('3.1.14', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "sha256"')) },
    { name: 'unset on 3.2 (default sha256)', code: on('3.2.25', py('DEBUG = False')) },
    { name: "'md5' on 4.2 (the setting was removed in 4.0)", code: on('4.2.16', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "md5"')) },
    { name: "'md5' on 3.0 (the setting came with 3.1)", code: on('3.0.14', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "md5"')) },
    { name: "'md5' with no pin (the newest Django is assumed)", code: py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "md5"') },
    { name: 'a list on 3.2 (unhashable: Django\'s check raises, not judged)', code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = ["sha256"]')) },
    { name: 'required env read on 3.2 (unknown)', code: on('3.2.25', py('DEBUG = False', 'import os', 'DEFAULT_HASHING_ALGORITHM = os.environ["HASHING"]')) }
  ],
  invalid: [
    { name: "'md5' on 3.2", code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "md5"')), findings: [{ line: 2, djangoCheck: 'security.E100', severity: 'medium', message: ["is 'md5'", 'HMAC-MD5'] }] },
    { name: "'sha512' on 3.2 (not one of the two)", code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "sha512"')), findings: [{ line: 2, djangoCheck: 'security.E100', severity: 'low' }] },
    { name: "'SHA256' on 3.1 (exact comparison)", code: on('3.1.14', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "SHA256"')), findings: [{ line: 2, djangoCheck: 'security.E100', severity: 'low' }] },
    { name: 'None on 3.2', code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = None')), findings: [{ line: 2, djangoCheck: 'security.E100' }] },
    { name: '256 on 3.2', code: on('3.2.25', py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = 256')), findings: [{ line: 2, djangoCheck: 'security.E100' }] },
    { name: "env default 'md5' on 3.2", code: on('3.2.25', py('DEBUG = False', 'import os', 'DEFAULT_HASHING_ALGORITHM = os.environ.get("HASHING", "md5")')), findings: [{ line: 3, djangoCheck: 'security.E100', message: ['HASHING unset gets'] }] },
    {
      name: 'inherited from a base module on 3.2',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'DEFAULT_HASHING_ALGORITHM = "invalid"'), 'proj/settings/production.py': py('from .base import *'), 'requirements.txt': 'Django==3.2.25\n' },
      findings: [{ path: 'proj/settings/base.py', line: 2, djangoCheck: 'security.E100' }]
    }
  ]
})

describe('hashing-algorithm-invalid by version', () => {
  const ids = async (files: Files, djangoVersion?: string) => (await scanFiles(files, { ...defaultConfig(), ...(djangoVersion ? { djangoVersion } : {}) })).findings.filter((f) => f.ruleId === 'hashing-algorithm-invalid').map((f) => `${f.line} ${f.djangoCheck}`)
  const md5 = cleanWith('DEFAULT_HASHING_ALGORITHM = "md5"\n')

  it('E100 under 3.1 and 3.2 only', async () => {
    expect(await ids(on('3.1.14', md5))).toEqual([`${line(1)} security.E100`])
    expect(await ids(on('3.2.25', md5))).toEqual([`${line(1)} security.E100`])
    for (const v of ['2.2.28', '3.0.14', '4.2.16', '5.2.1']) expect(await ids(on(v, md5))).toEqual([])
  })

  it('--django-version decides over the pins: no E100 under 4.2', async () => {
    expect(await ids(on('3.2.25', md5), '4.2')).toEqual([])
    expect(await ids(on('4.2.16', md5), '3.2')).toEqual([`${line(1)} security.E100`])
  })
})
