// Runs a TypeScript script of this repository: bundles it with esbuild into .tmp/ and imports it.
import { build } from 'esbuild'
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = new URL('..', import.meta.url).pathname
const [entry, ...args] = process.argv.slice(2)
const out = join(root, '.tmp', `${basename(entry, '.ts')}.mjs`)
mkdirSync(join(root, '.tmp'), { recursive: true })
await build({
  entryPoints: [join(root, entry)],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning'
})
process.argv = [process.argv[0], out, ...args]
await import(pathToFileURL(out).href)
