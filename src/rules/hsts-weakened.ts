import { HSTS_ON, SECURITY_MIDDLEWARE_ON } from './preconditions.js'
import { SECURITY_MIDDLEWARE } from '../settings/defaults.js'
import { falsy, numeric, truthy } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { judge, literalFix, locOf, notBooleanMessage, origin, show, trueButNotTrue } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

const ONE_YEAR = 31536000

function isTrue(view: SettingsView | undefined, name: string): boolean {
  const v = view?.get(name).value
  return v?.kind === 'bool' && v.value
}

export const hstsWeakened: Rule = {
  meta: {
    id: 'hsts-weakened',
    severity: 'medium',
    title: 'HTTP Strict Transport Security is off or weakened',
    django: ['security.W004', 'security.W005', 'security.W021'],
    docs: {
      what: 'Finds production settings with SecurityMiddleware on and `SECURE_HSTS_SECONDS` unset or 0, `SECURE_HSTS_INCLUDE_SUBDOMAINS` or `SECURE_HSTS_PRELOAD` not True; in a diff, also HSTS lowered (e.g. from a year to an hour) or include-subdomains/preload turned off. Django does not notice a lowered, non-zero value, nor a true value that is no max-age: the string `"0"` from the environment sends `max-age=0`, which switches HSTS off.',
      why: 'Without HSTS a browser will try plain HTTP first, so an attacker on the network can strip TLS on the first request (SSL stripping) and read or change the traffic. A short max-age lets that window reopen soon after each visit.',
      bad: 'SECURE_HSTS_SECONDS = 0',
      fix: 'SECURE_HSTS_SECONDS = 31536000  # after testing with a short value\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True'
    }
  },
  // include-subdomains, preload and the max-age checks only matter once HSTS is on
  preconditions: (subject) => (subject === 'SECURE_HSTS_SECONDS' ? [SECURITY_MIDDLEWARE_ON] : [SECURITY_MIDDLEWARE_ON, HSTS_ON]),
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return []
    const out: RuleFinding[] = []
    const seconds = settings.get('SECURE_HSTS_SECONDS')
    const off = judge(seconds, falsy)
    if (off.verdict !== 'none' && off.value) {
      out.push({
        subject: 'SECURE_HSTS_SECONDS',
        djangoCheck: 'security.W004',
        loc: locOf(seconds, settings, off.binding),
        message: `SECURE_HSTS_SECONDS ${off.verdict === 'possible' ? 'can be' : 'is'} ${show(off.value)} in production, so browsers are never told to insist on HTTPS (${origin(seconds, settings, off.binding)}).`,
        fix: { description: 'Set SECURE_HSTS_SECONDS to a year (31536000) once HTTPS works everywhere; start with 3600 to test.', replacement: literalFix(seconds, String(ONE_YEAR)) }
      })
      return out
    }
    if (truthy(seconds.value) !== true) return out
    // Django's check passes any true value, but the middleware writes it into `max-age=%s` as is:
    // "0" (a string from the environment) gives max-age=0, which tells browsers to drop HSTS, and
    // -1, 3600.0 or True are not a max-age at all, so browsers ignore the header.
    const useless = judge(seconds, (v) => {
      const text = v.kind === 'str' ? v.value.trim() : v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' ? show(v) : undefined
      return text === undefined ? undefined : !(/^\d+$/.test(text) && Number(text) > 0)
    })
    if (useless.verdict !== 'none' && useless.value)
      out.push({
        subject: 'SECURE_HSTS_SECONDS:max-age',
        loc: locOf(seconds, settings, useless.binding),
        message: `SECURE_HSTS_SECONDS ${useless.verdict === 'possible' ? 'can be' : 'is'} ${show(useless.value)} in production, so SecurityMiddleware sends \`max-age=${useless.value.kind === 'str' ? useless.value.value.trim() : show(useless.value)}\`, which ${/^\s*0+\s*$/.test(useless.value.kind === 'str' ? useless.value.value : '') ? 'tells browsers to forget HSTS' : 'is not a valid max-age, so browsers ignore the header'}; Django's own check passes any true value (${origin(seconds, settings, useless.binding)}).`,
        fix: { description: 'Make SECURE_HSTS_SECONDS a positive integer, e.g. env.int("SECURE_HSTS_SECONDS", default=31536000) or int(os.environ.get(...)).', replacement: literalFix(seconds, String(ONE_YEAR)) }
      })
    const before = base && hasMiddleware(base, SECURITY_MIDDLEWARE) === true ? numeric(base.get('SECURE_HSTS_SECONDS').value) : undefined
    const now = numeric(seconds.value)
    if (before !== undefined && now !== undefined && now < before)
      out.push({
        subject: 'SECURE_HSTS_SECONDS:lowered',
        loc: locOf(seconds, settings),
        message: `SECURE_HSTS_SECONDS is lowered from ${before} to ${now} in production, so browsers forget to insist on HTTPS much sooner (${origin(seconds, settings)}).`,
        fix: { description: `Keep SECURE_HSTS_SECONDS at ${before} or more.`, replacement: literalFix(seconds, String(before)) }
      })
    for (const [name, id, label] of [
      ['SECURE_HSTS_INCLUDE_SUBDOMAINS', 'security.W005', 'subdomains are not covered, so an attacker can use a plain-HTTP subdomain to set cookies for the site'],
      ['SECURE_HSTS_PRELOAD', 'security.W021', 'the site cannot be in browsers\u2019 preload list, so the very first visit is unprotected']
    ] as const) {
      const s = settings.get(name)
      const j = judge(s, (v) => !(v.kind === 'bool' && v.value))
      if (j.verdict === 'none' || !j.value) continue
      const turnedOff = isTrue(base, name)
      const flagged = trueButNotTrue(j.value)
      out.push({
        subject: name,
        djangoCheck: id,
        loc: locOf(s, settings, j.binding),
        severity: flagged ? 'low' : turnedOff || name === 'SECURE_HSTS_INCLUDE_SUBDOMAINS' ? 'medium' : 'low',
        message: flagged ? notBooleanMessage(name, j.value, id, origin(s, settings, j.binding)) : `${name} ${turnedOff ? 'is turned off' : `is ${show(j.value)}`} in production: ${label} (${origin(s, settings, j.binding)}).`,
        fix: { description: `Set ${name} = True.`, replacement: literalFix(s, 'True') }
      })
    }
    return out
  }
}
