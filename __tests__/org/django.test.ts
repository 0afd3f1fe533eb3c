import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeGitHub } from '../../__fixtures__/github-api.js'
import { makeClient } from '../../src/github/client.js'
import { detectDjango, namesDjango } from '../../src/org/django.js'
import { selectDjangoRepositories } from '../../src/org/select.js'

describe('namesDjango', () => {
  it.each([
    ['Django==4.2.7\n', true],
    ['django>=4.2,<5\n', true],
    ['Django\n', true],
    ['requests\ndjango ~= 5.0\n', true],
    ['django[argon2]>=4.2\n', true],
    ['[project]\ndependencies = ["Django>=5.2", "psycopg"]\n', true],
    ['[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.0"\n', true],
    ["install_requires=['Django (>=3.2)']\n", true],
    ['django-environ==0.11\ndjangorestframework\n', false],
    ['flask\n# not django-based\n', false],
    ['mkdocs\n', false]
  ])('%j → %s', (text, expected) => {
    expect(namesDjango(text)).toBe(expected)
  })
})

describe('detectDjango', () => {
  let api: FakeGitHub
  beforeAll(async () => {
    api = await new FakeGitHub().start()
    process.env.GITHUB_API_URL = api.url
    api.orgs.set('acme', [
      { name: 'site', files: { 'manage.py': '', 'requirements.txt': 'Django\n' } },
      { name: 'split', defaultBranch: 'develop', files: { 'requirements/base.txt': 'Django>=5\n', 'requirements/dev.txt': 'pytest\n', 'README.md': '' } },
      { name: 'poetry', files: { 'pyproject.toml': '[tool.poetry.dependencies]\ndjango = "^5.0"\n', 'src/app.py': '' } },
      { name: 'flask', files: { 'requirements.txt': 'flask\n', 'pyproject.toml': '[project]\nname = "x"\n' } },
      { name: 'docs', files: { 'index.md': '' } },
      { name: 'empty' }
    ])
  })
  afterAll(async () => {
    delete process.env.GITHUB_API_URL
    await api.close()
  })
  const detect = (name: string, ref = 'main') => detectDjango(makeClient('t', () => undefined), 'acme', name, ref)

  it('settles manage.py with the root listing alone', async () => {
    const before = api.requests.length
    expect(await detect('site')).toEqual({ django: true, why: 'manage.py' })
    expect(api.requests.length - before).toBe(1)
  })

  it('reads requirements/ and pyproject.toml', async () => {
    expect(await detect('split', 'develop')).toEqual({ django: true, why: 'requirements/base.txt' })
    expect(await detect('poetry')).toEqual({ django: true, why: 'pyproject.toml' })
  })

  it('says why not', async () => {
    expect(await detect('flask')).toEqual({ django: false, why: 'no manage.py, and Django is not named in requirements.txt, pyproject.toml' })
    expect(await detect('docs')).toEqual({ django: false, why: 'no manage.py and no dependency file at the root' })
    expect(await detect('empty')).toEqual({ django: false, why: 'empty repository' })
    expect(api.calls().filter((c) => c.includes('!'))).toEqual([])
  })

  it('lets a refusal through: a token that cannot read contents is not "not Django"', async () => {
    api.failures.set('repos/get-content', { status: 403, times: 1, message: 'Resource not accessible by personal access token' })
    await expect(detect('site')).rejects.toMatchObject({ status: 403 })
  })

  it('keeps a repository whose contents the token may not read, for the report to name; other repositories are settled as usual', async () => {
    api.failures.set('repos/get-content', { status: 403, times: 1 })
    const s = await selectDjangoRepositories(makeClient('t', () => undefined), 'acme', { topics: [], nameFilters: ['site', 'docs'], includeArchived: false, includeForks: false })
    expect(s.django.map((r) => [r.name, r.evidence.why])).toEqual([['site', 'its contents could not be read (403): kept, so the report names it']])
    expect(s.skipped).toEqual({ archived: 0, fork: 0, topic: 0, name: 4, 'not-django': 1 })
  })
})
