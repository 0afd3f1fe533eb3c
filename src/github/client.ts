// Octokit as the Action uses it: GITHUB_API_URL and GITHUB_GRAPHQL_URL (GitHub Enterprise Server and
// GHE.com too), retries on 5xx, and throttling that waits out primary and secondary rate limits
// (retry-after honoured).
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type GitHub = ReturnType<typeof getOctokit>

export function makeClient(token: string, log: (message: string) => void): GitHub {
  const octokit = getOctokit(
    token,
    {
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      // 409 too: an empty repository or a conflict does not go away by asking again
      retry: { doNotRetry: [400, 401, 403, 404, 406, 409, 410, 422, 451] },
      throttle: {
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`rate limited on ${options.method} ${options.url}; retrying in ${retryAfter}s`)
          return retryCount < 3
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`)
          return retryCount < 3
        }
      }
    },
    throttling,
    retry
  )
  // The runner says where GraphQL lives; octokit would otherwise derive it from the REST base URL.
  const graphqlUrl = process.env.GITHUB_GRAPHQL_URL
  if (graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: graphqlUrl })
  return octokit
}

/** The HTTP status of a failed request (octokit's RequestError), if it has one. */
export function httpStatus(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined
}
