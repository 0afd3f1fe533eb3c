// Refreshes the bundled Django advisories from the OSV API (the review itself never goes online):
// asks for every PyPI `django` advisory, page by page, and rewrites src/deps/django-advisories.data.ts.
//   npm run advisories:refresh
// Without network access it says so and changes nothing (exit 1).
import { writeFileSync } from 'node:fs'
import { ADVISORY_DATA } from '../src/deps/django-advisories.data.js'
import { compactAdvisories, dataModule } from '../src/deps/osv.js'

const API = 'https://api.osv.dev/v1/query'
const records: Parameters<typeof compactAdvisories>[0] = []
let pageToken: string | undefined
try {
  for (let page = 0; page < 50; page++) {
    const res = await fetch(API, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: { name: 'django', ecosystem: 'PyPI' }, ...(pageToken ? { page_token: pageToken } : {}) }),
      signal: AbortSignal.timeout(30_000)
    })
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`)
    const body = (await res.json()) as { vulns?: typeof records; next_page_token?: string }
    records.push(...(body.vulns ?? []))
    pageToken = body.next_page_token
    if (!pageToken) break
  }
} catch (e) {
  const cause = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message
  console.error(`cannot reach the OSV API at ${API} (${cause}): the bundled advisory data (as of ${ADVISORY_DATA.date.slice(0, 10)}) is left as it is`)
  process.exit(1)
}
const advisories = compactAdvisories(records)
if (advisories.length < ADVISORY_DATA.advisories.length) {
  console.error(`the OSV API returned ${advisories.length} Django advisories, fewer than the ${ADVISORY_DATA.advisories.length} bundled: not replacing them`)
  process.exit(1)
}
const out = 'src/deps/django-advisories.data.ts'
writeFileSync(out, dataModule({ source: `OSV API (${API}), PyPI package django`, date: new Date().toISOString(), advisories }, 'scripts/refresh-advisories.ts'))
console.log(`wrote ${advisories.length} advisories from the OSV API to ${out}`)
