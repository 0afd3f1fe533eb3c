// Runs the `run:` steps of a workflow job the way the runner does — `bash --noprofile --norc -eo
// pipefail` in the job's workspace, `env:` and `if:` evaluated, `continue-on-error` honoured,
// GITHUB_OUTPUT collected into step outputs — so a test exercises the workflow's own scripts. The
// `uses:` steps are the caller's to play (a clone, an artifact upload) through `onUses`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runProcess, type ProcessResult } from './process.js'
import { parseFileCommands } from './runner.js'

export interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  'working-directory'?: string
  'continue-on-error'?: boolean
}

export interface Job {
  steps: Step[]
}

export interface StepResult {
  outcome: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  stdout: string
  stderr: string
}

/** The expression contexts: matrix, inputs, secrets, needs… (`steps` is filled in as the job runs). */
export type Contexts = Record<string, unknown>

function lookup(path: string, ctx: Contexts): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), ctx)
}

/** The expressions these workflows use in env: and if:: context paths, string literals, ==, !=, &&, always(). */
export function evaluate(expr: string, ctx: Contexts): unknown {
  const e = expr.trim()
  if (e.includes('&&')) return e.split('&&').every((part) => Boolean(evaluate(part, ctx)))
  const cmp = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(e)
  if (cmp) {
    const [a, b] = [evaluate(cmp[1], ctx), evaluate(cmp[3], ctx)]
    return cmp[2] === '==' ? String(a) === String(b) : String(a) !== String(b)
  }
  if (e === 'always()') return true
  const literal = /^'(.*)'$/.exec(e)
  if (literal) return literal[1].replace(/''/g, "'")
  if (/^[\w.-]+$/.test(e)) return lookup(e, ctx)
  throw new Error(`expression not supported by the test runner: ${e}`)
}

/** `${{ … }}` substitutions in a string. */
export function interpolate(value: unknown, ctx: Contexts): string {
  return String(value).replace(/\$\{\{(.+?)\}\}/g, (_, e: string) => {
    const v = evaluate(e, ctx)
    if (v === undefined || v === null) return ''
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
}

function condition(step: Step, ctx: Contexts): boolean {
  if (step.if === undefined) return Object.values((ctx.steps ?? {}) as Record<string, { conclusion: string }>).every((s) => s.conclusion !== 'failure')
  const e = step.if.replace(/^\$\{\{(.+)\}\}$/s, '$1')
  return Boolean(evaluate(e, ctx))
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<ProcessResult> {
  return runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env })
}

export interface JobRun {
  /** The step results by id (and by name when a step has no id). */
  steps: Record<string, StepResult>
}

/**
 * Runs a job's steps in `workspace` with `baseEnv`; `onUses` plays each `uses:` step (returning its
 * outcome). `${{ }}` in a `run:` script is refused: scripts read values from env: (no injection).
 */
export async function runJob(job: Job, workspace: string, baseEnv: Record<string, string>, contexts: Contexts, onUses: (step: Step, env: Record<string, string>) => 'success' | 'failure'): Promise<JobRun> {
  const stepsCtx: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {}
  const ctx: Contexts = { ...contexts, steps: stepsCtx }
  const results: Record<string, StepResult> = {}
  for (const step of job.steps) {
    const key = step.id ?? step.name ?? step.uses ?? 'step'
    let result: StepResult
    if (!condition(step, ctx)) result = { outcome: 'skipped', outputs: {}, stdout: '', stderr: '' }
    else {
      const env: Record<string, string> = { ...baseEnv }
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(v, ctx)
      if (step.uses) result = { outcome: onUses(step, env), outputs: {}, stdout: '', stderr: '' }
      else {
        const script = String(step.run)
        if (script.includes('${{')) throw new Error(`step "${key}": an expression in a run: script (use env:)`)
        const dir = mkdtempSync(join(tmpdir(), 'dsr-step-'))
        const outputFile = join(dir, 'output')
        writeFileSync(outputFile, '')
        // not spawnSync: the loopback GitHub answers from this process's event loop
        const r = await bash(script, join(workspace, step['working-directory'] ?? '.'), { ...env, GITHUB_OUTPUT: outputFile })
        result = { outcome: r.code === 0 ? 'success' : 'failure', outputs: parseFileCommands(readFileSync(outputFile, 'utf8')), stdout: r.stdout, stderr: r.stderr }
      }
    }
    results[key] = result
    if (step.id) stepsCtx[step.id] = { outcome: result.outcome, conclusion: result.outcome === 'failure' && step['continue-on-error'] ? 'success' : result.outcome, outputs: result.outputs }
    else stepsCtx[`__${Object.keys(stepsCtx).length}`] = { outcome: result.outcome, conclusion: result.outcome === 'failure' && step['continue-on-error'] ? 'success' : result.outcome, outputs: result.outputs }
  }
  return { steps: results }
}
