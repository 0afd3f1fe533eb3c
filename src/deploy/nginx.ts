// nginx configurations the repository ships for its site: the response headers a server that passes
// requests on to the application adds itself (`add_header X-Frame-Options DENY;`), which protect the
// site whatever Django sends. Read line by line, without regular expressions that can backtrack.
import { classifyFile } from '../files/classify.js'

/** A header an nginx configuration adds, and where. */
export interface ProxyHeader {
  name: string
  value: string
  path: string
  line: number
}

const CONFIG_SUFFIXES = ['.conf', '.conf.template', '.conf.tmpl', '.conf.erb', '.conf.j2']
const PASSES_ON = ['proxy_pass', 'uwsgi_pass', 'fastcgi_pass', 'scgi_pass', 'grpc_pass']

/** An nginx configuration of the site (`nginx.conf`, `nginx/sites-enabled/app.conf`), not a development or test one. */
export function isNginxConfig(path: string): boolean {
  const lower = path.toLowerCase()
  const name = lower.slice(lower.lastIndexOf('/') + 1)
  const named = lower.includes('nginx') || lower.includes('/sites-enabled/') || lower.includes('/sites-available/')
  const config = CONFIG_SUFFIXES.some((s) => name.endsWith(s)) || lower.includes('/sites-enabled/') || lower.includes('/sites-available/')
  return named && config && classifyFile(path).kind === 'production'
}

/** The directives of one line, each as its words, quotes removed (`location / { proxy_pass http://app; }`). */
function directives(line: string): string[][] {
  return line
    .split('#')[0]
    .split(/[{};]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => part.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '')))
}

/** The headers a configuration adds, when it passes requests on to an application server. */
export function proxyHeaders(path: string, text: string): ProxyHeader[] {
  const lines = text.split('\n').map(directives)
  if (!lines.some((l) => l.some((w) => PASSES_ON.includes(w[0])))) return []
  return lines.flatMap((l, i) => l.flatMap((w) => (w[0] === 'add_header' && w.length >= 3 ? [{ name: w[1].toLowerCase(), value: w[2], path, line: i + 1 }] : [])))
}
