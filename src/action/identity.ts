// Which comments are ours. A marker alone proves nothing — anyone can paste it into a comment — so a
// comment is ours only when the token's own account wrote it. The account comes from GraphQL
// `viewer`; when the token may not ask (some installation tokens), any bot account is trusted, since
// people cannot post as a bot.

import type { GitHub } from '../github/client.js'

export interface Author {
  login?: string | null
  /** REST `user.type` ("Bot", "User") or GraphQL `__typename` ("Bot", "User"). */
  type?: string | null
}

export interface Identity {
  /** The token's login without the `[bot]` suffix, when GitHub told us. */
  login?: string
  owns(author: Author | null | undefined): boolean
}

/** REST names bots `name[bot]`, GraphQL names them `name`. */
function bare(login: string): string {
  return login.replace(/\[bot\]$/, '').toLowerCase()
}

export function identityOf(login: string | undefined): Identity {
  if (login === undefined) return { owns: (a) => a?.type === 'Bot' }
  const me = bare(login)
  return { login: me, owns: (a) => typeof a?.login === 'string' && bare(a.login) === me }
}

export async function whoAmI(octokit: GitHub): Promise<Identity> {
  try {
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    return identityOf(data.viewer.login)
  } catch {
    return identityOf(undefined)
  }
}
