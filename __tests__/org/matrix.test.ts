import { describe, expect, it } from '@jest/globals'
import { artifactName, MAX_MATRIX_JOBS, toMatrix } from '../../src/org/matrix.js'

const repos = (n: number) => Array.from({ length: n }, (_, i) => ({ fullName: `acme/r${String(i).padStart(4, '0')}`, defaultBranch: 'main' }))

describe('toMatrix', () => {
  it('puts at most 256 repositories in a chunk, sorted, with an artifact name each', () => {
    const m = toMatrix('acme', repos(513).reverse())
    expect(m.count).toBe(513)
    expect(m.chunks.map((c) => c.include.length)).toEqual([256, 256, 1])
    expect(m.chunkIndexes).toEqual([0, 1, 2])
    expect(m.chunks[0].include[0]).toEqual({ repository: 'acme/r0000', ref: 'main', artifact: 'django-security-acme__r0000' })
    expect(m.chunks[2].include[0].repository).toBe('acme/r0512')
    for (const c of m.chunks) expect(c.include.length).toBeLessThanOrEqual(MAX_MATRIX_JOBS)
  })

  it('exactly 256 is one chunk; none is no chunk', () => {
    expect(toMatrix('acme', repos(256)).chunks).toHaveLength(1)
    expect(toMatrix('acme', [])).toEqual({ organisation: 'acme', count: 0, chunkIndexes: [], chunks: [] })
  })

  it('takes a smaller chunk size, and refuses what would exceed the limit at either level', () => {
    expect(toMatrix('acme', repos(5), 2).chunks.map((c) => c.include.length)).toEqual([2, 2, 1])
    expect(() => toMatrix('acme', repos(5), 257)).toThrow('chunk size must be 1 to 256')
    expect(() => toMatrix('acme', repos(258), 1)).toThrow('258 repositories make 258 chunks of 1, over the 256 jobs one matrix may run')
  })

  it('names artifacts without "/"', () => {
    expect(artifactName('acme/my.repo')).toBe('django-security-acme__my.repo')
  })
})
