// Extracts the operations the Action uses from GitHub's official OpenAPI description, so the
// end-to-end tests can validate every request without depending on the 385 MB package.
// Usage: npm install --no-save --prefix .tmp/openapi @octokit/openapi@23.0.2 && node scripts/extract-openapi-subset.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const spec = JSON.parse(readFileSync('.tmp/openapi/node_modules/@octokit/openapi/generated/api.github.com.deref.json', 'utf8'))
export const OPERATIONS = [
  'pulls/get',
  'pulls/list-files',
  'pulls/create-review',
  'pulls/delete-pending-review',
  'pulls/list-review-comments',
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'issues/create',
  'issues/update',
  'issues/list-for-repo',
  'checks/create',
  'checks/update',
  'repos/compare-commits-with-basehead',
  'repos/get-content',
  'repos/list-for-org',
  'code-scanning/upload-sarif'
]
const want = new Set(OPERATIONS)
const ops = []
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!want.has(op?.operationId)) continue
    const ok = Object.keys(op.responses).find((c) => /^2/.test(c))
    const content = op.responses[ok]?.content?.['application/json']
    ops.push({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema })),
      requestSchema: op.requestBody?.content?.['application/json']?.schema ?? null,
      status: Number(ok),
      example: content ? (Object.values(content.examples ?? {})[0]?.value ?? null) : null
    })
  }
}
ops.sort((a, b) => a.operationId.localeCompare(b.operationId))
const missing = OPERATIONS.filter((o) => !ops.some((x) => x.operationId === o))
if (missing.length) throw new Error(`not in the description: ${missing.join(', ')}`)
writeFileSync('__fixtures__/openapi-subset.json', JSON.stringify({ source: `@octokit/openapi ${spec.info.version} (OpenAPI ${spec.openapi}), api.github.com.deref.json`, operations: ops }, null, 1) + '\n')
console.log(`wrote ${ops.length} operations`)
