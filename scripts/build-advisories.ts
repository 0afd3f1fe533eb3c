// Builds src/deps/django-advisories.data.ts from an OSV file of Django advisories (default: the
// project's copy of the Python Packaging Advisory Database, ../shared/data/django-advisories.osv.json).
//   npm run advisories:build [-- FILE]
import { readFileSync, writeFileSync } from 'node:fs'
import { compactAdvisories, dataModule } from '../src/deps/osv.js'

const input = process.argv[2] ?? '../shared/data/django-advisories.osv.json'
const doc = JSON.parse(readFileSync(input, 'utf8')) as { source?: string; commit?: string; date?: string; advisories?: unknown[] }
if (!Array.isArray(doc.advisories) || typeof doc.date !== 'string') {
  console.error(`${input}: expected { source, commit, date, advisories: [OSV records] }`)
  process.exit(2)
}
const advisories = compactAdvisories(doc.advisories as Parameters<typeof compactAdvisories>[0])
const out = 'src/deps/django-advisories.data.ts'
writeFileSync(out, dataModule({ source: doc.source ?? input, commit: doc.commit, date: doc.date, advisories }, 'scripts/build-advisories.ts'))
console.log(`wrote ${advisories.length} advisories (as of ${doc.date}) to ${out}`)
