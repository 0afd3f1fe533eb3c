// CLI entry: `node dist/cli.js scan|diff …`. Only wiring to the process lives here, and what keeps
// start-up small: `--version` is answered before the engine is loaded, and on Node 22+ the engine's
// compiled code is cached on disk (module.enableCompileCache; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
// The engine is a separate file of dist/ (scripts/build.mjs), imported only when there is work to do.
import * as nodeModule from 'node:module'
import { TOOL_VERSION } from './version.js'

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') process.stdout.write(`${TOOL_VERSION}\n`)
else {
  const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache
  try {
    enableCompileCache?.()
  } catch {
    // a cache that cannot be written only costs time
  }
  const { runCli } = await import('./cli-run.js')
  process.exitCode = await runCli(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd()
  })
}
