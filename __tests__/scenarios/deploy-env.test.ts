// Scenarios about the environment a production deployment gives its settings module: compose
// `environment:` and `env_file:`, interpolation defaults, env templates a user copies, development
// compose files (silent), and a change to a deploy file alone. Real git repositories, real Python.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles, scanFiles, type Files } from '../helpers/project.js'
import { lineOf, only } from './projects.js'

const SETTINGS = `import environ

env = environ.Env()

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["shop.example.com"])
ROOT_URLCONF = "shop.urls"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`
const SECRET_LINE = lineOf(SETTINGS, 'SECRET_KEY = env(')
const HOSTS_LINE = lineOf(SETTINGS, 'ALLOWED_HOSTS = env.list')

const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n'

/** A compose file whose `web` service runs gunicorn with the given environment lines. */
function compose(environment: string[], extra = ''): string {
  return ['services:', '  web:', '    image: shop/web:1.4', '    command: gunicorn shop.wsgi --bind 0.0.0.0:8000', '    environment:', ...environment.map((e) => `      - ${e}`), extra].join('\n')
}

function project(files: Files = {}): Files {
  return { 'shop/settings.py': SETTINGS, 'shop/wsgi.py': WSGI, 'shop/__init__.py': '', ...files }
}

const KEY = 'Zx9-fixed-committed-key-Qw7-Lm2-Rt5'

describe('the environment of a production compose service', () => {
  it('a placeholder SECRET_KEY for the production service is weak, at the compose line, naming the settings line', async () => {
    const r = await scanFiles(project({ 'docker-compose.yml': compose(['SECRET_KEY=changeme', 'DATABASE_HOST=db']) }))
    const weak = only(r, 'secret-key-weak')
    expect(weak.path).toBe('docker-compose.yml')
    expect(weak.line).toBe(6)
    expect(weak.message).toContain('well-known placeholder')
    expect(weak.message).toContain(`shop/settings.py:${SECRET_LINE} reads it`)
    expect(weak.message).toContain('docker-compose.yml service web')
    expect(brief(r)).toContain('secret-key-hardcoded@docker-compose.yml:6')
  })

  it('a committed key in `${SECRET_KEY:-…}` is hardcoded, and stays masked in message and evidence', async () => {
    const r = await scanFiles(project({ 'docker-compose.yml': compose([`SECRET_KEY=\${SECRET_KEY:-${KEY}}`]) }))
    const f = only(r, 'secret-key-hardcoded')
    expect(f.path).toBe('docker-compose.yml')
    expect(f.line).toBe(6)
    expect(f.message).toContain('committed in a deploy file')
    expect(f.message).toContain(`shop/settings.py:${SECRET_LINE}`)
    for (const g of r.findings) {
      expect(g.message).not.toContain(KEY.slice(2, 10))
      expect(g.evidence ?? '').not.toContain(KEY.slice(2, 10))
      expect(g.notes.join('\n')).not.toContain(KEY.slice(2, 10))
    }
  })

  it('`${ALLOWED_HOSTS-*}`: the compose default gives production "*"', async () => {
    const r = await scanFiles(project({ 'docker-compose.yml': compose(['SECRET_KEY', 'ALLOWED_HOSTS=${ALLOWED_HOSTS-*}']) }))
    const f = only(r, 'allowed-hosts-wildcard')
    expect(f.path).toBe('docker-compose.yml')
    expect(f.line).toBe(7)
    expect(f.message).toContain(`shop/settings.py:${HOSTS_LINE} reads it`)
  })

  it('an env_file sets ALLOWED_HOSTS=*: the finding points at the env file line', async () => {
    const r = await scanFiles(project({ 'docker-compose.yml': compose(['SECRET_KEY'], '    env_file:\n      - docker.env\n'), 'docker.env': 'POSTGRES_DB=shop\nALLOWED_HOSTS=*\n' }))
    expect(brief(r)).toEqual(['allowed-hosts-wildcard@docker.env:2'])
    expect(r.findings[0].severity).toBe('high')
  })

  it('a variable the service passes through unset leaves the default out: nothing is reported', async () => {
    const r = await scanFiles(project({ 'docker-compose.yml': compose(['SECRET_KEY', 'ALLOWED_HOSTS', 'DEBUG=${DEBUG}']) }))
    expect(brief(r)).toEqual([])
  })

  it('a development compose file (runserver) is not production: its values are not reported', async () => {
    const dev = ['services:', '  web:', '    build: .', '    command: python manage.py runserver 0.0.0.0:8000', '    environment:', '      - SECRET_KEY=changeme', '      - ALLOWED_HOSTS=*', ''].join('\n')
    const r = await scanFiles(project({ 'docker-compose.yml': dev }))
    expect(brief(r).filter((b) => !b.startsWith('hardcoded-credential'))).toEqual([])
  })
})

describe('env templates a user copies', () => {
  it('an env_file that is git-ignored, with a committed .example template setting "*", is medium', async () => {
    const r = await scanFiles(
      project({
        'docker-compose.yml': compose(['SECRET_KEY'], '    env_file:\n      - .env/prod.env\n'),
        '.env/prod.env.example': '# copy to prod.env and fill in\nALLOWED_HOSTS=*\n'
      })
    )
    expect(brief(r)).toEqual(['allowed-hosts-wildcard@.env/prod.env.example:2'])
    const f = r.findings[0]
    expect(f.severity).toBe('medium')
    expect(f.message).toContain('a template a user would copy to .env/prod.env')
    expect(f.notes.join('\n')).toContain('a template a user would copy')
  })
})

describe('a change to a deploy file alone', () => {
  it('adding ALLOWED_HOSTS=* to the env file of the production service is new, at the env file line', async () => {
    const base = project({ 'docker-compose.yml': compose(['SECRET_KEY'], '    env_file:\n      - docker.env\n'), 'docker.env': 'POSTGRES_DB=shop\n' })
    const r = await diffFiles(base, { 'docker.env': 'POSTGRES_DB=shop\nALLOWED_HOSTS=*\n' })
    expect(brief(r)).toEqual(['allowed-hosts-wildcard@docker.env:2[new]'])
    expect(r.findings[0].message).toContain(`shop/settings.py:${HOSTS_LINE} reads it`)
  })

  it('an env_file with a name no reader knows is read on demand, on the side that names it', async () => {
    const base = project({ 'docker-compose.yml': compose(['SECRET_KEY']), 'envs/production': 'ALLOWED_HOSTS=*\n' })
    const r = await diffFiles(base, { 'docker-compose.yml': compose(['SECRET_KEY'], '    env_file: envs/production\n') })
    expect(brief(r)).toEqual(['allowed-hosts-wildcard@envs/production:1[new]'])
  })

  it('a compose edit that gives the service a placeholder key is new; its removal is a fix', async () => {
    const base = project({ 'docker-compose.yml': compose(['SECRET_KEY']) })
    const head = compose(['SECRET_KEY=changeme'])
    const r = await diffFiles(base, { 'docker-compose.yml': head })
    expect(brief(r)).toEqual(['secret-key-hardcoded@docker-compose.yml:6[new]', 'secret-key-weak@docker-compose.yml:6[new]'])
    const back = await diffFiles({ ...base, 'docker-compose.yml': head }, { 'docker-compose.yml': compose(['SECRET_KEY']) })
    expect(brief(back)).toEqual(['secret-key-hardcoded@docker-compose.yml:6[absent]', 'secret-key-weak@docker-compose.yml:6[absent]'])
  })
})
