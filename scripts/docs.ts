// Writes docs/rules/<id>.md from each rule's own meta (the one place rule docs live), and the
// configuration's JSON Schema, whose rule ids come from the same catalogue.
import { mkdirSync, writeFileSync } from 'node:fs'
import { RULE_METAS } from '../src/rules/catalog.js'
import { rulePage } from '../src/rules/docs.js'
import { configSchema, SCHEMA_PATH } from '../src/config/schema-source.js'

mkdirSync('docs/rules', { recursive: true })
for (const meta of RULE_METAS) writeFileSync(`docs/rules/${meta.id}.md`, rulePage(meta))
console.log(`wrote ${RULE_METAS.length} rule pages to docs/rules/`)
writeFileSync(SCHEMA_PATH, `${JSON.stringify(configSchema(RULE_METAS.map((m) => m.id)), null, 2)}\n`)
console.log(`wrote ${SCHEMA_PATH}`)
