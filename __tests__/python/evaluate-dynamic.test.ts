// Code that changes module names in ways the evaluator cannot follow must leave them unknown (never a
// wrong known value): slice assignment, writes through globals(), star imports from outside the tree.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { evaluate, values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('changes the evaluator cannot follow', () => {
  it('a slice assignment or deletion makes the list unknown; a slice read is unknown', () => {
    expect(values('M = ["a"]\nM[0:0] = ["b"]\nN = ["a", "b"]\ndel N[1:]\nO = ["a"]\nP = O[1:]\n', ['M', 'N', 'O', 'P'])).toEqual({ M: '<unknown>', N: '<unknown>', O: "['a']", P: '<unknown>' })
  })

  it('a write through globals()/vars() with a computed key makes every name unknown, and unset names too', () => {
    const result = evaluate({ 'settings.py': 'DEBUG = False\nglobals()[name()] = True\n' })
    expect(show(result.ns.bindings.get('DEBUG')!.value)).toBe('<unknown>')
    expect(result.ns.dynamic?.line).toBe(2)
    expect(values('A = 1\nvars()[key] += 1\n', ['A'])).toEqual({ A: '<unknown>' })
  })

  it('dynamic code inside a loop that cannot be unrolled counts, at the line that writes', () => {
    const src = 'import os\nDEBUG = False\nfor key, value in os.environ.items():\n    if key.startswith("DJANGO_"):\n        globals()[key[7:]] = value\nLATER = 1\n'
    const result = evaluate({ 'settings.py': src })
    expect(show(result.ns.bindings.get('DEBUG')!.value)).toBe('<unknown>')
    expect(show(result.ns.bindings.get('LATER')!.value)).toBe('1')
    expect(result.ns.dynamic?.line).toBe(5)
  })

  it('a star import from outside the analysed files may set any name; later assignments are known', () => {
    const result = evaluate({ 'settings.py': 'DEBUG = True\nfrom company.django_defaults import *\nALLOWED_HOSTS = ["example.com"]\n' })
    expect(show(result.ns.bindings.get('DEBUG')!.value)).toBe('<unknown>')
    expect(show(result.ns.bindings.get('ALLOWED_HOSTS')!.value)).toBe("['example.com']")
    expect(result.ns.dynamic?.line).toBe(2)
    expect(result.notices).toEqual(['settings.py:2: names from company.django_defaults (outside the analysed files) are unknown'])
  })

  it("Django's own global_settings only holds the defaults we already know", () => {
    const result = evaluate({ 'settings.py': 'from django.conf.global_settings import *\nDEBUG = False\n' })
    expect(result.ns.dynamic).toBeUndefined()
  })
})
