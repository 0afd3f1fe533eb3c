import { judge, literalFix, locOf, origin, show } from './helpers.js'
import type { Rule } from './types.js'

const JSON_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'

export const insecureSessionSerializer: Rule = {
  meta: {
    id: 'insecure-session-serializer',
    severity: 'high',
    title: 'Sessions are serialized with pickle',
    django: [],
    docs: {
      what: "Finds production settings whose `SESSION_SERIALIZER` is pickle-based: Django's `PickleSerializer` (deprecated in 4.1, removed in 5.0) or any serializer class with `Pickle` in its name.",
      why: "Unpickling runs code. Anyone who can get a forged session accepted, which takes only the SECRET_KEY (leaked, committed or weak) and is easiest with the `signed_cookies` session engine where the session is the cookie, can run any command on the server. With JSON, a leaked key lets an attacker forge sessions, but not execute code.",
      bad: 'SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"',
      fix: 'SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"  # the default'
    }
  },
  check({ settings }) {
    const s = settings.get('SESSION_SERIALIZER')
    const j = judge(s, (v) => (v.kind === 'str' ? /pickle/i.test(v.value) : undefined))
    if (j.verdict === 'none' || !j.value) return []
    const engine = settings.get('SESSION_ENGINE').value
    const cookies = engine.kind === 'str' && engine.value.endsWith('signed_cookies') ? ' With the signed_cookies session engine set here, the attacker sends that session as a cookie.' : ''
    return [
      {
        subject: 'SESSION_SERIALIZER',
        loc: locOf(s, settings, j.binding),
        message: `SESSION_SERIALIZER ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production: sessions are unpickled, so anyone who can forge a session (it takes only the SECRET_KEY) can run code on the server (${origin(s, settings, j.binding)}).${cookies}`,
        fix: { description: 'Use the JSON serializer (Django\'s default) and store only JSON-serializable values in sessions; existing pickled sessions are dropped, so users log in again.', replacement: literalFix(s, `'${JSON_SERIALIZER}'`) }
      }
    ]
  }
}
