import { describe, expect, it } from '@jest/globals'
import { csrfTrustedOriginsTooBroad, originProblem } from '../../src/rules/csrf-trusted-origins-too-broad.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { CLEAN, line, py } from './fixtures.js'

ruleTester(csrfTrustedOriginsTooBroad, {
  valid: [
    { name: 'not set', code: py('DEBUG = False') },
    { name: 'explicit https origins (near miss)', code: py('CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "https://admin.example.com:8443"]') },
    { name: 'a wildcard on your own domain', code: py('CSRF_TRUSTED_ORIGINS = ["https://*.example.com"]') },
    { name: 'your own app on a shared host, exactly', code: py('CSRF_TRUSTED_ORIGINS = ["https://shop.herokuapp.com", "https://shop-git-main.vercel.app"]') },
    { name: 'loopback over http: no network between browser and host', code: py('CSRF_TRUSTED_ORIGINS = ["http://localhost:3000", "http://127.0.0.1:8000", "http://[::1]:8000", "http://app.localhost"]') },
    { name: 'Django 3.2 style host with a dot, own domain', code: py('CSRF_TRUSTED_ORIGINS = [".example.com"]') },
    { name: 'required env list (unknown)', code: py('import os', 'CSRF_TRUSTED_ORIGINS = os.environ["CSRF_TRUSTED_ORIGINS"].split(",")') },
    { name: 'http origin only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *', 'CSRF_TRUSTED_ORIGINS = ["http://192.168.1.20:8000"]'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'plain http origin', code: py('CSRF_TRUSTED_ORIGINS = [', '    "https://shop.example.com",', '    "http://shop.example.com",', ']'), findings: [{ line: 3, severity: 'medium', message: ["plain-HTTP origin 'http://shop.example.com'", 'network path', 'set at line 1'] }] },
    { name: 'looks like localhost but is not', code: py('CSRF_TRUSTED_ORIGINS = ["http://localhost.evil.com", "http://127.0.0.1.nip.io"]'), findings: [{ line: 1, message: ['localhost.evil.com'] }, { line: 1, message: ['127.0.0.1.nip.io'] }] },
    { name: 'wildcard on Heroku', code: py('CSRF_TRUSTED_ORIGINS = ["https://*.herokuapp.com"]'), findings: [{ line: 1, severity: 'medium', message: ['subdomain of herokuapp.com', "strangers' apps"] }] },
    { name: 'wildcard on Vercel and GitHub Pages', code: py('CSRF_TRUSTED_ORIGINS = ["https://*.vercel.app", "https://*.github.io"]'), findings: [{ line: 1, message: ['vercel.app'] }, { line: 1, message: ['github.io'] }] },
    { name: 'wildcard on a public suffix', code: py('CSRF_TRUSTED_ORIGINS = ["https://*.com", "https://*.co.uk"]'), findings: [{ line: 1, message: ['public suffix .com'] }, { line: 1, message: ['public suffix .co.uk'] }] },
    { name: 'a bare * matches nothing in Django: low', code: py('CSRF_TRUSTED_ORIGINS = ["*"]'), findings: [{ line: 1, severity: 'low', message: ['matches no origin at all'] }] },
    { name: 'https://* matches nothing either', code: py('CSRF_TRUSTED_ORIGINS = ["https://*"]'), findings: [{ line: 1, severity: 'low' }] },
    { name: 'http wildcard on own domain', code: py('CSRF_TRUSTED_ORIGINS = ["http://*.example.com"]'), findings: [{ line: 1, severity: 'medium', message: ['plain-HTTP'] }] },
    { name: 'env default with an http origin', code: py('import os', 'CSRF_TRUSTED_ORIGINS = os.environ.get("CSRF_TRUSTED_ORIGINS", "http://shop.example.com").split(",")'), findings: [{ line: 2, message: ['CSRF_TRUSTED_ORIGINS unset gets'] }] },
    { name: 'appended in production to a clean base', code: { 'proj/settings/base.py': py('DEBUG = False', 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]'), 'proj/settings/production.py': py('from .base import *', 'CSRF_TRUSTED_ORIGINS += ["https://*.onrender.com"]') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] },
    { name: 'only on one branch', code: py('import os', 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]', 'if os.environ["PREVIEW_DEPLOY"]:', '    CSRF_TRUSTED_ORIGINS.append("https://*.netlify.app")'), findings: [{ line: 4, message: ['can have'] }] }
  ]
})

describe('originProblem', () => {
  it('reads hosts with ports and schemes case-insensitively', () => {
    expect(originProblem('HTTP://Shop.Example.com:80')?.problem).toBe('http')
    expect(originProblem('https://*.FLY.dev')?.problem).toBe('shared')
    expect(originProblem('https://shop.example.com')).toBeUndefined()
    expect(originProblem('http://localhost')).toBeUndefined()
  })
})

describe('csrf-trusted-origins-too-broad in a diff', () => {
  it('a change that adds an http origin gets a new finding on the added line', async () => {
    const base = { 'mysite/settings.py': CLEAN + 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]\n' }
    const head = CLEAN + 'CSRF_TRUSTED_ORIGINS = [\n    "https://shop.example.com",\n    "http://shop.example.com",\n]\n'
    const result = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(result)).toEqual([`csrf-trusted-origins-too-broad@mysite/settings.py:${line(3)}[new]`])
  })
})
