import { describe, expect, it } from '@jest/globals'
import { secretKeyHardcoded } from '../../src/rules/secret-key-hardcoded.js'
import { scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { INSEC, K50, py } from './fixtures.js'

const BASE_ENV = py('import os', 'DEBUG = False', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'ALLOWED_HOSTS = ["example.com"]')

ruleTester(secretKeyHardcoded, {
  valid: [
    { name: 'required env read', code: py('import os', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]') },
    { name: 'os.environ.get without a default (None when unset: Django refuses to start)', code: py('import os', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")') },
    { name: 'os.getenv with an empty default (no literal to leak)', code: py('import os', 'SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "")') },
    { name: 'django-environ without a default', code: py('import environ', 'env = environ.Env()', 'SECRET_KEY = env("DJANGO_SECRET_KEY")') },
    { name: 'django-environ str() without a default', code: py('import environ', 'env = environ.Env()', 'SECRET_KEY = env.str("DJANGO_SECRET_KEY")') },
    { name: 'python-decouple without a default', code: py('from decouple import config', 'SECRET_KEY = config("SECRET_KEY")') },
    { name: 'generated at start-up', code: py('from django.core.management.utils import get_random_secret_key', 'SECRET_KEY = get_random_secret_key()') },
    { name: 'read from a secrets file (unknown, never reported as fact)', code: py('from pathlib import Path', 'SECRET_KEY = Path("/run/secrets/django_key").read_text().strip()') },
    {
      name: 'literal only in the dev module; production reads the environment',
      code: {
        'proj/settings/base.py': BASE_ENV,
        'proj/settings/local.py': py('from .base import *', 'DEBUG = True', `SECRET_KEY = "${INSEC}"`),
        'proj/settings/production.py': py('from .base import *')
      }
    },
    {
      name: 'literal only in the test settings named by pytest.ini',
      code: {
        'proj/settings.py': BASE_ENV,
        'proj/ci.py': py('from .settings import *', 'SECRET_KEY = "test-only-key"'),
        'pytest.ini': py('[pytest]', 'DJANGO_SETTINGS_MODULE = proj.ci')
      }
    },
    {
      name: 'base literal replaced by a required env read in production',
      code: {
        'proj/settings/base.py': py('DEBUG = False', `SECRET_KEY = "${INSEC}"`),
        'proj/settings/production.py': py('import os', 'from .base import *', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]')
      }
    },
    { name: 'fallbacks from the environment', code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = [os.environ["OLD_SECRET_KEY"]]') },
    { name: 'fallbacks from a comma list without default', code: py('import environ', 'env = environ.Env()', 'SECRET_KEY = env("SECRET_KEY")', 'SECRET_KEY_FALLBACKS = env.list("OLD_SECRET_KEYS", default=[])') }
  ],
  invalid: [
    { name: 'literal (startproject)', code: py('DEBUG = False', `SECRET_KEY = "${INSEC}"`), findings: [{ line: 2, message: ['SECRET_KEY is a literal', 'committed in mysite/settings.py', 'dj****9v'] }] },
    {
      name: 'the else branch of a switch the review cannot decide (a copy of os.environ rewritten in a loop) still commits its literal',
      code: py('import os', 'env = os.environ.copy()', 'for key, value in os.environ.items():', '    if key.startswith("CFG_"):', '        env[key[4:]] = value', 'if "SECRET_KEY" in env:', '    SECRET_KEY = env["SECRET_KEY"]', 'else:', '    SECRET_KEY = "sd"'),
      findings: [{ line: 9, message: ['literal'] }]
    },
    { name: 'a long random literal is still committed', code: py(`SECRET_KEY = "${K50}"`), findings: [{ line: 1, message: ['literal'] }] },
    {
      name: 'os.environ.get with a literal fallback',
      code: py('import os', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key-123")'),
      findings: [{ line: 2, message: ['falls back to a literal', 'when DJANGO_SECRET_KEY is unset', 'de****23'] }]
    },
    { name: 'os.getenv default= keyword', code: py('import os', '', 'SECRET_KEY = os.getenv("SECRET_KEY", default="please-change-me")'), findings: [{ line: 3, message: ['falls back to a literal'] }] },
    { name: 'django-environ default', code: py('import environ', 'env = environ.Env()', `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${INSEC}")`), findings: [{ line: 3, message: ['when DJANGO_SECRET_KEY is unset'] }] },
    {
      name: 'django-environ scheme default',
      code: py('import environ', 'env = environ.Env(', '    DEBUG=(bool, False),', '    SECRET_KEY=(str, "scheme-default-key"),', ')', 'SECRET_KEY = env("SECRET_KEY")'),
      findings: [{ line: 6, message: ['falls back to a literal'] }]
    },
    { name: 'python-decouple default', code: py('from decouple import config', 'SECRET_KEY = config("SECRET_KEY", default="decouple-default-key")'), findings: [{ line: 2, message: ['falls back to a literal', 'when SECRET_KEY is unset'] }] },
    {
      name: 'a literal on one branch of an if the analysis cannot decide',
      code: py('from myproject.runtime import running_tests', 'DEBUG = False', 'if running_tests():', '    SECRET_KEY = "test-only-key"', 'else:', `    SECRET_KEY = "${K50}"`),
      findings: [{ line: 4, message: ['te****ey'] }]
    },
    { name: '`or` fallback', code: py('import os', 'SECRET_KEY = os.environ.get("SECRET_KEY") or "fallback-literal-key"'), findings: [{ line: 2 }] },
    {
      name: 'inherited from base.py by production.py',
      code: { 'proj/settings/base.py': py('DEBUG = False', `SECRET_KEY = "${INSEC}"`), 'proj/settings/production.py': py('from .base import *', 'ALLOWED_HOSTS = ["example.com"]') },
      findings: [{ path: 'proj/settings/base.py', line: 2, message: ['committed in proj/settings/base.py'] }]
    },
    {
      name: 'production overrides the env read of base with a literal',
      code: { 'proj/settings/base.py': BASE_ENV, 'proj/settings/production.py': py('from .base import *', '', 'SECRET_KEY = "hotfix-literal-key"') },
      findings: [{ path: 'proj/settings/production.py', line: 3 }]
    },
    {
      name: 'each literal fallback, on its own line',
      code: py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'SECRET_KEY_FALLBACKS = [', `    "${K50}",`, '    os.environ["OLDER_KEY"],', `    "${INSEC}",`, ']'),
      findings: [
        { line: 4, message: ['SECRET_KEY_FALLBACKS[0]'] },
        { line: 6, message: ['SECRET_KEY_FALLBACKS[2]'] }
      ]
    },
    { name: 'literal fallback appended in production', code: { 'proj/settings/base.py': BASE_ENV + 'SECRET_KEY_FALLBACKS = []\n', 'proj/settings/production.py': py('from .base import *', 'SECRET_KEY_FALLBACKS.append("rotated-out-key")') }, findings: [{ path: 'proj/settings/production.py', line: 2, message: ['SECRET_KEY_FALLBACKS[0]'] }] }
  ]
})

describe('secret-key-hardcoded output', () => {
  it('never shows the key itself, in any finding of any rule', async () => {
    const result = await scanFiles({ 'mysite/settings.py': py('DEBUG = False', `SECRET_KEY = "${INSEC}"`, `SECRET_KEY_FALLBACKS = ["${K50}"]`) })
    expect(result.findings.some((f) => f.ruleId === 'secret-key-hardcoded')).toBe(true)
    const text = JSON.stringify(result.findings)
    expect(text).not.toContain(INSEC)
    expect(text).not.toContain(INSEC.slice(16, 40))
    expect(text).not.toContain(K50)
  })
})
