import { allowedHostsEmpty } from '../../src/rules/allowed-hosts-empty.js'
import { describe, expect, it } from '@jest/globals'
import { diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { py } from './fixtures.js'

ruleTester(allowedHostsEmpty, {
  valid: [
    { name: 'a host', code: py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]') },
    { name: "['*'] is not empty (Django's W020 passes it)", code: py('DEBUG = False', 'ALLOWED_HOSTS = ["*"]') },
    { name: "[''] is truthy, as in Django", code: py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")') },
    { name: 'DEBUG on (debug-enabled reports that; Django allows localhost then)', code: py('DEBUG = True', 'ALLOWED_HOSTS = []') },
    { name: 'DEBUG unknown', code: py('import os', 'DEBUG = os.environ["DJANGO_DEBUG"] == "1"', 'ALLOWED_HOSTS = []') },
    { name: 'required env read', code: py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")') },
    { name: 'django-environ list without default', code: py('import environ', 'env = environ.Env()', 'DEBUG = False', 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")') },
    {
      name: 'empty only in the test settings',
      code: { 'proj/settings.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]'), 'proj/test_settings.py': py('from .settings import *', 'ALLOWED_HOSTS = []') }
    },
    {
      name: 'base empty, production fills it',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = []'), 'proj/settings/production.py': py('from .base import *', 'ALLOWED_HOSTS += ["example.com"]') }
    }
  ],
  invalid: [
    { name: 'not set (Django default [])', code: py('DEBUG = False', 'SECRET_KEY = "x"'), findings: [{ line: 1, djangoCheck: 'security.W020', message: ['ALLOWED_HOSTS is not set'] }] },
    { name: 'DEBUG not set either (default False)', code: py('ALLOWED_HOSTS = []'), findings: [{ line: 1, djangoCheck: 'security.W020', message: ['400'] }] },
    { name: 'empty tuple', code: py('DEBUG = False', 'ALLOWED_HOSTS = ()'), findings: [{ line: 2, djangoCheck: 'security.W020' }] },
    { name: 'empty string', code: py('DEBUG = False', 'ALLOWED_HOSTS = ""'), findings: [{ line: 2, djangoCheck: 'security.W020' }] },
    { name: 'django-environ list with an empty default', code: py('import environ', 'env = environ.Env()', 'DEBUG = env.bool("DEBUG", default=False)', 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])'), findings: [{ line: 4, message: ['ALLOWED_HOSTS unset gets []'] }] },
    { name: 'split() of an empty default', code: py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "").split()'), findings: [{ line: 3, djangoCheck: 'security.W020' }] },
    { name: 'python-decouple Csv with an empty default', code: py('from decouple import config, Csv', 'DEBUG = config("DEBUG", default=False, cast=bool)', 'ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="", cast=Csv())'), findings: [{ line: 3 }] },
    {
      name: 'inherited empty list',
      code: { 'proj/settings/base.py': py('DEBUG = False', 'ALLOWED_HOSTS = []'), 'proj/settings/production.py': py('from .base import *') },
      findings: [{ path: 'proj/settings/base.py', line: 2 }]
    },
    {
      name: 'production filters out the only host',
      code: { 'proj/settings/base.py': py('DEBUG = True', 'ALLOWED_HOSTS = ["localhost"]'), 'proj/settings/production.py': py('from .base import *', 'DEBUG = False', 'ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h != "localhost"]') },
      findings: [{ path: 'proj/settings/production.py', line: 3 }]
    }
  ]
})

describe('allowed-hosts-empty in a change', () => {
  const before = py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]')
  const flagged = async (base: string, head: string) => (await diffFiles({ 'mysite/settings.py': base }, { 'mysite/settings.py': head })).findings.filter((f) => f.ruleId === 'allowed-hosts-empty').map((f) => f.baselineState)

  it('a change writing an empty list is reported', async () => {
    expect(await flagged(before, py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = []'))).toEqual(['new'])
  })

  it('not when only an unset variable production must set leaves it empty (the server is given it)', async () => {
    expect(await flagged(before, py('import environ', 'env = environ.Env()', 'DEBUG = False', 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])'))).toEqual([])
  })

  it('a list empty before and after stays unchanged (not fixed)', async () => {
    const empty = py('import environ', 'env = environ.Env()', 'DEBUG = False', 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])')
    expect(await flagged(empty, empty + 'TIME_ZONE = "UTC"\n')).toEqual(['unchanged'])
  })

  it('not when the list before matched no host either ([""] from splitting an empty variable)', async () => {
    const blank = py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = os.getenv("HOSTS", "").split(" ")')
    const switched = py('import os', 'DEBUG = False', 'if "HOSTS" in os.environ and os.environ["HOSTS"] != "":', '    ALLOWED_HOSTS = os.environ["HOSTS"].split(" ")', 'else:', '    ALLOWED_HOSTS = []')
    expect(await flagged(blank, switched)).toEqual([])
  })
})
