// django-configurations: the upper-case attributes of the Configuration class production uses
// become the module's settings; values.* read DJANGO_<NAME>.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

const SRC = `from configurations import Configuration, values

class Base(Configuration):
    DEBUG = values.BooleanValue(False)
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = values.ListValue(["example.com"])
    HSTS = values.IntegerValue(3600, environ_name="HSTS_SECONDS")
    SESSION_COOKIE_SAMESITE = "None"
    helper = "not a setting"

    @property
    def CSRF_COOKIE_SECURE(self):
        return not self.DEBUG

class Dev(Base):
    DEBUG = True

class Prod(Base):
    SESSION_COOKIE_SECURE = True
`
const NAMES = ['DEBUG', 'SECRET_KEY', 'ALLOWED_HOSTS', 'HSTS', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'helper']

describe('django-configurations', () => {
  it('production as deployed: the leaf class not named for development, values at their defaults', () => {
    expect(values(SRC, NAMES)).toEqual({
      DEBUG: 'False',
      SECRET_KEY: '<unknown>',
      ALLOWED_HOSTS: "['example.com']",
      HSTS: '3600',
      SESSION_COOKIE_SAMESITE: "'None'",
      SESSION_COOKIE_SECURE: 'True',
      CSRF_COOKIE_SECURE: 'True',
      helper: '<missing>'
    })
  })

  it('values are read from DJANGO_<NAME> (or environ_name) with their cast', () => {
    expect(values(SRC, ['DEBUG', 'ALLOWED_HOSTS', 'HSTS'], 1)).toEqual({ DEBUG: 'False', ALLOWED_HOSTS: "['False']", HSTS: '<error>' })
    expect(values(SRC, ['DEBUG'], 4)).toEqual({ DEBUG: 'True' })
    const env = evaluate({ 'settings.py': SRC }).ns.bindings
    expect(env.get('DEBUG')!.env.map((r) => `${r.name} ${r.via} ${r.defaultText}`)).toEqual(['DJANGO_DEBUG values.BooleanValue False'])
    expect(env.get('HSTS')!.env.map((r) => r.name)).toEqual(['HSTS_SECONDS'])
    // the setting points at the class attribute
    expect(env.get('SESSION_COOKIE_SAMESITE')!.loc.line).toBe(8)
  })

  it('several candidate classes give alternatives', () => {
    const src = SRC + '\nclass Staging(Base):\n    SESSION_COOKIE_SECURE = False\n'
    expect(values(src, ['SESSION_COOKIE_SECURE', 'DEBUG'])).toEqual({ SESSION_COOKIE_SECURE: 'True or False', DEBUG: 'False' })
  })
})
