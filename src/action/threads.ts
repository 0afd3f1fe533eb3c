// Resolves the review threads of findings a later push fixed (GraphQL only: REST cannot resolve).
// A thread someone replied to is left open, and the summary says so.
import type { GitHub } from '../github/client.js'
import { markedFingerprint } from '../report/markdown.js'
import type { Identity } from './identity.js'

const THREADS = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved path line comments(first: 20) { nodes { body author { login __typename } } } }
      }
    }
  }
}`

const RESOLVE = `mutation($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`

interface Thread {
  id: string
  isResolved: boolean
  path: string
  line: number | null
  comments: { nodes: { body: string; author: { login: string; __typename: string } | null }[] }
}

interface ThreadsPage {
  repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Thread[] } } }
}

/** Resolves our open threads whose finding is gone; returns notes for the summary. */
export async function resolveFixedThreads(octokit: GitHub, repo: { owner: string; repo: string }, number: number, current: Set<string>, identity: Identity): Promise<string[]> {
  const threads: Thread[] = []
  let after: string | null = null
  do {
    const page: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS, { owner: repo.owner, name: repo.repo, number, after })
    const t = page.repository.pullRequest.reviewThreads
    threads.push(...t.nodes)
    after = t.pageInfo.hasNextPage ? t.pageInfo.endCursor : null
  } while (after)
  const notes: string[] = []
  for (const thread of threads) {
    if (thread.isResolved) continue
    const [first, ...replies] = thread.comments.nodes
    if (!first || !identity.owns({ login: first.author?.login, type: first.author?.__typename })) continue
    const fingerprint = markedFingerprint(first.body)
    if (!fingerprint || current.has(fingerprint)) continue
    // Replies by anyone but the author of our comment are a conversation: leave it to people.
    if (replies.some((r) => r.author?.login !== first.author?.login)) {
      notes.push(`The finding at \`${thread.path}${thread.line ? `:${thread.line}` : ''}\` is fixed; its thread has replies, so it is left open for you to resolve.`)
      continue
    }
    await octokit.graphql(RESOLVE, { threadId: thread.id })
    notes.push(`Resolved the thread of the fixed finding at \`${thread.path}${thread.line ? `:${thread.line}` : ''}\`.`)
  }
  return notes
}
