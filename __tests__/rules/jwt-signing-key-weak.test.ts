import { describe, expect, it } from '@jest/globals'
import { jwtSigningKeyWeak } from '../../src/rules/jwt-signing-key-weak.js'
import { diffFiles, scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, py } from './fixtures.js'

/** A key no secrets detector knows as a placeholder: only the rule can tell it is a JWT key. */
const KEY = 'Qm9vdHN0cmFwLWp3dC1rZXktZm9yLXN0YWdpbmc'

ruleTester(jwtSigningKeyWeak, {
  valid: [
    { name: 'not set (simplejwt signs with SECRET_KEY)', code: py('DEBUG = False', 'SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": 300}') },
    { name: 'required env read', code: py('DEBUG = False', 'import os', 'SIMPLE_JWT = {"SIGNING_KEY": os.environ["JWT_SIGNING_KEY"]}') },
    { name: 'env read with no default (None: simplejwt refuses)', code: py('DEBUG = False', 'import os', 'JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY")') },
    { name: 'the SECRET_KEY itself: left to secret-key-hardcoded', code: py('DEBUG = False', 'SECRET_KEY = "x7#k2p!q9z@m4w$e8r%t6y^u1i&o3p(a5s)d0f-g_h=j+l*c9v"', 'SIMPLE_JWT = {"SIGNING_KEY": SECRET_KEY}') },
    { name: 'a private key read from a file', code: py('DEBUG = False', 'from pathlib import Path', 'SIMPLE_JWT = {"ALGORITHM": "RS256", "SIGNING_KEY": Path("/run/secrets/jwt.pem").read_text()}') },
    { name: 'literal only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *', 'SIMPLE_JWT = {"SIGNING_KEY": "secret"}'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'simplejwt literal', code: py('DEBUG = False', 'SIMPLE_JWT = {', '    "ALGORITHM": "HS256",', `    "SIGNING_KEY": "${KEY}",`, '}'), findings: [{ line: 4, severity: 'high', message: ['SIMPLE_JWT["SIGNING_KEY"] (djangorestframework-simplejwt) is a literal (Qm****mc) committed in mysite/settings.py', 'sign tokens for any user'] }] },
    { name: 'a short literal', code: py('DEBUG = False', 'JWT_SIGNING_KEY = "tok-2024-staging"'), findings: [{ line: 2, message: ['fewer than the 32 bytes an HS256 key needs'] }] },
    { name: 'falls back to "secret"', code: py('DEBUG = False', 'import os', 'SIMPLE_JWT = {', '    "SIGNING_KEY": os.environ.get("JWT_SIGNING_KEY", "secret"),', '}'), findings: [{ line: 4, message: ['falls back to a literal (s****t) when JWT_SIGNING_KEY is unset', 'well-known placeholder'] }] },
    { name: 'django-environ default', code: py('DEBUG = False', 'import environ', 'env = environ.Env()', `JWT_AUTH = {"JWT_SECRET_KEY": env("JWT_SECRET_KEY", default="${KEY}${KEY}")}`), findings: [{ line: 4, message: ['JWT_AUTH["JWT_SECRET_KEY"] (djangorestframework-jwt) falls back'] }] },
    { name: 'graphql-jwt and a top-level key', code: py('DEBUG = False', 'GRAPHQL_JWT = {"JWT_SECRET_KEY": "changeme"}', 'JWT_SECRET_KEY = ""'), findings: [{ line: 2, message: ['GRAPHQL_JWT["JWT_SECRET_KEY"]', 'placeholder'] }, { line: 3, message: ['JWT_SECRET_KEY (a JWT library) is a literal (empty)', 'it is empty'] }] },
    { name: 'set in production over a clean base', code: { 'proj/settings/base.py': py('import os', 'DEBUG = False', 'SIMPLE_JWT = {"SIGNING_KEY": os.environ["JWT_KEY"]}'), 'proj/settings/production.py': py('from .base import *', `SIMPLE_JWT["SIGNING_KEY"] = "${KEY}"`) }, findings: [{ path: 'proj/settings/production.py', line: 2 }] }
  ]
})

describe('jwt-signing-key-weak and deploy files', () => {
  it('a required read that a production compose service sets to a literal points at the compose line', async () => {
    const settings = py('import os', 'DEBUG = False', 'SIMPLE_JWT = {"SIGNING_KEY": os.environ["JWT_SIGNING_KEY"]}')
    const compose = ['services:', '  web:', '    image: shop/web:1.4', '    command: gunicorn mysite.wsgi --bind 0.0.0.0:8000', '    environment:', `      - JWT_SIGNING_KEY=${KEY}`, ''].join('\n')
    const wsgi = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n'
    const result = await scanFiles({ 'mysite/settings.py': settings, 'mysite/wsgi.py': wsgi, 'mysite/__init__.py': '', 'docker-compose.yml': compose })
    const got = result.findings.filter((f) => f.ruleId === jwtSigningKeyWeak.meta.id)
    expect(got.map((f) => `${f.path}:${f.line}`)).toEqual(['docker-compose.yml:6'])
    expect(got[0].message).toContain('committed in a deploy file')
    expect(JSON.stringify(result.findings)).not.toContain(KEY.slice(2, 10))
  })
})

describe('jwt-signing-key-weak masks the key on every channel', () => {
  const code = CLEAN + `SIMPLE_JWT = {\n    "SIGNING_KEY": "${KEY}",\n}\n`

  it('scan: message, evidence, fix and notes never hold the key', async () => {
    const result = await scanFiles({ 'mysite/settings.py': code })
    const finding = result.findings.find((f) => f.ruleId === jwtSigningKeyWeak.meta.id)
    expect(finding?.evidence).toBeDefined()
    expect(JSON.stringify(result.findings)).not.toContain(KEY.slice(2, 10))
    expect(result.lines('mysite/settings.py', 'head')?.join('\n')).not.toContain(KEY.slice(2, 10))
  })

  it('a key the secrets detector cannot see as one (a plain name) is masked in the file lines shown', async () => {
    const indirect = CLEAN + `HEADER_SEED = "${KEY}"\nSIMPLE_JWT = {"SIGNING_KEY": HEADER_SEED}\n`
    const result = await scanFiles({ 'mysite/settings.py': indirect })
    expect(result.findings.filter((f) => f.ruleId === jwtSigningKeyWeak.meta.id)).toHaveLength(1)
    expect(result.lines('mysite/settings.py', 'head')?.join('\n')).not.toContain(KEY.slice(2, 10))
  })

  it('diff: the new finding and the fixed one are masked too', async () => {
    const added = await diffFiles({ 'mysite/settings.py': CLEAN }, { 'mysite/settings.py': code })
    expect(added.findings.filter((f) => f.ruleId === jwtSigningKeyWeak.meta.id).map((f) => f.baselineState)).toEqual(['new'])
    const fixed = await diffFiles({ 'mysite/settings.py': code }, { 'mysite/settings.py': CLEAN })
    expect(fixed.findings.filter((f) => f.ruleId === jwtSigningKeyWeak.meta.id).map((f) => f.baselineState)).toEqual(['absent'])
    for (const r of [added, fixed]) {
      expect(r.findings.length).toBeGreaterThan(0)
      expect(JSON.stringify(r.findings)).not.toContain(KEY.slice(2, 10))
      expect(r.lines('mysite/settings.py', 'base')?.join('\n') ?? '').not.toContain(KEY.slice(2, 10))
      expect(r.lines('mysite/settings.py', 'head')?.join('\n') ?? '').not.toContain(KEY.slice(2, 10))
    }
  })
})
