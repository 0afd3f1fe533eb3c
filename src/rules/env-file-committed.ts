import type { FileRule } from './types.js'

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '.tpl', '.defaults', '.default']

/** Why a path is a secrets file, or undefined. `text` may be a function: the text is needed for key files only. */
export function secretsFileReason(path: string, text: string | (() => string)): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  if (TEMPLATE_SUFFIXES.some((s) => name.endsWith(s)) || name.includes('example') || name.includes('sample') || name.includes('template')) return undefined
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'an environment file'
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

export const envFileCommitted: FileRule = {
  meta: {
    id: 'env-file-committed',
    severity: 'high',
    title: 'A secrets file is added to the repository',
    django: [],
    docs: {
      what: 'Finds files that hold secrets by their nature added to the repository: `.env`, `.env.production`, `local_settings.py`, `secrets.json`, private keys (`*.pem` with a private key, `id_rsa`, key stores). Templates such as `.env.example` or `.env.sample` are fine.',
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
    return [
      {
        subject: 'file',
        loc: { path, line: 1, endLine: 1 },
        message: `${path} is ${reason} and is committed: its values are readable by everyone with access to the repository and stay in its history.${fileClass.kind === 'production' ? '' : ` It is reported at low severity because ${fileClass.why}.`}`,
        severity: fileClass.kind === 'production' ? undefined : 'low',
        fix: { description: `Remove it from git (\`git rm --cached ${path}\`), add it to .gitignore, commit a template without values instead, and rotate what it held.` }
      }
    ]
  }
}
