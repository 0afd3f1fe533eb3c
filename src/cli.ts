// CLI entry: `node dist/cli.js scan|diff …`. Only wiring to the process lives here.
import { runCli } from './cli-run.js'

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd()
})
process.exitCode = code
