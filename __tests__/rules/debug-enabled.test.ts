import { describe, expect, it } from '@jest/globals'
import { diffFiles } from '../helpers/project.js'
import { debugEnabled } from '../../src/rules/debug-enabled.js'
import { ruleTester } from '../helpers/rule-tester.js'

ruleTester(debugEnabled, {
  valid: [
    { name: 'literal False', code: 'DEBUG = False\nSECRET_KEY = "x"\n' },
    { name: 'env with a False default compared to a string', code: 'import os\nDEBUG = os.environ.get("DEBUG", "False") == "True"\n' },
    { name: 'required env read', code: 'import os\nDEBUG = os.environ["DEBUG"] == "1"\n' },
    { name: 'django-environ scheme with False', code: 'import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env("DEBUG")\n' },
    { name: 'django-environ smart_cast: a bool default casts the value, so DEBUG="False" is False', code: 'import environ\nenv = environ.Env()\nDEBUG = env("DEBUG", default=False)\n' },
    { name: 'decouple with cast=bool', code: 'from decouple import config\nDEBUG = config("DEBUG", default=False, cast=bool)\n' },
    { name: 'DEBUG in a dev module only', code: { 'proj/settings/base.py': 'DEBUG = False\nSECRET_KEY = "x"\n', 'proj/settings/local.py': 'from .base import *\nDEBUG = True\n', 'proj/settings/production.py': 'from .base import *\n' } }
  ],
  invalid: [
    { name: 'literal True', code: 'DEBUG = True\n', findings: [{ line: 1, djangoCheck: 'security.W018' }] },
    { name: 'env default "1" compared to "1"', code: 'import os\nDEBUG = os.getenv("DEBUG", "1") == "1"\n', findings: [{ line: 2, message: ['DEBUG unset gets'] }] },
    { name: 'string default is truthy', code: 'import os\nDEBUG = os.environ.get("DEBUG", "False")\n', findings: [{ line: 2 }] },
    { name: 'bool() cast trap (latent: medium)', code: 'import os\nDEBUG = bool(os.getenv("DEBUG", ""))\n', findings: [{ line: 2, severity: 'medium', message: ['DEBUG="False"', 'non-empty string', 'no deploy file'] }] },
    { name: 'django-environ scheme default True', code: 'import environ\nenv = environ.Env(DEBUG=(bool, True))\nDEBUG = env("DEBUG")\n', findings: [{ line: 3 }] },
    { name: 'env.bool default True', code: 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n', findings: [{ line: 3 }] },
    { name: 'decouple default True', code: 'from decouple import config\nDEBUG = config("DEBUG", default=True, cast=bool)\n', findings: [{ line: 2 }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': 'DEBUG = True\nSECRET_KEY = "x"\n', 'proj/settings/production.py': 'from .base import *\n' }, findings: [{ path: 'proj/settings/base.py', line: 1 }] },
    { name: 'lower() in tuple with a true default', code: 'import os\nDEBUG = os.environ.get("DEBUG", "true").lower() in ("1", "true", "yes")\n', findings: [{ line: 2 }] },
    { name: 'DEBUG_PROPAGATE_EXCEPTIONS', code: 'DEBUG = False\nDEBUG_PROPAGATE_EXCEPTIONS = True\n', findings: [{ line: 2 }] },
    { name: 'template debug option', code: 'DEBUG = False\nTEMPLATES = [{"BACKEND": "x", "OPTIONS": {\n    "debug": True,\n}}]\n', findings: [{ line: 3 }] }
  ]
})

describe('debug-enabled in a diff', () => {
  it('DEBUG = True replaced by the bool() trap is milder (unchanged, not updated); the trap replacing DEBUG = False is new', async () => {
    const trap = 'import os\nDEBUG = bool(os.getenv("DEBUG", False))\n'
    const fromOn = await diffFiles({ 'mysite/settings.py': 'import os\nDEBUG = True\n' }, { 'mysite/settings.py': trap })
    expect(fromOn.findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => f.baselineState)).toEqual(['unchanged'])
    const fromOff = await diffFiles({ 'mysite/settings.py': 'import os\nDEBUG = False\n' }, { 'mysite/settings.py': trap })
    expect(fromOff.findings.filter((f) => f.ruleId === 'debug-enabled').map((f) => f.baselineState)).toEqual(['new'])
  })
})
