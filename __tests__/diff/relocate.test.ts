import { describe, expect, it } from '@jest/globals'
import { relocate } from '../../src/diff/relocate.js'
import { analysedChange, results } from './change.js'

const WSGI = { 'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n' }
const PROD = 'SECRET_KEY = __import__("os").environ["SECRET_KEY"]\nALLOWED_HOSTS = ["a.example"]\n'

describe('relocate', () => {
  it('leaves a finding on a line the change touched where it is', async () => {
    const a = await analysedChange({ ...WSGI, 'site/settings.py': 'DEBUG = False\n' + PROD }, { 'site/settings.py': 'DEBUG = True\n' + PROD })
    const debug = results(a.head).find((r) => r.raw.subject === 'DEBUG')!
    expect(relocate(debug, a.base.views.get('site/settings.py'), a.diff)).toEqual({})
  })

  it('points a finding uncovered by a deleted override at the gap, quoting what was removed', async () => {
    const a = await analysedChange(
      { ...WSGI, 'site/base.py': 'DEBUG = True\n', 'site/settings.py': 'from .base import *\nDEBUG = False\n' + PROD },
      { 'site/settings.py': 'from .base import *\n' + PROD }
    )
    const debug = results(a.head).find((r) => r.raw.subject === 'DEBUG')!
    expect(debug.raw.loc.path).toBe('site/base.py')
    expect(relocate(debug, a.base.views.get('site/settings.py'), a.diff)).toEqual({
      // the nearest remaining line: the one just before the gap
      path: 'site/settings.py',
      line: 1,
      extraNotes: ['This change removed `DEBUG = False` (line 2 of site/settings.py before the change).']
    })
  })

  it('points at the changed module when production loads a different set of modules', async () => {
    const a = await analysedChange(
      { ...WSGI, 'site/dev.py': 'DEBUG = True\n', 'site/settings.py': 'DEBUG = False\n' + PROD },
      { 'site/settings.py': 'DEBUG = False\n' + PROD + 'from .dev import *\n' }
    )
    const debug = results(a.head).find((r) => r.raw.subject === 'DEBUG')!
    expect(relocate(debug, a.base.views.get('site/settings.py'), a.diff)).toEqual({
      path: 'site/settings.py',
      line: 4,
      extraNotes: ['The value comes from site/dev.py:1 (`DEBUG = True`).']
    })
  })
})
