import { show, truthy, type Value } from '../python/values.js'
import type { Setting, SettingsView } from '../settings/view.js'
import { hasEntry, judge, literalFix, locOf, origin, pyRepr } from './helpers.js'
import { hasMiddleware } from './middleware.js'
import type { Rule, RuleFinding } from './types.js'

// django-cors-headers reads the new names first and falls back to the old ones (corsheaders/conf.py).
const ALLOW_ALL = ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL'] as const
const REGEXES = ['CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST'] as const

/** The first of the names that the module sets (new name before old), or the new name. */
function effective(view: SettingsView, names: readonly string[]): Setting {
  for (const name of names) {
    const s = view.get(name)
    if (!s.isDefault) return s
  }
  return view.get(names[0])
}

/** django-cors-headers is certainly not in use: neither its app nor its middleware is listed. */
function corsHeadersAbsent(view: SettingsView): boolean {
  return hasEntry(view.get('INSTALLED_APPS'), 'corsheaders') === false && hasMiddleware(view, 'corsheaders.middleware.CorsMiddleware') === false
}

const SCHEMES = ['(https?://)?', '(http|https)://', 'https?://', 'https?:\\/\\/', 'https://', 'http://', 'https:\\/\\/', 'http:\\/\\/']
const ANYTHING = new Set(['.*', '.+', '.*?', '.+?', '(.*)', '(.+)', '\\S*', '\\S+', '[^/]*', '[^/]+', '[^\\/]*', '[^\\/]+'])

/**
 * Whether a pattern admits an origin the site does not own. django-cors-headers uses `re.match`,
 * which anchors only at the start: without `$` at the end, `^https://app\.example\.com` also
 * matches `https://app.example.com.evil.net`, a name anyone can register.
 */
export function regexProblem(pattern: string): 'any' | 'unanchored' | undefined {
  // a glob written as a regex ('*.example.com'): Python refuses it ("nothing to repeat"), so it admits no origin
  if (/^\^?[*+?]/.test(pattern)) return undefined
  const anchored = /(?:^|[^\\])\$$/.test(pattern) || pattern.endsWith('\\Z')
  let rest = pattern.replace(/^\^/, '').replace(/(?:\$|\\Z)$/, '')
  const scheme = SCHEMES.find((s) => rest.startsWith(s))
  if (scheme) rest = rest.slice(scheme.length)
  if (ANYTHING.has(rest) || (rest === '' && !anchored)) return 'any'
  return anchored ? undefined : 'unanchored'
}

/** The part of the site CORS_URLS_REGEX limits django-cors-headers to, when it is set to less than every URL. */
function scopedTo(view: SettingsView): string | undefined {
  const v = view.get('CORS_URLS_REGEX').value
  return v.kind === 'str' && !ANYTHING.has(v.value.replace(/^\^/, '').replace(/\$$/, '')) && v.value !== '' ? v.value : undefined
}

function credentials(view: SettingsView): boolean {
  return truthy(view.get('CORS_ALLOW_CREDENTIALS').value) === true
}

export const corsAllowAllOrigins: Rule = {
  meta: {
    id: 'cors-allow-all-origins',
    severity: 'high',
    title: 'CORS allows any origin',
    django: [],
    docs: {
      what: 'Finds production settings where django-cors-headers answers every origin: `CORS_ALLOW_ALL_ORIGINS` (or the old `CORS_ORIGIN_ALLOW_ALL`) true, also through an environment default, or an entry of `CORS_ALLOWED_ORIGIN_REGEXES` that matches any origin (`r".*"`, `r"^https?://.*$"`) or lacks the `$` that stops `app.example.com.evil.net` from matching. Critical when `CORS_ALLOW_CREDENTIALS` is on. Without credentials and with `CORS_URLS_REGEX` limiting CORS to part of the site (a public API), it is low and a scan sets it aside. Django itself has no check for this.',
      why: "Browsers enforce the same-origin policy unless the server says otherwise. Allowing every origin lets any web page a user visits read your API's responses; with credentials allowed, those responses are read with the user's cookies, so any site can act as the logged-in user.",
      bad: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True',
      fix: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = True'
    }
  },
  check({ settings }) {
    if (corsHeadersAbsent(settings)) return []
    const withCredentials = credentials(settings)
    const severity = withCredentials ? ('critical' as const) : undefined
    const consequence = withCredentials
      ? 'and CORS_ALLOW_CREDENTIALS is on, so any web page can send requests with the visitor\'s cookies and read the answers'
      : "so any web page can read your API's responses in its visitors' browsers"
    const out: RuleFinding[] = []
    // without credentials, on the URLs CORS_URLS_REGEX names (a public API), other origins read only what an anonymous request gets
    const scope = withCredentials ? undefined : scopedTo(settings)
    const scoped = scope ? { severity: 'low' as const, aside: 'CORS open to every origin, without credentials, on URLs CORS_URLS_REGEX limits' } : {}
    const limited = scope ? ` It is reported at low severity because CORS_URLS_REGEX limits it to URLs matching ${pyRepr(scope)} and no cookies are sent: other origins read only what an anonymous request gets.` : ''

    const all = effective(settings, ALLOW_ALL)
    const j = judge(all, (v) => truthy(v))
    if (j.verdict !== 'none' && j.value) {
      const fix = literalFix(all, 'False')
      out.push({
        subject: 'CORS_ALLOW_ALL_ORIGINS',
        loc: locOf(all, settings, j.binding),
        severity,
        ...scoped,
        message: `${all.name} ${j.verdict === 'possible' ? 'can be' : 'is'} ${show(j.value)} in production, ${consequence} (${origin(all, settings, j.binding)}).${limited}`,
        fix: { description: 'List the origins that may call the API in CORS_ALLOWED_ORIGINS and turn allow-all off.', replacement: fix }
      })
    }

    const regexes = effective(settings, REGEXES)
    const value: Value = regexes.value
    if (value.kind === 'seq')
      for (const item of value.items) {
        if (item.value.kind !== 'str') continue
        const problem = regexProblem(item.value.value)
        if (!problem) continue
        const what = problem === 'any' ? `matches any origin, ${consequence}` : 'has no $ at the end, and django-cors-headers matches only the start of the origin, so an origin that merely begins with what it matches (your domain followed by .evil.net, which anyone can register) is allowed too'
        out.push({
          subject: `${regexes.name}:${item.value.value}`,
          loc: item.loc && item.loc.path === (regexes.binding?.loc.path ?? '') ? item.loc : locOf(regexes, settings),
          severity: problem === 'any' ? severity : undefined,
          ...(problem === 'any' ? scoped : {}),
          message: `${regexes.name} has ${show(item.value)}, which ${what} (${origin(regexes, settings)}).${problem === 'any' ? limited : ''}`,
          fix: { description: problem === 'any' ? 'Replace the pattern by the exact origins in CORS_ALLOWED_ORIGINS.' : 'End the pattern with $ (and escape its dots), e.g. r"^https://\\w+\\.example\\.com$".' }
        })
      }
    return out
  }
}
