// Runs the bundled CLI (dist/cli.js) as a child process, the way users and pre-commit run it.
import { runProcess, type ProcessResult } from '../../__fixtures__/process.js'

export const root = new URL('../..', import.meta.url).pathname
export const cliPath = `${root}dist/cli.js`

export type CliResult = ProcessResult

/** `node dist/cli.js …args`; ACTION_NODE / CLI_NODE may name another Node binary (e.g. Node 24). */
export function runCli(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProcess(process.env.CLI_NODE ?? process.execPath, [cliPath, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
}
