import { describe, expect, it } from '@jest/globals'
import { settingsSecrets } from '../../src/diff/secrets.js'
import { analysedChange } from './change.js'

describe('settingsSecrets', () => {
  it('collects SECRET_KEY env defaults and fallbacks of production modules, and literals of development ones', async () => {
    const a = await analysedChange(
      {
        'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
        'site/settings.py': 'import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "env-default-value")\nSECRET_KEY_FALLBACKS = ["old-key-value"]\n',
        'site/local_settings.py': 'SECRET_KEY = "local-only-value"\n'
      },
      { 'README.md': 'x\n' }
    )
    expect(settingsSecrets(a.head).sort()).toEqual(['env-default-value', 'local-only-value', 'old-key-value'])
  })
})
