// Bundle the CLI into one ESM file and ship the tree-sitter .wasm files beside it.
// The output is deterministic: a fresh `npm ci && npm run build` reproduces the committed dist/ byte for byte.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const out = process.argv[2] ?? 'dist'
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
await build({
  // cli.js is the small entry; it imports the engine (cli-run.js) only when there is work (see src/cli.ts),
  // and the engine imports the organisation commands (org-cli.js, with the API client) only for them
  entryPoints: { cli: 'src/cli.ts', 'cli-run': 'src/cli-run.ts', 'org-cli': 'src/org/cli.ts', index: 'src/index.ts' },
  plugins: [
    {
      name: 'engine-apart',
      setup: (b) => {
        b.onResolve({ filter: /^\.\/cli-run\.js$/ }, (a) => (a.importer.endsWith('/src/cli.ts') ? { path: './cli-run.js', external: true } : undefined))
        b.onResolve({ filter: /^\.\/org\/cli\.js$/ }, (a) => (a.importer.endsWith('/src/cli-run.ts') ? { path: './org-cli.js', external: true } : undefined))
      }
    }
  ],
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'linked',
  // CommonJS dependencies call require(); an ESM bundle has none, so provide one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning'
})
for (const [pkgPath, name] of [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm']
]) copyFileSync(require.resolve(pkgPath), `${out}/${name}`)
writeFileSync(`${out}/package.json`, '{ "type": "module" }\n')
