import { describe, expect, it } from '@jest/globals'
import { removedPreconditions, settingOf, suppliedPreconditions } from '../../src/diff/preconditions.js'
import { analysedChange, results } from './change.js'

const WSGI = { 'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n' }
const REST = 'DEBUG = False\nSECRET_KEY = __import__("os").environ["SECRET_KEY"]\nALLOWED_HOSTS = ["a.example"]\n'
const WITH = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n'
const WITHOUT = 'MIDDLEWARE = []\n'

describe('preconditions of a finding', () => {
  it('supplied: the middleware is added and the setting keeps its value', async () => {
    const a = await analysedChange({ ...WSGI, 'site/settings.py': REST + WITHOUT }, { 'site/settings.py': REST + WITH })
    const ssl = results(a.head).find((r) => r.rule.meta.id === 'ssl-redirect-disabled')!
    expect(settingOf(ssl)).toBe('SECURE_SSL_REDIRECT')
    expect(suppliedPreconditions(ssl, a.head.views.get('site/settings.py')!, a.base.views.get('site/settings.py'))?.map((p) => p.what)).toEqual(['SecurityMiddleware is in MIDDLEWARE'])
  })

  it('not supplied when the setting changed too, or when there is no base module', async () => {
    const a = await analysedChange({ ...WSGI, 'site/settings.py': REST + WITHOUT + 'SECURE_SSL_REDIRECT = True\n' }, { 'site/settings.py': REST + WITH + 'SECURE_SSL_REDIRECT = False\n' })
    const ssl = results(a.head).find((r) => r.rule.meta.id === 'ssl-redirect-disabled')!
    expect(suppliedPreconditions(ssl, a.head.views.get('site/settings.py')!, a.base.views.get('site/settings.py'))).toBeUndefined()
    expect(suppliedPreconditions(ssl, a.head.views.get('site/settings.py')!, undefined)).toBeUndefined()
  })

  it('removed: a base finding whose middleware the head lacks', async () => {
    const a = await analysedChange({ ...WSGI, 'site/settings.py': REST + WITH }, { 'site/settings.py': REST + WITHOUT })
    const ssl = results(a.base).find((r) => r.rule.meta.id === 'ssl-redirect-disabled')!
    expect(removedPreconditions(ssl, a.head.views.get('site/settings.py')).map((p) => p.reportedBy?.rule)).toEqual(['security-middleware-missing'])
    expect(removedPreconditions(ssl, a.base.views.get('site/settings.py'))).toEqual([])
  })
})
