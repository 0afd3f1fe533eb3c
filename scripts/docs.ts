// Writes docs/rules/<id>.md from each rule's own meta (the one place rule docs live).
import { mkdirSync, writeFileSync } from 'node:fs'
import { RULE_METAS } from '../src/rules/catalog.js'
import { rulePage } from '../src/rules/docs.js'

mkdirSync('docs/rules', { recursive: true })
for (const meta of RULE_METAS) writeFileSync(`docs/rules/${meta.id}.md`, rulePage(meta))
console.log(`wrote ${RULE_METAS.length} rule pages to docs/rules/`)
