import { describe, expect, it } from '@jest/globals'
import { settingsOpaqueWrite } from '../../src/rules/settings-opaque-write.js'
import { brief, diffFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { classic, edit, lineOf } from '../scenarios/projects.js'
import { py } from './fixtures.js'

ruleTester(settingsOpaqueWrite, {
  valid: [
    { name: 'assignments only', code: py('DEBUG = False') },
    { name: 'setattr with a name the review computes (an assignment)', code: py('import sys', 'setattr(sys.modules[__name__], "DEBUG", False)') },
    { name: 'globals().update with known entries', code: py('globals().update(DEBUG=False, SECURE_SSL_REDIRECT=True)') },
    { name: 'exec in a namespace of its own', code: py('ns = {}', 'exec("X = 1", ns)') },
    { name: 'a utf-8 coding cookie', code: py('# -*- coding: utf-8 -*-', 'DEBUG = False') },
    { name: 'exec in a development module only', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *', 'exec(open("mine.py").read())'), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'exec', code: py('DEBUG = False', 'exec(open("overrides.py").read())'), findings: [{ line: 2, severity: 'medium', message: ['This line can set any setting; the review cannot see which', 'exec() runs code'] }] },
    { name: 'exec under another name', code: py('DEBUG = False', 'run = exec', 'run(load())'), findings: [{ line: 3 }] },
    { name: 'setattr on the module in a loop over values the review cannot know', code: py('import os, sys', 'DEBUG = False', 'for k, v in os.environ.items():', '    if k.startswith("DJANGO_"):', '        setattr(sys.modules[__name__], k[7:], v)'), findings: [{ line: 5, message: ['setattr() to the module with a name the review cannot compute'] }] },
    { name: 'the namespace handed to a plugin system', code: py('import plugins', 'DEBUG = False', 'plugins.settings(globals())'), findings: [{ line: 3, message: ["the module's namespace is passed to plugins.settings()"] }] },
    { name: 'a utf-7 coding cookie', code: py('# coding: utf-7', 'DEBUG = False'), findings: [{ line: 1, message: ['coding cookie `utf-7`'] }] },
    { name: 'in the base a production module imports', code: { 'proj/settings/base.py': py('DEBUG = False', 'exec(load())'), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] }
  ]
})

describe('settings-opaque-write in a diff', () => {
  const write = 'exec(open("/etc/mysite/overrides.py").read())'

  it('a change that adds an opaque write to production settings: new', async () => {
    const base = classic()
    const head = edit(base, 'mysite/settings.py', 'DEBUG = False\n', `DEBUG = False\n${write}\n`)
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r).filter((b) => b.startsWith('settings-opaque-write'))).toEqual([`settings-opaque-write@mysite/settings.py:${lineOf(head, write)}[new]`])
  })

  it('one that was there already, moved by the change: unchanged, not new', async () => {
    const base = classic()
    base['mysite/settings.py'] += `${write}\n`
    const head = `# Settings\n\n${base['mysite/settings.py']}`
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`settings-opaque-write@mysite/settings.py:${lineOf(head, write)}[unchanged]`])
  })
})
