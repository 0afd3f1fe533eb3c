import { describe, expect, it } from '@jest/globals'
import { removedImportOf } from '../../src/diff/removed-import.js'
import { analysedChange } from './change.js'

const BASE = {
  'site/settings/__init__.py': '',
  'site/settings/security.py': 'SECURE_SSL_REDIRECT = True\n',
  'site/settings/production.py': 'DEBUG = False\nfrom .security import *\nALLOWED_HOSTS = ["a.example"]\n',
  'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.production")\n'
}

describe('removedImportOf', () => {
  it('finds the removed star import of a deleted module, at the line before the gap in the head file', async () => {
    const a = await analysedChange(BASE, { 'site/settings/security.py': null, 'site/settings/production.py': 'DEBUG = False\nALLOWED_HOSTS = ["a.example"]\n' })
    const view = a.base.views.get('site/settings/production.py')
    expect(removedImportOf('site/settings/security.py', view, a.diff)).toEqual({ path: 'site/settings/production.py', line: 1, text: 'from .security import *' })
  })

  it('finds nothing when the import line is still there', async () => {
    const a = await analysedChange(BASE, { 'site/settings/security.py': null, 'site/settings/production.py': 'DEBUG = False\nfrom .security import *\nALLOWED_HOSTS = ["b.example"]\n' })
    expect(removedImportOf('site/settings/security.py', a.base.views.get('site/settings/production.py'), a.diff)).toBeUndefined()
  })
})
