// A check run with one annotation per finding, in batches of 50 (GitHub drops more in one request).
import type { Finding } from '../findings.js'
import { httpStatus, type GitHub } from '../github/client.js'

const LEVEL = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice' } as const

export async function publishCheckRun(octokit: GitHub, repo: { owner: string; repo: string }, headSha: string, findings: Finding[], failed: boolean, summary: string): Promise<{ ok: true } | { ok: false; why: string }> {
  const annotations = findings.map((f) => ({
    path: f.path,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: LEVEL[f.severity],
    title: `${f.ruleId} (${f.severity})`,
    message: f.message.slice(0, 64000)
  }))
  const output = (batch: typeof annotations) => ({ title: failed ? 'Security regressions found' : 'No blocking findings', summary: summary.slice(0, 65000), annotations: batch })
  try {
    const { data } = await octokit.rest.checks.create({ ...repo, name: 'django-security-review', head_sha: headSha, status: 'in_progress', output: output(annotations.slice(0, 50)) })
    for (let i = 50; i < annotations.length; i += 50) await octokit.rest.checks.update({ ...repo, check_run_id: data.id, output: output(annotations.slice(i, i + 50)) })
    await octokit.rest.checks.update({ ...repo, check_run_id: data.id, status: 'completed', conclusion: failed ? 'failure' : 'success', completed_at: new Date().toISOString() })
    return { ok: true }
  } catch (e) {
    const status = httpStatus(e)
    if (status === 403 || status === 404) return { ok: false, why: `no check run: the token may not write checks (${status}); add \`checks: write\` to the workflow's permissions` }
    throw e
  }
}
