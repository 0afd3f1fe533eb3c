// A weaker or different form of a finding the base already had is `updated` at most, never `new`.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CLASSIC_SETTINGS, classic, lineOf, only } from './projects.js'

describe('variants of an existing finding', () => {
  it('DEBUG = True replaced by the bool(os.environ.get(...)) trap is milder (unchanged), and the old finding is not listed as fixed', async () => {
    const files = classic()
    const base = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True')
    const head = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = bool(os.environ.get("DJANGO_DEBUG"))')
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head, 'DEBUG = bool(')}[unchanged]`])
    expect(only(r, 'debug-enabled').notes[0]).toMatch(/^Before this change: DEBUG is True in production/)
  })
})

describe('a milder variant', () => {
  it('a placeholder SECRET_KEY replaced by an empty one (Django refuses to start) fixes the placeholder and adds nothing', async () => {
    const files = classic()
    const base = CLASSIC_SETTINGS.replace('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'SECRET_KEY = "changeme"')
    const head = CLASSIC_SETTINGS.replace('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'SECRET_KEY = ""')
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(brief(r).filter((b) => b.startsWith('secret-key-weak'))).toEqual([`secret-key-weak@mysite/settings.py:${lineOf(base, 'SECRET_KEY = "changeme"')}[absent]`])
  })
})
