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
  // private networks (RFC 1918): the docker bridge, a VPC's database; not reachable from outside
  if (/^(10|192\.168|172\.(1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}(\.\d{1,3})?$/.test(h)) return true
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
/** A database image a script runs (`docker run … postgres:17`): with its tag, or alone on its line. */
const DATABASE_IMAGE_RUN = /(^|\s)(?:[\w.-]+\/)*(postgres|postgresql|postgis|mysql|mariadb|mongo|rabbitmq|redis)(:[\w.-]+(\s|$)|\s*(\\|\|\||;|$))/i
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
  const runsContainers = text.includes('docker run')
  for (const line of lines) {
    if (line.length > 1000 || /^\s*#/.test(line)) continue
    if (DATABASE_IMAGE.test(line) || (runsContainers && DATABASE_IMAGE_RUN.test(line))) local = true
    else if (HOST_LINE.test(line) && !OTHER_SERVICE.test(line)) {
      const host = hostValue(line)
      if (host === undefined) continue
      if (host === '' || isLocalHost(host)) local = true
      else if (host.includes('.') && !/^\$|\{/.test(host)) return false
    }
  }
  return local
}

/** A user name given near a line: `POSTGRES_USER=app`, `"USER": "app"`, `DB_USER: app`. */
const USER_VALUE = /(?:^|[^a-z])(?:[a-z]+_)?user(?:name)?["']?\s*[:=]\s*(?:[\w.]+\(\s*["'][^"']{0,100}["']\s*,\s*)?["']?([\w.-]{1,100})["']?/i

/** Whether the password is also the database user's name a few lines around it: the default of a local setup (`app`/`app`). */
function equalsNearbyUser(hit: SecretHit, lines: (n: number) => string): boolean {
  for (let n = Math.max(1, hit.line - 8); n <= hit.line + 8; n++) {
    const m = USER_VALUE.exec(lines(n).slice(0, 500))
    if (m && m[1] === hit.value) return true
  }
  return false
}

/** A line that opens a block: an INI section, or a dict or call left open at the end of the line. */
const BLOCK_OPENER = /^\s*\[[\w. -]{1,60}\]\s*$|[{(]\s*(#.*)?$/
const DATABASE_WORD = /databases?|(^|[^a-z])db([^a-z]|$)|postgres|mysql|mariadb/i

/** Whether a bare `PASSWORD` sits in a database's block: `[database]`, `DATABASES = {"default": {`. */
function inDatabaseBlock(hit: SecretHit, lines: (n: number) => string): boolean {
  for (let n = hit.line - 1; n >= Math.max(1, hit.line - 12); n--) {
    const line = lines(n).slice(0, 500)
    if (!BLOCK_OPENER.test(line)) continue
    return DATABASE_WORD.test(line) || DATABASE_WORD.test(lines(n - 1).slice(0, 500))
  }
  return false
}

/** Why a hit is the password of a service the project runs itself, or undefined when it is not. */
export function localServiceReason(hit: SecretHit, line: string, localDatabase: () => boolean, lines?: (n: number) => string): string | undefined {
  if (hit.kind === 'url-credentials') {
    const host = hostAfter(line, hit.column + hit.value.length)
    return host && isLocalHost(host) ? `it is the password in a URL of ${host}, a service only the project's own machines reach` : undefined
  }
  if (hit.kind !== 'password') return undefined
  const bare = hit.key?.toUpperCase() === 'PASSWORD'
  const databasePassword = hit.key !== undefined && (SERVICE_PASSWORD.test(hit.key) || hit.key.toLowerCase() === 'pgpassword' || (bare && (line.includes('DATABASES') || (lines !== undefined && inDatabaseBlock(hit, lines)))))
  if (!databasePassword) return undefined
  if (localDatabase()) return `${hit.key} is the password of a database the project runs next to itself (this file names it as a local host or a container)`
  return lines && equalsNearbyUser(hit, lines) ? `${hit.key} is the same as the database user's name, the default of a local database` : undefined
}
