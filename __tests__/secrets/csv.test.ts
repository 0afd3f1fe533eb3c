import { describe, expect, it } from '@jest/globals'
import { csvHeader, csvPairs } from '../../src/secrets/csv.js'
import { namedKind } from '../../src/secrets/classify.js'

const secretName = (k: string): boolean => namedKind(k) !== undefined

describe('CSV columns', () => {
  it('reads a header only when a column names a secret', () => {
    expect(csvHeader('User name,Password,Access key ID,Secret access key', secretName)).toEqual(['User name', 'Password', 'Access key ID', 'Secret access key'])
    expect(csvHeader('id,name,email', secretName)).toBeUndefined()
  })

  it('pairs each cell with its column, quoted cells with commas and doubled quotes included', () => {
    const line = 'ci,"pa,ss""word",AKIAZ3MSJV4TLWQ7PHXN,'
    const pairs = csvPairs(line, ['User name', 'Password', 'Access key ID', 'Secret access key'])
    expect(pairs.map((p) => [p.key, p.value, line.slice(p.parts[0].start, p.parts[0].end)])).toEqual([
      ['User name', 'ci', 'ci'],
      ['Password', 'pa,ss"word', 'pa,ss""word'],
      ['Access key ID', 'AKIAZ3MSJV4TLWQ7PHXN', 'AKIAZ3MSJV4TLWQ7PHXN']
    ])
  })
})
