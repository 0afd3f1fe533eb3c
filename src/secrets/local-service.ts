// Passwords of the databases and brokers a project runs next to itself (a compose service, a local
// server): `POSTGRES_PASSWORD` of the bundled postgres container, a DATABASES fallback for `db` or
// localhost, `amqp://guest:guest@rabbitmq/`. They open a service reachable only where the project's
// own containers run, unless it is published; a scan sets them aside rather than raising them as leaks.
import type { SecretHit } from './detect.js'

const SERVICE_PASSWORD = /(^|_)(postgres(ql)?|pg|psql|mysql|mariadb|mongo(db)?|rabbitmq|redis|amqp|db|database)(_(root|default|initdb_root|app|user))?_(pass|password|passwd|pwd)$/i

/** Hosts that only the project's own machine or container network can reach. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase()
  if (h === 'localhost' || h.startsWith('127.') || h === '0.0.0.0' || h === '[::1]' || h === 'host.docker.internal') return true
  // a name without a dot is a compose service or a container name on the project's own network
  return /^[a-z][a-z0-9_-]*$/.test(h)
}

/** The host of a URL whose password ends at `passwordEnd` in `line` (after the `@`). */
function hostAfter(line: string, passwordEnd: number): string | undefined {
  if (line[passwordEnd] !== '@') return undefined
  let i = passwordEnd + 1
  const start = i
  while (i < line.length && i - start < 256 && !':/"\'?# \t,)'.includes(line[i])) i++
  return line.slice(start, i) || undefined
}

const DATABASE_IMAGE = /^\s*-?\s*image:\s*["']?(?:[\w.-]+\/)*(postgres|postgresql|postgis|mysql|mariadb|mongo|rabbitmq|redis)\b/i
/** Hosts of services other than the database (mail, caches, error trackers, the site's own names). */
const OTHER_SERVICE = /mail|smtp|redis|cache|broker|sentry|allowed|trusted|site|domain|ldap|proxy/i

/** A line naming a host setting (`HOST`, `DB_HOST`, `"HOST":`), not `localhost` or `ALLOWED_HOSTS`. */
const HOST_LINE = /(^|[^a-z])host([^a-z]|$)/i

/** The value a line gives a HOST-like name: the last quoted string, else what follows `=` or `:`. */
function hostValue(line: string): string | undefined {
  const quotes = [...line.matchAll(/"([^"\n]{0,255})"|'([^'\n]{0,255})'/g)]
  if (quotes.length) {
    const last = quotes[quotes.length - 1]
    return last[1] ?? last[2]
  }
  const at = Math.max(line.lastIndexOf('='), line.lastIndexOf(': '))
  return at < 0 ? undefined : line.slice(at + 1).trim()
}

/**
 * Whether a file runs a database container (compose `image: postgres`) or points its database at a
 * host only the project's own machines reach (`"HOST": "db"`, `POSTGRES_HOST=localhost`, an empty
 * host, which is the local socket). A remote host anywhere in the file means no.
 */
export function namesLocalDatabase(text: string): boolean {
  let local = false
  const lines = text.split('\n', 20_000)
  for (const line of lines) {
    if (line.length > 1000) continue
    if (DATABASE_IMAGE.test(line)) local = true
    else if (HOST_LINE.test(line) && !OTHER_SERVICE.test(line)) {
      const host = hostValue(line)
      if (host === undefined) continue
      if (host === '' || isLocalHost(host)) local = true
      else if (host.includes('.') && !/^\$|\{/.test(host)) return false
    }
  }
  return local
}

/** Why a hit is the password of a service the project runs itself, or undefined when it is not. */
export function localServiceReason(hit: SecretHit, line: string, localDatabase: () => boolean): string | undefined {
  if (hit.kind === 'url-credentials') {
    const host = hostAfter(line, hit.column + hit.value.length)
    return host && isLocalHost(host) ? `it is the password in a URL of ${host}, a service only the project's own machines reach` : undefined
  }
  if (hit.kind !== 'password') return undefined
  const databasePassword = hit.key !== undefined && (SERVICE_PASSWORD.test(hit.key) || hit.key.toLowerCase() === 'pgpassword' || (hit.key.toUpperCase() === 'PASSWORD' && line.includes('DATABASES')))
  return databasePassword && localDatabase() ? `${hit.key} is the password of a database the project runs next to itself (this file names it as a local host or a container)` : undefined
}
