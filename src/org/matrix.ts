// The matrix an org-wide scan fans out over: one entry per repository, in chunks of at most 256 (the
// most jobs one matrix may create). The reusable workflow runs one matrix job per chunk, so the outer
// matrix (over chunk indexes) and each inner one stay under the limit.

/** GitHub's limit: a matrix may generate at most 256 jobs per workflow run. */
export const MAX_MATRIX_JOBS = 256

export interface MatrixEntry {
  /** `owner/name`. */
  repository: string
  /** The default branch, scanned and named in the SARIF upload. */
  ref: string
  /** A name for the repository's artifact (artifact names may not hold "/"). */
  artifact: string
}

export interface OrgMatrix {
  organisation: string
  /** Repositories in the matrix. */
  count: number
  /** For `strategy.matrix: ${{ fromJSON(...) }}` of the outer job: one index per chunk. */
  chunkIndexes: number[]
  /** Each chunk is a matrix of its own: `strategy.matrix: ${{ fromJSON(inputs.repositories) }}`. */
  chunks: { include: MatrixEntry[] }[]
}

export function artifactName(repository: string): string {
  return `django-security-${repository.replace(/\//g, '__')}`
}

export function toMatrix(organisation: string, repositories: { fullName: string; defaultBranch: string }[], chunkSize = MAX_MATRIX_JOBS): OrgMatrix {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_MATRIX_JOBS) throw new RangeError(`chunk size must be 1 to ${MAX_MATRIX_JOBS}`)
  const entries = [...repositories].sort((a, b) => a.fullName.localeCompare(b.fullName)).map((r) => ({ repository: r.fullName, ref: r.defaultBranch, artifact: artifactName(r.fullName) }))
  const chunks: { include: MatrixEntry[] }[] = []
  for (let i = 0; i < entries.length; i += chunkSize) chunks.push({ include: entries.slice(i, i + chunkSize) })
  // the outer matrix has one job per chunk: it is under the same limit
  if (chunks.length > MAX_MATRIX_JOBS) throw new RangeError(`${entries.length} repositories make ${chunks.length} chunks of ${chunkSize}, over the ${MAX_MATRIX_JOBS} jobs one matrix may run: narrow the list with --topic or --name-filter`)
  return { organisation, count: entries.length, chunkIndexes: chunks.map((_, i) => i), chunks }
}
