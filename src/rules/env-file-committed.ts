import { detectSecrets } from '../secrets/detect.js'
import { localServiceReason, namesLocalDatabase } from '../secrets/local-service.js'
import type { FileContext, FileRule } from './types.js'

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '.tpl', '.defaults', '.default']

/** Why a path is a secrets file, or undefined. `text` may be a function: the text is needed for key files only. */
export function secretsFileReason(path: string, text: string | (() => string)): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  if (TEMPLATE_SUFFIXES.some((s) => name.endsWith(s)) || name.includes('example') || name.includes('sample') || name.includes('template')) return undefined
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return ENVIRONMENT_FILE
  if (name === 'local_settings.py') return 'a local settings module, meant to stay on one machine'
  if (name === 'secrets.json' || name === 'secrets.yaml' || name === 'secrets.yml' || name === 'credentials.json' || name === 'service-account.json') return 'a secrets file'
  if (['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'].includes(name)) return 'an SSH private key'
  if (/\.(pem|key|p12|pfx|jks|keystore)$/.test(name)) {
    // A certificate alone is public; a file holding a private key is not.
    if (name.endsWith('.pem') || name.endsWith('.key')) return (typeof text === 'string' ? text : text()).includes('PRIVATE KEY') ? 'a private key file' : undefined
    return 'a key store'
  }
  return undefined
}

const ENVIRONMENT_FILE = 'an environment file'

/** The variable a `.env` line sets (`export KEY=…`, `KEY=…`). */
function variableOf(line: string | undefined): string | undefined {
  const t = (line ?? '').trim().replace(/^export\s{1,8}/, '')
  const eq = t.indexOf('=')
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(t.slice(0, eq).trim()) ? t.slice(0, eq).trim() : undefined
}

/**
 * The variables of an environment file that hold a credential, and the first line of one. Empty
 * values, placeholders, ports, host names and flags (`COMPOSE_PROJECT_NAME`, `BROWSER=none`) are no
 * reason to keep a file out of git; a password, a key or a URL with a password is.
 */
function heldCredentials(ctx: FileContext): { names: string[]; values: string[]; line: number; localOnly: boolean } | undefined {
  const hits = ctx.secrets ?? detectSecrets(ctx.path, ctx.text)
  if (!hits.length) return undefined
  const lines = ctx.text.split('\n')
  const names = new Set<string>()
  for (const h of hits) names.add(variableOf(lines[h.line - 1]) ?? h.key ?? `line ${h.line}`)
  let local: boolean | undefined
  const localOnly = hits.every((h) => localServiceReason(h, lines[h.line - 1] ?? '', () => (local ??= namesLocalDatabase(ctx.text))) !== undefined)
  return { names: [...names], values: [...new Set(hits.map((h) => h.value))], line: Math.min(...hits.map((h) => h.line)), localOnly }
}

export const envFileCommitted: FileRule = {
  meta: {
    id: 'env-file-committed',
    severity: 'high',
    title: 'A secrets file is added to the repository',
    django: [],
    docs: {
      what: 'Finds files that hold secrets by their nature added to the repository: `.env`, `.env.production`, `local_settings.py`, `secrets.json`, private keys (`*.pem` with a private key, `id_rsa`, key stores). An environment file is judged by what it holds: one with only empty values, placeholders, ports, host names or build flags (`COMPOSE_PROJECT_NAME`, `BROWSER=none`) is fine, and the finding names the variables that hold credentials. Templates such as `.env.example` or `.env.sample` are fine.',
      why: 'These files exist to keep credentials out of the code; committed, every value in them is exposed to anyone with access to the repository and stays in its history.',
      bad: 'git add .env.production',
      fix: '# .gitignore\n.env\n.env.*\n!.env.example'
    }
  },
  checkFile(ctx) {
    const { path, added, fileClass } = ctx
    if (!added) return []
    // ctx.text may be read from disk on demand: only for the files that need it
    const reason = secretsFileReason(path, () => ctx.text)
    if (!reason) return []
    const held = reason === ENVIRONMENT_FILE ? heldCredentials(ctx) : undefined
    if (reason === ENVIRONMENT_FILE && !held) return []
    const line = held?.line ?? 1
    const what = held ? `, with values for ${held.names.join(', ')}` : ''
    // only passwords of databases the project runs next to itself: a weak practice, not a leak
    const lowBecause = fileClass.kind !== 'production' ? fileClass.why : held?.localOnly ? 'it only holds passwords of databases the project runs itself' : undefined
    return [
      {
        subject: 'file',
        loc: { path, line, endLine: line },
        message: `${path} is ${reason} and is committed${what}: its values are readable by everyone with access to the repository and stay in its history.${lowBecause ? ` It is reported at low severity because ${lowBecause}.` : ''}`,
        severity: lowBecause ? 'low' : undefined,
        // masked everywhere; in a diff, a file whose every value the base already held adds no secret
        ...(held ? { secrets: held.values } : {}),
        ...(lowBecause && fileClass.kind === 'production' ? { aside: 'environment file with only passwords of databases the project runs itself' } : {}),
        fix: { description: `Remove it from git (\`git rm --cached ${path}\`), add it to .gitignore, commit a template without values instead, and rotate what it held.` }
      }
    ]
  }
}
