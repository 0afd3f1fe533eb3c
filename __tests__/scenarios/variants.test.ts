// A weaker or different form of a finding the base already had is `updated` at most, never `new`.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CLASSIC_SETTINGS, classic, lineOf, only } from './projects.js'

describe('variants of an existing finding', () => {
  it('DEBUG = True replaced by the bool(os.environ.get(...)) trap is updated, and the old finding is not listed as fixed', async () => {
    const files = classic()
    const base = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True')
    const head = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = bool(os.environ.get("DJANGO_DEBUG"))')
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head, 'DEBUG = bool(')}[updated]`])
    expect(only(r, 'debug-enabled').notes[0]).toMatch(/^Before this change: DEBUG is True in production/)
  })
})
