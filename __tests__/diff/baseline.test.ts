import { describe, expect, it } from '@jest/globals'
import { compareResults } from '../../src/diff/baseline.js'
import { pairModules } from '../../src/diff/pairing.js'
import { analysedChange, results, type Analysed } from './change.js'

const WSGI = { 'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n' }
const REST = 'SECRET_KEY = __import__("os").environ["SECRET_KEY"]\nALLOWED_HOSTS = ["a.example"]\n'

function states(a: Analysed): string[] {
  const pairs = pairModules(a.head, a.base, a.diff)
  const head = results(a.head, (p) => a.base.views.get(pairs.get(p) ?? ''))
  return compareResults(head, results(a.base), { head: a.head, base: a.base, pairs, diff: a.diff })
    .filter((c) => ['debug-enabled', 'allowed-hosts-wildcard'].includes(c.rule.meta.id))
    .map((c) => `${c.raw.subject}:${c.state}`)
}

describe('compareResults', () => {
  it('new: a finding the base did not have', async () => {
    expect(states(await analysedChange({ ...WSGI, 'site/settings.py': 'DEBUG = False\n' + REST }, { 'site/settings.py': 'DEBUG = True\n' + REST }))).toEqual(['DEBUG:new'])
  })

  it('absent: a finding the change fixed', async () => {
    expect(states(await analysedChange({ ...WSGI, 'site/settings.py': 'DEBUG = True\n' + REST }, { 'site/settings.py': 'DEBUG = False\n' + REST }))).toEqual(['DEBUG:absent'])
  })

  it('unchanged: the same finding in a module the change touched; nothing when untouched', async () => {
    expect(states(await analysedChange({ ...WSGI, 'site/settings.py': 'DEBUG = True\n' + REST }, { 'site/settings.py': 'DEBUG = True\nUSE_TZ = True\n' + REST }))).toEqual(['DEBUG:unchanged'])
    expect(states(await analysedChange({ ...WSGI, 'site/settings.py': 'DEBUG = True\n' + REST }, { 'README.md': 'hello\n' }))).toEqual([])
  })

  it('updated: the same subject at another severity', async () => {
    const hosts = (h: string) => `DEBUG = False\nSECRET_KEY = __import__("os").environ["SECRET_KEY"]\nALLOWED_HOSTS = ${h}\nCORS_ALLOW_ALL_ORIGINS = True\nINSTALLED_APPS = ["corsheaders"]\n`
    const a = await analysedChange({ ...WSGI, 'site/settings.py': hosts('["*"]') }, { 'site/settings.py': hosts('["*"]') + 'CORS_ALLOW_CREDENTIALS = True\n' })
    const pairs = pairModules(a.head, a.base, a.diff)
    const compared = compareResults(results(a.head, (p) => a.base.views.get(pairs.get(p) ?? '')), results(a.base), { head: a.head, base: a.base, pairs, diff: a.diff })
    expect(compared.filter((c) => c.rule.meta.id === 'cors-allow-all-origins').map((c) => `${c.raw.subject}:${c.state}`)).toEqual(['CORS_ALLOW_ALL_ORIGINS:updated'])
  })

  it('updated: held only where a variable pointed away (Heroku), now wherever production runs; the reverse is no regression', async () => {
    const settings = (heroku: string) => `import os\nDEBUG = os.environ.get("DEBUG", "on") == "on"\n${REST}if "DYNO" in os.environ:\n    ALLOWED_HOSTS = ["a.herokuapp.com"]\n${heroku}`
    const files = (heroku: string) => ({ ...WSGI, 'site/settings.py': settings(heroku) })
    expect(states(await analysedChange(files('    DEBUG = False\n'), { 'site/settings.py': settings('') }))).toEqual(['DEBUG:updated'])
    expect(states(await analysedChange(files(''), { 'site/settings.py': settings('    DEBUG = False\n') }))).toEqual(['DEBUG:unchanged'])
    // a change elsewhere that leaves the module alone: not a regression of it
    expect(states(await analysedChange(files(''), { 'README.md': 'hello\n' }))).toEqual([])
  })
})
