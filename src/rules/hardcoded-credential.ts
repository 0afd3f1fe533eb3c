import { mask } from './helpers.js'
import { LineIndex } from '../lines.js'
import { detectSecrets } from '../secrets/detect.js'
import { localServiceReason, namesLocalDatabase } from '../secrets/local-service.js'
import type { FileRule, RuleFinding } from './types.js'

/**
 * Kinds that grant access to a provider wherever they are committed: a test folder does not make
 * them harmless. A private key is not among them: in test or development files it is a fixture
 * (a self-signed localhost certificate's key, a test key pair).
 */
const ACCESS_ANYWHERE = new Set(['aws-access-key-id', 'github-token', 'stripe-key', 'slack-token', 'slack-webhook', 'sendgrid-key', 'google-api-key', 'openai-api-key', 'anthropic-api-key'])
const worksAnywhere = (kind: string): boolean => ACCESS_ANYWHERE.has(kind)

/** A JSON Schema document (its `$schema` names json-schema.org): what it holds are descriptions and examples. */
const isJsonSchema = (text: string): boolean => {
  const head = text.slice(0, 500)
  return head.includes('$schema') && head.includes('json-schema.org')
}

export const hardcodedCredential: FileRule = {
  meta: {
    id: 'hardcoded-credential',
    severity: 'high',
    title: 'A credential is committed in a file',
    django: [],
    docs: {
      what: 'Finds credentials written into any text file: Python, `.env*`, YAML (compose, Kubernetes, CI workflows, render.yaml), JSON, INI/TOML, Dockerfile, Procfile, shell. It reads key and value in each syntax and reports values of names such as `*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*API_KEY*`, `SIGNING_KEY`, Django `SECRET_KEY` values in any format (punctuation included), provider formats that identify themselves (AWS, GitHub, Stripe, Slack, SendGrid, Google, private keys, JWTs) and URLs with `user:password@`. Placeholders (`changeme`, `your-secret-key-here`, `<...>`, `${VAR}`, `${{ secrets.X }}`) and environment lookups are not secrets. Values are always masked.',
      why: 'A credential in git is readable by everyone with access to the repository, its forks, clones and CI logs, for as long as the history exists. Deleting it in a later commit does not help: it must be rotated.',
      bad: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "Sup3r-s3cret!"}}',
      fix: 'DATABASES = {"default": env.db("DATABASE_URL")}  # the password lives in the deployment\'s secret store'
    }
  },
  checkFile(ctx) {
    const { path, lines, fileClass } = ctx
    // ctx.text may be read from disk on demand: only when the source has not scanned the file already,
    // or when the file holds a credential (a tree's every other file is not read twice)
    const hits = ctx.secrets ?? detectSecrets(path, ctx.text, lines)
    if (!hits.length) return []
    const text = ctx.text
    const schema = isJsonSchema(text)
    const nonProduction = fileClass.kind === 'production' ? (schema ? 'it is in a JSON Schema, whose descriptions and examples document values' : undefined) : fileClass.why
    let localDatabase: boolean | undefined
    const namesLocal = (): boolean => (localDatabase ??= namesLocalDatabase(text))
    let lines_: LineIndex | undefined
    const lineOf = (n: number): string => (lines_ ??= new LineIndex(text)).line(n) ?? ''
    return hits.map((hit): RuleFinding => {
      const shown = hit.kind === 'private-key' ? 'a private key block' : `${hit.label} (${mask(hit.value)})`
      // a provider's live key grants access wherever it is committed
      const localService = localServiceReason(hit, lineOf(hit.line), namesLocal, lineOf)
      const lowered = (nonProduction && !worksAnywhere(hit.kind) ? nonProduction : undefined) ?? localService
      // set aside in a scan of a production file: a local database's password, a schema's example (not a provider's live key)
      const inSchema = schema && fileClass.kind === 'production'
      const aside = inSchema ? (worksAnywhere(hit.kind) ? undefined : 'example value in a JSON Schema') : localService && !nonProduction ? 'password for a database the project runs itself' : undefined
      const lower = lowered ? ` It is reported at low severity because ${lowered}.` : hit.testKey ? ' It is a test-mode key, so it is reported at low severity.' : ''
      return {
        subject: `${hit.kind}:${hit.key ?? ''}:${hit.value.length}:${hit.value.slice(0, 2)}${hit.value.slice(-2)}`,
        // a value on a line after its name (black-formatted env reads, k8s name/value) is located from the name's line
        loc: { path, line: hit.keyLine ?? hit.line, endLine: hit.line },
        message: `${path} contains ${shown}: anyone with access to the repository can use it, and removing it later does not take it out of git history.${lower}`,
        severity: lowered || hit.testKey ? 'low' : undefined,
        fix: { description: `Rotate the credential, then load it from the environment or a secret store${hit.key ? ` (e.g. os.environ["${hit.key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}"])` : ''}.` },
        secrets: hit.kind === 'private-key' ? [] : [hit.value],
        ...(aside ? { aside } : {})
      }
    })
  }
}
