// A credential the base tree already held is not new when the change re-quotes it, re-wraps it,
// moves it to another file or into an environment default. A different value is.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'

const VALUE = 'Qv7pT2xK9mW4nR8sL3cZ'
const BASE = { 'shop/mail.py': `EMAIL_HOST_PASSWORD = "${VALUE}"\n`, 'shop/__init__.py': '' }

describe('a credential already in the base tree', () => {
  it('re-quoted in place: unchanged, with a note', async () => {
    const r = await diffFiles(BASE, { 'shop/mail.py': `EMAIL_HOST_PASSWORD = '${VALUE}'\n` })
    expect(brief(r)).toEqual(['hardcoded-credential@shop/mail.py:1[unchanged]'])
    expect(r.findings[0].notes).toContain('Not new: the same value was already in shop/mail.py before this change.')
  })

  it('moved to another file as an environment default: unchanged', async () => {
    const r = await diffFiles(BASE, { 'shop/mail.py': null, 'shop/email.py': `import os\nEMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "${VALUE}")\n` })
    expect(brief(r)).toEqual(['hardcoded-credential@shop/email.py:2[unchanged]'])
  })

  it('a value the base wrapped over two lines, now on one: unchanged', async () => {
    const base = { ...BASE, 'shop/mail.py': `EMAIL_HOST_PASSWORD = (\n    "${VALUE.slice(0, 10)}"\n    "${VALUE.slice(10)}"\n)\n` }
    const r = await diffFiles(base, { 'shop/mail.py': `EMAIL_HOST_PASSWORD = "${VALUE}"\n` })
    expect(brief(r)).toEqual(['hardcoded-credential@shop/mail.py:1[unchanged]'])
  })

  it('a different value is new', async () => {
    const r = await diffFiles(BASE, { 'shop/mail.py': `EMAIL_HOST_PASSWORD = "${VALUE.slice(0, -1)}Y"\n` })
    expect(brief(r)).toEqual(['hardcoded-credential@shop/mail.py:1[new]'])
  })
})
