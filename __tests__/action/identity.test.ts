// Which comments count as ours.
import { describe, expect, it } from '@jest/globals'
import { identityOf } from '../../src/action/identity.js'

describe('identityOf', () => {
  it('matches the token\'s login in its REST (name[bot]) and GraphQL (name) spellings', () => {
    const me = identityOf('github-actions')
    expect(me.owns({ login: 'github-actions[bot]', type: 'Bot' })).toBe(true)
    expect(me.owns({ login: 'github-actions', type: 'Bot' })).toBe(true)
    expect(me.owns({ login: 'dependabot[bot]', type: 'Bot' })).toBe(false)
    expect(me.owns({ login: 'mallory', type: 'User' })).toBe(false)
    expect(me.owns(null)).toBe(false)
  })

  it('a personal access token owns its user\'s comments', () => {
    expect(identityOf('Release-Manager').owns({ login: 'release-manager', type: 'User' })).toBe(true)
  })

  it('without a known login, only bots are trusted', () => {
    const unknown = identityOf(undefined)
    expect(unknown.owns({ login: 'github-actions[bot]', type: 'Bot' })).toBe(true)
    expect(unknown.owns({ login: 'mallory', type: 'User' })).toBe(false)
  })
})
