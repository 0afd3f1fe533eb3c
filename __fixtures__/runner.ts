// Runs dist/index.js the way actions/runner does: `node <action>/dist/index.js` with cwd =
// GITHUB_WORKSPACE, action.yml input defaults merged in, INPUT_<NAME> variables (spaces to '_',
// upper-cased, hyphens kept), the event payload at GITHUB_EVENT_PATH, and pre-created file-command files.
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

export interface RunOptions {
  actionDir: string
  workspace: string
  eventName: string
  event: object
  inputs?: Record<string, string>
  env?: Record<string, string>
  token?: string
}

export interface RunResult {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Parses `name<<DELIM\nvalue\nDELIM` records written by @actions/core to GITHUB_OUTPUT. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const end = lines.indexOf(m[2], i + 1)
      out[m[1]] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i].includes('=')) {
      const [k, ...v] = lines[i].split('=')
      out[k] = v.join('=')
    }
  }
  return out
}

export async function runAction(o: RunOptions): Promise<RunResult> {
  const manifest = parse(readFileSync(join(o.actionDir, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: string }>; runs: { main: string; using: string } }
  const token = o.token ?? 'ghs_0000000000000000000000000000000000000001'
  const inputs: Record<string, string> = {}
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) if (spec.default !== undefined) inputs[name] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/, token)
  Object.assign(inputs, o.inputs)
  const temp = mkdtempSync(join(tmpdir(), 'runner-'))
  const commands = join(temp, '_runner_file_commands')
  mkdirSync(commands)
  const files = { GITHUB_OUTPUT: 'set_output', GITHUB_STEP_SUMMARY: 'step_summary', GITHUB_STATE: 'save_state', GITHUB_ENV: 'set_env', GITHUB_PATH: 'add_path' }
  const fileEnv = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, join(commands, `${v}_1`)]))
  for (const f of Object.values(fileEnv)) writeFileSync(f, '')
  const eventPath = join(temp, 'event.json')
  writeFileSync(eventPath, JSON.stringify(o.event))
  const repo = (o.event as { repository?: { full_name?: string } }).repository?.full_name ?? 'octo/repo'
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repo,
    GITHUB_REPOSITORY_OWNER: repo.split('/')[0],
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_ACTION_PATH: o.actionDir,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: temp,
    ...fileEnv,
    ...o.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  // The runner's Node: ACTION_NODE lets the tests use Node 24 (what `runs.using: node24` means).
  const child = spawn(process.env.ACTION_NODE ?? process.execPath, [join(o.actionDir, manifest.runs.main)], { cwd: o.workspace, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { exitCode, stdout, stderr, outputs: parseFileCommands(readFileSync(fileEnv.GITHUB_OUTPUT, 'utf8')), summary: readFileSync(fileEnv.GITHUB_STEP_SUMMARY, 'utf8') }
}
