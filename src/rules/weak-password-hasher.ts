import type { Value } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { judge, lastSegment, locOf, origin, pyRepr } from './helpers.js'
import type { Rule } from './types.js'

/** Django's hashers that a GPU cracks at billions of guesses a second (or that have no salt). */
const WEAK: Record<string, string> = {
  MD5PasswordHasher: 'salted MD5, a single fast hash',
  SHA1PasswordHasher: 'salted SHA1, a single fast hash',
  UnsaltedMD5PasswordHasher: 'unsalted MD5: equal passwords get equal hashes, and rainbow tables apply',
  UnsaltedSHA1PasswordHasher: 'unsalted SHA1: equal passwords get equal hashes, and rainbow tables apply',
  CryptPasswordHasher: "Unix crypt(3), which on most systems is DES: only the first 8 characters count (removed in Django 5.0)"
}

/** The first hasher of a PASSWORD_HASHERS value, when it is a known string. */
function firstHasher(v: Value): string | undefined {
  if (v.kind !== 'seq') return undefined
  const first = v.items[0]?.value
  return first?.kind === 'str' ? first.value.trim() : undefined
}

function baseFirst(base: SettingsView | undefined): string | undefined {
  const v = base?.get('PASSWORD_HASHERS').value
  return v && firstHasher(v)
}

export const weakPasswordHasher: Rule = {
  meta: {
    id: 'weak-password-hasher',
    severity: 'medium',
    title: 'New passwords are hashed with a weak hasher',
    django: [],
    docs: {
      what: 'Finds production settings whose first `PASSWORD_HASHERS` entry (the one Django hashes new and changed passwords with) is MD5, SHA1, unsalted MD5/SHA1 or crypt. A weak hasher further down the list is fine: Django only uses it to check old hashes and upgrades them at the next login. In a diff, the change that makes the first entry weak is reported. Test settings that use MD5 for speed are not production and are not reported.',
      why: 'If the user table leaks (a backup, an SQL injection), fast or unsalted hashes give up most passwords within hours, and users reuse them elsewhere. PBKDF2, Argon2, bcrypt and scrypt are slow by design.',
      bad: 'PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.MD5PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]',
      fix: 'PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.Argon2PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n    "django.contrib.auth.hashers.MD5PasswordHasher",  # only to upgrade legacy hashes\n]'
    }
  },
  check({ settings, base }) {
    const s = settings.get('PASSWORD_HASHERS')
    const j = judge(s, (v) => {
      const first = firstHasher(v)
      return first === undefined ? undefined : lastSegment(first) in WEAK
    })
    const first = j.value && firstHasher(j.value)
    if (j.verdict === 'none' || !j.value || !first) return []
    const before = baseFirst(base)
    const how = before !== undefined && before !== first ? `changes from ${pyRepr(lastSegment(before))} to` : j.verdict === 'possible' ? 'can be' : 'is'
    const item = j.value.kind === 'seq' ? j.value.items[0] : undefined
    return [
      {
        subject: 'PASSWORD_HASHERS',
        loc: item?.loc ?? locOf(s, settings, j.binding),
        message: `The first PASSWORD_HASHERS entry ${how} ${pyRepr(first)} in production: ${WEAK[lastSegment(first)]}; every new or changed password is hashed with it (${origin(s, settings, j.binding)}).`,
        fix: { description: `Put a slow hasher first (django.contrib.auth.hashers.Argon2PasswordHasher or PBKDF2PasswordHasher); keep ${lastSegment(first)} further down only while legacy hashes remain, so they are upgraded at login.` }
      }
    ]
  }
}
