// The JSON Schema of the configuration file, built from the rule catalogue: the same object validates
// the file at run time and, written by `npm run docs`, ships as schema/django-security.schema.json
// for editors (`# yaml-language-server: $schema=…`). A test keeps the committed file current.
import { SEVERITIES } from '../findings.js'

export const SCHEMA_PATH = 'schema/django-security.schema.json'
export const SCHEMA_ID = 'https://raw.githubusercontent.com/django-security-review/django-security-review/main/schema/django-security.schema.json'

const globs = (description: string) => ({ type: 'array', description, items: { type: 'string', minLength: 1 } })
const modules = (description: string) => ({ type: 'array', description, items: { type: 'string', minLength: 1 } })

/** The schema for these rule ids (draft-07: what editors' YAML servers and ajv's default build read). */
export function configSchema(ruleIds: readonly string[]): Record<string, unknown> {
  const severities = [...SEVERITIES]
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'django-security-review configuration (.github/django-security.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Per rule: off, or a severity that replaces the rule\'s own.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries([...ruleIds].sort().map((id) => [id, { enum: ['off', false, ...severities] }]))
      },
      'ignore-paths': globs('Glob patterns (minimatch: **, *, ?, [..], {a,b}) of paths whose findings are dropped; the same as paths.exclude.'),
      paths: {
        description: 'Which paths findings are reported in.',
        type: 'object',
        additionalProperties: false,
        properties: {
          include: globs('When given, only findings in paths matching one of these globs are reported.'),
          exclude: globs('Findings in paths matching one of these globs are dropped.')
        }
      },
      settings: {
        description: 'Which settings modules production loads: overrides what the review infers from wsgi.py, deploy files and names. A module is a path (config/settings/prod.py) or a dotted name (config.settings.prod).',
        type: 'object',
        additionalProperties: false,
        properties: {
          production: modules('Settings modules production loads.'),
          'non-production': modules('Settings modules production never loads (development, test, CI).')
        }
      },
      'django-version': { description: 'The Django version the project runs, e.g. "4.2" or 5.1.', type: 'string', pattern: '^[0-9]+(\\.[0-9]+){0,2}$' },
      'fail-on': { description: 'The lowest severity that fails the check (default high).', enum: [...severities, 'never'] },
      report: { description: 'The lowest severity listed in pull request comments and tracking issues (default medium); SARIF and the job summary list everything.', enum: severities },
      'include-tests': { description: 'List findings in tests, fixtures, CI, development, templates, docs and vendored files (at low) instead of setting them aside.', type: 'boolean' },
      comments: {
        description: 'Pull request comments (the Action\'s inputs, when given, win).',
        type: 'object',
        additionalProperties: false,
        properties: {
          mode: { description: 'review: inline comments and a summary; summary: the summary comment only; off: none.', enum: ['review', 'summary', 'off'] },
          'max-inline': { description: 'At most this many inline comments per run (default 30).', type: 'integer', minimum: 0 }
        }
      },
      baseline: { description: 'A baseline file (django-security-review baseline): findings recorded in it are not reported.', type: 'string', minLength: 1 }
    }
  }
}
