// The file as Python's tokenizer sees it: PEP 263 coding cookies, line endings, NFKC identifiers.
// Each case was checked against CPython 3.11: the value asserted is what Python gives.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { findCoding, pythonSource } from '../../src/python/source.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('coding cookies (PEP 263)', () => {
  it('utf-7: a "comment" holding +AAo- is a new line of code for Python', () => {
    const src = '# -*- coding: utf-7 -*-\nDEBUG = False  # harmless +AAo-DEBUG = True\n'
    expect(values(src, ['DEBUG'])).toEqual({ DEBUG: 'True' })
    // the line Python runs is on line 2 of the file as git shows it
    expect(evaluate({ 'settings.py': src }).ns.bindings.get('DEBUG')?.loc.line).toBe(2)
  })

  it('unicode_escape and raw_unicode_escape turn \\n and \\u000a in a comment into a new line', () => {
    expect(values('# coding: unicode_escape\nDEBUG = False  # \\nDEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
    expect(values('# coding: raw_unicode_escape\nDEBUG = False  # \\u000aDEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
  })

  it('the cookie counts on line 2 after a comment line, not on line 3 or after code', () => {
    expect(values('#!/usr/bin/env python\n# vim: set fileencoding=utf-7 :\nDEBUG = False  # +AAo-DEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
    expect(values('\n\n# coding: utf-7\nDEBUG = False  # +AAo-DEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'False' })
    expect(values('X = 1\n# coding: utf-7\nDEBUG = False  # +AAo-DEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'False' })
  })

  it('latin-1 decodes string values as Python does; utf-8 cookies change nothing', () => {
    expect(values('# coding: latin-1\nX = "é"\n', ['X'])).toEqual({ X: "'Ã©'" })
    expect(values('# -*- coding: utf-8 -*-\nX = "é"\n', ['X'])).toEqual({ X: "'é'" })
  })

  it('classifies cookies: plain, suspicious (decoded, reported) and unsupported (module unknown)', () => {
    expect(findCoding('# coding: utf-8\n')).toEqual({ name: 'utf-8', line: 1 })
    expect(findCoding('# coding: latin-1\n')?.problem).toBeUndefined()
    expect(findCoding('# coding: utf-7\n')?.problem).toBe('suspicious')
    expect(findCoding('# coding: shift_jis\n')?.problem).toBe('suspicious')
    expect(findCoding('# coding: utf-16\n')?.problem).toBe('unsupported')
    expect(findCoding('# coding: cp500\n')?.problem).toBe('unsupported')
    expect(findCoding('# coding: no-such-codec\n')?.problem).toBe('unsupported')
    // a BOM with any cookie but utf-8 is a SyntaxError in Python
    expect(findCoding('\ufeff# coding: utf-7\n')?.problem).toBe('unsupported')
    expect(findCoding('DEBUG = True  # coding: utf-7\n')).toBeUndefined()
  })

  it('a module whose encoding cannot be read as Python reads it defines only unknowns, and says so', () => {
    const result = evaluate({ 'settings.py': '# coding: utf-16\nDEBUG = False\n' })
    expect(result.ns.bindings.size).toBe(0)
    expect(result.ns.dynamic?.line).toBe(1)
    expect(result.notices.join('\n')).toContain('settings.py:1: it declares the encoding utf-16')
    expect(result.opaque.map((o) => o.loc.line)).toEqual([1])
  })

  it('a suspicious cookie is an opaque write of the module, at the cookie line', () => {
    expect(evaluate({ 'settings.py': 'import os\n# coding: utf-7\nDEBUG = False\n' }).opaque).toEqual([])
    const [o] = evaluate({ 'settings.py': '# coding: utf-7\nDEBUG = False\n' }).opaque
    expect(o.loc.line).toBe(1)
    expect(o.what).toContain('coding cookie `utf-7`')
  })
})

describe('line endings', () => {
  it('a lone CR ends a line, and with it a comment', () => {
    expect(values('DEBUG = False  # see below\rDEBUG = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
    expect(values('DEBUG = False\r\nX = 1\r\n', ['DEBUG', 'X'])).toEqual({ DEBUG: 'False', X: '1' })
  })

  it('maps the lines Python reads back to the lines git shows (split at \\n only)', () => {
    const py = pythonSource('A = 1\r\nB = 2 # c\rC = 3\nD = 4\n')
    expect(py.text).toBe('A = 1\nB = 2 # c\nC = 3\nD = 4\n')
    expect(py.fileLine).toEqual([1, 2, 2, 3, 4])
    expect(evaluate({ 'settings.py': 'A = 1\r\nB = 2 # c\rC = 3\nD = 4\n' }).ns.bindings.get('D')?.loc.line).toBe(3)
  })
})

describe('identifiers', () => {
  it('are NFKC-normalised: fullwidth and mathematical-bold DEBUG are DEBUG', () => {
    expect(values('DEBUG = False\nＤＥＢＵＧ = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
    expect(values('DEBUG = False\n𝐃𝐄𝐁𝐔𝐆 = True\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
    expect(values('import os\nDEBUG = os.𝐠𝐞𝐭𝐞𝐧𝐯("DEBUG", "1") == "1"\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
  })

  it('a normalised True is the constant True', () => {
    expect(values('DEBUG = 𝐓𝐫𝐮𝐞\n', ['DEBUG'])).toEqual({ DEBUG: 'True' })
  })
})
