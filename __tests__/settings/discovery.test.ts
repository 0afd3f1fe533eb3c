// Which modules are settings, which production loads, and why: the reason is shown in findings.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { discover, findReferences, isSettingsRelevant } from '../../src/settings/discovery.js'
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

describe('files a production deploy puts in place of a module', () => {
  const DOCKER = (step: string) => `FROM python:3.12\nWORKDIR /app\nCOPY . .\n${step}\nCMD gunicorn mysite.wsgi\n`
  const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n'

  it('settings.py.prod copied over settings.py is production; the tracked settings.py is the development version', () => {
    const result = entries({ 'mysite/settings.py': SETTINGS, 'mysite/settings.py.prod': SETTINGS, 'mysite/wsgi.py': WSGI, Dockerfile: DOCKER('RUN cp mysite/settings.py.prod mysite/settings.py') })
    expect(result).toEqual([
      { path: 'mysite/settings.py', production: false, reason: 'Dockerfile line 4 copies mysite/settings.py.prod over mysite/settings.py: production runs that file in its place, so this is the development version' },
      { path: 'mysite/settings.py.prod', production: true, reason: 'mysite/wsgi.py:2 sets DJANGO_SETTINGS_MODULE to it; Dockerfile line 4 copies mysite/settings.py.prod over mysite/settings.py' }
    ])
  })

  it('a template copied to the local_settings.py that settings.py imports is part of production (its imports resolve from where it lands)', () => {
    const found = discover(
      new MapFileSet(
        new Map(
          Object.entries({
            'mysite/settings.py': `${SETTINGS}try:\n    from .local_settings import *\nexcept ImportError:\n    pass\n`,
            'mysite/common.py': 'ALLOWED_HOSTS = ["example.org"]\nSESSION_COOKIE_SECURE = True\n',
            'config/production.py.tpl': 'from .common import *\nDEBUG = {{ debug }}\nSECRET_KEY = "{{ secret_key }}"\n',
            'mysite/wsgi.py': WSGI,
            Dockerfile: DOCKER('COPY config/production.py.tpl mysite/local_settings.py')
          })
        )
      )
    )
    expect(found.entries.map((e) => [e.path, e.production])).toEqual([['mysite/settings.py', true]])
    expect(found.entries[0].chain).toEqual(['mysite/settings.py', 'config/production.py.tpl', 'mysite/common.py'])
    expect(found.index.locationOf('config/production.py.tpl')).toBe('mysite/local_settings.py')
  })

  it('a lone settings.py.prod no deploy step names is left alone', () => {
    expect(entries({ 'mysite/settings.py': SETTINGS, 'mysite/settings.py.prod': SETTINGS, 'mysite/wsgi.py': WSGI, Dockerfile: DOCKER('RUN pip install gunicorn') })).toEqual([
      { path: 'mysite/settings.py', production: true, reason: 'mysite/wsgi.py:2 sets DJANGO_SETTINGS_MODULE to it' }
    ])
  })

  it('a development image copying the file changes nothing', () => {
    expect(entries({ 'mysite/settings.py': SETTINGS, 'mysite/settings.py.dev': SETTINGS, 'mysite/wsgi.py': WSGI, 'Dockerfile.dev': DOCKER('COPY mysite/settings.py.dev mysite/settings.py') })).toEqual([
      { path: 'mysite/settings.py', production: true, reason: 'mysite/wsgi.py:2 sets DJANGO_SETTINGS_MODULE to it' }
    ])
  })

  it('the placed file is read when the source has not read it yet (a diff reads files lazily)', () => {
    const files = new Map(Object.entries({ 'mysite/settings.py': SETTINGS, 'mysite/settings.py.prod': SETTINGS, 'mysite/wsgi.py': WSGI, Dockerfile: DOCKER('COPY mysite/settings.py.prod mysite/settings.py') }))
    const lazy = { paths: new Set(files.keys()), read: (p: string) => (p.endsWith('.prod') ? undefined : files.get(p)) }
    expect([...discover(lazy).index.wanted]).toContain('mysite/settings.py.prod')
  })
})

describe('isSettingsRelevant', () => {
  it.each(['mysite/settings.py.prod', 'config/production.py.tpl', 'deploy/settings.tpl', 'conf/local_settings.j2'])('%s may be put in place of a module: read', (path) => {
    expect(isSettingsRelevant(path)).toBe(true)
  })

  it.each(['static/app.js', 'templates/base.html', 'mysite/views.py'])('%s is not read for the settings', (path) => {
    expect(isSettingsRelevant(path)).toBe(false)
  })
})
