// Discovery parses only the Python files that could be settings modules: it must find exactly what
// it finds when it parses every Python file of the tree.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython, pythonParsed } from '../../src/python/parser.js'
import { mayBeSettings, namesTwoSettings, settingsCandidates, starImportsOf } from '../../src/settings/candidates.js'
import { discover } from '../../src/settings/discovery.js'
import { MapFileSet } from '../../src/sources/changeset.js'

beforeAll(() => initPython())

describe('mayBeSettings', () => {
  it('parses files named like settings, star imports, split-settings includes and files naming two settings', () => {
    expect(mayBeSettings('shop/settings.py', 'X = 1\n')).toBe(true)
    expect(mayBeSettings('shop/conf.py', 'from .base import *\n')).toBe(true)
    expect(mayBeSettings('shop/conf.py', 'from split_settings.tools import include\ninclude("a.py")\nDEBUG = 1\n')).toBe(true)
    expect(mayBeSettings('shop/conf.py', 'DEBUG = True\nSESSION_COOKIE_SECURE = False\n')).toBe(true)
    expect(mayBeSettings('shop/views.py', 'if settings.DEBUG:\n    DEBUG_LOG = 1\n')).toBe(false)
    expect(mayBeSettings('shop/tests/test_views.py', '@override_settings(DEBUG=True)\ndef test(): pass\n# DEBUG again\n')).toBe(false)
    expect(mayBeSettings('shop/models.py', 'class A: pass\n')).toBe(false)
  })

  it('counts different well-known settings, whole words only', () => {
    expect(namesTwoSettings('DEBUG DEBUG DEBUG')).toBe(false)
    expect(namesTwoSettings('MY_DEBUG = 1\nDEBUG_SECRET_KEY = 2\n')).toBe(false)
    expect(namesTwoSettings('x = DEBUG\ny = ALLOWED_HOSTS\n')).toBe(true)
  })

  it('leaves out only names Python cannot be assigning: attributes, quoted names, comparisons, calls, comments', () => {
    expect(namesTwoSettings('if settings.DEBUG and settings.ALLOWED_HOSTS:\n    pass\n')).toBe(false)
    expect(namesTwoSettings('x = {"DEBUG": 1, \'SECRET_KEY\': 2}\n')).toBe(false)
    expect(namesTwoSettings('assert DEBUG == 1\nALLOWED_HOSTS.append(x)\nDATABASES["a"] = 1\n')).toBe(false)
    expect(namesTwoSettings('    # may affect INSTALLED_APPS, MIDDLEWARE and others\nx = 1  # DEBUG, SECRET_KEY\n')).toBe(false)
    expect(namesTwoSettings('@override_settings(DEBUG=False)\ndef test():\n    assert settings.MEDIA_ROOT\n')).toBe(false)
  })

  it('counts every way a name can be assigned, however it is written', () => {
    expect(namesTwoSettings('DEBUG=True\nSECRET_KEY="k"\n')).toBe(true)
    expect(namesTwoSettings('DEBUG: bool = True\nSECRET_KEY = "k"\n')).toBe(true)
    expect(namesTwoSettings('SECRET_KEY, ALLOWED_HOSTS = "k", ["*"]\n')).toBe(true)
    expect(namesTwoSettings('(DEBUG, ALLOWED_HOSTS) = (1, 2)\n')).toBe(true)
    expect(namesTwoSettings('DEBUG = 1; MIDDLEWARE += ["x"]\n')).toBe(true)
    expect(namesTwoSettings('DEBUG = 1\nALLOWED_HOSTS \\\n    = []\n')).toBe(true)
    // a # inside a string is no comment: the string can close and code follow on the same line
    expect(namesTwoSettings('x = "#"; DEBUG = 1\nALLOWED_HOSTS = []\n')).toBe(true)
    expect(namesTwoSettings('x = """\nnot # a comment """; DEBUG = 1\nALLOWED_HOSTS = []\n')).toBe(true)
    // a lone \r ends a line for Python: what follows a comment there is code
    expect(namesTwoSettings('# settings\rDEBUG = True\rALLOWED_HOSTS = []\r')).toBe(true)
  })
})

