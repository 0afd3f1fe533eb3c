// django-split-settings: include() runs fragments in the including module's namespace, so a fragment
// is judged as part of the module production loads, never on its own.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles, scanFiles } from '../helpers/project.js'
import { CLASSIC_SETTINGS, CLASSIC_WSGI, classic, edit, lineOf, only } from './projects.js'

function splitProject(init: string, production: string): Record<string, string> {
  return {
    'manage.py': classic()['manage.py'],
    'mysite/__init__.py': '',
    'mysite/wsgi.py': CLASSIC_WSGI,
    'mysite/settings/__init__.py': init,
    'mysite/settings/core.py': CLASSIC_SETTINGS.replace('BASE_DIR = Path(__file__).resolve().parent.parent', 'BASE_DIR = Path(__file__).resolve().parent.parent.parent'),
    'mysite/settings/production.py': production
  }
}

const INCLUDE = 'from split_settings.tools import include, optional\n\ninclude("core.py", "production.py", optional("local.py"))\n'
const PRODUCTION = 'DEBUG = False\nALLOWED_HOSTS = ["blog.example.com"]\n'

describe('django-split-settings', () => {
  it('a fragment that sets no middleware or key of its own is not judged alone: silent', async () => {
    const r = await scanFiles(splitProject(INCLUDE, PRODUCTION))
    expect(brief(r)).toEqual([])
    expect(r.entries.map((e) => `${e.path}:${e.production}`)).toEqual(['mysite/settings/__init__.py:true'])
  })

  it('DEBUG turned on in an included fragment is new, at the fragment line, for the including module', async () => {
    const base = splitProject(INCLUDE, PRODUCTION)
    const head = edit(base, 'mysite/settings/production.py', 'DEBUG = False', 'DEBUG = True')
    const r = await diffFiles(base, { 'mysite/settings/production.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings/production.py:${lineOf(head, 'DEBUG = True')}[new]`])
    expect(only(r, 'debug-enabled').affected).toEqual(['mysite/settings/__init__.py'])
  })

  it('a later fragment overrides an earlier one, in include order', async () => {
    const unsafeCore = splitProject(INCLUDE, PRODUCTION)
    unsafeCore['mysite/settings/core.py'] = unsafeCore['mysite/settings/core.py'].replace('DEBUG = False', 'DEBUG = True')
    expect(brief(await scanFiles(unsafeCore))).toEqual([])
    const reversed = splitProject('from split_settings.tools import include\n\ninclude("production.py", "core.py")\n', PRODUCTION)
    reversed['mysite/settings/core.py'] = reversed['mysite/settings/core.py'].replace('DEBUG = False', 'DEBUG = True')
    expect(brief(await scanFiles(reversed)).map((b) => b.replace(/:\d+$/, ''))).toEqual(['debug-enabled@mysite/settings/core.py'])
  })

  it('optional() kept in a list for include(*files) is still optional: the fragments are followed (tabbycat 53cf32db40)', async () => {
    const init = 'from split_settings.tools import include, optional\n\nfiles = ["core.py", optional("local.py")]\nfiles.append("production.py")\ninclude(*files)\n'
    const r = await scanFiles(splitProject(init, PRODUCTION + 'DEBUG = True\n'))
    expect(brief(r)).toEqual(['debug-enabled@mysite/settings/production.py:3'])
  })

  it('a missing fragment that is not optional (written at deploy time) makes the settings after it unknown: no "not set" findings', async () => {
    const r = await scanFiles(splitProject('from split_settings.tools import include\n\ninclude("core.py", "server.py", "production.py")\n', PRODUCTION))
    expect(brief(r)).toEqual([])
    expect(r.notices.map((n) => n.message).join('\n')).toContain('include() names server.py, which is not in the repository')
  })

  it('a glob the review cannot list makes the settings it may set unknown, and says so', async () => {
    const r = await scanFiles(splitProject('from split_settings.tools import include\n\ninclude("core.py", "components/*.py")\n', PRODUCTION))
    expect(brief(r).filter((b) => b.startsWith('debug-enabled'))).toEqual([])
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('1 line that can set any setting unseen'))
  })
})
