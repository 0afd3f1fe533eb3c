import { WORLDS } from '../python/env.js'
import type { Value } from '../python/values.js'
import { entryOf, judge, mask, suppliedBy } from './helpers.js'
import { weakness as secretKeyWeakness } from './secret-key-weak.js'
import type { Rule, RuleFinding } from './types.js'

/** Where JWT libraries read their HMAC key (or private key): setting, and key inside it when it is a dict. */
const KEYS: { setting: string; key?: string; library: string }[] = [
  { setting: 'SIMPLE_JWT', key: 'SIGNING_KEY', library: 'djangorestframework-simplejwt' },
  { setting: 'NINJA_JWT', key: 'SIGNING_KEY', library: 'django-ninja-jwt' },
  { setting: 'JWT_AUTH', key: 'JWT_SECRET_KEY', library: 'djangorestframework-jwt' },
  { setting: 'GRAPHQL_JWT', key: 'JWT_SECRET_KEY', library: 'django-graphql-jwt' },
  { setting: 'JWT_SECRET_KEY', library: 'a JWT library' },
  { setting: 'JWT_SIGNING_KEY', library: 'a JWT library' }
]

/** The probe world whose environment sets every variable to "example.com": a value read from the environment differs there. */
const PROBE = WORLDS.indexOf('example.com')

function keyIn(v: Value, key: string | undefined): string | undefined {
  const k = key ? entryOf(v, key)?.value : v
  return k?.kind === 'str' ? k.value : undefined
}

/** Why a key is weak beyond being committed: empty, a placeholder, or shorter than HS256 needs. */
function weakness(key: string): string | undefined {
  if (!key) return 'it is empty'
  const placeholder = secretKeyWeakness({ kind: 'str', value: key })
  if (placeholder?.includes('placeholder')) return placeholder
  const length = [...key].length
  // RFC 7518 3.2: an HS256 key must have at least 256 bits
  return length < 32 ? `it has ${length} characters, fewer than the 32 bytes an HS256 key needs (RFC 7518)` : undefined
}

export const jwtSigningKeyWeak: Rule = {
  meta: {
    id: 'jwt-signing-key-weak',
    severity: 'high',
    title: 'JWT signing key is committed or falls back to a literal',
    django: [],
    docs: {
      what: 'Finds a JWT signing key that production takes from the code: `SIMPLE_JWT["SIGNING_KEY"]` (also `NINJA_JWT`), `JWT_AUTH["JWT_SECRET_KEY"]`, `GRAPHQL_JWT["JWT_SECRET_KEY"]`, or a top-level `JWT_SECRET_KEY` / `JWT_SIGNING_KEY`, written as a literal or as the fallback of an environment read (`os.environ.get("JWT_KEY", "secret")`). A key that is the SECRET_KEY itself is left to `secret-key-hardcoded`. The value is always masked.',
      why: 'Whoever knows the key can mint tokens for any user, staff and superusers included, and the API accepts them until the key is rotated; a committed key is known to everyone with the repository, its forks and its history, and placeholders such as "secret" are the first thing tried.',
      bad: 'SIMPLE_JWT = {\n    "SIGNING_KEY": os.environ.get("JWT_SIGNING_KEY", "secret"),\n}',
      fix: 'SIMPLE_JWT = {\n    "SIGNING_KEY": os.environ["JWT_SIGNING_KEY"],  # required; or leave it out to use SECRET_KEY\n}'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    const secretKey = settings.get('SECRET_KEY').value
    for (const { setting, key, library } of KEYS) {
      const s = settings.get(setting)
      if (s.isDefault) continue
      const j = judge(s, (v) => (keyIn(v, key) === undefined ? undefined : true))
      const value = j.value && keyIn(j.value, key)
      const binding = j.binding
      if (value === undefined || !binding || (value && secretKey.kind === 'str' && secretKey.value === value)) continue
      const label = key ? `${setting}["${key}"]` : setting
      const probed = keyIn(settings.get(setting, PROBE).value, key)
      const read = probed !== value ? (binding.env.find((r) => r.defaultText?.includes(value)) ?? binding.env[0]) : undefined
      const weak = weakness(value)
      const shown = value ? mask(value) : 'empty'
      const how = binding.supplied
        ? `is a literal (${shown}) committed in a deploy file: ${suppliedBy(binding)}`
        : read
          ? `falls back to a literal (${shown}) when ${read.name} is unset`
          : `is a literal (${shown}) committed in ${binding.loc.path}`
      const entry = key && j.value ? entryOf(j.value, key) : undefined
      out.push({
        subject: label,
        loc: entry?.loc && !binding.supplied ? entry.loc : binding.loc,
        message: `${label} (${library}) ${how}${weak ? `, and ${weak}` : ''}: anyone who knows it can sign tokens for any user of the API.`,
        secrets: value ? [value] : undefined,
        fix: {
          description: binding.supplied
            ? `Set ${binding.supplied.variable} from a secret store or an untracked env file, and rotate the key.`
            : read
              ? `Remove the fallback so the read is required (\`os.environ["${read.name}"]\`), and rotate the key.`
              : `Read the key from the environment (\`os.environ["JWT_SIGNING_KEY"]\`), or leave it out to use SECRET_KEY, and rotate it: the committed value stays in git history.`
        }
      })
    }
    return out
  }
}
