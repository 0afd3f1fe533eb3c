// inspect.signature(view).bind(None, reason=None), read from parsed parameters: the cases Python itself
// decides (checked against Python 3.11 and Django 3.2's check_csrf_failure_view; see the differential test).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { bindRequestAndReason } from '../../src/code/callables.js'
import { parseModule } from '../../src/python/ast.js'
import { initPython } from '../../src/python/parser.js'

beforeAll(() => initPython())

function params(signature: string) {
  const def = parseModule(`def f(${signature}):\n    pass\n`).body[0]
  if (def.t !== 'def') throw new Error('not a def')
  return def.params
}

describe('parameter kinds', () => {
  it('marks keyword-only parameters after * or *args, and positional-only ones before /', () => {
    expect(params('a, /, b, *, c, **d')).toEqual([
      { name: 'a', positionalOnly: true },
      { name: 'b' },
      { name: 'c', keywordOnly: true },
      { name: 'd', star: '**' }
    ])
    expect(params('a, *args, b=1').map((p) => [p.name, p.keywordOnly ?? false])).toEqual([
      ['a', false],
      ['args', false],
      ['b', true]
    ])
  })
})

describe('bind(None, reason=None)', () => {
  it.each([
    ['request, reason=""', true],
    ['request, reason', true],
    ['*args, **kwargs', true],
    ['request, **kwargs', true],
    ['request, *, reason', true],
    ['*args, reason=None', true],
    ['request: "HttpRequest", reason: str = ""', true],
    ['request, reason="", template_name="403_csrf.html"', true],
    ['request, reason, /, **kwargs', false],
    ['request, reason, /', false],
    ['request', false],
    ['', false],
    ['*, reason', false],
    ['reason, request=None', false],
    ['request, reason, extra', false],
    ['request, reason, *, extra', false],
    ['self, request, *args, **kwargs', false]
  ])('def f(%s) binds: %s', (signature, binds) => {
    expect(bindRequestAndReason(params(signature)) === undefined).toBe(binds)
  })
})
