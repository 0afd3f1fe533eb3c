import { describe, expect, it } from '@jest/globals'
import { secretKeyWeak } from '../../src/rules/secret-key-weak.js'
import { diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { INSEC, K49, K50, LOW, py } from './fixtures.js'

// 48 code points but 58 UTF-16 units: Django counts Python characters.
const EMOJI48 = '😀'.repeat(10) + 'abcdefghijklmnopqrstuvwxyzabcdefghijkl'
// 50 code points (55 bytes in UTF-8), 27 distinct.
const ACCENT50 = 'é'.repeat(5) + 'abcdefghijklmnopqrstuvwxyz' + 'ABCDEFGHIJKLMNOPQRS'

ruleTester(secretKeyWeak, {
  valid: [
    { name: 'required env read (unknown value)', code: py('import os', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]') },
    { name: 'exactly 50 characters, 24 distinct', code: py(`SECRET_KEY = "${K50}"`) },
    { name: 'exactly 5 distinct characters', code: py('SECRET_KEY = "abcde" * 10') },
    { name: 'the insecure prefix is case-sensitive', code: py(`SECRET_KEY = "Django-Insecure-${K50}"`) },
    { name: 'length counts characters, not bytes', code: py(`SECRET_KEY = "${ACCENT50}"`) },
    { name: 'generated at start-up', code: py('from django.core.management.utils import get_random_secret_key', 'SECRET_KEY = get_random_secret_key()') },
    { name: 'empty env default fails closed (Django refuses an empty key)', code: py('import os', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")') },
    { name: 'env read without default fails closed', code: py('import os', 'SECRET_KEY = os.getenv("DJANGO_SECRET_KEY")') },
    { name: 'django-environ without default', code: py('import environ', 'env = environ.Env()', 'SECRET_KEY = env("DJANGO_SECRET_KEY")') },
    { name: 'strong fallbacks', code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', `SECRET_KEY_FALLBACKS = ["${K50}", os.environ["OLD_KEY"]]`) },
    { name: 'empty fallbacks', code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = []') },
    {
      name: 'weak key only in local.py',
      code: {
        'proj/settings/base.py': py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["SECRET_KEY"]'),
        'proj/settings/local.py': py('from .base import *', 'SECRET_KEY = "dev"'),
        'proj/settings/production.py': py('from .base import *')
      }
    },
    {
      name: 'startproject key in base, production replaces it',
      code: {
        'proj/settings/base.py': py('DEBUG = False', `SECRET_KEY = "${INSEC}"`),
        'proj/settings/production.py': py('from .base import *', 'from decouple import config', 'SECRET_KEY = config("SECRET_KEY")')
      }
    }
  ],
  invalid: [
    // empty or missing fails closed: Django refuses to start, so it is not "weak"; a low note says so
    { name: 'not set at all (Django default "")', code: py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]'), findings: [{ line: 1, severity: 'low', message: ['is empty in production', 'Django refuses to start', 'not a weak key', 'SECRET_KEY is not set'] }] },
    { name: 'empty literal', code: py('DEBUG = False', 'SECRET_KEY = ""'), findings: [{ line: 2, severity: 'low', message: ['is empty in production', 'refuses to start'] }] },
    { name: 'None', code: py('SECRET_KEY = None'), findings: [{ line: 1, severity: 'low', message: ['is empty in production'] }] },
    { name: '49 characters', code: py(`SECRET_KEY = "${K49}"`), findings: [{ line: 1, djangoCheck: 'security.W009', message: ['49 characters, fewer than 50'] }] },
    { name: '80 characters but only 4 distinct', code: py(`SECRET_KEY = "${LOW}"`), findings: [{ line: 1, djangoCheck: 'security.W009', message: ['fewer than 5 distinct'] }] },
    { name: 'startproject key (django-insecure- prefix)', code: py('DEBUG = False', `SECRET_KEY = "${INSEC}"`), findings: [{ line: 2, djangoCheck: 'security.W009', message: ['django-insecure-'] }] },
    { name: 'long key with the prefix', code: py(`SECRET_KEY = "django-insecure-" + "x" * 60`), findings: [{ line: 1, message: ['django-insecure-'] }] },
    { name: 'code points, not UTF-16 units', code: py(`SECRET_KEY = "${EMOJI48}"`), findings: [{ line: 1, message: ['48 characters'] }] },
    { name: 'placeholder from a django-environ default', code: py('import environ', 'env = environ.Env()', 'SECRET_KEY = env("SECRET_KEY", default="changeme")'), findings: [{ line: 3, djangoCheck: 'security.W009', message: ['placeholder', 'SECRET_KEY unset gets'] }] },
    {
      name: 'weak on one branch of an if the analysis cannot decide',
      code: py('from myproject.platform import on_heroku', 'DEBUG = False', `SECRET_KEY = "${K49}" if on_heroku() else "${K50}"`),
      findings: [{ line: 3, djangoCheck: 'security.W009', message: ['can be weak', '49 characters'] }]
    },
    {
      name: 'a placeholder on one branch, empty on the other: weak can be, empty can be (low)',
      code: py('from myproject.platform import on_heroku', 'DEBUG = False', 'if on_heroku():', '    SECRET_KEY = "changeme"', 'else:', '    SECRET_KEY = ""'),
      findings: [
        { line: 4, djangoCheck: 'security.W009', message: ['can be weak', 'placeholder'] },
        { line: 6, severity: 'low', message: ['can be empty', 'refuses to start'] }
      ]
    },
    { name: 'short os.environ.get fallback', code: py('import os', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-secret-123")'), findings: [{ line: 2, message: ['14 characters', 'DJANGO_SECRET_KEY unset gets'] }] },
    { name: 'python-decouple default', code: py('from decouple import config', 'SECRET_KEY = config("SECRET_KEY", default="not-a-real-key")'), findings: [{ line: 2, djangoCheck: 'security.W009' }] },
    {
      name: 'startproject key inherited by production',
      code: { 'proj/settings/base.py': py('DEBUG = False', `SECRET_KEY = "${INSEC}"`), 'proj/settings/production.py': py('from .base import *', 'DEBUG = False') },
      findings: [{ path: 'proj/settings/base.py', line: 2, djangoCheck: 'security.W009', message: ['in proj/settings/base.py:2, imported by proj/settings/production.py'] }]
    },
    {
      name: 'weak fallbacks, one finding each, in order (W025)',
      code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = [', `    "${K50}",`, '    "badkey1",', '    "badkey2",', ']'),
      findings: [
        { line: 5, djangoCheck: 'security.W025', message: ['SECRET_KEY_FALLBACKS[1]'] },
        { line: 6, djangoCheck: 'security.W025', message: ['SECRET_KEY_FALLBACKS[2]'] }
      ]
    },
    { name: 'empty fallback entry', code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = [""]'), findings: [{ line: 3, djangoCheck: 'security.W025', message: ['SECRET_KEY_FALLBACKS[0]', 'empty'] }] },
    {
      name: 'the old startproject key kept as a fallback in production',
      code: {
        'proj/settings/base.py': py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = []'),
        'proj/settings/production.py': py('from .base import *', `SECRET_KEY_FALLBACKS += ["${INSEC}"]`)
      },
      findings: [{ path: 'proj/settings/production.py', line: 2, djangoCheck: 'security.W025', message: ['django-insecure-'] }]
    }
  ]
})

describe('secret-key-weak in a diff', () => {
  it('a committed key replaced by an empty one is the fix of the committed key, not a new empty key', async () => {
    const before = py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]', `SECRET_KEY = "${K50}"`)
    const emptied = await diffFiles({ 'mysite/settings.py': before }, { 'mysite/settings.py': py('DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]', 'SECRET_KEY = ""') })
    expect(emptied.findings.filter((f) => f.ruleId === 'secret-key-weak')).toEqual([])
    // an env-read key replaced by an empty literal is still the low note
    const fromEnv = py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]', 'SECRET_KEY = os.environ["SECRET_KEY"]')
    const result = await diffFiles({ 'mysite/settings.py': fromEnv }, { 'mysite/settings.py': py('import os', 'DEBUG = False', 'ALLOWED_HOSTS = ["example.com"]', 'SECRET_KEY = ""') })
    expect(result.findings.filter((f) => f.ruleId === 'secret-key-weak').map((f) => [f.severity, f.baselineState])).toEqual([['low', 'new']])
  })
})
