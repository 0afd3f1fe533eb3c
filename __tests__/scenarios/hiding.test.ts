// Change scenarios for ways of writing DEBUG = True that a line-based review misses (issue 10,
// point 2): each is seen, either as the value Python gives or as a line that can set any setting.
import { describe, expect, it } from '@jest/globals'
import { diffFiles } from '../helpers/project.js'
import { classic, worsened } from './projects.js'

const SETTINGS = 'mysite/settings.py'

/** Reviews the classic project with `lines` appended to its settings (and `first` before everything). */
async function appended(lines: string, first = ''): Promise<string[]> {
  const base = classic()
  const head = first + base[SETTINGS] + lines
  return worsened(await diffFiles(base, { [SETTINGS]: head }))
}

/** The line number of the first appended line. */
const END = classic()[SETTINGS].split('\n').length

describe('seen as the value Python gives', () => {
  // [how, the lines appended, which of them sets DEBUG (0-based)]
  it.each([
    ['a fullwidth identifier', 'ＤＥＢＵＧ = True\n', 0],
    ['a mathematical-bold identifier', '𝐃𝐄𝐁𝐔𝐆 = True\n', 0],
    ['after a comment ended by a lone CR', '# harmless comment\rDEBUG = True\n', 0],
    ['setattr on sys.modules[__name__]', 'import sys\nsetattr(sys.modules[__name__], "DEBUG", True)\n', 1],
    ['an attribute of sys.modules[__name__]', 'import sys\nsys.modules[__name__].DEBUG = True\n', 1],
    ['globals().update()', 'globals().update(DEBUG=True)\n', 0],
    ['a loop target', 'for DEBUG in (True,):\n    pass\n', 0]
  ])('DEBUG = True written with %s: new', async (_name, lines, at) => {
    expect(await appended(lines)).toEqual([`debug-enabled@${SETTINGS}:${END + at}`])
  })

  it('under a utf-7 coding cookie: the hidden line is new, and so is the cookie', async () => {
    const found = await appended('# set DEBUG +AAo-DEBUG = True\n', '# -*- coding: utf-7 -*-\n')
    expect(found).toEqual([`settings-opaque-write@${SETTINGS}:1`, `debug-enabled@${SETTINGS}:${END + 1}`])
  })
})

describe('seen as a line that can set any setting', () => {
  it.each([
    ['exec under another name', 'run = exec\nrun(open("/srv/extra.py").read())\n'],
    ['eval through importlib', 'import importlib\nimportlib.import_module("builtins").eval(load_extra())\n'],
    ['setattr with a computed name', 'import sys\nsetattr(sys.modules[__name__], os.environ["FLAG"], True)\n'],
    ['the namespace handed to a library', 'import plugins\nplugins.configure(vars())\n']
  ])('%s: new', async (_name, lines) => {
    const found = await appended(lines)
    expect(found).toEqual([`settings-opaque-write@${SETTINGS}:${END + 1}`])
  })
})
