// Text output: no control character from a file or a file name reaches the terminal.
import { describe, expect, it } from '@jest/globals'
import { formatText, printable } from '../../src/report/text.js'
import { scanFiles } from '../helpers/project.js'

const ESC = '\u001b'

describe('text output', () => {
  it('escapes control characters and bidirectional overrides, keeps tabs and ordinary text', () => {
    expect(printable(`a${ESC}[2Jb\tc\u202ed\re\u0085`)).toBe('a\\u001b[2Jb\tc\\u202ed\\u000de\\u0085')
    expect(printable('DEBUG = True  # élan')).toBe('DEBUG = True  # élan')
  })

  it('shows escape sequences from file contents, names, messages and notices escaped', async () => {
    const path = `mysite${ESC}]0;owned${ESC}\\/settings.py`
    const result = await scanFiles({
      [path]: `# ${ESC}[2J${ESC}[1;1H all clear\nDEBUG = True  # ${ESC}[8m hidden\nX = 1 # django-security: ignore[debug-enabled]${ESC}[0m\n`,
      'mysite/wsgi.py': `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite${ESC}.settings")\n`
    })
    expect(result.findings.map((f) => f.ruleId)).toContain('debug-enabled')
    const text = formatText({ ...result, notices: [...result.notices, { path, line: 3, message: `bad ${ESC}[31m` }] }, 'summary', { color: false })
    expect(text).not.toContain(ESC)
    expect(text).toContain('mysite\\u001b]0;owned\\u001b\\/settings.py:2')
    expect(text).toContain('DEBUG = True  # \\u001b[8m hidden')
    expect(formatText({ ...result, notices: [] }, 'summary', { color: true })).toContain(`${ESC}[`)
  })
})
