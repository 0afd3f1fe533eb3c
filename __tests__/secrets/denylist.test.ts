import { describe, expect, it } from '@jest/globals'
import { isDenyListName, refusedValues } from '../../src/secrets/denylist.js'

const KEY = '"django-insecure-5$+m1x#9(w@q8k^zv0b!t3r&h7y*u2e-l4n6p_j=o%c)d"'
const nothingBefore = (): undefined => undefined

describe('values code refuses', () => {
  it('a value compared against, alone or in a tuple', () => {
    for (const line of [`if SECRET_KEY == ${KEY}:`, `if SECRET_KEY in ("x", ${KEY}):`, `assert key != ${KEY}`]) expect(refusedValues(line, nothingBefore)(line.indexOf(KEY) + 1)).toBe(true)
    const line = `SECRET_KEY = ${KEY}`
    expect(refusedValues(line, nothingBefore)(line.indexOf(KEY) + 1)).toBe(false)
  })

  it('an element of a deny-list, on its line or below the line that opens it', () => {
    const one = `INSECURE_KEYS = frozenset({${KEY}})`
    expect(refusedValues(one, nothingBefore)(one.indexOf(KEY) + 1)).toBe(true)
    const above = ['KNOWN_DEFAULT_KEYS = [', '    "another-one",']
    const element = `    ${KEY},`
    expect(refusedValues(element, (n) => above[above.length - 1 - n])(element.indexOf(KEY) + 1)).toBe(true)
    const kept = ['SECRET_KEY_FALLBACKS = [']
    expect(refusedValues(element, (n) => kept[kept.length - 1 - n])(element.indexOf(KEY) + 1)).toBe(false)
  })

  it('knows deny-list names', () => {
    expect(['INSECURE_KEYS', 'known_default_secrets', 'BANNED_PASSWORDS', 'SECRET_KEY_FALLBACKS'].map(isDenyListName)).toEqual([true, true, true, false])
  })
})
