// Runs the bundled CLI (dist/cli.js) as a child process, the way users and pre-commit run it.
import { spawn } from 'node:child_process'

export const root = new URL('../..', import.meta.url).pathname
export const cliPath = `${root}dist/cli.js`

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `node dist/cli.js …args`; ACTION_NODE / CLI_NODE may name another Node binary (e.g. Node 24). */
export function runCli(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const node = process.env.CLI_NODE ?? process.execPath
  return new Promise((resolve, reject) => {
    const child = spawn(node, [cliPath, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
