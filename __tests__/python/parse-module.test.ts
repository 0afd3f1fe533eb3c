// parseModule copies an error-free tree through a cursor that calls web-tree-sitter's WebAssembly
// module directly: that path must be in use (an upgrade of web-tree-sitter could silently lose it),
// and text and lines must come out right when the source is not ASCII (indices count UTF-16 units).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseModule } from '../../src/python/ast.js'
import { directWalk, initPython } from '../../src/python/parser.js'

beforeAll(() => initPython())

describe('parseModule', () => {
  it('walks error-free trees through the WebAssembly module directly', () => {
    expect(directWalk()).toBe(true)
  })

  it('reads names, strings and lines after non-ASCII text', () => {
    const m = parseModule('# é 😀\nＤＥＢＵＧ = 𝐓𝐫𝐮𝐞\nX = "😀 café" + \'x\'\nif a not  in b:\n    Y = f"{X!r} é"\n')
    expect(m.errorLines).toEqual([])
    expect(m.body.map((s) => [s.t, s.line, s.endLine])).toEqual([
      ['assign', 2, 2],
      ['assign', 3, 3],
      ['if', 4, 5]
    ])
    expect(m.body[0]).toMatchObject({ targets: [{ t: 'name', id: 'DEBUG' }], value: { t: 'const', value: true } })
    expect(m.body[1]).toMatchObject({ value: { t: 'binop', op: '+', left: { t: 'const', value: '😀 café' }, right: { t: 'const', value: 'x' } } })
    const branch = m.body[2].t === 'if' ? m.body[2].branches[0] : undefined
    expect(branch?.cond).toMatchObject({ t: 'compare', ops: ['not in'] })
    expect(branch?.body[0]).toMatchObject({ t: 'assign', line: 5, value: { t: 'fstring', parts: [{ t: 'name', id: 'X' }, ' é'] } })
  })

  it('still reads a tree with a syntax error', () => {
    const m = parseModule('DEBUG = True\nX = (\nY = 1\n')
    expect(m.errorLines.length).toBeGreaterThan(0)
    expect(m.body[0]).toMatchObject({ t: 'assign', line: 1, value: { t: 'const', value: true } })
  })
})
