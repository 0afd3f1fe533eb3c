import { listStrings, locOf, origin, pyRepr } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

/** Domains where anyone can get a subdomain for their own site: a wildcard on them trusts strangers. */
export const SHARED_HOSTING = new Set([
  'herokuapp.com', 'vercel.app', 'netlify.app', 'github.io', 'gitlab.io', 'pythonanywhere.com', 'onrender.com', 'fly.dev',
  'appspot.com', 'azurewebsites.net', 'pages.dev', 'workers.dev', 'web.app', 'firebaseapp.com', 'railway.app', 'up.railway.app',
  'glitch.me', 'ngrok.io', 'ngrok-free.app', 'trycloudflare.com', 'cloudfront.net', 'amazonaws.com', 'surge.sh', 'loca.lt'
])

type Problem = 'inert' | 'shared' | 'suffix' | 'http'

/** Where browsers never go over the network: no one between the visitor and the site can answer for these. */
function loopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]'
}

/**
 * What is wrong with one entry, read as Django's CsrfViewMiddleware reads it (4.0+: `scheme://host`,
 * a `*` before the host trusts its subdomains; before 4.0: a host, a leading dot for subdomains).
 */
export function originProblem(entry: string): { problem: Problem; host: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(entry.trim())
  const scheme = m?.[1].toLowerCase()
  const netloc = (m ? m[2] : entry.trim()).toLowerCase()
  const host = netloc.startsWith('[') ? netloc.slice(0, netloc.indexOf(']') + 1) : netloc.replace(/:\d*$/, '')
  const wildcard = host.startsWith('*') || (!scheme && host.startsWith('.'))
  if (wildcard) {
    // Django strips the stars and matches the rest as a domain suffix; nothing is left of a bare `*`
    const suffix = host.replace(/^\*+/, '').replace(/^\./, '')
    if (!suffix) return { problem: 'inert', host }
    if (SHARED_HOSTING.has(suffix)) return { problem: 'shared', host: suffix }
    if (!suffix.includes('.') || /^(co|com|org|net|gov|ac|edu)\.[a-z]{2}$/.test(suffix)) return { problem: 'suffix', host: suffix }
  }
  if (scheme === 'http' && !loopback(host.replace(/^\*+\.?/, ''))) return { problem: 'http', host }
  return undefined
}

const SAYS: Record<Problem, (entry: string, host: string) => string> = {
  inert: (e) => `${pyRepr(e)}, which Django does not read as "any origin": it strips the stars and matches what is left as a domain, so this entry matches no origin at all. It does not widen trust today, but it says the site means to accept cross-site form posts from anywhere`,
  shared: (e, h) => `${pyRepr(e)}: anyone can put a site on a subdomain of ${h}, so pages of strangers' apps there pass the CSRF origin check`,
  suffix: (e, h) => `${pyRepr(e)}: it trusts every site under the public suffix .${h}, which anyone can register a domain in, so their pages pass the CSRF origin check`,
  http: (e) => `the plain-HTTP origin ${pyRepr(e)}: a page served over HTTP can be rewritten by anyone on the network path (public Wi-Fi, a hostile proxy), who can then post forms to the site that pass the CSRF origin check`
}

export const csrfTrustedOriginsTooBroad: Rule = {
  meta: {
    id: 'csrf-trusted-origins-too-broad',
    severity: 'medium',
    title: 'CSRF_TRUSTED_ORIGINS trusts origins the site does not control',
    django: [],
    docs: {
      what: "Finds production `CSRF_TRUSTED_ORIGINS` entries that let other people's pages pass Django's CSRF origin check: a plain `http://` origin (loopback hosts such as `http://localhost:3000` and `http://127.0.0.1:8000` are left alone, but `http://localhost.evil.com` is not loopback), a wildcard on a shared-hosting domain where anyone can get a subdomain (`https://*.herokuapp.com`, `*.vercel.app`, `*.github.io`, …) or on a public suffix (`https://*.com`). A bare `*` or `https://*` is reported at low: Django matches it against no origin, so it widens nothing, but it shows an intent to accept posts from anywhere. Explicit `https://` origins and wildcards on your own domain (`https://*.example.com`) are fine. Django's only check (4_0.E001) is about the scheme being present.",
      why: "Django's CSRF protection rejects unsafe requests whose Origin (or, over HTTPS, Referer) is not the site itself or a trusted origin. A trusted origin someone else controls can post forms and call APIs with the visitor's cookies; a plain-HTTP origin can be rewritten by anyone on the network path to do the same, together with a csrftoken cookie it plants over HTTP.",
      bad: 'CSRF_TRUSTED_ORIGINS = ["http://shop.example.com", "https://*.herokuapp.com"]',
      fix: 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "https://shop-staging.herokuapp.com"]'
    }
  },
  check({ settings }) {
    const s = settings.get('CSRF_TRUSTED_ORIGINS')
    const out: RuleFinding[] = []
    for (const entry of listStrings(s.value)) {
      const p = originProblem(entry.value)
      if (!p) continue
      out.push({
        subject: `CSRF_TRUSTED_ORIGINS:${entry.value}`,
        loc: entry.loc ?? locOf(s, settings),
        severity: p.problem === 'inert' ? 'low' : undefined,
        message: `CSRF_TRUSTED_ORIGINS ${entry.certain ? 'has' : 'can have'} ${SAYS[p.problem](entry.value, p.host)} (${origin(s, settings)}).`,
        fix: {
          description:
            p.problem === 'http'
              ? `Trust the HTTPS origin instead (${pyRepr(entry.value.replace(/^http:/i, 'https:'))}), and serve that site over HTTPS only.`
              : p.problem === 'inert'
                ? 'Remove the wildcard and list the exact origins that post to the site, e.g. "https://app.example.com".'
                : `List your own app's origin exactly (e.g. "https://myapp.${p.host}") instead of every subdomain of ${p.host}.`
        }
      })
    }
    return out
  }
}
