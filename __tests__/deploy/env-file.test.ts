// .env files: KEY=VALUE per line, with the line where each variable is (last) set.
import { describe, expect, it } from '@jest/globals'
import { envTemplateFor, isEnvTemplate, parseEnvFile } from '../../src/deploy/env-file.js'

describe('parseEnvFile', () => {
  it('reads a Django .env with comments, blank lines, export and quotes, keeping line numbers', () => {
    const text = [
      '# Django',
      'DJANGO_SETTINGS_MODULE=config.settings.production',
      'export DJANGO_SECRET_KEY="k3y with spaces"',
      '',
      "DJANGO_ALLOWED_HOSTS='example.com,www.example.com'",
      'DJANGO_DEBUG=False # never on in production',
      '# DJANGO_DEBUG=True',
      'DATABASE_URL=postgres://shop:pw@db:5432/shop',
      'EMPTY='
    ].join('\n')
    expect(parseEnvFile('.envs/.production/.django', text)).toEqual([
      { name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: '.envs/.production/.django', line: 2 },
      { name: 'DJANGO_SECRET_KEY', value: 'k3y with spaces', path: '.envs/.production/.django', line: 3 },
      { name: 'DJANGO_ALLOWED_HOSTS', value: 'example.com,www.example.com', path: '.envs/.production/.django', line: 5 },
      { name: 'DJANGO_DEBUG', value: 'False', path: '.envs/.production/.django', line: 6 },
      { name: 'DATABASE_URL', value: 'postgres://shop:pw@db:5432/shop', path: '.envs/.production/.django', line: 8 },
      { name: 'EMPTY', value: '', path: '.envs/.production/.django', line: 9 }
    ])
  })

  it('the last assignment of a name wins, at its line', () => {
    const found = parseEnvFile('.env', 'DEBUG=1\nSECRET_KEY=a\nDEBUG=0\n')
    expect(found.filter((e) => e.name === 'DEBUG')).toEqual([{ name: 'DEBUG', value: '0', path: '.env', line: 3 }])
    expect(found).toHaveLength(2)
  })

  it('handles Windows line endings', () => {
    expect(parseEnvFile('.env', 'DEBUG=False\r\nDJANGO_SETTINGS_MODULE=shop.settings\r\n')).toEqual([
      { name: 'DEBUG', value: 'False', path: '.env', line: 1 },
      { name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings', path: '.env', line: 2 }
    ])
  })

  it('a multi-line quoted value keeps its first line, and its inner lines are not variables', () => {
    const text = 'JWT_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\nDEBUG=1\n-----END PRIVATE KEY-----"\nAFTER=yes\n'
    const found = parseEnvFile('.env', text)
    expect(found.map((e) => [e.name, e.line])).toEqual([
      ['JWT_PRIVATE_KEY', 1],
      ['AFTER', 4]
    ])
    expect(found[0].value).toContain('END PRIVATE KEY')
  })

  it('empty, comment-only and garbage files set nothing', () => {
    expect(parseEnvFile('.env', '')).toEqual([])
    expect(parseEnvFile('.env', '# only a comment\n\n   \n')).toEqual([])
    expect(parseEnvFile('.env', '\u0000\u0001\uFFFD===\n=value\n"unterminated\n')).toEqual([])
  })

  it('a large file is read whole without trouble', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `VAR_${i}=value_${i}`).join('\n')
    const found = parseEnvFile('.env', text)
    expect(found).toHaveLength(20_000)
    expect(found[19_999]).toEqual({ name: 'VAR_19999', value: 'value_19999', path: '.env', line: 20_000 })
  })
})

describe('env templates', () => {
  it.each(['env.example', '.env.example', '.env.sample', 'docker/prod.env.template', '.env.production.example', 'envs/ngen.prod.env.dist'])('%s is a template a user copies', (path) => {
    expect(isEnvTemplate(path)).toBe(true)
  })

  it.each(['.env', 'prod.env', 'docker.env', 'settings.example', 'example.py', 'environment.yml.example', 'README.example'])('%s is not', (path) => {
    expect(isEnvTemplate(path)).toBe(false)
  })

  it('an env file missing from the tree is copied from its committed template; one in the tree is itself', () => {
    expect(envTemplateFor('docker/.env/prod.env', new Set(['docker/.env/prod.env.example']))).toBe('docker/.env/prod.env.example')
    expect(envTemplateFor('.env', new Set(['env.sample']))).toBe('env.sample')
    expect(envTemplateFor('prod.env', new Set(['prod.env', 'prod.env.example']))).toBeUndefined()
    expect(envTemplateFor('prod.env', new Set(['other.env.example']))).toBeUndefined()
  })
})
