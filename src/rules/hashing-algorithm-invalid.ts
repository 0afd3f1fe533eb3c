import { existsIn } from '../settings/versioned-defaults.js'
import type { Value } from '../python/values.js'
import { judge, literalFix, locOf, origin, show } from './helpers.js'
import type { Rule } from './types.js'

const ALLOWED = new Set(['sha1', 'sha256'])

/** hashlib names of digests an HMAC should no longer be built on. */
const WEAK = new Set(['md5', 'md4', 'md5-sha1', 'mdc2', 'ripemd160', 'sm3'])

/** Django 3.1–3.2's test: `DEFAULT_HASHING_ALGORITHM not in {'sha1', 'sha256'}` (an unhashable value raises: not judged). */
function invalid(v: Value): boolean | undefined {
  if (v.kind === 'str') return !ALLOWED.has(v.value)
  return v.kind === 'none' || v.kind === 'bool' || v.kind === 'int' || v.kind === 'float' ? true : undefined
}

export const hashingAlgorithmInvalid: Rule = {
  meta: {
    id: 'hashing-algorithm-invalid',
    severity: 'medium',
    title: "DEFAULT_HASHING_ALGORITHM is not 'sha1' or 'sha256'",
    django: ['security.E100'],
    docs: {
      what: "Finds a production `DEFAULT_HASHING_ALGORITHM` that is not exactly `'sha1'` or `'sha256'`, in projects on Django 3.1 or 3.2 (the transitional setting exists only there; Django 4.0 removed it and ignores it). Medium when it names a broken digest such as `'md5'`, low for any other value (`'sha512'`, `None`, a typo).",
      why: "Django 3.1–3.2 sign cookies, sessions' auth hashes and password-reset tokens with HMAC over this digest. The system check stops `manage.py` commands, but a WSGI server does not run checks: production then signs with `'md5'` if that is what the setting says, or fails on every signature for a name hashlib lacks.",
      bad: 'DEFAULT_HASHING_ALGORITHM = "md5"',
      fix: '# remove the line: Django 3.1+ defaults to sha256 (set "sha1" only while old signatures must stay valid)'
    }
  },
  check({ settings }) {
    if (!existsIn(settings.django, 'DEFAULT_HASHING_ALGORITHM')) return []
    const s = settings.get('DEFAULT_HASHING_ALGORITHM')
    const j = judge(s, invalid)
    if (j.verdict === 'none' || !j.value) return []
    const weak = j.value.kind === 'str' && WEAK.has(j.value.value.toLowerCase())
    return [
      {
        subject: 'DEFAULT_HASHING_ALGORITHM',
        djangoCheck: 'security.E100',
        loc: locOf(s, settings, j.binding),
        severity: weak ? undefined : 'low',
        message: `DEFAULT_HASHING_ALGORITHM ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, not 'sha1' or 'sha256' (security.E100): ${weak && j.value.kind === 'str' ? `signed cookies, session auth hashes and password-reset tokens are then HMAC-${j.value.value.toUpperCase()}, as a WSGI server runs no system check` : 'a WSGI server runs no system check, so signing either uses that digest or fails'} (${origin(s, settings, j.binding)}).`,
        fix: { description: "Remove DEFAULT_HASHING_ALGORITHM (Django 3.1+ defaults to 'sha256'), or set it to 'sha1' only while signatures made by Django 3.0 must stay valid.", replacement: literalFix(s, "'sha256'") }
      }
    ]
  }
}
