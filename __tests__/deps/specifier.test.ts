import { describe, expect, it } from '@jest/globals'
import { admitsSeries, exactVersion, isValidSpecifier, oldestAdmitted } from '../../src/deps/specifier.js'
import { poetryToPep440 } from '../../src/deps/poetry-constraint.js'
import { normalizeName, parseRequirement } from '../../src/deps/requirement.js'
import { dependencyFileClass, dependencySource } from '../../src/deps/files.js'

describe('PEP 440 specifiers', () => {
  it.each([
    ['==3.2.4', '3.2.4', '3.2.4', ['3.2']],
    ['>=4.2,<5', '4.2', undefined, ['4.2']],
    ['~=3.2.0', '3.2.0', undefined, ['3.2']],
    ['~=3.2', '3.2', undefined, ['3.2']],
    ['==4.2.*', '4.2', undefined, ['4.2']],
    ['>4.2', '4.2.1', undefined, ['4.2', '5.0']],
    ['>=4.2.16,!=4.2.17,<5', '4.2.16', undefined, ['4.2']],
    ['!=4.2.0,>=4.2', '4.2.1', undefined, ['4.2', '5.0']],
    ['===3.2.4', '3.2.4', '3.2.4', ['3.2']],
    ['<5', undefined, undefined, ['3.2', '4.0', '4.1', '4.2']],
    ['', undefined, undefined, ['3.2', '4.0', '4.1', '4.2', '5.0']],
    ['>=5,<4', undefined, undefined, []]
  ])('%s: oldest %s, exact %s, series', (spec, oldest, exact, series) => {
    expect(oldestAdmitted(spec)).toBe(oldest)
    expect(exactVersion(spec)).toBe(exact)
    expect(['3.2', '4.0', '4.1', '4.2', '5.0'].filter((s) => admitsSeries(spec, s))).toEqual(series)
  })

  it('tells valid from invalid', () => {
    expect(['>=4.2,<5', '==4.2.*', '~=3.2.0', ''].every(isValidSpecifier)).toBe(true)
    expect(['==four', '>>4', '4.2', '>=4.2;'].some(isValidSpecifier)).toBe(false)
  })
})

describe('Poetry constraints', () => {
  it.each([
    ['^4.2', ['>=4.2,<5']],
    ['^4.2.1', ['>=4.2.1,<5']],
    ['^0.2.3', ['>=0.2.3,<0.3']],
    ['~3.2.1', ['>=3.2.1,<3.3']],
    ['~3', ['>=3,<4']],
    ['4.2.*', ['==4.2.*']],
    ['4.2.16', ['==4.2.16']],
    ['*', ['']],
    ['>=4.2 <5', ['>=4.2,<5']],
    ['>= 4.2, < 5', ['>=4.2,<5']],
    ['~=4.2.0', ['~=4.2.0']],
    ['3.2.4 || ^4.2', ['==3.2.4', '>=4.2,<5']]
  ])('%s → %j', (c, want) => {
    expect(poetryToPep440(c)).toEqual(want)
  })
})

describe('requirements', () => {
  it('normalises names as PEP 503 does', () => {
    expect(['Django', 'DJANGO', 'django', 'Django_'].map(normalizeName)).toEqual(['django', 'django', 'django', 'django-'])
  })

  it('parses extras, markers, parentheses and URLs', () => {
    expect(parseRequirement('Django[argon2, bcrypt] (>=4.2, <5) ; python_version >= "3.10"')).toEqual({ name: 'Django', extras: ['argon2', 'bcrypt'], specifier: '>=4.2,<5', marker: 'python_version >= "3.10"' })
    expect(parseRequirement('django @ https://example.com/d.tar.gz')).toMatchObject({ name: 'django', url: 'https://example.com/d.tar.gz' })
    expect(parseRequirement('==4.2')).toBeUndefined()
  })
})

describe('dependency files', () => {
  it.each([
    ['requirements.txt', 'requirements', 'production'],
    ['requirements/production.txt', 'requirements', 'production'],
    ['requirements/base.in', 'requirements', 'production'],
    ['requirements-dev.txt', 'requirements', 'development'],
    ['requirements/test.txt', 'requirements', 'development'],
    ['docs/requirements.txt', 'requirements', 'docs'],
    ['setup.cfg', 'setup.cfg', 'production'],
    ['tests/setup.cfg', 'setup.cfg', 'test'],
    ['backend/pyproject.toml', 'pyproject', 'production'],
    ['Pipfile.lock', 'pipfile.lock', 'production'],
    ['uv.lock', 'uv.lock', 'production']
  ])('%s: %s, %s', (path, source, kind) => {
    expect(dependencySource(path)).toBe(source)
    expect(dependencyFileClass(path).kind).toBe(kind)
  })

  it('other text files are not dependency files', () => {
    expect(['notes.txt', 'docs/index.txt', 'LICENSE', 'package.json'].map(dependencySource)).toEqual([undefined, undefined, undefined, undefined])
  })
})
