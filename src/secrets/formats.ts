// Credentials that identify themselves by their format, whatever name they are stored under.
// Every pattern is anchored on a literal prefix (checked with indexOf first) and uses bounded,
// non-overlapping character classes, so matching stays linear in the line length.

export interface Format {
  kind: string
  /** What to call it in a message. */
  label: string
  /** Literal text every match contains; lines without it are never matched against `re`. */
  prefixes: string[]
  re: RegExp
  /** Capture group holding the secret (default 0: the whole match). */
  group?: number
  /** Test-mode keys (Stripe sk_test_) are reported at a lower severity. */
  lowSeverity?: (value: string) => boolean
}

export const FORMATS: Format[] = [
  { kind: 'aws-access-key-id', label: 'AWS access key id', prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'github-token', label: 'GitHub token', prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], re: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'github-token', label: 'GitHub fine-grained token', prefixes: ['github_pat_'], re: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g },
  { kind: 'stripe-key', label: 'Stripe secret key', prefixes: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'], re: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, lowSeverity: (v) => v.includes('_test_') },
  { kind: 'slack-token', label: 'Slack token', prefixes: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-'], re: /\bxox[bpares]-[A-Za-z0-9-]{10,250}/g },
  { kind: 'slack-webhook', label: 'Slack webhook URL', prefixes: ['hooks.slack.com/'], re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]{20,200}/g },
  { kind: 'sendgrid-key', label: 'SendGrid API key', prefixes: ['SG.'], re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { kind: 'google-api-key', label: 'Google API key', prefixes: ['AIza'], re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'private-key', label: 'private key', prefixes: ['PRIVATE KEY-----'], re: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'django-secret-key', label: 'Django secret key', prefixes: ['django-insecure-'], re: /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{20,200}/g },
  // scheme://user:password@host — the password is group 1
  { kind: 'url-credentials', label: 'password in a URL', prefixes: ['://'], re: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s/:@'"`]{0,128}:([^\s/@'"`]{1,256})@[A-Za-z0-9[.-]/g, group: 1 }
]

const JWT: Format = { kind: 'jwt', label: 'JSON Web Token', prefixes: ['eyJ'], re: /eyJ/g }
const isB64url = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95

/** JWTs (eyJ….eyJ….sig), scanned by hand: each character is looked at a bounded number of times. */
function jwtMatches(line: string): FormatMatch[] {
  const out: FormatMatch[] = []
  let from = 0
  for (;;) {
    const start = line.indexOf('eyJ', from)
    if (start < 0) return out
    // three dot-separated base64url segments
    const seg = (i: number): number => {
      let j = i
      while (j < line.length && isB64url(line.charCodeAt(j))) j++
      return j
    }
    const a = seg(start)
    let end = a
    if (a - start >= 10 && line[a] === '.' && line.startsWith('eyJ', a + 1)) {
      const b = seg(a + 1)
      if (b - a - 1 >= 10 && line[b] === '.') {
        const c = seg(b + 1)
        if (c - b - 1 >= 16) {
          out.push({ format: JWT, value: line.slice(start, c), column: start })
          end = c
        }
      }
    }
    from = Math.max(end, start + 3)
  }
}

export interface FormatMatch {
  format: Format
  value: string
  column: number
}

/** Every self-identifying credential in a line. */
export function formatMatches(line: string): FormatMatch[] {
  const out: FormatMatch[] = line.includes('eyJ') ? jwtMatches(line) : []
  for (const format of FORMATS) {
    if (!format.prefixes.some((p) => line.includes(p))) continue
    format.re.lastIndex = 0
    for (const m of line.matchAll(format.re)) {
      const value = m[format.group ?? 0]
      const column = (m.index ?? 0) + (format.group ? m[0].indexOf(value, m[0].indexOf('://') + 3) : 0)
      out.push({ format, value, column })
    }
  }
  return out
}
