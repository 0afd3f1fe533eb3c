// Uploads a SARIF file to a repository's code scanning (`POST /repos/{owner}/{repo}/code-scanning/sarifs`):
// the org-wide scan runs in one repository and reports into each scanned one, which
// github/codeql-action/upload-sarif (always the workflow's own repository) cannot do.
import { gzipSync } from 'node:zlib'
import { httpStatus, type GitHub } from '../github/client.js'

/** GitHub refuses SARIF over 10 MB once gzip-compressed. */
export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024

export interface SarifUpload {
  owner: string
  repo: string
  /** The commit scanned (40 or 64 hex digits). */
  commit: string
  /** `refs/heads/main`; a bare branch name is taken as one. */
  ref: string
  sarif: string
}

export function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`
}

export async function uploadSarif(octokit: GitHub, u: SarifUpload): Promise<string> {
  const gz = gzipSync(Buffer.from(u.sarif, 'utf8'))
  if (gz.length > MAX_SARIF_GZIP_BYTES) throw new Error(`the SARIF file is ${gz.length} bytes gzip-compressed, over GitHub's ${MAX_SARIF_GZIP_BYTES}-byte limit`)
  try {
    const { data } = await octokit.rest.codeScanning.uploadSarif({ owner: u.owner, repo: u.repo, commit_sha: u.commit, ref: fullRef(u.ref), sarif: gz.toString('base64'), tool_name: 'django-security-review' })
    return data.id ?? ''
  } catch (e) {
    const code = httpStatus(e)
    if (code === 403 || code === 404) throw new Error(`${u.owner}/${u.repo}: code scanning refused the upload (${code}): the token needs security_events: write on the repository, and a private repository needs code scanning (GitHub Advanced Security / Code Security) enabled`, { cause: e })
    throw e
  }
}
