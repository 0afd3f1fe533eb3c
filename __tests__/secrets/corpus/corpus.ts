// The labelled secrets corpus: realistic lines and small files of every syntax the detector reads,
// each with the secret values a careful human reviewer would report (or none). Values come from the
// seeded generators in ./generate.ts, so the corpus is the same on every run.
//
// Labelling rules (decided before running the detector, and kept when it disagreed):
// - A secret is a literal that works, or would plausibly work, as a credential somewhere: generated
//   keys, passwords, tokens, provider keys, private keys, JWTs, passwords inside URLs. Secrets in test
//   code and development settings are still secrets (the rule reports them at a lower severity).
// - A non-secret is something that cannot be used as a credential: placeholders and dummy values
//   (`changeme`, `testpass123`), references to another source (`${VAR}`, `os.environ[...]`), empty
//   values, well-known documentation examples, hashes and ids, public keys and certificates, setting
//   names that merely contain a secret word, translations, encrypted values.
// - The expected value is the text as committed (for `$$`-escaped compose values, the escaped text);
//   for a private key block it is the `-----BEGIN … PRIVATE KEY-----` line, which is how the detector
//   reports a block (the body is never echoed).
import {
  ALNUM,
  B64,
  B64URL,
  DIGITS,
  Gen,
  HEX,
  UPPER,
  awsKeyId,
  awsSecret,
  composeEscape,
  djangoKey,
  githubPat,
  githubToken,
  googleApiKey,
  iniEscape,
  jwt,
  password,
  pemHeader,
  privateKeyBlock,
  publicBlock,
  sendgridKey,
  slackToken,
  slackWebhook,
  stripeKey,
  urlPassword,
  yamlScalar,
  type DjangoKeyStyle,
  type PasswordStyle
} from './generate.js'

export const CATEGORIES = ['django-secret-key', 'password', 'secret', 'token', 'api-key', 'signing-key', 'aws', 'github', 'stripe', 'slack', 'sendgrid', 'google', 'private-key', 'jwt', 'url-credentials'] as const
export type Category = (typeof CATEGORIES)[number]

/** The category a detector hit of this kind is attributed to (for precision). */
export const KIND_CATEGORY: Record<string, Category> = {
  'django-secret-key': 'django-secret-key',
  password: 'password',
  secret: 'secret',
  token: 'token',
  'api-key': 'api-key',
  'signing-key': 'signing-key',
  'aws-access-key-id': 'aws',
  'aws-secret-access-key': 'aws',
  'github-token': 'github',
  'stripe-key': 'stripe',
  'slack-token': 'slack',
  'slack-webhook': 'slack',
  'sendgrid-key': 'sendgrid',
  'google-api-key': 'google',
  'openai-api-key': 'api-key',
  'anthropic-api-key': 'api-key',
  'private-key': 'private-key',
  jwt: 'jwt',
  'url-credentials': 'url-credentials'
}

export interface Expected {
  value: string
  category: Category
}

export interface Case {
  id: string
  /** Positives: the family of the (first) secret. Non-secrets: the family they resemble, or 'none'. */
  category: Category | 'none'
  /** Positives: the syntax or context. Non-secrets: what kind of non-secret it is. */
  group: string
  path: string
  text: string
  /** The secrets a reviewer would report; empty for a non-secret. */
  secrets: Expected[]
  /**
   * 'A': written first; the detector was improved while measuring against it. 'B': written after that
   * work (./holdout.ts), measured, then used for a second round of fixes. 'C': written after the second
   * round (./holdout-c.ts) and never used to change the detector: its figures estimate how the rules
   * generalise.
   */
  batch: 'A' | 'B' | 'C'
}

export const isPositive = (c: Case): boolean => c.secrets.length > 0

export class Corpus {
  readonly cases: Case[] = []
  constructor(private readonly batch: 'A' | 'B' | 'C' = 'A') {}
  private readonly ids = new Map<string, number>()

  private add(category: Category | 'none', group: string, path: string, text: string, secrets: Expected[]): void {
    const base = `${this.batch === 'A' ? '' : `${this.batch}/`}${secrets.length ? 'secret' : 'clean'}/${category}/${group}`
    const n = (this.ids.get(base) ?? 0) + 1
    this.ids.set(base, n)
    for (const s of secrets) if (!text.includes(s.value)) throw new Error(`corpus bug: ${base}#${n} does not contain its secret ${s.value}`)
    this.cases.push({ id: `${base}#${n}`, category, group, path, text, secrets, batch: this.batch })
  }

  /** A case with secrets; bare strings are secrets of `category`. */
  secret(category: Category, group: string, path: string, text: string, ...values: (string | Expected)[]): void {
    this.add(category, group, path, text, values.map((v) => (typeof v === 'string' ? { value: v, category } : v)))
  }

  clean(category: Category | 'none', group: string, path: string, text: string): void {
    this.add(category, group, path, text, [])
  }
}

export function buildCorpus(seed = 20260501): Case[] {
  const g = new Gen(seed)
  const c = new Corpus()
  djangoKeys(g, c)
  passwords(g, c)
  namedSecrets(g, c)
  providers(g, c)
  urls(g, c)
  nonSecrets(g, c)
  return c.cases
}

// ---------------------------------------------------------------------------------------------------
// Django SECRET_KEY in every format it is written in