describe('starImportsOf', () => {
  it('reads star imports from the text, or says it cannot', () => {
    expect(starImportsOf('from .base import *\nif x:\n    from config.local import *  # noqa\nfrom . import *\n')).toEqual([
      { level: 1, module: 'base' },
      { level: 0, module: 'config.local' },
      { level: 1, module: '' }
    ])
    expect(starImportsOf('import os; from .base import *\n')).toBeUndefined()
    expect(starImportsOf('"""\n>>> from shop.models import *\n"""\n')).toBeUndefined()
    expect(starImportsOf('# from .base import *\n')).toBeUndefined()
    expect(starImportsOf('from .base \\\n    import *\n')).toBeUndefined()
  })
})

/** A tree with settings modules of every kind discovery knows, and code that only mentions settings. */
const TREE: Record<string, string> = {
  'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")\n',
  // settings modules not named like settings
  'config/base.py': 'DEBUG = False\nSECRET_KEY = "x"\nALLOWED_HOSTS = ["a.example.com"]\n',
  'config/prod.py': 'from .base import *\nSESSION_COOKIE_SECURE = True\n',
  'config/extend.py': 'from config.prod import *\n',
  'config/live.py': 'from split_settings.tools import include\ninclude("base.py")\nDEBUG = False\n',
  'other/conf.py': 'DEBUG = True\nINSTALLED_APPS = []\nTIME_ZONE = "UTC"\n',
  'other/annotated.py': 'DEBUG: bool = True\nSECRET_KEY, ALLOWED_HOSTS = "k", ["*"]\n',
  // code that mentions one setting
  'shop/views.py': 'from django.conf import settings\n\ndef index(request):\n    if settings.DEBUG:\n        return None\n',
  'shop/tests/test_views.py': 'from django.test import override_settings\n\n@override_settings(DEBUG=True)\ndef test_index():\n    DEBUG = 1\n',
  'shop/middleware.py': 'MIDDLEWARE_NOTE = "see MIDDLEWARE"\n',
  'shop/app_settings.py': 'PAGE_SIZE = 10\n',
  'shop/star.py': 'from .models import *\nDEBUG = True\n',
  'shop/tests/test_star.py': 'from shop.models import *\nfrom os.path import *\nfrom .missing import *\n',
  // extends a module that is settings only through its own star import
  'config/chain.py': 'from config.extend import *\nDEBUG = True\n',
  'config/commented.py': '# from config.base import *\nfrom config.base import *\nX = 1\n',
  // old Mac line endings: the settings follow a comment on the same \n-line
  'config/mac.py': '# production\rDEBUG = False\rSECRET_KEY = "k"\rALLOWED_HOSTS = ["a.example.com"]\r',
  // a test that overrides one setting and mentions others in a docstring and through settings.
  'shop/tests/test_admin.py': '@override_settings(DEBUG=False)\ndef test_media():\n    """MEDIA_ROOT and STATIC_ROOT are served."""\n    assert settings.MEDIA_ROOT\n',
  'shop/models.py': 'class Item: pass\n'
}

describe('settingsCandidates', () => {
  it('discovers what parsing every Python file discovers', () => {
    const files = new MapFileSet(new Map(Object.entries(TREE)))
    const candidates = settingsCandidates(files)
    const every = [...files.paths].filter((p) => p.endsWith('.py'))
    expect(candidates.length).toBeLessThan(every.length)
    expect(candidates).not.toContain('shop/views.py')
    const before = pythonParsed()
    const fast = discover(files, candidates)
    const parsedFast = pythonParsed() - before
    const full = discover(new MapFileSet(new Map(Object.entries(TREE))), every)
    const parsedFull = pythonParsed() - before - parsedFast
    // not parsed: wsgi.py, the views, their two tests, the middleware, the models, and the two modules whose
    // star imports name no candidate (shop/star.py, shop/tests/test_star.py)
    expect(parsedFull - parsedFast).toBe(8)
    expect(fast.entries).toEqual(full.entries)
    expect([...fast.modules.values()]).toEqual([...full.modules.values()])
    expect([...fast.modules.keys()]).toEqual(expect.arrayContaining(['config/base.py', 'other/conf.py', 'config/extend.py', 'config/chain.py', 'config/commented.py', 'config/mac.py']))
  })
})
