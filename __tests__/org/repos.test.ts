import { describe, expect, it } from '@jest/globals'
import { skipReason, type OrgRepository } from '../../src/org/repos.js'

const repo = (over: Partial<OrgRepository> = {}): OrgRepository => ({ fullName: 'acme/shop', owner: 'acme', name: 'shop', defaultBranch: 'main', topics: ['django'], archived: false, fork: false, private: false, ...over })
const none = { topics: [], nameFilters: [], includeArchived: false, includeForks: false }

describe('skipReason', () => {
  it.each([
    ['kept by default', repo(), none, undefined],
    ['archived', repo({ archived: true }), none, 'archived'],
    ['archived, asked for', repo({ archived: true }), { ...none, includeArchived: true }, undefined],
    ['a fork', repo({ fork: true }), none, 'fork'],
    ['a fork, asked for', repo({ fork: true }), { ...none, includeForks: true }, undefined],
    ['any of the topics (GitHub topics are lower case)', repo(), { ...none, topics: ['web', 'Django'] }, undefined],
    ['none of the topics', repo(), { ...none, topics: ['web'] }, 'topic'],
    ['a name glob', repo(), { ...none, nameFilters: ['sh*'] }, undefined],
    ['a name glob, case-insensitive', repo(), { ...none, nameFilters: ['SHOP'] }, undefined],
    ['no name glob matches', repo(), { ...none, nameFilters: ['api-*', 'web-*'] }, 'name'],
    ['an owner/name glob', repo(), { ...none, nameFilters: ['acme/*'] }, undefined],
    ['an owner/name glob of another owner', repo(), { ...none, nameFilters: ['other/*'] }, 'name']
  ])('%s', (_, r, filter, expected) => {
    expect(skipReason(r, filter)).toBe(expected)
  })
})
