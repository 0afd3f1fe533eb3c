import { describe, expect, it } from '@jest/globals'
import { pairModules } from '../../src/diff/pairing.js'
import { analysedChange } from './change.js'

const SETTINGS = 'DEBUG = False\nSECRET_KEY = __import__("os").environ["SECRET_KEY"]\nALLOWED_HOSTS = ["a.example"]\n'
const wsgi = (module: string) => `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`

describe('pairModules', () => {
  it('pairs a module with itself when it stays where it was', async () => {
    const a = await analysedChange({ 'site/settings.py': SETTINGS, 'site/wsgi.py': wsgi('site.settings') }, { 'site/settings.py': SETTINGS + 'USE_TZ = True\n' })
    expect([...pairModules(a.head, a.base, a.diff)]).toEqual([['site/settings.py', 'site/settings.py']])
  })

  it('pairs a renamed module with its old path', async () => {
    const a = await analysedChange({ 'site/settings.py': SETTINGS, 'site/wsgi.py': wsgi('site.settings') }, { 'site/settings.py': null, 'site/conf.py': SETTINGS, 'site/wsgi.py': wsgi('site.conf') })
    expect(pairModules(a.head, a.base, a.diff).get('site/conf.py')).toBe('site/settings.py')
  })

  it('pairs the module the same deploy file selects before and after, among several', async () => {
    const a = await analysedChange(
      { 'site/settings.py': SETTINGS, 'site/wsgi.py': wsgi('site.settings') },
      { 'site/settings.py': null, 'site/settings/__init__.py': '', 'site/settings/base.py': SETTINGS, 'site/settings/production.py': 'from .base import *\n', 'site/wsgi.py': wsgi('site.settings.production') }
    )
    expect(pairModules(a.head, a.base, a.diff).get('site/settings/production.py')).toBe('site/settings.py')
  })
})
