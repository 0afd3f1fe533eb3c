// Which modules are settings, which production loads, and why: the reason is shown in findings.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { discover, findReferences } from '../../src/settings/discovery.js'
import { MapFileSet } from '../../src/sources/changeset.js'

beforeAll(() => initPython())

const entries = (files: Record<string, string>) => discover(new MapFileSet(new Map(Object.entries(files)))).entries.map((e) => ({ path: e.path, production: e.production, reason: e.reason }))

const SETTINGS = 'DEBUG = False\nSECRET_KEY = "x"\nINSTALLED_APPS = []\n'

describe('findReferences', () => {
  it('reads DJANGO_SETTINGS_MODULE from Python defaults, forced assignments, shell and test configuration', () => {
    expect(findReferences('config/wsgi.py', 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n')).toEqual([{ module: 'config.settings.production', path: 'config/wsgi.py', line: 2, kind: 'default' }])
    expect(findReferences('config/wsgi.py', 'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"\n')[0]).toMatchObject({ kind: 'deploy' })
    // the module on the line after the name, as a formatter wraps a long call
    expect(findReferences('tock/wsgi.py', 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE",\n                      "tock.settings.production")\n')[0]).toMatchObject({ module: 'tock.settings.production', line: 2, kind: 'default' })
    expect(findReferences('bin/run.sh', 'export DJANGO_SETTINGS_MODULE=shop.settings.prod\ngunicorn shop.wsgi\n')[0]).toMatchObject({ module: 'shop.settings.prod', kind: 'default' })
    expect(findReferences('pytest.ini', '[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.test\n')[0]).toMatchObject({ module: 'shop.settings.test', kind: 'test' })
    expect(findReferences('.github/workflows/ci.yml', 'env:\n  DJANGO_SETTINGS_MODULE: shop.settings.ci\n')[0]).toMatchObject({ kind: 'test' })
    expect(findReferences('manage.py', 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n')[0]).toMatchObject({ module: 'shop.settings', kind: 'manage' })
    expect(findReferences('tests/celery.py', 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n')[0]).toMatchObject({ kind: 'test' })
    expect(findReferences('shop/apps.py', 'print(os.environ.get("DJANGO_SETTINGS_MODULE"))\n# DJANGO_SETTINGS_MODULE = shop.settings\n')).toEqual([])
    expect(findReferences('README.md', 'DJANGO_SETTINGS_MODULE=x.y')).toEqual([])
  })
})

describe('classification', () => {
  it('a lone settings.py is production', () => {
    expect(entries({ 'mysite/settings.py': SETTINGS })).toEqual([{ path: 'mysite/settings.py', production: true, reason: "it is the project's only settings module" }])
  })

  it('split settings: production by name, base covered through it, local and test are development', () => {
    const result = entries({
      'config/settings/base.py': SETTINGS,
      'config/settings/production.py': 'from .base import *\nDEBUG = False\n',
      'config/settings/local.py': 'from .base import *\nDEBUG = True\n',
      'config/settings/test.py': 'from .base import *\n'
    })
    expect(result).toEqual([
      { path: 'config/settings/local.py', production: false, reason: 'local.py is named as a development or test module' },
      { path: 'config/settings/production.py', production: true, reason: 'production.py is named as a production module' },
      { path: 'config/settings/test.py', production: false, reason: 'test.py is named as a development or test module' }
    ])
  })

  it('wsgi.py outranks the name; a base imported only by dev modules is treated as production', () => {
    expect(
      entries({
        'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.server")\n',
        'config/settings/server.py': SETTINGS
      })
    ).toEqual([{ path: 'config/settings/server.py', production: true, reason: 'config/wsgi.py:2 sets DJANGO_SETTINGS_MODULE to it' }])
    expect(entries({ 'proj/settings/common.py': SETTINGS, 'proj/settings/dev.py': 'from .common import *\nDEBUG = True\n' })).toEqual([
      { path: 'proj/settings/common.py', production: true, reason: 'treated as production: nothing marks it as development-only' },
      { path: 'proj/settings/dev.py', production: false, reason: 'dev.py is named as a development or test module' }
    ])
  })

  it('ignores Python files that only mention a setting name', () => {
    expect(entries({ 'scripts/run.py': 'DEBUG = True\nprint(DEBUG)\n', 'mysite/settings.py': SETTINGS }).map((e) => e.path)).toEqual(['mysite/settings.py'])
  })
})
