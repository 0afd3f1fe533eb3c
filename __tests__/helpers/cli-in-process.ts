// Runs the CLI's entry function in this process, with its output collected.
import { runCli } from '../../src/cli-run.js'

export async function runCliInProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, cwd })
  return { code, stdout, stderr }
}
