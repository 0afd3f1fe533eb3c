// Writes docs/rules/<id>.md from each rule's own meta (the one place rule docs live).
import { mkdirSync, writeFileSync } from 'node:fs'
import { RULES } from '../src/rules/index.js'
import { rulePage } from '../src/rules/docs.js'

mkdirSync('docs/rules', { recursive: true })
for (const rule of RULES) writeFileSync(`docs/rules/${rule.meta.id}.md`, rulePage(rule.meta))
console.log(`wrote ${RULES.length} rule pages to docs/rules/`)
