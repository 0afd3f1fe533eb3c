// What rules see of a settings module: in production as deployed, a variable compared only with
// literals the probe worlds never produce is also evaluated set to each of them.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { analyzeSide } from '../../src/review.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import type { SettingsView } from '../../src/settings/view.js'

beforeAll(() => initPython())

function view(source: string): SettingsView {
  const side = analyzeSide(new MapFileSet(new Map([['mysite/settings.py', source]])))
  return side.views.get('mysite/settings.py') as SettingsView
}

describe('literal worlds', () => {
  it('a branch only taken when STAGE is "production" is one of production\'s values', () => {
    const v = view('import os\nSTAGE = os.environ.get("STAGE", "")\nDEBUG = False\nif STAGE == "production":\n    DEBUG = True\nSECRET_KEY = os.environ["K"]\n')
    const debug = v.get('DEBUG')
    expect(show(debug.value)).toBe('False or True')
    expect(debug.binding?.alternatives?.map((b) => b.loc.line).sort()).toEqual([3, 5])
    // the probe worlds are left as they are
    expect(show(v.get('DEBUG', 1).value)).toBe('False')
  })

  it('one variable at a time, each literal it is compared with', () => {
    const v = view('import os\nif os.environ.get("STAGE") in ("production", "staging"):\n    SECURE_HSTS_SECONDS = 1\nelif os.environ.get("REGION") == "eu":\n    SECURE_HSTS_SECONDS = 2\nelse:\n    SECURE_HSTS_SECONDS = 3\n')
    expect(show(v.get('SECURE_HSTS_SECONDS').value)).toBe('3 or 1 or 2')
  })

  it('development-looking literals and switch words are not production; other literals are', () => {
    expect(show(view('import os\nDEBUG = os.environ.get("DJANGO_ENV") == "development"\n').get('DEBUG').value)).toBe('False')
    expect(show(view('import os\nDEBUG = os.environ.get("DEBUG", "no") == "yes"\n').get('DEBUG').value)).toBe('False')
    expect(show(view('import os\nDEBUG = os.environ.get("DJANGO_ENV") == "review-app"\n').get('DEBUG').value)).toBe('False or True')
  })

  it('a presence switch is also evaluated set, unless the variable names development, tests or a docs build', () => {
    const v = view('import os\nDEBUG = False\nif "HEROKU" in os.environ:\n    DEBUG = True\n')
    expect(show(v.get('DEBUG').value)).toBe('False or True')
    for (const variable of ['DEV_MODE', 'CI', 'READTHEDOCS', 'PYTEST_CURRENT_TEST']) expect(show(view(`import os\nDEBUG = "${variable}" in os.environ\n`).get('DEBUG').value)).toBe('False')
  })

  it('settings the literal does not change stay as they are', () => {
    const v = view('import os\nSECURE_SSL_REDIRECT = True\nif os.environ.get("STAGE") == "production":\n    SECURE_HSTS_SECONDS = 3600\n')
    expect(v.get('SECURE_SSL_REDIRECT').binding?.alternatives).toBeUndefined()
    expect(show(v.get('SECURE_HSTS_SECONDS').value)).toBe('0 or 3600')
  })
})
