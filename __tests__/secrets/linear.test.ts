// Hostile input: very long lines and inputs shaped to make a backtracking regular expression or a
// quadratic scan explode. Each must finish; the bound is jest's per-test timeout (a catastrophic
// pattern takes minutes or hours on these sizes), not a timing assertion.
import { describe, expect, it } from '@jest/globals'
import { detectSecrets } from '../../src/secrets/detect.js'
import { formatMatches } from '../../src/secrets/formats.js'
import { pairsOfLine } from '../../src/secrets/pairs.js'
import { isDummy, isPlaceholder, isProse, looksLikeCredential, namedKind } from '../../src/secrets/classify.js'

const KB = 1024
const MB = 1024 * KB
const TIMEOUT = 10_000

/** A minified bundle: long, dense with `=`, `:`, quotes, secret-sounding names and a URL now and then. */
function minified(size: number): string {
  const parts = ['var token="x",password=a.b,secret=c[d];', 'function(e){return e.apiKey||"AIza"+e.k}', '{"key":"value","auth":{"type":"bearer"}},', 'fetch("https://api.example.com/v1?access_token="+t);', 'x=y==z?"eyJ":"eyJhbGciOi";']
  let s = '!function(){'
  for (let i = 0; s.length < size; i++) s += parts[i % parts.length]
  return s + '}()'
}

const ADVERSARIAL: [name: string, path: string, text: string][] = [
  ['1 MB minified JavaScript on one line', 'static/js/app.min.js', minified(MB)],
  ['the same bundle as a .env value', '.env', `BUNDLE=${minified(MB)}`],
  ['200 KB of eyJ repeats', 'static/a.js', 'eyJ'.repeat((200 * KB) / 3)],
  ['200 KB of -eyJ repeats', 'static/a.js', '-eyJ'.repeat((200 * KB) / 4) + '.eyJ'],
  ['eyJ segments that almost make a JWT', 'a.txt', 'eyJhbGciOiJIUzI1NiJ9.eyJ'.repeat(20_000)],
  ['1 MB run of one base64 character', 'a.txt', 'A'.repeat(MB)],
  ['1 MB run of random-looking base64', 'a.txt', Array.from({ length: MB / 64 }, (_, i) => `QUJD${(i * 2654435761).toString(36).padEnd(12, 'x')}ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3ODkw+/`).join('')],
  ['a: repeated 300,000 times', 'config.yml', 'a:'.repeat(300_000)],
  ['key: repeated', 'config.yml', 'password: '.repeat(100_000)],
  ['unterminated double quote after PASSWORD =', 'settings.py', 'PASSWORD = "' + 'x'.repeat(MB)],
  ['many unterminated quotes', 'settings.py', 'PASSWORD = "' + 'x"'.repeat(200_000)],
  ['alternating quote kinds', 'settings.py', `SECRET_KEY = ${'"\'`'.repeat(200_000)}`],
  ['many :// occurrences', 'a.txt', 'postgres://a:b'.repeat(60_000)],
  ['://:// with no host', 'a.txt', 'x://'.repeat(250_000)],
  ['scheme-like runs before ://', 'a.txt', ('a'.repeat(30) + '://u:').repeat(30_000)],
  ['user:password with no @', 'a.txt', 'redis://u:' + 'p'.repeat(MB)],
  ['many = signs', '.env', 'PASSWORD=' + '='.repeat(MB)],
  ['a=a=a=…', '.env', 'a='.repeat(500_000)],
  ['token=…&token=… query string', 'a.txt', 'https://x.example.com/?' + 'access_token=abcdefghijkl&'.repeat(40_000)],
  ['KEY=value pairs on one shell line', 'deploy.sh', 'DJANGO_SECRET_KEY=k2!x9@q7#m4$z8^w1&e6*r3(t5)y0-u_i=o+pa '.repeat(20_000)],
  ['--password flags', 'deploy.sh', '--password '.repeat(100_000)],
  ['a key with 100,000 spaces before =', '.env', 'SECRET' + ' '.repeat(100_000) + '= value'],
  ['quoted list of 200,000 elements', 'settings.py', 'SECRET_KEY_FALLBACKS = [' + '"a", '.repeat(200_000) + ']'],
  ['quoted strings separated by commas, no list', 'settings.py', 'x = f(' + '"SECRET_KEY", '.repeat(100_000) + ')'],
  ['default= repeated', 'settings.py', 'SECRET_KEY = env(' + 'default="abcdefghijklmnop", '.repeat(50_000) + ')'],
  ['subscripts and annotations', 'settings.py', 'x["SECRET_KEY"]: str = '.repeat(50_000)],
  ['ghp_ prefixes without a token', 'a.txt', 'ghp_x '.repeat(150_000)],
  ['AKIA then lower case', 'a.txt', 'AKIAaaaaaaaaaaaaaaaaaaaaa'.repeat(40_000)],
  ['xoxb- repeated', 'a.txt', 'xoxb-'.repeat(150_000)],
  ['sk_live_ then 300 characters, repeated', 'a.txt', ('sk_live_' + 'a'.repeat(300) + ' ').repeat(3_000)],
  ['private key headers with no body', 'a.pem', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(30_000)],
  ['private key header followed by escaped newlines', 'a.json', '"-----BEGIN PRIVATE KEY-----' + '\\n'.repeat(300_000) + '"'],
  ['Authorization: Bearer repeated', 'a.http', 'Authorization: Bearer '.repeat(50_000)],
  ['100,000 short secret lines', '.env', 'DB_PASSWORD=Xk9vQ2mW7pLs4Rt8\n'.repeat(100_000)],
  ['100,000 lines opening multi-line constructs', 'settings.py', 'SECRET_KEY = env(\n'.repeat(100_000)],
  ['k8s name:/value: lines', 'k8s.yaml', '- name: DJANGO_SECRET_KEY\n  value: x\n'.repeat(50_000)],
  ['deep YAML indentation', 'a.yaml', Array.from({ length: 20_000 }, (_, i) => `${' '.repeat(i % 2000)}encryptedData:`).join('\n')],
  ['CRLF lines', '.env', 'SECRET_KEY=abc\r\n'.repeat(100_000)],
  ['a notebook line of escaped quotes', 'a.ipynb', '"' + '\\"SECRET_KEY\\" = \\"'.repeat(50_000) + '"']
]

describe('linear time on adversarial input', () => {
  it.each(ADVERSARIAL)('%s', (_name, path, text) => {
    const hits = detectSecrets(path, text)
    expect(Array.isArray(hits)).toBe(true)
  }, TIMEOUT)

  it('a 200 KB line of each adversarial kind also passes through every piece on its own', () => {
    let done = 0
    for (const [, , text] of ADVERSARIAL) {
      const line = text.slice(0, 200 * KB).split('\n')[0]
      formatMatches(line)
      pairsOfLine(line, false, (k) => namedKind(k) !== undefined)
      pairsOfLine(line, true, (k) => namedKind(k) !== undefined)
      isPlaceholder(line)
      isDummy(line)
      isProse(line)
      looksLikeCredential('password', line)
      done++
    }
    expect(done).toBe(ADVERSARIAL.length)
  }, 3 * TIMEOUT)

  it('still finds a secret at the end of a 1 MB minified line', () => {
    const key = 'ghp_' + 'Zq7Xb2Lm9Rt4Wv8Ns1Kd6Pf3Hj5Cg0Ay8Ue2'
    const hits = detectSecrets('static/app.min.js', `${minified(MB)};var t="${key}"`)
    expect(hits.map((h) => h.value)).toContain(key)
  }, TIMEOUT)
})
