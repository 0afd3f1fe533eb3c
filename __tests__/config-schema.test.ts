// The schema shipped for editors is the one the CLI validates with, built from the rule catalogue.
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseConfig } from '../src/config/config.js'
import { configSchema, SCHEMA_ID, SCHEMA_PATH } from '../src/config/schema-source.js'
import { RULE_METAS } from '../src/rules/catalog.js'

const root = new URL('..', import.meta.url).pathname
const committed = JSON.parse(readFileSync(join(root, SCHEMA_PATH), 'utf8')) as Record<string, unknown>

/** The YAML block of the README's Configuration section. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### Configuration'))
  const m = /```yaml\n([\s\S]*?)```/.exec(section)
  if (!m) throw new Error('no yaml block in the README Configuration section')
  return m[1]
}

describe('schema/django-security.schema.json', () => {
  it('is current: every rule of the catalogue, nothing else (run `npm run docs` when this fails)', () => {
    expect(committed).toEqual(configSchema(RULE_METAS.map((m) => m.id)))
    expect(Object.keys((committed.properties as { rules: { properties: object } }).rules.properties).sort()).toEqual(RULE_METAS.map((m) => m.id).sort())
  })

  it('accepts the README example, which names the schema for editors', () => {
    const example = readmeExample()
    expect(example.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_ID}`)
    const validate = new Ajv({ strictTypes: false }).compile(committed)
    expect(validate(parse(example))).toBe(true)
    expect(parseConfig(example, 'README.md').settings).toEqual({ production: ['config/settings/production.py'], nonProduction: ['config.settings.ci'] })
  })

  it.each([
    ['a wrong type', 'include-tests: "yes"\n'],
    ['an unknown key', 'colour: red\n'],
    ['an unknown rule', 'rules:\n  debug-enabeld: off\n'],
    ['a wrong severity', 'rules:\n  debug-enabled: loud\n'],
    ['a wrong fail-on', 'fail-on: sometimes\n'],
    ['a wrong report', 'report: never\n'],
    ['a wrong comment mode', 'comments:\n  mode: loud\n'],
    ['a negative max-inline', 'comments:\n  max-inline: -1\n'],
    ['settings as a string', 'settings:\n  production: config/settings/prod.py\n']
  ])('rejects %s, as an editor would and as the CLI does', (_name, text) => {
    const validate = new Ajv({ strictTypes: false }).compile(committed)
    expect(validate(parse(text))).toBe(false)
    expect(() => parseConfig(text, 'c.yml')).toThrow(/^c\.yml:\d+:\d+: /)
  })
})
