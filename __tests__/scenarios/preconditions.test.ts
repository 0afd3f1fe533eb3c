// A change that supplies a rule's precondition makes an old value take effect: not new. A change that
// takes one away silences findings: not fixed.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CLASSIC_SETTINGS, classic, edit, lineOf, only, worsened } from './projects.js'

const SECURITY = '    "django.middleware.security.SecurityMiddleware",\n'
const CSRF = '    "django.middleware.csrf.CsrfViewMiddleware",\n'
const SECURITY_BLOCK = CLASSIC_SETTINGS.slice(CLASSIC_SETTINGS.indexOf('SECURE_SSL_REDIRECT = True'))

/** The classic project without SecurityMiddleware and its header settings: HSTS set, the rest unset. */
function withoutSecurityMiddleware(): Record<string, string> {
  const files = classic()
  const settings = edit(files, 'mysite/settings.py', SECURITY, '').replace(SECURITY_BLOCK, 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSECURE_HSTS_SECONDS = 31536000\n')
  return { ...files, 'mysite/settings.py': settings }
}

describe('a precondition supplied by the change', () => {
  it('adding SecurityMiddleware: the unset SSL redirect and HSTS sub-settings are unchanged, with a note, never failing', async () => {
    const base = withoutSecurityMiddleware()
    const head = base['mysite/settings.py'].replace('MIDDLEWARE = [\n', `MIDDLEWARE = [\n${SECURITY}`)
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(worsened(r)).toEqual([])
    expect(brief(r)).toContain('security-middleware-missing@mysite/settings.py:' + lineOf(base['mysite/settings.py'], 'MIDDLEWARE = [') + '[absent]')
    const ssl = only(r, 'ssl-redirect-disabled')
    expect(ssl.baselineState).toBe('unchanged')
    expect(ssl.notes[0]).toBe('Not new: SECURE_SSL_REDIRECT is False as before, but it had no effect until this change, which makes SecurityMiddleware is in MIDDLEWARE; the value now takes effect.')
    expect(r.findings.filter((f) => f.ruleId === 'hsts-weakened').map((f) => f.baselineState)).toEqual(['unchanged', 'unchanged'])
  })

  it('adding SecurityMiddleware and turning the (inert) SSL redirect off in the same change is new', async () => {
    const files = withoutSecurityMiddleware()
    const base = { ...files, 'mysite/settings.py': files['mysite/settings.py'] + 'SECURE_SSL_REDIRECT = True\n' }
    const head = files['mysite/settings.py'].replace('MIDDLEWARE = [\n', `MIDDLEWARE = [\n${SECURITY}`) + 'SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT") == "yes"\n'
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(worsened(r)).toEqual([`ssl-redirect-disabled@mysite/settings.py:${lineOf(head, 'SECURE_SSL_REDIRECT')}`])
  })

  it('turning HSTS on: include-subdomains and preload, unset before, are unchanged', async () => {
    const files = classic()
    const base = CLASSIC_SETTINGS.replace('SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n', '')
    const head = base + 'SECURE_HSTS_SECONDS = 31536000\n'
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(worsened(r)).toEqual([])
    expect(brief(r)).toEqual([
      'hsts-weakened@mysite/settings.py:1[unchanged]',
      'hsts-weakened@mysite/settings.py:1[unchanged]',
      'hsts-weakened@mysite/settings.py:1[absent]'
    ])
    expect(r.findings[0].notes[0]).toContain('which makes HSTS is on (SECURE_HSTS_SECONDS is set)')
  })

  it('adding CsrfViewMiddleware: CSRF_COOKIE_SECURE = False already there is unchanged', async () => {
    const files = classic()
    const base = edit(files, 'mysite/settings.py', CSRF, '').replace('CSRF_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = False')
    const head = base.replace('MIDDLEWARE = [\n', `MIDDLEWARE = [\n${CSRF}`)
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(worsened(r)).toEqual([])
    expect(only(r, 'csrf-cookie-insecure').baselineState).toBe('unchanged')
    expect(only(r, 'csrf-middleware-missing').baselineState).toBe('absent')
  })
})

describe('a precondition taken away by the change', () => {
  it('removing SecurityMiddleware: security-middleware-missing is new and names the header findings it silences; they are not fixed', async () => {
    const files = classic()
    const base = CLASSIC_SETTINGS.replace('SECURE_SSL_REDIRECT = True\n', '').replace('SECURE_HSTS_PRELOAD = True\n', '')
    const head = base.replace(SECURITY, '')
    const r = await diffFiles({ ...files, 'mysite/settings.py': base }, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`security-middleware-missing@mysite/settings.py:${lineOf(head, 'MIDDLEWARE = [')}[new]`])
    expect(only(r, 'security-middleware-missing').notes).toContain('This also silences what was reported before and is not fixed: hsts-weakened (SECURE_HSTS_PRELOAD), ssl-redirect-disabled (SECURE_SSL_REDIRECT).')
    expect(r.findings.filter((f) => f.baselineState === 'absent')).toEqual([])
  })
})
