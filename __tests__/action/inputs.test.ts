// The Action's django-version input, read the way the runner passes inputs (INPUT_<NAME> variables).
import { afterEach, describe, expect, it } from '@jest/globals'
import { readInputs } from '../../src/action/run.js'

const KEY = 'INPUT_DJANGO-VERSION'

describe('django-version input', () => {
  afterEach(() => {
    delete process.env[KEY]
  })

  it('is optional', () => {
    expect(readInputs().djangoVersion).toBeUndefined()
  })

  it('takes a version', () => {
    process.env[KEY] = '3.2'
    expect(readInputs().djangoVersion).toBe('3.2')
  })

  it('refuses what is not a version with one line', () => {
    process.env[KEY] = 'lts'
    expect(() => readInputs()).toThrow('input django-version must be a Django version such as 4.2 or 3.2.25, not "lts"')
  })
})
