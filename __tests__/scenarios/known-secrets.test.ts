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

describe('an empty SECRET_KEY after the change', () => {
  it('a committed key replaced by an empty one is the fix of the committed key, not a new empty key', async () => {
    const wsgi = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n'
    const settings = (key: string) => `DEBUG = False\nALLOWED_HOSTS = ["a.example"]\nSECRET_KEY = ${key}\n`
    const r = await diffFiles({ 'site/wsgi.py': wsgi, 'site/settings.py': settings('"k3Jd8sLq0Zx7Vb2Nm5Tr9Yw4Pc6Hf1Ga8Ue3Wi0Oa7Sd2Fg5Hj"') }, { 'site/settings.py': settings("''") })
    // Django refuses to start with an empty key: that fails closed and is not news in this change
    expect(brief(r).filter((b) => b.startsWith('secret-key'))).toEqual(['secret-key-hardcoded@site/settings.py:3[absent]'])
  })
})