function djangoKeys(g: Gen, c: Corpus): void {
  const PUNCT: DjangoKeyStyle[] = ['startproject', 'insecure']
  const SAFE: DjangoKeyStyle[] = ['urlsafe', 'hex', 'ascii64'] // what people use where the shell would choke on `(&*$`
  type T = { group: string; styles: DjangoKeyStyle[]; make: (k: string) => [path: string, text: string, value?: string] }
  const templates: T[] = [
    { group: 'py-assign', styles: PUNCT, make: (k) => ['mysite/settings.py', `# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '${k}'\n\n# SECURITY WARNING: don't run with debug turned on in production!\nDEBUG = True\n`] },
    { group: 'py-assign', styles: ['startproject', 'urlsafe', 'base64'], make: (k) => ['config/settings/base.py', `SECRET_KEY = "${k}"\n`] },
    { group: 'py-assign', styles: ['startproject'], make: (k) => ['shop/settings/production.py', `from .base import *  # noqa\n\nSECRET_KEY = "${k}"  # noqa: S105\nALLOWED_HOSTS = ["shop.example.com"]\n`] },
    { group: 'py-assign', styles: ['insecure'], make: (k) => ['local_settings.py', `DJANGO_SECRET_KEY = "${k}"\n`] },
    { group: 'py-env-default', styles: ['startproject', 'insecure', 'urlsafe'], make: (k) => ['config/settings.py', `SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${k}")\n`] },
    { group: 'py-env-default', styles: ['startproject', 'hex'], make: (k) => ['project/settings.py', `SECRET_KEY = os.getenv('SECRET_KEY', '${k}')\n`] },
    { group: 'py-env-default', styles: ['startproject', 'insecure', 'ascii64'], make: (k) => ['config/settings/base.py', `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${k}")\n`] },
    { group: 'py-env-default', styles: ['startproject'], make: (k) => ['config/settings/common.py', `SECRET_KEY = env.str("DJANGO_SECRET_KEY", default='${k}')\n`] },
    { group: 'py-env-default', styles: ['startproject', 'insecure', 'base64'], make: (k) => ['app/settings.py', `from decouple import config\n\nSECRET_KEY = config("SECRET_KEY", default="${k}")\n`] },
    { group: 'py-env-default', styles: ['startproject'], make: (k) => ['app/settings.py', `SECRET_KEY = config('SECRET_KEY', default='${k}', cast=str)\n`] },
    { group: 'py-env-default', styles: PUNCT, make: (k) => ['config/settings.py', `env = environ.Env(DEBUG=(bool, False), SECRET_KEY=(str, "${k}"))\n`] },
    { group: 'py-env-default', styles: ['startproject'], make: (k) => ['config/settings.py', `env = environ.Env(\n    DEBUG=(bool, False),\n    SECRET_KEY=(str, '${k}'),\n)\n`] },
    { group: 'py-env-default-multiline', styles: ['ascii64', 'ascii64', 'startproject'], make: (k) => ['config/settings/local.py', `# https://docs.djangoproject.com/en/dev/ref/settings/#secret-key\nSECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="${k}",\n)\n`] },
    { group: 'py-env-default-multiline', styles: ['startproject', 'insecure'], make: (k) => ['mysite/settings.py', `SECRET_KEY = os.environ.get(\n    "DJANGO_SECRET_KEY",\n    "${k}",\n)\n`] },
    { group: 'py-fallbacks', styles: PUNCT, make: (k) => ['mysite/settings.py', `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nSECRET_KEY_FALLBACKS = ["${k}"]\n`] },
    { group: 'py-setdefault', styles: ['startproject', 'urlsafe'], make: (k) => ['manage.py', `def main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    os.environ.setdefault("DJANGO_SECRET_KEY", "${k}")\n`] },
    { group: 'py-subscript', styles: ['startproject'], make: (k) => ['mysite/wsgi.py', `os.environ["DJANGO_SECRET_KEY"] = "${k}"\napplication = get_wsgi_application()\n`] },
    { group: 'py-test', styles: ['startproject'], make: (k) => ['tests/test_signing.py', `@override_settings(SECRET_KEY="${k}")\nclass SigningTests(TestCase):\n`] },
    { group: 'py-test', styles: ['insecure'], make: (k) => ['conftest.py', `def pytest_configure(config):\n    settings.SECRET_KEY = "${k}"\n`] },
    { group: 'py-annotated', styles: ['hex', 'startproject'], make: (k) => ['app/config.py', `class Settings(BaseSettings):\n    debug: bool = False\n    secret_key: str = "${k}"\n`] },
    { group: 'dotenv', styles: ['startproject', 'insecure', 'base64', 'hex'], make: (k) => ['.env', `DEBUG=False\nSECRET_KEY=${k}\nALLOWED_HOSTS=shop.example.com\n`] },
    { group: 'dotenv', styles: ['startproject', 'urlsafe'], make: (k) => ['.env.production', `DJANGO_SECRET_KEY="${k}"\n`] },
    { group: 'dotenv', styles: ['ascii64'], make: (k) => ['.envs/.production/.django', `# General\n# ------------------------------------------------------------------------------\nDJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECRET_KEY=${k}\nDJANGO_ADMIN_URL=8Xq2nT0kzV5/\n`] },
    { group: 'dotenv', styles: ['startproject'], make: (k) => ['.env.local', `export DJANGO_SECRET_KEY='${k}'\n`] },
    { group: 'compose', styles: ['startproject', 'hex'], make: (k) => ['docker-compose.yml', `services:\n  web:\n    build: .\n    environment:\n      DJANGO_SECRET_KEY: "${composeEscape(k)}"\n`, composeEscape(k)] },
    { group: 'compose', styles: ['startproject', 'urlsafe'], make: (k) => ['docker-compose.prod.yml', `    environment:\n      - DJANGO_DEBUG=0\n      - DJANGO_SECRET_KEY=${composeEscape(k)}\n`, composeEscape(k)] },
    { group: 'k8s-secret', styles: ['startproject', 'ascii64'], make: (k) => ['k8s/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: django\ntype: Opaque\nstringData:\n  SECRET_KEY: "${k}"\n`] },
    { group: 'k8s-secret-data', styles: ['startproject'], make: (k) => { const b = Buffer.from(k).toString('base64'); return ['deploy/secret.yaml', `kind: Secret\ndata:\n  DJANGO_SECRET_KEY: ${b}\n`, b] } },
    { group: 'k8s-env', styles: ['startproject', 'hex'], make: (k) => ['k8s/deployment.yaml', `      containers:\n        - name: web\n          image: registry.example.com/shop:1.4.2\n          env:\n            - name: DJANGO_SECRET_KEY\n              value: "${k}"\n`] },
    { group: 'workflow', styles: ['startproject', 'hex'], make: (k) => ['.github/workflows/ci.yml', `env:\n  DJANGO_SETTINGS_MODULE: config.settings.test\n  DJANGO_SECRET_KEY: ${yamlScalar(k)}\n`, k] },
    { group: 'render', styles: ['urlsafe', 'startproject'], make: (k) => ['render.yaml', `    envVars:\n      - key: SECRET_KEY\n        value: ${yamlScalar(k)}\n      - key: WEB_CONCURRENCY\n        value: 4\n`, k] },
    { group: 'yaml', styles: ['startproject'], make: (k) => ['ansible/group_vars/production.yml', `django_secret_key: "${k}"\n`] },
    { group: 'yaml', styles: ['hex'], make: (k) => ['charts/shop/values.yaml', `django:\n  debug: false\n  secretKey: "${k}"\n`] },
    { group: 'yaml', styles: ['startproject'], make: (k) => ['app.yaml', `runtime: python312\nenv_variables:\n  SECRET_KEY: '${k}'\n`] },
    { group: 'yaml', styles: ['urlsafe'], make: (k) => ['.gitlab-ci.yml', `variables:\n  DJANGO_SECRET_KEY: "${k}"\n`] },
    { group: 'json', styles: ['startproject', 'insecure'], make: (k) => ['secrets.json', `{\n  "SECRET_KEY": "${k}",\n  "DEBUG": false\n}\n`] },
    { group: 'json', styles: ['startproject'], make: (k) => ['.vscode/launch.json', `      "env": {"DJANGO_SETTINGS_MODULE": "mysite.settings", "DJANGO_SECRET_KEY": "${k}"},\n`] },
    { group: 'json', styles: ['urlsafe'], make: (k) => ['app.json', `  "env": {\n    "SECRET_KEY": {\n      "description": "Django secret key",\n      "value": "${k}"\n    },\n`] },
    { group: 'json', styles: ['startproject'], make: (k) => ['zappa_settings.json', `        "environment_variables": {"SECRET_KEY": "${k}"},\n`] },
    { group: 'dockerfile', styles: ['startproject', 'hex'], make: (k) => ['Dockerfile', `FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 \\\n    DJANGO_SECRET_KEY="${k}"\n`] },
    { group: 'dockerfile', styles: ['startproject'], make: (k) => ['Dockerfile', `ENV SECRET_KEY=${k}\n`] },
    { group: 'dockerfile', styles: ['urlsafe'], make: (k) => ['docker/Dockerfile', `ENV DJANGO_SECRET_KEY ${k}\n`] },
    { group: 'dockerfile', styles: ['hex'], make: (k) => ['Dockerfile', `RUN DJANGO_SECRET_KEY=${k} python manage.py collectstatic --noinput\n`] },
    { group: 'shell', styles: SAFE, make: (k) => ['Procfile', `release: DJANGO_SECRET_KEY=${k} python manage.py migrate\nweb: gunicorn config.wsgi\n`] },
    { group: 'shell', styles: ['startproject'], make: (k) => ['scripts/deploy.sh', `heroku config:set SECRET_KEY='${k}' --app shop-prod\n`] },
    { group: 'shell', styles: ['hex'], make: (k) => ['scripts/run.sh', `docker run -e DJANGO_SECRET_KEY=${k} -p 8000:8000 shop:latest\n`] },
    { group: 'shell', styles: ['startproject'], make: (k) => ['.envrc', `export DJANGO_SECRET_KEY="${k}"\n`] },
    { group: 'shell', styles: ['urlsafe'], make: (k) => ['Makefile', `test:\n\tDJANGO_SECRET_KEY=${k} pytest -q\n`] },
    { group: 'ini', styles: ['startproject'], make: (k) => ['settings.ini', `[settings]\nDEBUG=False\nSECRET_KEY=${iniEscape(k)}\n`, iniEscape(k)] },
    { group: 'ini', styles: ['hex'], make: (k) => ['tox.ini', `[testenv]\nsetenv =\n    DJANGO_SECRET_KEY = ${k}\n`] },
    { group: 'ini', styles: ['urlsafe'], make: (k) => ['pytest.ini', `[pytest]\nenv =\n    DJANGO_SECRET_KEY=${k}\n`] },
    { group: 'toml', styles: ['startproject'], make: (k) => ['config.toml', `[django]\nsecret_key = "${k}"\n`] },
    { group: 'terraform', styles: ['startproject'], make: (k) => ['infra/app.tf', `  environment_variables = {\n    SECRET_KEY = "${k}"\n  }\n`] }
  ]
  for (const t of templates) {
    for (const style of t.styles) {
      const key = djangoKey(g, style)
      const [path, text, value] = t.make(key)
      c.secret('django-secret-key', t.group, path, text, value ?? key)
    }
  }
  // A key rotated out and kept in the fallbacks, one per line (black style).
  const k1 = djangoKey(g, 'startproject')
  const k2 = djangoKey(g, 'insecure')
  c.secret('django-secret-key', 'py-fallbacks', 'config/settings/production.py', `SECRET_KEY = env("DJANGO_SECRET_KEY")\nSECRET_KEY_FALLBACKS = [\n    "${k1}",\n    "${k2}",\n]\n`, k1, k2)
}

// ---------------------------------------------------------------------------------------------------
// Passwords

function passwords(g: Gen, c: Corpus): void {
  const pw = (style?: PasswordStyle): string => password(g, style ?? g.pick<PasswordStyle>(['manager', 'alnum', 'human', 'passphrase']))
  let p = pw('manager')
  c.secret('password', 'py-databases', 'config/settings/production.py', `DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "shop",\n        "USER": "shop",\n        "PASSWORD": "${p}",\n        "HOST": "db.internal",\n        "PORT": "5432",\n    }\n}\n`, p)
  p = pw('human')
  c.secret('password', 'py-databases', 'mysite/settings.py', `        'PASSWORD': '${p}',\n`, p)
  p = pw('alnum')
  c.secret('password', 'py-databases', 'mysite/settings.py', `        'PASSWORD': os.environ.get('DB_PASSWORD', '${p}'),\n`, p)
  p = pw('manager')
  c.secret('password', 'py-databases', 'config/settings.py', `DATABASES["default"]["PASSWORD"] = "${p}"\n`, p)
  p = pw('passphrase')
  c.secret('password', 'py-databases', 'app/settings.py', `DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'app', 'USER': 'app', 'PASSWORD': '${p}', 'HOST': 'mysql'}}\n`, p)
  p = pw('manager')
  c.secret('password', 'py-email', 'config/settings/production.py', `EMAIL_HOST = "smtp.mailgun.org"\nEMAIL_HOST_USER = "postmaster@mg.shop.example.com"\nEMAIL_HOST_PASSWORD = "${p}"\n`, p)
  p = pw('human')
  c.secret('password', 'py-email', 'mysite/settings.py', `EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="${p}")\n`, p)
  p = pw('alnum')
  c.secret('password', 'py-call', 'shop/management/commands/bootstrap.py', `        User.objects.create_superuser(username="admin", email="ops@shop.example.com", password="${p}")\n`, p)
  p = pw('manager')
  c.secret('password', 'py-call', 'scripts/etl.py', `conn = psycopg2.connect(host="warehouse.internal", user="etl", password="${p}", dbname="analytics")\n`, p)
  p = pw('alnum')
  c.secret('password', 'py-call', 'shop/cache.py', `r = redis.Redis(host="cache.internal", port=6379, password="${p}")\n`, p)
  p = pw('human')
  c.secret('password', 'py-call', 'shop/migrations/0007_create_admin.py', `    User.objects.create_superuser("admin", "ops@shop.example.com", "${p}")\n`, p)
  p = pw('manager')
  c.secret('password', 'dotenv', '.env', `DB_NAME=shop\nDB_USER=shop\nDB_PASSWORD=${p}\nDB_HOST=db\n`, p)
  p = pw('alnum')
  c.secret('password', 'dotenv', '.env.production', `POSTGRES_PASSWORD=${p}\n`, p)
  p = g.token(ALNUM, 64)
  c.secret('password', 'dotenv', '.envs/.production/.postgres', `POSTGRES_HOST=postgres\nPOSTGRES_PORT=5432\nPOSTGRES_DB=shop\nPOSTGRES_USER=${g.token(ALNUM, 32)}\nPOSTGRES_PASSWORD=${p}\n`, p)
  p = pw('human')
  c.secret('password', 'dotenv', '.env', `EMAIL_HOST_PASSWORD="${p}"\n`, p)
  p = pw('manager')
  c.secret('password', 'compose', 'docker-compose.yml', `  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: ${yamlScalar(composeEscape(p))}\n`, composeEscape(p))
  p = pw('alnum')
  c.secret('password', 'compose', 'docker-compose.prod.yml', `    environment:\n      - MYSQL_ROOT_PASSWORD=${p}\n`, p)
  p = pw('passphrase')
  c.secret('password', 'compose', 'docker-compose.yml', `      RABBITMQ_DEFAULT_USER: shop\n      RABBITMQ_DEFAULT_PASS: "${p}"\n`, p)
  p = g.token(ALNUM, 32)
  c.secret('password', 'compose', 'docker-compose.yml', `  redis:\n    image: redis:7\n    command: redis-server --requirepass ${p}\n`, p)
  p = pw('manager')
  c.secret('password', 'k8s-secret', 'k8s/postgres-secret.yaml', `stringData:\n  POSTGRES_USER: shop\n  POSTGRES_PASSWORD: "${p}"\n`, p)
  p = pw('alnum')
  c.secret('password', 'yaml', 'ansible/group_vars/db.yml', `db_password: "${p}"\n`, p)
  p = pw('human')
  c.secret('password', 'yaml', 'charts/shop/values.yaml', `postgresql:\n  auth:\n    username: shop\n    password: ${yamlScalar(p)}\n`, p)
  p = pw('manager')
  c.secret('password', 'ini', 'deploy/my.cnf', `[client]\nuser = shop\npassword = ${p}\nhost = mysql.internal\n`, p)
  p = g.token(ALNUM, 40)
  c.secret('password', 'ini', '.pypirc', `[pypi]\nusername = __token__\npassword = pypi-${p}\n`, `pypi-${p}`)
  p = pw('alnum')
  c.secret('password', 'json', 'config/database.json', `{"production": {"user": "shop", "password": "${p}", "host": "db.internal"}}\n`, p)
  p = pw('human')
  c.secret('password', 'toml', 'config/production.toml', `[database]\nuser = "shop"\npassword = "${p}"\n`, p)
  p = pw('manager')
  c.secret('password', 'dockerfile', 'Dockerfile.db', `FROM postgres:16\nENV POSTGRES_PASSWORD=${p}\n`, p)
  p = pw('alnum')
  c.secret('password', 'js', 'frontend/scripts/seed.js', `const dbPassword = "${p}";\n`, p)
  p = pw('alnum')
  c.secret('password', 'shell', 'scripts/backup.sh', `PGPASSWORD=${p} pg_dump -h db.internal -U shop shop > backup.sql\n`, p)
  p = pw('manager')
  c.secret('password', 'shell', 'scripts/restore.sh', `mysql --user=root --password='${p}' shop < dump.sql\n`, p)
  p = pw('alnum')
  const basic = Buffer.from(`deploy:${p}`).toString('base64')
  c.secret('password', 'shell', 'scripts/smoke.sh', `curl -fsS -H "Authorization: Basic ${basic}" https://staging.shop.example.com/health/\n`, basic)
  p = pw('alnum')
  c.secret('password', 'tf', 'infra/rds.tf', `resource "aws_db_instance" "main" {\n  username = "shop"\n  password = "${p}"\n}\n`, p)
}

// ---------------------------------------------------------------------------------------------------
// *_SECRET*, *_TOKEN, *API_KEY*, SIGNING_KEY and relatives

function namedSecrets(g: Gen, c: Corpus): void {
  let v = g.str(HEX, 40)
  c.secret('secret', 'py-assign', 'config/settings/production.py', `SOCIAL_AUTH_GITHUB_KEY = "Iv1.${g.str(HEX, 16)}"\nSOCIAL_AUTH_GITHUB_SECRET = "${v}"\n`, v)
  v = `GOCSPX-${g.token(B64URL, 28)}`
  c.secret('secret', 'py-assign', 'config/settings/base.py', `SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "${v}"\n`, v)
  v = g.token(ALNUM, 48)
  c.secret('secret', 'dotenv', '.env', `OIDC_RP_CLIENT_ID=shop-web\nOIDC_RP_CLIENT_SECRET=${v}\n`, v)
  v = `GOCSPX-${g.token(B64URL, 28)}`
  c.secret('secret', 'json', 'client_secret.json', `{"web":{"client_id":"${g.str(DIGITS, 12)}-${g.str('abcdefghijklmnopqrstuvwxyz0123456789', 32)}.apps.googleusercontent.com","project_id":"shop-prod","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","client_secret":"${v}","redirect_uris":["https://shop.example.com/accounts/google/login/callback/"]}}\n`, v)
  v = `whsec_${g.token(ALNUM, 32)}`
  c.secret('secret', 'dotenv', '.env', `STRIPE_WEBHOOK_SECRET=${v}\n`, v)
  v = `whsec_${g.token(ALNUM, 32)}`
  c.secret('secret', 'py-assign', 'config/settings.py', `DJSTRIPE_WEBHOOK_SECRET = "${v}"\n`, v)
  v = g.str(HEX, 64)
  c.secret('secret', 'yaml', '.github/workflows/deploy.yml', `    env:\n      GITHUB_WEBHOOK_SECRET: ${v}\n`, v)
  v = g.bytes(48).toString('base64url')
  c.secret('secret', 'py-assign', 'shop/auth.py', `JWT_SECRET = "${v}"\n`, v)
  v = g.token(ALNUM, 32)
  c.secret('secret', 'compose', 'docker-compose.yml', `      - SESSION_SECRET=${v}\n`, v)
  v = `${g.token(ALNUM, 3)}8Q~${g.token(B64URL + '.~', 34)}`
  c.secret('secret', 'py-assign', 'config/settings/production.py', `MICROSOFT_AUTH_CLIENT_SECRET = "${v}"\n`, v)
  v = g.str(HEX, 32)
  c.secret('secret', 'py-dict', 'config/settings/base.py', `SOCIALACCOUNT_PROVIDERS = {"facebook": {"APP": {"client_id": "${g.str(DIGITS, 15)}", "secret": "${v}"}}}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('secret', 'py-dict', 'config/settings/base.py', `OAUTH2_PROVIDER = {\n    "CLIENT_SECRET": "${v}",\n}\n`, v)
  v = `sk_live_${g.str(HEX, 40)}`
  c.secret('secret', 'py-assign', 'payments/settings.py', `PAYSTACK_SECRET_KEY = "${v}"\n`, v)
  v = g.token(B64, 40)
  c.secret('secret', 'k8s-secret', 'k8s/secrets.yaml', `stringData:\n  APP_SECRET: "${v}"\n`, v)
  v = g.str(HEX, 64)
  c.secret('secret', 'toml', '.streamlit/secrets.toml', `client_secret = "${v}"\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('secret', 'json', 'config/keycloak.json', `  "credentials": {\n    "secret": "${v}"\n  },\n`, v)
  v = g.bytes(32).toString('base64')
  c.secret('secret', 'ini', 'deploy/app.ini', `[oauth]\nclient_secret = ${v}\n`, v)
  v = g.token(ALNUM, 30)
  c.secret('secret', 'js', 'frontend/src/config.js', `export const clientSecret = "${v}";\n`, v)
  v = g.token(ALNUM, 36)
  c.secret('secret', 'dockerfile', 'Dockerfile', `ARG SENTRY_CLIENT_SECRET=${v}\n`, v)
  v = g.str(HEX, 32)
  c.secret('secret', 'py-kwarg', 'shop/integrations/twitter.py', `api = tweepy.Client(consumer_key="${g.token(ALNUM, 25)}", consumer_secret="${v}")\n`, v)

  // Tokens
  v = `${g.str(DIGITS, 10)}:AA${g.token(B64URL, 33)}`
  c.secret('token', 'dotenv', '.env', `TELEGRAM_BOT_TOKEN=${v}\n`, v)
  v = g.str(HEX, 64)
  c.secret('token', 'dotenv', '.env', `SENTRY_AUTH_TOKEN=${v}\n`, v)
  v = `hf_${g.token(UPPER + UPPER.toLowerCase(), 34)}`
  c.secret('token', 'py-assign', 'ml/client.py', `HF_TOKEN = "${v}"\n`, v)
  v = `npm_${g.token(ALNUM, 36)}`
  c.secret('token', 'npmrc', '.npmrc', `//registry.npmjs.org/:_authToken=${v}\n`, v)
  v = `glpat-${g.token(B64URL, 20)}`
  c.secret('token', 'yaml', '.gitlab-ci.yml', `variables:\n  GITLAB_TOKEN: ${yamlScalar(v)}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('token', 'py-assign', 'shop/api.py', `ACCESS_TOKEN = "${v}"\n`, v)
  v = g.bytes(40).toString('base64url')
  c.secret('token', 'dotenv', '.env', `REFRESH_TOKEN=${v}\n`, v)
  v = g.str(HEX, 32)
  c.secret('token', 'py-assign', 'config/settings/production.py', `TWILIO_ACCOUNT_SID = "AC${g.str(HEX, 32)}"\nTWILIO_AUTH_TOKEN = "${v}"\n`, v)
  v = `sl.${g.token(B64URL, 120)}`
  c.secret('token', 'py-assign', 'config/settings/production.py', `DROPBOX_OAUTH2_TOKEN = "${v}"\n`, v)
  v = g.uuid()
  c.secret('token', 'py-assign', 'config/settings/production.py', `ANYMAIL = {"POSTMARK_SERVER_TOKEN": "${v}"}\n`, v)
  v = g.uuid()
  c.secret('token', 'workflow', '.github/workflows/ci.yml', `      - uses: codecov/codecov-action@v4\n        with:\n          token: ${v}\n`, v)
  v = g.str(HEX, 40)
  c.secret('token', 'py-header', 'scripts/sync_orders.py', `resp = requests.get(url, headers={"Authorization": "Token ${v}"})\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('token', 'shell-header', 'scripts/export.sh', `curl -s -H "Authorization: Bearer ${v}" https://api.shop.example.com/v1/orders > orders.json\n`, v)
  v = g.token(ALNUM, 32)
  c.secret('token', 'url-query', 'shop/feeds.py', `FEED_URL = "https://api.partner.example.net/v2/feed?format=json&access_token=${v}"\n`, v)
  v = g.token(ALNUM, 30)
  c.secret('token', 'yaml', 'config/notifications.yml', `pushover:\n  user_key: ${g.token(ALNUM, 30)}\n  api_token: ${v}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('token', 'js', 'frontend/src/api.js', `const API_TOKEN = '${v}';\n`, v)
  v = `${g.token(B64URL, 24)}.${g.token(B64URL, 6)}.${g.token(B64URL, 38)}`
  c.secret('token', 'py-assign', 'bots/discord_bot.py', `DISCORD_BOT_TOKEN = "${v}"\n`, v)
  v = g.str(HEX, 40)
  c.secret('token', 'ini', 'deploy/scrapyd.ini', `[deploy]\nurl = https://scrapyd.internal/\nauth_token = ${v}\n`, v)

  // API keys
  v = `sk-proj-${g.token(B64URL, 120)}`
  c.secret('api-key', 'dotenv', '.env', `OPENAI_API_KEY=${v}\n`, v)
  v = `sk-ant-api03-${g.token(B64URL, 93)}AA`
  c.secret('api-key', 'dotenv', '.env', `ANTHROPIC_API_KEY="${v}"\n`, v)
  v = `key-${g.str(HEX, 32)}`
  c.secret('api-key', 'py-dict', 'config/settings/production.py', `ANYMAIL = {\n    "MAILGUN_API_KEY": "${v}",\n    "MAILGUN_SENDER_DOMAIN": "mg.shop.example.com",\n}\n`, v)
  v = `${g.str(HEX, 32)}-us21`
  c.secret('api-key', 'py-assign', 'newsletter/settings.py', `MAILCHIMP_API_KEY = "${v}"\n`, v)
  v = g.str(HEX, 32)
  c.secret('api-key', 'py-assign', 'search/settings.py', `ALGOLIA = {"APPLICATION_ID": "${g.str(UPPER + DIGITS, 10)}", "API_KEY": "${v}"}\n`, v)
  v = g.token(ALNUM, 32)
  c.secret('api-key', 'js', 'frontend/src/firebase-admin.js', `  apiKey: "${v}",\n`, v)
  v = g.uuid()
  c.secret('api-key', 'workflow', '.github/workflows/deploy.yml', `        env:\n          HEROKU_API_KEY: ${v}\n`, v)
  v = g.str(HEX, 40)
  c.secret('api-key', 'dotenv', '.env', `NEW_RELIC_LICENSE_KEY=${v}\n`, v)
  v = g.str(HEX, 32)
  c.secret('api-key', 'compose', 'docker-compose.yml', `  datadog:\n    image: gcr.io/datadoghq/agent:7\n    environment:\n      - DD_API_KEY=${v}\n`, v)
  v = `xkeysib-${g.str(HEX, 64)}-${g.token(ALNUM, 16)}`
  c.secret('api-key', 'py-assign', 'config/settings/production.py', `SENDINBLUE_API_KEY = "${v}"\n`, v)
  v = g.str(HEX, 32)
  c.secret('api-key', 'dotenv', '.env', `OPENWEATHER_APIKEY=${v}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('api-key', 'shell-header', 'scripts/import.sh', `curl -X POST -H "X-Api-Key: ${v}" -d @products.json https://pim.example.net/api/import\n`, v)
  v = g.str(HEX, 32)
  c.secret('api-key', 'py-kwarg', 'shop/geo.py', `client = geoip2.webservice.Client(account_id=${g.str(DIGITS, 6)}, license_key="${v}")\n`, v)
  v = g.token(B64URL, 43)
  c.secret('api-key', 'k8s-secret', 'k8s/secret.yaml', `stringData:\n  API_KEY: ${v}\n`, v)
  v = g.token(ALNUM, 32)
  c.secret('api-key', 'url-query', 'shop/exchange.py', `RATES_URL = "https://openexchangerates.org/api/latest.json?app_id=${g.str(HEX, 8)}&api_key=${v}"\n`, v)
  v = g.token(ALNUM, 48)
  c.secret('api-key', 'yaml', 'config/production.yml', `mailjet:\n  apiKey: ${v}\n`, v)
  v = g.str(HEX, 32)
  c.secret('api-key', 'ini', 'setup.cfg', `[tool:pytest]\nenv =\n    D:BROWSERSTACK_ACCESS_KEY=${v}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('api-key', 'json', 'config/services.json', `{"sentry": {"dsn": "https://${g.str(HEX, 32)}@o${g.str(DIGITS, 6)}.ingest.sentry.io/${g.str(DIGITS, 7)}"}, "algolia": {"adminApiKey": "${v}"}}\n`, v)

  // Signing and encryption keys
  v = g.bytes(48).toString('base64url')
  c.secret('signing-key', 'py-dict', 'config/settings/base.py', `SIMPLE_JWT = {\n    "ALGORITHM": "HS256",\n    "SIGNING_KEY": "${v}",\n    "AUTH_HEADER_TYPES": ("Bearer",),\n}\n`, v)
  v = g.str(HEX, 64)
  c.secret('signing-key', 'dotenv', '.env', `JWT_SIGNING_KEY=${v}\n`, v)
  v = g.bytes(32).toString('base64url').replace(/$/, '=')
  c.secret('signing-key', 'py-assign', 'config/settings/production.py', `FIELD_ENCRYPTION_KEY = "${v}"\n`, v)
  const f1 = g.bytes(32).toString('base64url') + '='
  const f2 = g.bytes(32).toString('base64url') + '='
  c.secret('signing-key', 'py-list', 'config/settings/production.py', `FERNET_KEYS = [\n    "${f1}",\n    "${f2}",\n]\n`, f1, f2)
  v = g.token(ALNUM, 32)
  c.secret('signing-key', 'py-assign', 'config/settings/base.py', `HASHIDS_SALT = "${v}"\n`, v)
  v = `6L${g.token(B64URL, 38)}`
  c.secret('signing-key', 'py-assign', 'config/settings/production.py', `RECAPTCHA_PUBLIC_KEY = "6L${g.token(B64URL, 38)}"\nRECAPTCHA_PRIVATE_KEY = "${v}"\n`, v)
  v = g.bytes(32).toString('base64url')
  c.secret('signing-key', 'py-dict', 'config/settings/base.py', `WEBPUSH_SETTINGS = {"VAPID_PUBLIC_KEY": "B${g.token(B64URL, 86)}", "VAPID_PRIVATE_KEY": "${v}", "VAPID_ADMIN_EMAIL": "ops@shop.example.com"}\n`, v)
  v = g.str(HEX, 32)
  c.secret('signing-key', 'dotenv', '.env.production', `MAILGUN_WEBHOOK_SIGNING_KEY=${v}\n`, v)
  v = g.str(HEX, 64)
  c.secret('signing-key', 'yaml', 'k8s/secret.yaml', `stringData:\n  HMAC_KEY: "${v}"\n`, v)
  v = g.bytes(32).toString('base64')
  c.secret('signing-key', 'py-assign', 'shop/crypto.py', `ENCRYPTION_KEY = b"${v}"\n`, v)
  v = g.str(HEX, 64)
  c.secret('signing-key', 'json', 'config/secrets.json', `{"WEBHOOK_SIGNING_KEY": "${v}"}\n`, v)
  v = g.token(ALNUM, 40)
  c.secret('signing-key', 'compose', 'docker-compose.yml', `      DJANGO_ENCRYPTION_KEY: ${v}\n`, v)
}

// ---------------------------------------------------------------------------------------------------
// Self-identifying provider formats

function providers(g: Gen, c: Corpus): void {
  let id = awsKeyId(g)
  let sec = awsSecret(g)
  c.secret('aws', 'dotenv', '.env', `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${sec}\nAWS_STORAGE_BUCKET_NAME=shop-media\n`, id, sec)
  id = awsKeyId(g)
  sec = awsSecret(g)
  c.secret('aws', 'ini', 'deploy/aws/credentials', `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${sec}\nregion = eu-west-1\n`, id, sec)
  id = awsKeyId(g)
  sec = awsSecret(g)
  c.secret('aws', 'py-assign', 'config/settings/production.py', `STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\nAWS_ACCESS_KEY_ID = "${id}"\nAWS_SECRET_ACCESS_KEY = "${sec}"\n`, id, sec)
  id = awsKeyId(g)
  sec = awsSecret(g)
  c.secret('aws', 'py-kwarg', 'shop/storage.py', `s3 = boto3.client("s3", aws_access_key_id="${id}", aws_secret_access_key="${sec}")\n`, id, sec)
  id = awsKeyId(g, 'ASIA')
  sec = awsSecret(g)
  const session = g.bytes(300).toString('base64')
  c.secret('aws', 'json', 'tests/fixtures/sts-credentials.json', `{"Credentials": {"AccessKeyId": "${id}", "SecretAccessKey": "${sec}", "SessionToken": "${session}", "Expiration": "2026-05-01T12:00:00Z"}}\n`, id, sec, session)
  id = awsKeyId(g)
  sec = awsSecret(g)
  c.secret('aws', 'workflow', '.github/workflows/deploy.yml', `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${id}\n          aws-secret-access-key: ${yamlScalar(sec)}\n`, id, sec)
  id = awsKeyId(g)
  c.secret('aws', 'comment', 'scripts/upload.py', `# old key, rotated? ${id}\n`, id)
  id = awsKeyId(g)
  sec = awsSecret(g)
  c.secret('aws', 'tf', 'infra/provider.tf', `provider "aws" {\n  region     = "eu-west-1"\n  access_key = "${id}"\n  secret_key = "${sec}"\n}\n`, id, sec)
  sec = awsSecret(g)
  c.secret('aws', 'dockerfile', 'Dockerfile', `ENV AWS_SECRET_ACCESS_KEY=${sec}\n`, sec)

  let t = githubToken(g, 'ghp')
  c.secret('github', 'dotenv', '.env', `GITHUB_TOKEN=${t}\n`, t)
  t = githubToken(g, 'ghs')
  c.secret('github', 'shell', 'scripts/release.sh', `git clone https://x-access-token:${t}@github.com/shop/infra.git\n`, t)
  t = githubToken(g, 'gho')
  c.secret('github', 'py-assign', 'shop/github_sync.py', `token = "${t}"\n`, t)
  t = githubPat(g)
  c.secret('github', 'workflow', '.github/workflows/release.yml', `        env:\n          GH_PAT: ${t}\n`, t)
  t = githubToken(g, 'ghp')
  c.secret('github', 'npmrc', '.npmrc', `@shop:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${t}\n`, t)
  t = githubToken(g, 'ghp')
  c.secret('github', 'requirements', 'requirements/production.txt', `git+https://${t}@github.com/shop/payments-sdk.git@v2.3.1#egg=payments-sdk\n`, t)
  t = githubToken(g, 'ghp')
  c.secret('github', 'docs', 'README.md', `To query the API:\n\n    curl -H "Authorization: token ${t}" https://api.github.com/repos/shop/web\n`, t)
  t = githubToken(g, 'ghu')
  c.secret('github', 'json', '.vscode/settings.json', `  "github.token": "${t}",\n`, t)
  t = githubToken(g, 'ghr')
  c.secret('github', 'yaml', 'config/ci.yml', `refresh: ${t}\n`, t)
  t = githubPat(g)
  c.secret('github', 'py-kwarg', 'scripts/open_issues.py', `gh = Github(auth=Auth.Token("${t}"))\n`, t)

  let s = stripeKey(g, 'sk_live')
  c.secret('stripe', 'py-assign', 'config/settings/production.py', `STRIPE_SECRET_KEY = "${s}"\n`, s)
  s = stripeKey(g, 'sk_live', false)
  c.secret('stripe', 'py-assign', 'payments/client.py', `import stripe\nstripe.api_key = "${s}"\n`, s)
  s = stripeKey(g, 'rk_live')
  c.secret('stripe', 'dotenv', '.env', `STRIPE_API_KEY=${s}\n`, s)
  s = stripeKey(g, 'sk_test')
  c.secret('stripe', 'dotenv', '.env.test', `STRIPE_TEST_SECRET_KEY=${s}\n`, s)
  s = stripeKey(g, 'sk_live')
  c.secret('stripe', 'py-env-default', 'config/settings/base.py', `STRIPE_LIVE_SECRET_KEY = env("STRIPE_LIVE_SECRET_KEY", default="${s}")\n`, s)
  s = stripeKey(g, 'sk_live', false)
  c.secret('stripe', 'yaml', 'k8s/payments.yaml', `            - name: STRIPE_KEY\n              value: ${s}\n`, s)
  s = stripeKey(g, 'rk_live', false)
  c.secret('stripe', 'js', 'scripts/refunds.js', `const stripe = require("stripe")("${s}");\n`, s)
  s = stripeKey(g, 'sk_test', false)
  c.secret('stripe', 'py-test', 'payments/tests/test_checkout.py', `    stripe.api_key = "${s}"\n`, s)

  t = slackToken(g, 'xoxb')
  c.secret('slack', 'dotenv', '.env', `SLACK_BOT_TOKEN=${t}\n`, t)
  t = slackToken(g, 'xoxp')
  c.secret('slack', 'py-assign', 'ops/notify.py', `SLACK_USER_TOKEN = "${t}"\n`, t)
  t = slackToken(g, 'xapp')
  c.secret('slack', 'dotenv', '.env', `SLACK_APP_TOKEN=${t}\n`, t)
  t = slackToken(g, 'xoxb')
  c.secret('slack', 'py-kwarg', 'ops/alerts.py', `client = WebClient(token="${t}")\n`, t)
  let w = slackWebhook(g)
  c.secret('slack', 'py-assign', 'config/settings/production.py', `SLACK_WEBHOOK_URL = "${w}"\n`, w)
  w = slackWebhook(g)
  c.secret('slack', 'py-dict', 'config/settings/production.py', `        "slack": {"class": "shop.log.SlackHandler", "level": "ERROR", "webhook_url": "${w}"},\n`, w)
  w = slackWebhook(g)
  c.secret('slack', 'workflow', '.github/workflows/notify.yml', `        env:\n          SLACK_WEBHOOK: ${w}\n`, w)
  t = slackToken(g, 'xoxb')
  c.secret('slack', 'yaml', 'config/alertmanager.yml', `slack_configs:\n  - api_url_token: ${t}\n`, t)

  let k = sendgridKey(g)
  c.secret('sendgrid', 'dotenv', '.env', `SENDGRID_API_KEY=${k}\n`, k)
  k = sendgridKey(g)
  c.secret('sendgrid', 'py-assign', 'config/settings/production.py', `EMAIL_HOST = "smtp.sendgrid.net"\nEMAIL_HOST_USER = "apikey"\nEMAIL_HOST_PASSWORD = "${k}"\n`, k)
  k = sendgridKey(g)
  c.secret('sendgrid', 'py-dict', 'config/settings/production.py', `ANYMAIL = {"SENDGRID_API_KEY": "${k}"}\n`, k)
  k = sendgridKey(g)
  c.secret('sendgrid', 'yaml', 'k8s/mail-secret.yaml', `stringData:\n  SENDGRID_KEY: ${k}\n`, k)
  k = sendgridKey(g)
  c.secret('sendgrid', 'py-kwarg', 'shop/mail.py', `sg = SendGridAPIClient("${k}")\n`, k)

  k = googleApiKey(g)
  c.secret('google', 'py-assign', 'config/settings/base.py', `GOOGLE_MAPS_API_KEY = "${k}"\n`, k)
  k = googleApiKey(g)
  c.secret('google', 'dotenv', '.env', `YOUTUBE_API_KEY=${k}\n`, k)
  k = googleApiKey(g)
  c.secret('google', 'py-kwarg', 'stores/geocode.py', `gmaps = googlemaps.Client(key="${k}")\n`, k)
  k = googleApiKey(g)
  c.secret('google', 'json', 'config/services.json', `{"geocoding": {"api_key": "${k}"}}\n`, k)
  k = googleApiKey(g)
  c.secret('google', 'yaml', 'config/translate.yml', `translate:\n  key: ${k}\n`, k)

  let block = privateKeyBlock(g, 'OPENSSH', 400)
  c.secret('private-key', 'pem', 'deploy/id_ed25519', `${block}\n`, pemHeader('OPENSSH'))
  block = privateKeyBlock(g, 'RSA', 1190)
  c.secret('private-key', 'pem', 'certs/server.key', `${block}\n`, pemHeader('RSA'))
  block = privateKeyBlock(g, 'PKCS8', 1216)
  c.secret('private-key', 'pem', 'keys/jwt_private.pem', `${block}\n`, pemHeader('PKCS8'))
  block = privateKeyBlock(g, 'PKCS8', 1216)
  c.secret('private-key', 'json', 'service-account.json', `{\n  "type": "service_account",\n  "project_id": "shop-prod",\n  "private_key_id": "${g.str(HEX, 40)}",\n  "private_key": "${block.replaceAll('\n', '\\n')}\\n",\n  "client_email": "django@shop-prod.iam.gserviceaccount.com"\n}\n`, pemHeader('PKCS8'))
  block = privateKeyBlock(g, 'RSA', 1190)
  c.secret('private-key', 'py-multiline', 'config/settings/production.py', `SIMPLE_JWT = {\n    "ALGORITHM": "RS256",\n    "SIGNING_KEY": """${block}""",\n}\n`, pemHeader('RSA'))
  block = privateKeyBlock(g, 'EC', 121)
  c.secret('private-key', 'dotenv', '.env', `APPLE_PRIVATE_KEY="${block.replaceAll('\n', '\\n')}"\n`, pemHeader('EC'))
  block = privateKeyBlock(g, 'RSA', 1190)
  c.secret('private-key', 'yaml', 'k8s/tls.yaml', `kind: Secret\ntype: kubernetes.io/tls\nstringData:\n  tls.key: |\n${block.split('\n').map((l) => `    ${l}`).join('\n')}\n`, pemHeader('RSA'))
  block = privateKeyBlock(g, 'ENCRYPTED', 1300)
  c.secret('private-key', 'pem', 'certs/signing.key', `${block}\n`, pemHeader('ENCRYPTED'))
  block = privateKeyBlock(g, 'PGP', 900)
  c.secret('private-key', 'pem', 'deploy/release-signing.asc', `${block}\n`, pemHeader('PGP'))

  let j = jwt(g)
  c.secret('jwt', 'dotenv', '.env', `SERVICE_JWT=${j}\n`, j)
  j = jwt(g, 'RS256')
  c.secret('jwt', 'py-header', 'scripts/backfill.py', `HEADERS = {"Authorization": "Bearer ${j}"}\n`, j)
  j = jwt(g)
  c.secret('jwt', 'compose', 'docker-compose.yml', `      INTERNAL_API_JWT: ${j}\n`, j)
  j = jwt(g, 'HS256', { role: 'service_role', iss: 'supabase', iat: 1767139200, exp: 2082499200 })
  c.secret('jwt', 'dotenv', '.env', `SUPABASE_SERVICE_ROLE_KEY=${j}\n`, j)
  j = jwt(g)
  c.secret('jwt', 'js', 'frontend/src/dev-login.js', `localStorage.setItem("access", "${j}");\n`, j)
  j = jwt(g, 'RS256')
  c.secret('jwt', 'docs', 'docs/api.md', `    curl -H "Authorization: Bearer ${j}" https://api.shop.example.com/v1/me/\n`, j)
  j = jwt(g)
  c.secret('jwt', 'json', 'postman/shop.postman_collection.json', `        {"key": "token", "value": "${j}", "type": "string"}\n`, j)
  j = jwt(g)
  c.secret('jwt', 'http', 'requests/orders.http', `GET https://api.shop.example.com/v1/orders/\nAuthorization: Bearer ${j}\n`, j)
}

// ---------------------------------------------------------------------------------------------------
// URLs with user:password@

function urls(g: Gen, c: Corpus): void {
  let p = urlPassword(g)
  c.secret('url-credentials', 'dotenv', '.env', `DATABASE_URL=postgres://shop:${p}@db.internal:5432/shop\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'dotenv', '.env', `REDIS_URL=redis://:${p}@redis.internal:6379/0\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'py-assign', 'config/settings/production.py', `CELERY_BROKER_URL = "amqp://shop:${p}@rabbitmq.internal:5672/shop"\n`, p)
  p = urlPassword(g, true)
  c.secret('url-credentials', 'py-env-default', 'config/settings/production.py', `DATABASES = {"default": dj_database_url.config(default="postgres://app:${p}@prod-db.c9akciq32.eu-west-1.rds.amazonaws.com:5432/app", conn_max_age=600)}\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'compose', 'docker-compose.yml', `      DATABASE_URL: mysql://root:${p}@mysql:3306/shop\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'py-assign', 'config/settings/production.py', `MONGO_URI = "mongodb+srv://shop:${p}@cluster0.ab1cd.mongodb.net/shop?retryWrites=true&w=majority"\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'py-dict', 'config/settings/production.py', `CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "rediss://default:${p}@eu1-smart-owl-31337.upstash.io:6379"}}\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'ini', 'pip.conf', `[global]\nindex-url = https://deploy:${p}@pypi.shop.internal/simple/\n`, p)
  p = urlPassword(g, true)
  c.secret('url-credentials', 'dotenv', '.env', `EMAIL_URL=smtp+tls://alerts%40shop.example.com:${p}@smtp.mailgun.org:587\n`, p)
  p = g.str(HEX, 32)
  c.secret('url-credentials', 'py-assign', 'config/settings/production.py', `SENTRY_DSN = "https://${g.str(HEX, 32)}:${p}@sentry.io/${g.str(DIGITS, 6)}"\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'git-credentials', '.git-credentials', `https://deploy-bot:${p}@gitlab.com\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'shell', 'scripts/psql-prod.sh', `psql "postgresql://admin:${p}@10.0.3.12:5432/shop"\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'shell', 'Procfile', `worker: celery -A shop worker -b amqp://shop:${p}@mq.internal:5672// -l info\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'py-dict', 'config/settings/production.py', `ELASTICSEARCH_DSL = {"default": {"hosts": "https://elastic:${p}@es.internal:9200"}}\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'yaml', 'render.yaml', `      - key: DATABASE_URL\n        value: postgresql://shop:${p}@dpg-${g.str('abcdefghijklmnopqrstuvwxyz0123456789', 20)}-a.oregon-postgres.render.com/shop\n`, p)
  p = urlPassword(g)
  c.secret('url-credentials', 'docs', 'docs/runbook.md', `Connect with \`psql postgres://shop_ro:${p}@replica.db.internal:5432/shop\` from the bastion.\n`, p)
}

// ---------------------------------------------------------------------------------------------------
// Non-secrets

function nonSecrets(g: Gen, c: Corpus): void {
  // Placeholders and dummy values under secret names
  const placeholders: [Category, string, string][] = [
    ['django-secret-key', 'mysite/settings.py', 'SECRET_KEY = "changeme"\n'],
    ['django-secret-key', 'config/settings/base.py', "SECRET_KEY = 'change-me'\n"],
    ['django-secret-key', '.env.example', 'SECRET_KEY=your-secret-key-here\n'],
    ['django-secret-key', '.env.sample', 'DJANGO_SECRET_KEY=<your-secret-key>\n'],
    ['django-secret-key', '.env.template', 'SECRET_KEY=xxx\n'],
    ['django-secret-key', 'config/settings/test.py', 'SECRET_KEY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n'],
    ['django-secret-key', 'mysite/settings.py', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-change-me")\n'],
    ['django-secret-key', 'config/settings.py', 'SECRET_KEY = env("SECRET_KEY", default="REPLACE_ME")\n'],
    ['django-secret-key', 'app.json', '    "SECRET_KEY": {"description": "A secret key for verifying the integrity of signed cookies.", "generator": "secret"},\n'],
    ['django-secret-key', 'config/settings/production.py', 'SECRET_KEY = os.environ.get("SECRET_KEY", "CHANGE_ME_IN_PRODUCTION")\n'],
    ['django-secret-key', 'Dockerfile', 'RUN DJANGO_SECRET_KEY=dummy python manage.py collectstatic --noinput\n'],
    ['django-secret-key', 'Dockerfile', 'RUN SECRET_KEY=build-only-dummy-key python manage.py compilemessages\n'],
    ['django-secret-key', 'config/settings/test.py', 'SECRET_KEY = "insecure-key-for-tests"\n'],
    ['django-secret-key', 'config/settings/local.py', 'SECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default="!!!SET DJANGO_SECRET_KEY!!!",\n)\n'],
    ['django-secret-key', 'tests/settings.py', 'SECRET_KEY = "not-so-secret"\n'],
    ['django-secret-key', 'tests/settings.py', "SECRET_KEY = 'secret'\n"],
    ['django-secret-key', 'config/settings/dev.py', 'SECRET_KEY = "dev"\n'],
    ['django-secret-key', 'config/settings/test.py', 'SECRET_KEY = "django-insecure-test-key-not-for-production"\n'],
    ['django-secret-key', '.env.example', 'DJANGO_SECRET_KEY=super-secret-key-change-me\n'],
    ['django-secret-key', 'docker-compose.yml', '      DJANGO_SECRET_KEY: "${DJANGO_SECRET_KEY:-insecure-dev-key}"\n'],
    ['django-secret-key', 'example.env', 'SECRET_KEY=your_secret_key\n'],
    ['django-secret-key', 'config/settings/test.py', 'SECRET_KEY = "a" * 50\n'],
    ['django-secret-key', 'tests/conftest.py', '    settings.SECRET_KEY = "test-secret-key"\n'],
    ['django-secret-key', 'k8s/secret.example.yaml', 'stringData:\n  SECRET_KEY: "<generate with: python -c \'from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())\'>"\n'],
    ['password', 'docker-compose.yml', '      POSTGRES_PASSWORD: postgres\n'],
    ['password', '.env.example', 'DB_PASSWORD=changeme\n'],
    ['password', 'config/settings/local.py', "        'PASSWORD': 'password',\n"],
    ['password', '.env.example', 'EMAIL_HOST_PASSWORD=<your-smtp-password>\n'],
    ['password', '.env.example', 'POSTGRES_PASSWORD=YOUR_DB_PASSWORD\n'],
    ['password', 'docker-compose.yml', '      - MYSQL_ROOT_PASSWORD=root\n'],
    ['password', 'docker-compose.dev.yml', '      POSTGRES_PASSWORD: "********"\n'],
    ['password', '.github/workflows/ci.yml', '        env:\n          POSTGRES_PASSWORD: postgres\n'],
    ['password', 'docker-compose.yml', '      - POSTGRES_PASSWORD=P@ssw0rd\n'],
    ['password', 'config/settings/local.py', 'EMAIL_HOST_PASSWORD = "mypassword"\n'],
    ['password', '.env.example', 'RABBITMQ_DEFAULT_PASS=guest\n'],
    ['password', 'ansible/group_vars/all.yml', 'db_password: "{{ vault_db_password }}"\n'],
    ['password', 'helm/values.yaml', 'postgresql:\n  auth:\n    password: ""  # set with --set postgresql.auth.password=...\n'],
    ['password', 'config/settings/local.py', 'DATABASES["default"]["PASSWORD"] = "django"\n'],
    ['password', 'docker-compose.yml', '    command: redis-server --requirepass ${REDIS_PASSWORD}\n'],
    ['token', '.env.example', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'],
    ['token', '.env.example', 'TELEGRAM_BOT_TOKEN=<bot-token-from-botfather>\n'],
    ['token', '.env.example', 'SENTRY_AUTH_TOKEN=\n'],
    ['token', 'config/settings/base.py', 'SLACK_BOT_TOKEN = env("SLACK_BOT_TOKEN", default="xoxb-your-token")\n'],
    ['token', '.env.example', 'ACCESS_TOKEN=replace-with-your-token\n'],
    ['token', 'docs.env', 'API_TOKEN=insert_token_here\n'],
    ['api-key', '.env.example', 'OPENAI_API_KEY=sk-...\n'],
    ['api-key', '.env.example', 'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'],
    ['api-key', 'config/settings/base.py', 'GOOGLE_MAPS_API_KEY = env("GOOGLE_MAPS_API_KEY", default="your-api-key")\n'],
    ['api-key', '.env.example', 'MAILGUN_API_KEY=YOUR_MAILGUN_API_KEY\n'],
    ['api-key', 'frontend/.env.example', 'VITE_API_KEY=TODO\n'],
    ['aws', '.env.example', 'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\nAWS_SECRET_ACCESS_KEY=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n'],
    ['stripe', '.env.example', 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n'],
    ['stripe', '.env.example', 'STRIPE_SECRET_KEY=sk_test_...\n'],
    ['secret', '.env.example', 'OIDC_RP_CLIENT_SECRET=<client-secret>\n'],
    ['secret', '.env.example', 'STRIPE_WEBHOOK_SECRET=whsec_...\n'],
    ['secret', 'config/settings/local.py', 'JWT_SECRET = "jwt-secret"\n'],
    ['signing-key', '.env.example', 'FIELD_ENCRYPTION_KEY=generate-with-Fernet.generate_key\n'],
    ['slack', '.env.example', 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n'],
    ['url-credentials', 'config/settings/local.py', 'CELERY_BROKER_URL = "amqp://guest:guest@localhost:5672//"\n'],
    ['url-credentials', 'docker-compose.yml', '      DATABASE_URL: postgres://postgres:postgres@db:5432/postgres\n'],
    ['url-credentials', '.env.example', 'DATABASE_URL=postgres://user:password@localhost:5432/shop\n'],
    ['url-credentials', 'tests/settings.py', 'DATABASES = {"default": dj_database_url.parse("postgres://test:test@localhost/test_shop")}\n'],
    ['url-credentials', '.env.example', 'DATABASE_URL=postgresql://myuser:mypassword@localhost:5432/mydb\n'],
    ['url-credentials', 'docker-compose.yml', '      - DATABASE_URL=mysql://root:root@mysql:3306/shop\n'],
    ['url-credentials', '.env.example', 'REDIS_URL=redis://:changeme@localhost:6379/0\n'],
    ['url-credentials', 'docs.env', 'DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME\n']
  ]
  for (const [cat, path, text] of placeholders) c.clean(cat, 'placeholder', path, text)

  // Test fixtures and dummy credentials in tests
  const fixtures: [Category | 'none', string, string][] = [
    ['password', 'users/fixtures/users.json', `  {"model": "auth.user", "pk": 1, "fields": {"username": "admin", "password": "pbkdf2_sha256$870000$${g.token(ALNUM, 22)}$${g.bytes(32).toString('base64')}", "is_superuser": true}},\n`],
    ['password', 'users/fixtures/users.json', `  {"model": "auth.user", "pk": 2, "fields": {"username": "bot", "password": "!${g.token(ALNUM, 40)}"}},\n`],
    ['password', 'users/fixtures/staff.yaml', `    password: argon2$argon2id$v=19$m=102400,t=2,p=8$${g.token(ALNUM, 22)}$${g.bytes(32).toString('base64').replace(/=+$/, '')}\n`],
    ['password', 'deploy/htpasswd', `admin:$2y$10$${g.token(ALNUM + './', 53)}\n`],
    ['password', 'users/tests/test_login.py', '        self.user = User.objects.create_user(username="alice", password="testpass123")\n'],
    ['password', 'users/tests/test_views.py', "        self.client.login(username='admin', password='password')\n"],
    ['password', 'users/tests/factories.py', '    password = factory.PostGenerationMethodCall("set_password", "defaultpassword")\n'],
    ['password', 'users/tests/test_forms.py', '        data = {"username": "bob", "password1": "wrong-password", "password2": "wrong-password"}\n'],
    ['password', 'users/tests/test_auth.py', '        response = self.client.post(reverse("login"), {"username": "carol", "password": "hunter2"})\n'],
    ['password', 'users/tests/factories.py', '    password = factory.Faker("password", length=16)\n'],
    ['password', 'tests/test_api.py', '        user = UserFactory(password="Passw0rd!")\n'],
    ['token', 'tests/test_oauth.py', '        mock_post.return_value.json.return_value = {"access_token": "mock-access-token", "token_type": "Bearer", "expires_in": 3600}\n'],
    ['token', 'tests/test_api.py', '        self.client.credentials(HTTP_AUTHORIZATION="Token " + self.token.key)\n'],
    ['token', 'tests/test_api.py', '        token = "test-token"\n'],
    ['token', 'tests/test_webhooks.py', '        headers = {"Authorization": "Bearer test"}\n'],
    ['token', 'tests/test_tokens.py', '        Token.objects.create(user=self.user, key="a" * 40)\n'],
    ['token', 'tests/test_client.py', '        responses.add(responses.POST, TOKEN_URL, json={"token": "abc123"})\n'],
    ['token', 'tests/test_client.py', '        self.assertEqual(client.token, "0123456789abcdef")\n'],
    ['api-key', 'tests/test_mailchimp.py', '        client = Mailchimp(api_key="fake-api-key")\n'],
    ['api-key', 'tests/test_search.py', '@override_settings(ALGOLIA={"APPLICATION_ID": "test", "API_KEY": "test-api-key"})\n'],
    ['secret', 'payments/tests/test_webhooks.py', '        settings.STRIPE_WEBHOOK_SECRET = "whsec_test"\n'],
    ['secret', 'tests/test_jwt.py', '        token = jwt.encode({"sub": "42"}, "test-secret", algorithm="HS256")\n'],
    ['stripe', 'payments/tests/test_client.py', '        stripe.api_key = "sk_test_123"\n'],
    ['django-secret-key', 'tests/settings.py', 'SECRET_KEY = "tests"\n'],
    ['none', 'tests/test_forms.py', '        form = SignupForm(data={"email": "a@example.com", "password1": "", "password2": ""})\n']
  ]
  for (const [cat, path, text] of fixtures) c.clean(cat, 'test-fixture', path, text)

  // References to another source: environment, secret stores, templates, CI secrets
  const references: [Category | 'none', string, string][] = [
    ['django-secret-key', 'mysite/settings.py', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n'],
    ['django-secret-key', 'mysite/settings.py', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")\n'],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY = env("DJANGO_SECRET_KEY")\n'],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY = env.str("DJANGO_SECRET_KEY")\n'],
    ['django-secret-key', 'app/settings.py', "SECRET_KEY = config('SECRET_KEY')\n"],
    ['django-secret-key', 'app/settings.py', 'SECRET_KEY = os.getenv("SECRET_KEY", get_random_secret_key())\n'],
    ['django-secret-key', 'app/settings.py', 'SECRET_KEY = Path("/run/secrets/django_secret_key").read_text().strip()\n'],
    ['django-secret-key', 'app/settings.py', 'SECRET_KEY = get_secret("django/secret-key")\n'],
    ['django-secret-key', '.github/workflows/ci.yml', '    env:\n      DJANGO_SECRET_KEY: ${{ secrets.DJANGO_SECRET_KEY }}\n'],
    ['django-secret-key', 'docker-compose.yml', '      - DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY}\n'],
    ['django-secret-key', 'docker-compose.yml', '      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY}\n'],
    ['django-secret-key', 'Dockerfile', 'ARG DJANGO_SECRET_KEY\nENV DJANGO_SECRET_KEY=$DJANGO_SECRET_KEY\n'],
    ['django-secret-key', 'k8s/deployment.yaml', '            - name: DJANGO_SECRET_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: django\n                  key: secret-key\n'],
    ['django-secret-key', 'render.yaml', '      - key: SECRET_KEY\n        generateValue: true\n'],
    ['django-secret-key', 'docker-compose.yml', '      DJANGO_SECRET_KEY_FILE: /run/secrets/django_secret_key\n'],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])\n'],
    ['django-secret-key', 'cloudformation.yaml', '          - Name: DJANGO_SECRET_KEY\n            Value: !Ref DjangoSecretKey\n'],
    ['django-secret-key', 'app.yaml', 'env_variables:\n  SECRET_KEY: ${SECRET_KEY}\n'],
    ['django-secret-key', 'fly.toml', '[env]\n  DJANGO_SETTINGS_MODULE = "config.settings.production"\n# SECRET_KEY is set with `fly secrets set SECRET_KEY=...`\n'],
    ['password', 'config/settings/base.py', "        'PASSWORD': os.environ.get('DB_PASSWORD', ''),\n"],
    ['password', 'config/settings/base.py', '        "PASSWORD": env("POSTGRES_PASSWORD"),\n'],
    ['password', 'config/settings/base.py', 'EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")\n'],
    ['password', 'config/settings/base.py', "        'PASSWORD': DB_PASSWORD,\n"],
    ['password', 'scripts/migrate.py', 'password = getpass.getpass("Database password: ")\n'],
    ['password', 'config/settings.ini', '[database]\npassword = %(DB_PASSWORD)s\n'],
    ['password', '.github/workflows/docker.yml', '        with:\n          username: ${{ vars.DOCKERHUB_USERNAME }}\n          password: ${{ secrets.DOCKERHUB_TOKEN }}\n'],
    ['password', 'docker-compose.yml', '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n'],
    ['password', 'docker-compose.yml', '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n'],
    ['password', 'ansible/group_vars/db.yml', 'db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          ' + g.str(HEX, 64) + '\n'],
    ['password', 'secrets/prod.enc.yaml', `db_password: ENC[AES256_GCM,data:${g.bytes(18).toString('base64')},iv:${g.bytes(32).toString('base64')},tag:${g.bytes(16).toString('base64')},type:str]\n`],
    ['password', 'k8s/sealed-secret.yaml', `spec:\n  encryptedData:\n    POSTGRES_PASSWORD: Ag${g.bytes(500).toString('base64')}\n`],
    ['password', 'scripts/backup.sh', 'PGPASSWORD="$(aws ssm get-parameter --name /shop/db/password --with-decryption --query Parameter.Value --output text)"\n'],
    ['password', 'frontend/src/db.js', '  password: process.env.DB_PASSWORD,\n'],
    ['password', 'infra/rds.tf', '  password = var.db_password\n'],
    ['token', '.github/workflows/ci.yml', '        with:\n          token: ${{ secrets.CODECOV_TOKEN }}\n'],
    ['token', '.github/workflows/release.yml', '        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n'],
    ['token', '.github/workflows/labels.yml', '          github-token: ${{ github.token }}\n'],
    ['token', 'scripts/release.sh', 'export GITHUB_TOKEN="$(gh auth token)"\n'],
    ['token', 'shop/api.py', '    token = request.headers.get("Authorization", "").removeprefix("Bearer ")\n'],
    ['token', 'shop/api.py', '    token = request.GET.get("token", "")\n'],
    ['token', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'],
    ['api-key', 'frontend/src/config.js', '  apiKey: process.env.REACT_APP_API_KEY,\n'],
    ['api-key', 'frontend/src/config.ts', '  apiKey: import.meta.env.VITE_FIREBASE_API_KEY,\n'],
    ['api-key', 'shop/payments.py', 'stripe.api_key = settings.STRIPE_SECRET_KEY\n'],
    ['api-key', 'config/settings/base.py', 'OPENAI_API_KEY = env("OPENAI_API_KEY", default=None)\n'],
    ['aws', 'config/settings/production.py', 'AWS_ACCESS_KEY_ID = env("DJANGO_AWS_ACCESS_KEY_ID")\nAWS_SECRET_ACCESS_KEY = env("DJANGO_AWS_SECRET_ACCESS_KEY")\n'],
    ['secret', 'config/settings/base.py', 'SOCIAL_AUTH_GITHUB_SECRET = os.environ["GITHUB_OAUTH_SECRET"]\n'],
    ['secret', 'k8s/external-secret.yaml', '  data:\n    - secretKey: STRIPE_WEBHOOK_SECRET\n      remoteRef:\n        key: shop/prod/stripe\n'],
    ['secret', 'config/settings.py', 'CLIENT_SECRET = vault_client.secrets.kv.read_secret_version(path="shop/oidc")["data"]["data"]["client_secret"]\n'],
    ['signing-key', 'config/settings/base.py', '    "SIGNING_KEY": SECRET_KEY,\n'],
    ['signing-key', 'config/settings/base.py', 'FERNET_KEYS = env.list("FERNET_KEYS")\n'],
    ['url-credentials', 'compose/production/django/entrypoint', 'export DATABASE_URL="postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${POSTGRES_HOST}:${POSTGRES_PORT}/${POSTGRES_DB}"\n'],
    ['url-credentials', 'shop/db.py', 'url = f"postgresql://{user}:{password}@{host}:{port}/{name}"\n'],
    ['url-credentials', 'shop/db.py', 'url = "postgres://%s:%s@%s/%s" % (user, password, host, name)\n'],
    ['url-credentials', 'pip.conf', '[global]\nextra-index-url = https://__token__:${PYPI_TOKEN}@pypi.shop.internal/simple/\n'],
    ['url-credentials', 'config/settings/production.py', 'CELERY_BROKER_URL = f"amqp://{env(\'RABBITMQ_USER\')}:{env(\'RABBITMQ_PASSWORD\')}@rabbitmq:5672//"\n'],
    ['none', 'compose/production/django/Dockerfile', 'RUN --mount=type=secret,id=pip_token PIP_INDEX_URL="https://__token__:$(cat /run/secrets/pip_token)@pypi.shop.internal/simple" pip install -r requirements.txt\n']
  ]
  for (const [cat, path, text] of references) c.clean(cat, 'reference', path, text)

  // Empty and null values
  const empty: [Category, string, string][] = [
    ['django-secret-key', '.env.example', 'SECRET_KEY=\n'],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY = None  # set in local.py or the environment\n'],
    ['password', '.env.example', 'DB_PASSWORD=""\n'],
    ['password', 'config/settings/local.py', '        "PASSWORD": "",\n'],
    ['password', 'config/settings/local.py', "EMAIL_HOST_PASSWORD = ''\n"],
    ['password', 'docker-compose.yml', '      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n      MYSQL_ROOT_PASSWORD:\n'],
    ['password', 'config/database.yml', 'production:\n  password: null\n'],
    ['password', 'config/database.yml', 'test:\n  password: ~\n'],
    ['api-key', 'config/services.yml', 'mailjet:\n  api_key: ""\n'],
    ['aws', '.env.example', 'AWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=\n'],
    ['token', 'shop/clients.py', '    token = None\n'],
    ['stripe', 'k8s/values.yaml', "stripe:\n  secretKey: ''\n"]
  ]
  for (const [cat, path, text] of empty) c.clean(cat, 'empty', path, text)

  // Documentation examples
  const docs: [Category | 'none', string, string][] = [
    ['aws', 'README.md', '```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```\n'],
    ['aws', 'docs/storage.rst', "    AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'\n"],
    ['aws', '.env.example', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'],
    ['django-secret-key', 'README.md', 'Set `SECRET_KEY` in `.env`:\n\n    SECRET_KEY=your-secret-key\n'],
    ['django-secret-key', 'docs/deployment.md', "```\nexport DJANGO_SECRET_KEY='<a long random string>'\n```\n"],
    ['django-secret-key', 'docs/settings.rst', ".. code-block:: python\n\n    SECRET_KEY = 'your-secret-key'\n"],
    ['django-secret-key', 'CHANGELOG.md', '- Rotated the SECRET_KEY and moved it to the environment (#412).\n'],
    ['django-secret-key', 'README.md', 'Generate a key with `python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())"` and put it in `SECRET_KEY`.\n'],
    ['url-credentials', 'README.md', 'DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME\n'],
    ['url-credentials', 'docs/install.md', '    export DATABASE_URL=postgres://postgres:postgres@localhost:5432/shop\n'],
    ['jwt', 'README.md', 'Example token: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`\n'],
    ['jwt', 'shop/tests/test_jwt.py', '        token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n'],
    ['stripe', 'docs/payments.md', 'Use the test key `sk_test_4eC39HqLyjWDarjtT1zdp7dc` from the Stripe docs.\n'],
    ['stripe', 'payments/tests/test_api.py', '        stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"\n'],
    ['slack', 'README.md', 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n'],
    ['private-key', 'README.md', 'The file starts with `-----BEGIN RSA PRIVATE KEY-----`; never commit it.\n'],
    ['private-key', 'docs/sso.md', '```\n-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n```\n'],
    ['private-key', '.env.example', 'APPLE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----"\n'],
    ['token', 'docs/api.rst', '    curl -H "Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b" https://shop.example.com/api/orders/\n'],
    ['password', 'docs/setup.md', '| `DB_PASSWORD` | database password | `postgres` |\n'],
    ['github', 'CONTRIBUTING.md', 'Create a token (it looks like `ghp_` followed by 36 characters) and export it as `GITHUB_TOKEN`.\n']
  ]
  for (const [cat, path, text] of docs) c.clean(cat, 'docs-example', path, text)

  // Hashes in lock files and pinned requirements; checksums
  const pipHash = (): string => `--hash=sha256:${g.str(HEX, 64)}`
  const sri = (n: number): string => g.bytes(n).toString('base64')
  const hashes: [string, string][] = [
    ['package-lock.json', `    "node_modules/react": {\n      "version": "18.3.1",\n      "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz",\n      "integrity": "sha512-${sri(64)}",\n      "dependencies": {"loose-envify": "^1.1.0"}\n    },\n`],
    ['package-lock.json', `      "integrity": "sha512-${sri(64)}",\n`],
    ['frontend/package-lock.json', `    "node_modules/js-tokens": {\n      "version": "4.0.0",\n      "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",\n      "integrity": "sha512-${sri(64)}"\n    },\n`],
    ['poetry.lock', `[[package]]\nname = "django"\nversion = "5.1.4"\nfiles = [\n    {file = "Django-5.1.4-py3-none-any.whl", hash = "sha256:${g.str(HEX, 64)}"},\n    {file = "Django-5.1.4.tar.gz", hash = "sha256:${g.str(HEX, 64)}"},\n]\n`],
    ['poetry.lock', `[metadata]\nlock-version = "2.0"\npython-versions = "^3.12"\ncontent-hash = "${g.str(HEX, 64)}"\n`],
    ['Pipfile.lock', `{\n    "_meta": {\n        "hash": {\n            "sha256": "${g.str(HEX, 64)}"\n        },\n`],
    ['Pipfile.lock', `        "django-secret-key-rotation": {\n            "hashes": [\n                "sha256:${g.str(HEX, 64)}",\n                "sha256:${g.str(HEX, 64)}"\n            ],\n            "version": "==1.0.2"\n        },\n`],
    ['uv.lock', `sdist = { url = "https://files.pythonhosted.org/packages/django-5.1.4.tar.gz", hash = "sha256:${g.str(HEX, 64)}", size = 10701243 }\n`],
    ['yarn.lock', `js-tokens@^4.0.0:\n  version "4.0.0"\n  resolved "https://registry.yarnpkg.com/js-tokens/-/js-tokens-4.0.0.tgz#${g.sha1()}"\n  integrity sha512-${sri(64)}\n`],
    ['pnpm-lock.yaml', `  /js-tokens@4.0.0:\n    resolution: {integrity: sha512-${sri(64)}}\n`],
    ['requirements.txt', `django==5.1.4 \\\n    ${pipHash()} \\\n    ${pipHash()}\n`],
    ['requirements/production.txt', `djangorestframework-simplejwt==5.3.1 \\\n    ${pipHash()}\n`],
    ['requirements.lock', `pyjwt==2.10.1 ${pipHash()}\n`],
    ['.pre-commit-config.yaml', `  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: ${g.sha1()}  # frozen: v0.8.4\n`],
    ['go.sum', `github.com/golang-jwt/jwt/v5 v5.2.1 h1:${sri(32)}\n`],
    ['staticfiles/staticfiles.json', `{"paths": {"css/app.css": "css/app.${g.str(HEX, 12)}.css", "js/token-refresh.js": "js/token-refresh.${g.str(HEX, 12)}.js"}, "version": "1.1", "hash": "${g.str(HEX, 12)}"}\n`],
    ['frontend/webpack-stats.json', `{"status": "done", "chunks": {"main": [{"name": "main.${g.str(HEX, 20)}.js", "publicPath": "https://cdn.shop.example.com/main.${g.str(HEX, 20)}.js"}]}}\n`],
    ['SHA256SUMS', `${g.str(HEX, 64)}  shop-secrets-cli-1.2.0-linux-amd64.tar.gz\n`],
    ['shop/migrations/0012_apikey_hashed_key.py', `        migrations.AddField(model_name="apikey", name="hashed_key", field=models.CharField(default="${g.str(HEX, 64)}", max_length=64)),\n`]
  ]
  for (const [path, text] of hashes) c.clean('none', 'hash', path, text)

  // SRI hashes in templates
  for (let i = 0; i < 8; i++) {
    const lib = g.pick(['bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js', 'htmx.org@2.0.4/dist/htmx.min.js', 'alpinejs@3.14.8/dist/cdn.min.js', 'chart.js@4.4.7/dist/chart.umd.min.js'])
    const alg = g.pick(['sha384', 'sha512', 'sha256'])
    const n = alg === 'sha384' ? 48 : alg === 'sha512' ? 64 : 32
    const tag = i % 2
      ? `<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="${alg}-${sri(n)}" crossorigin="anonymous">`
      : `<script src="https://cdn.jsdelivr.net/npm/${lib}" integrity="${alg}-${sri(n)}" crossorigin="anonymous"></script>`
    c.clean('none', 'sri', g.pick(['templates/base.html', 'shop/templates/shop/layout.html', 'templates/account/login.html']), `    ${tag}\n`)
  }

  // UUIDs and other ids
  const ids: [Category | 'none', string, string][] = [
    ['none', 'shop/fixtures/products.json', `  {"model": "shop.product", "pk": "${g.uuid()}", "fields": {"name": "Tea", "sku": "TEA-001"}},\n`],
    ['none', 'config/settings/production.py', `AZURE_TENANT_ID = "${g.uuid()}"\nAZURE_CLIENT_ID = "${g.uuid()}"\n`],
    ['none', 'tests/test_orders.py', `        order = Order.objects.get(id="${g.uuid()}")\n`],
    ['none', 'config/settings/base.py', `SITE_UUID = "${g.uuid()}"\n`],
    ['api-key', 'config/settings/production.py', `API_KEY_ID = "${g.uuid()}"\n`],
    ['none', 'config/settings/production.py', `SENTRY_DSN = "https://${g.str(HEX, 32)}@o${g.str(DIGITS, 6)}.ingest.us.sentry.io/${g.str(DIGITS, 7)}"\n`],
    ['none', 'config/settings/base.py', 'GOOGLE_ANALYTICS_ID = "G-7XQ2K9LM3P"\n'],
    ['signing-key', 'keys/jwks.json', `{"keys": [{"kty": "RSA", "use": "sig", "kid": "${g.str(HEX, 40)}", "alg": "RS256", "e": "AQAB"}]}\n`],
    ['none', 'service-account.json', `  "private_key_id": "${g.str(HEX, 40)}",\n  "client_id": "${g.str(DIGITS, 21)}",\n`],
    ['token', 'shop/tests/data/webhook.json', `{"event_id": "${g.uuid()}", "token_id": "${g.uuid()}", "type": "payment.succeeded"}\n`],
    ['none', 'config/settings/base.py', `GITHUB_APP_ID = ${g.str(DIGITS, 6)}\nGITHUB_APP_INSTALLATION_ID = ${g.str(DIGITS, 8)}\n`],
    ['secret', 'k8s/deployment.yaml', `  annotations:\n    checksum/secret: ${g.str(HEX, 64)}\n`],
    ['none', 'locale/fr/LC_MESSAGES/django.po', `"POT-Creation-Date: 2026-04-01 12:00+0000\\n"\n"X-Request-Id: ${g.uuid()}\\n"\n`]
  ]
  for (const [cat, path, text] of ids) c.clean(cat, 'id', path, text)

  // Git SHAs
  const shas: [string, string][] = [
    ['.github/workflows/ci.yml', `      - uses: actions/checkout@${g.sha1()} # v4.2.2\n`],
    ['.github/workflows/ci.yml', `      - uses: actions/setup-python@${g.sha1()} # v5.3.0\n        with:\n          python-version: "3.12"\n`],
    ['requirements.txt', `git+https://github.com/shop/django-secure-tokens.git@${g.sha1()}#egg=django-secure-tokens\n`],
    ['.git-blame-ignore-revs', `# black formatting\n${g.sha1()}\n`],
    ['config/settings/production.py', `SENTRY_RELEASE = "shop@${g.sha1()}"\n`],
    ['Dockerfile', `FROM python:3.12-slim@sha256:${g.str(HEX, 64)}\n`],
    ['docker-compose.yml', `    image: postgres:16@sha256:${g.str(HEX, 64)}\n`],
    ['pyproject.toml', `django-tokens = { git = "https://github.com/shop/django-tokens.git", rev = "${g.sha1()}" }\n`],
    ['shop/tests/data/push_event.json', `{"ref": "refs/heads/main", "after": "${g.sha1()}", "head_commit": {"id": "${g.sha1()}", "message": "Rotate token handling"}}\n`],
    ['.env', `GIT_COMMIT=${g.sha1()}\nBUILD_SHA=${g.sha1().slice(0, 12)}\n`],
    ['.github/workflows/ci.yml', "          key: ${{ runner.os }}-pip-${{ hashFiles('**/requirements*.txt') }}\n          restore-keys: ${{ runner.os }}-pip-\n"]
  ]
  for (const [path, text] of shas) c.clean('none', 'git-sha', path, text)

  // Base64 images
  const png = (): string => `iVBORw0KGgoAAAANSUhEUgAA${g.bytes(g.between(300, 1500)).toString('base64')}`
  const images: [string, string][] = [
    ['static/css/app.css', `.logo { background-image: url("data:image/png;base64,${png()}"); }\n`],
    ['templates/emails/receipt.html', `<img src="data:image/png;base64,${png()}" alt="Shop" width="120">\n`],
    ['static/manifest.json', `  "icons": [{"src": "data:image/png;base64,${png()}", "sizes": "192x192"}],\n`],
    ['shop/tests/test_uploads.py', `PNG_PIXEL = base64.b64decode("${png()}")\n`],
    ['frontend/src/icons.js', `export const keyIcon = "data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M7 14a${g.str(DIGITS, 40)}"/></svg>`).toString('base64')}";\n`],
    ['templates/account/password_reset_email.html', `<img src="data:image/gif;base64,R0lGODlh${g.bytes(200).toString('base64')}" alt="">\n`],
    ['static/css/tokens.css', `:root { --token-bg: url(data:image/webp;base64,UklGR${g.bytes(800).toString('base64')}); }\n`],
    ['shop/tests/fixtures/avatar.json', `{"avatar": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ${g.bytes(1200).toString('base64')}"}\n`]
  ]
  for (const [path, text] of images) c.clean('none', 'base64-image', path, text)

  // Settings whose names contain a secret word but hold configuration
  const settingNames: [Category | 'none', string, string][] = [
    ['token', 'config/settings/base.py', 'CSRF_COOKIE_NAME = "csrftoken"\n'],
    ['token', 'config/settings/base.py', 'CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"\n'],
    ['password', 'config/settings/base.py', 'PASSWORD_RESET_TIMEOUT = 259200  # 3 days, in seconds\n'],
    ['password', 'config/settings/base.py', 'AUTH_PASSWORD_VALIDATORS = [\n    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},\n    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},\n]\n'],
    ['password', 'config/settings/base.py', "PASSWORD_HASHERS = [\n    'django.contrib.auth.hashers.Argon2PasswordHasher',\n    'django.contrib.auth.hashers.PBKDF2PasswordHasher',\n]\n"],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY_FALLBACKS = []\n'],
    ['token', 'config/settings/base.py', 'SIMPLE_JWT = {\n    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),\n    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),\n    "AUTH_HEADER_TYPES": ("Bearer",),\n    "TOKEN_TYPE_CLAIM": "token_type",\n    "USER_ID_FIELD": "id",\n}\n'],
    ['token', 'config/settings/base.py', 'REST_FRAMEWORK = {\n    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],\n    "DEFAULT_THROTTLE_RATES": {"token": "100/hour"},\n}\n'],
    ['token', 'config/settings/base.py', 'OAUTH2_PROVIDER = {"ACCESS_TOKEN_EXPIRE_SECONDS": 36000, "REFRESH_TOKEN_EXPIRE_SECONDS": 864000}\n'],
    ['password', 'config/settings/base.py', 'ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False\nACCOUNT_PASSWORD_MIN_LENGTH = 12\n'],
    ['password', 'config/settings/base.py', 'DJOSER = {\n    "PASSWORD_RESET_CONFIRM_URL": "password/reset/confirm/{uid}/{token}",\n    "SERIALIZERS": {"token_create": "djoser.serializers.TokenCreateSerializer"},\n    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": True,\n}\n'],
    ['token', 'config/settings/base.py', 'REST_KNOX = {"TOKEN_MODEL": "knox.AuthToken", "AUTH_TOKEN_CHARACTER_LENGTH": 64, "TOKEN_TTL": timedelta(hours=10)}\n'],
    ['api-key', 'config/settings/base.py', 'API_KEY_CUSTOM_HEADER = "HTTP_X_API_KEY"\n'],
    ['django-secret-key', 'config/settings/base.py', 'SECRET_KEY_FILE = "/run/secrets/django_secret_key"\n'],
    ['token', 'config/settings/base.py', 'SESSION_COOKIE_NAME = "shop_sessionid"\nCSRF_COOKIE_NAME = "shop_csrftoken"\n'],
    ['secret', 'k8s/ingress.yaml', '  tls:\n    - hosts:\n        - shop.example.com\n      secretName: shop-example-com-tls\n'],
    ['secret', 'k8s/deployment.yaml', '      imagePullSecrets:\n        - name: regcred\n'],
    ['secret', '.github/workflows/release.yml', '    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n'],
    ['token', '.github/workflows/release.yml', 'permissions:\n  contents: read\n  id-token: write\n'],
    ['token', 'config/settings/base.py', 'ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 300\nACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True\nACCOUNT_LOGIN_ON_PASSWORD_RESET = True\n'],
    ['password', 'config/settings/base.py', 'LOGIN_URL = "account_login"\nPASSWORD_RESET_URL = "/accounts/password/reset/"\n'],
    ['password', 'shop/constants.py', 'GRANT_TYPE_PASSWORD = "password"\nTOKEN_TYPE_BEARER = "Bearer"\n'],
    ['secret', 'config/settings/base.py', 'SECRETS_MANAGER_REGION = "eu-west-1"\nSECRETS_PREFIX = "shop/prod/"\n'],
    ['api-key', 'shop/models.py', 'class APIKey(AbstractAPIKey):\n    KEY_PREFIX_LENGTH = 8\n'],
    ['password', 'config/settings/base.py', 'AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]\nAXES_PASSWORD_FORM_FIELD = "password"\n']
  ]
  for (const [cat, path, text] of settingNames) c.clean(cat, 'setting-name', path, text)

  // Token and auth URLs, URL routes
  const tokenUrls: [Category | 'none', string, string][] = [
    ['token', 'config/settings/base.py', 'SOCIAL_AUTH_GITHUB_ACCESS_TOKEN_URL = "https://github.com/login/oauth/access_token"\n'],
    ['token', 'client_secret.json', '  "token_uri": "https://oauth2.googleapis.com/token",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n'],
    ['token', 'config/settings/base.py', 'OIDC_OP_TOKEN_ENDPOINT = "https://login.shop.example.com/oauth2/token"\nOIDC_OP_JWKS_ENDPOINT = "https://login.shop.example.com/oauth2/jwks"\n'],
    ['token', 'config/urls.py', '    path("api/token/", TokenObtainPairView.as_view(), name="token_obtain_pair"),\n    path("api/token/refresh/", TokenRefreshView.as_view(), name="token_refresh"),\n'],
    ['password', 'config/urls.py', '    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),\n'],
    ['token', 'shop/urls.py', '    re_path(r"^activate/(?P<uidb64>[0-9A-Za-z_\\-]+)/(?P<token>[0-9A-Za-z]{1,13}-[0-9A-Za-z]{1,40})/$", views.activate, name="activate"),\n'],
    ['token', 'templates/registration/password_reset_email.html', '{{ protocol }}://{{ domain }}{% url \'password_reset_confirm\' uidb64=uid token=token %}\n'],
    ['token', 'config/openid.yml', 'token_endpoint: https://login.shop.example.com/oauth2/token\nuserinfo_endpoint: https://login.shop.example.com/oauth2/userinfo\n'],
    ['token', 'shop/emails.py', '    link = f"https://shop.example.com/verify/?token={token}&uid={uid}"\n'],
    ['api-key', 'docs/integrations.md', 'Requests go to `https://api.partner.example.net/v2/feed?api_key=<your key>`.\n']
  ]
  for (const [cat, path, text] of tokenUrls) c.clean(cat, 'token-url', path, text)

  // Public keys, certificates and public identifiers
  const publics: [Category | 'none', string, string][] = [
    ['private-key', 'keys/jwt_public.pem', `${publicBlock(g, 'PUBLIC KEY')}\n`],
    ['private-key', 'certs/ca.crt', `${publicBlock(g, 'CERTIFICATE', 900)}\n`],
    ['private-key', 'keys/rsa.pub.pem', `${publicBlock(g, 'RSA PUBLIC KEY', 270)}\n`],
    ['private-key', 'deploy/authorized_keys', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${g.token(B64, 43)} deploy@ci\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${g.bytes(380).toString('base64')} ops@bastion\n`],
    ['private-key', 'deploy/known_hosts', `github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${g.token(B64, 43)}\n`],
    ['signing-key', 'config/settings/production.py', `SIMPLE_JWT = {"ALGORITHM": "RS256", "VERIFYING_KEY": """${publicBlock(g, 'PUBLIC KEY')}"""}\n`],
    ['private-key', 'keys/release.asc', `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${g.bytes(300).toString('base64').match(/.{1,64}/g)?.join('\n')}\n-----END PGP PUBLIC KEY BLOCK-----\n`],
    ['stripe', 'config/settings/production.py', `STRIPE_PUBLISHABLE_KEY = "pk_live_51${g.token(ALNUM, 97)}"\n`],
    ['signing-key', 'config/settings/production.py', `RECAPTCHA_PUBLIC_KEY = "6L${g.token(B64URL, 38)}"\n`],
    ['signing-key', 'config/settings/base.py', `VAPID_PUBLIC_KEY = "B${g.token(B64URL, 86)}"\n`],
    ['api-key', 'config/settings/base.py', `SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = "${g.str(DIGITS, 12)}-${g.str('abcdefghijklmnopqrstuvwxyz0123456789', 32)}.apps.googleusercontent.com"\n`],
    ['signing-key', 'keys/jwks.json', `{"keys": [{"kty": "EC", "crv": "P-256", "x": "${g.bytes(32).toString('base64url')}", "y": "${g.bytes(32).toString('base64url')}", "use": "sig", "kid": "2026-01"}]}\n`],
    ['none', 'config/settings/base.py', `PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${g.bytes(64).toString('base64')}"\n`]
  ]
  for (const [cat, path, text] of publics) c.clean(cat, 'public-key', path, text)

  // Translations and UI strings that mention passwords and tokens
  const i18n: [Category | 'none', string, string][] = [
    ['password', 'locale/fr/LC_MESSAGES/django.po', 'msgid "Password"\nmsgstr "Mot de passe"\n'],
    ['password', 'locale/de/LC_MESSAGES/django.po', 'msgid "Your password can’t be too similar to your other personal information."\nmsgstr "Ihr Passwort darf Ihren anderen persönlichen Informationen nicht zu ähnlich sein."\n'],
    ['password', 'frontend/src/locales/fr.json', '  "password": "Mot de passe",\n  "passwordConfirm": "Confirmez le mot de passe",\n'],
    ['password', 'frontend/src/locales/de.json', '  "password": "Passwort",\n'],
    ['password', 'frontend/src/locales/es.json', '  "password": "Contraseña",\n  "forgotPassword": "¿Olvidaste tu contraseña?",\n'],
    ['token', 'frontend/src/locales/es.json', '  "token": "Token de acceso",\n  "apiKey": "Clave de API",\n'],
    ['secret', 'frontend/src/i18n/fr.ts', '  secretKey: "Clé secrète",\n'],
    ['password', 'templates/account/login.html', '<label for="id_password">{% translate "Password" %}</label>\n<input type="password" name="password" autocomplete="current-password" placeholder="{% translate \'Password\' %}">\n'],
    ['password', 'users/forms.py', '    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))\n'],
    ['password', 'users/forms.py', '    error_messages = {"password_mismatch": _("The two password fields didn’t match.")}\n'],
    ['password', 'users/forms.py', '        help_text=_("Enter the same password as before, for verification."),\n'],
    ['password', 'frontend/src/locales/en.json', '  "password": "Password",\n  "passwordPlaceholder": "Enter your password",\n'],
    ['password', 'frontend/src/locales/pt-BR.json', '  "password": "Senha secreta",\n'],
    ['password', 'frontend/src/components/Login.vue', '      <input v-model="password" type="password" :placeholder="$t(\'password\')" />\n']
  ]
  for (const [cat, path, text] of i18n) c.clean(cat, 'i18n', path, text)

  // Code that handles secrets without containing one
  const code: [Category | 'none', string, string][] = [
    ['token', 'shop/api/views.py', '        token, _ = Token.objects.get_or_create(user=user)\n'],
    ['password', 'users/services.py', '    user.password = make_password(raw_password)\n'],
    ['password', 'users/views.py', '    if not user.check_password(form.cleaned_data["password"]):\n'],
    ['secret', 'shop/webhooks.py', '    expected = hmac.new(settings.WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()\n'],
    ['signing-key', 'shop/signing.py', 'signer = TimestampSigner(key=settings.SECRET_KEY, salt="shop.orders")\n'],
    ['api-key', 'shop/api/keys.py', '    api_key, key = APIKey.objects.create_key(name="ci-pipeline")\n'],
    ['signing-key', 'shop/crypto.py', 'key = Fernet.generate_key()\n'],
    ['password', 'frontend/src/login.js', 'const password = document.querySelector("#password").value;\n'],
    ['token', 'frontend/src/api.js', 'fetch("/api/orders/", {headers: {"X-CSRFToken": getCookie("csrftoken")}});\n'],
    ['token', 'templates/checkout.html', '<form method="post">{% csrf_token %}\n<input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf_token }}">\n'],
    ['password', 'scripts/create_db.sh', 'read -rs -p "Password: " DB_PASSWORD\n'],
    ['token', 'scripts/deploy.sh', 'TOKEN=$(curl -s -X POST "$AUTH_URL" -d "client_id=$CLIENT_ID" | jq -r .access_token)\n'],
    ['password', 'sql/roles.sql', "CREATE ROLE shop_app WITH LOGIN PASSWORD :'app_password';\n"],
    ['password', 'users/utils.py', 'password_hash = hashlib.sha256(password.encode()).hexdigest()\n'],
    ['token', 'shop/auth.py', '        return Response({"token": token.key, "user_id": user.pk})\n'],
    ['secret', 'shop/auth.py', '    secret = settings.JWT_SECRET or settings.SECRET_KEY\n'],
    ['password', 'users/serializers.py', '        extra_kwargs = {"password": {"write_only": True, "min_length": 12}}\n'],
    ['token', 'shop/tasks.py', '    logger.info("refreshing token for %s", account.id)\n'],
    ['django-secret-key', 'shop/checks.py', '    if len(settings.SECRET_KEY) < 50 or settings.SECRET_KEY.startswith("django-insecure-"):\n'],
    ['password', 'users/models.py', '    password_changed_at = models.DateTimeField(null=True, blank=True)\n'],
    ['api-key', 'shop/clients.py', '        self.api_key = api_key or os.environ["PARTNER_API_KEY"]\n'],
    ['token', 'shop/clients.py', '        self.session.headers["Authorization"] = f"Bearer {self.token}"\n'],
    ['password', 'shop/management/commands/createadmin.py', '        password = options["password"] or get_random_string(32)\n'],
    ['secret', 'shop/management/commands/rotate_key.py', '        self.stdout.write(f"SECRET_KEY={get_random_secret_key()}")\n']
  ]
  for (const [cat, path, text] of code) c.clean(cat, 'code', path, text)
}
