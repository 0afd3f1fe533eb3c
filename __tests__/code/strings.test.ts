import { beforeAll, describe, expect, it } from '@jest/globals'
import { Resolver, StringJudge } from '../../src/code/strings.js'
import { ownExprs, scopesOf, walkExpr } from '../../src/code/walk.js'
import { parseModule } from '../../src/python/ast.js'
import { initPython } from '../../src/python/parser.js'

beforeAll(async () => {
  await initPython()
})

/** The judgement of the first argument of the last call to `sink` in the source. */
function judge(source: string): { literal: boolean; built?: string } {
  const module = parseModule(source)
  const resolver = new Resolver()
  let found: { literal: boolean; built?: string } | undefined
  for (const scope of scopesOf(module)) {
    const j = new StringJudge(resolver, scope)
    for (const s of scope.stmts)
      for (const root of ownExprs(s))
        for (const e of walkExpr(root))
          if (e.t === 'call' && e.func.t === 'name' && e.func.id === 'sink') {
            const arg = e.args[0]
            found = { literal: j.literal(arg), built: j.built(arg)?.how }
          }
  }
  if (!found) throw new Error('no sink() call')
  return found
}

describe('how a string is built', () => {
  it.each([
    ['a literal', 'sink("SELECT 1")', true, undefined],
    ['literals joined', 'sink("a" + "b" "c")', true, undefined],
    ['an f-string of constants', 'T = "t"\nsink(f"SELECT * FROM {T}")', true, undefined],
    ['an f-string of a parameter', 'def f(x):\n    sink(f"SELECT {x}")', false, 'an f-string that interpolates values'],
    ['% of a parameter', 'def f(x):\n    sink("a %s" % x)', false, '`%` formatting'],
    ['% of literals', 'sink("a %s" % ("b",))', true, undefined],
    ['.format of a parameter', 'def f(x):\n    sink("a {}".format(x))', false, '`.format()`'],
    ['+ of a parameter', 'def f(x):\n    sink("a " + x)', false, 'string concatenation with `+`'],
    ['+ of two parameters (nothing says they are strings)', 'def f(x, y):\n    sink(x + y)', false, undefined],
    ['a variable reassigned to a literal before use', 'def f(x):\n    q = f"{x}"\n    q = "SELECT 1"\n    sink(q)', true, undefined],
    ['a variable assigned after use does not count', 'def f(x):\n    sink(q)\n    q = f"{x}"', false, undefined],
    ['+= of a parameter', 'def f(x):\n    q = "SELECT"\n    q += x\n    sink(q)', false, 'string concatenation with `+=` (`q` at line 3)']
  ])('%s', (_, source, literal, built) => {
    expect(judge(source)).toEqual({ literal, built })
  })

  it('stays fast on a long chain of + with names (each expression judged once)', () => {
    const terms = Array.from({ length: 90 }, (_, i) => `v${i}`).join(' + ')
    const source = `def f(${Array.from({ length: 90 }, (_, i) => `v${i}`).join(', ')}):\n    a = ${terms}\n    b = a + a + a + a\n    c = b + b + b + b\n    sink("SELECT " + c + c + c)\n`
    const start = Date.now()
    expect(judge(source).built).toBeDefined()
    expect(Date.now() - start).toBeLessThan(2000)
  })
})
