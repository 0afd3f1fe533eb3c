// Production settings kept outside `.py` and put in place at deploy: `settings.py.prod` copied over
// the tracked development settings.py by the Dockerfile is what production runs.
import { describe, expect, it } from '@jest/globals'
import { selectForScan } from '../../src/cli-run.js'
import { defaultConfig } from '../../src/config/config.js'
import { redactForOutput } from '../../src/redact.js'
import { scan } from '../../src/review.js'
import { gitRevisionFiles } from '../../src/sources/git.js'
import { brief, diffFiles, makeRepo, scanFiles } from '../helpers/project.js'
import { CLASSIC_SETTINGS, classic, lineOf, only, worsened } from './projects.js'

const DEV_SETTINGS = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True').replace('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")')
const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCOPY mysite/settings.py.prod mysite/settings.py\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]\n'

/** classic(): the tracked settings.py is the developer's (DEBUG = True); the Dockerfile copies the hardened settings.py.prod over it. */
function prodCopied(prod = CLASSIC_SETTINGS): Record<string, string> {
  return { ...classic(), 'mysite/settings.py': DEV_SETTINGS, 'mysite/settings.py.prod': prod, Dockerfile: DOCKERFILE }
}

describe('settings.py.prod copied by the Dockerfile', () => {
  it('DEBUG = True in the .prod file is a production finding in settings.py.prod; the dev settings.py is not judged', async () => {
    const prod = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True')
    const r = await scanFiles(prodCopied(prod))
    expect(brief(r).filter((b) => b.startsWith('debug-enabled'))).toEqual([`debug-enabled@mysite/settings.py.prod:${lineOf(prod, 'DEBUG = True')}`])
    const f = only(r, 'debug-enabled')
    expect(f.notes.join(' ')).toContain('Dockerfile line 4 copies mysite/settings.py.prod over mysite/settings.py')
    expect(r.findings.filter((x) => x.path === 'mysite/settings.py')).toEqual([])
  })

  it('a hardened .prod file and a DEBUG = True development settings.py: nothing in production', async () => {
    const r = await scanFiles(prodCopied())
    expect(r.findings.filter((f) => f.ruleId === 'debug-enabled')).toEqual([])
    expect(r.entries.find((e) => e.path === 'mysite/settings.py')?.production).toBe(false)
    expect(r.entries.find((e) => e.path === 'mysite/settings.py.prod')?.production).toBe(true)
  })

  it('without the Dockerfile line, the tracked settings.py is production again and its DEBUG = True is reported', async () => {
    const files = prodCopied()
    files.Dockerfile = DOCKERFILE.replace('COPY mysite/settings.py.prod mysite/settings.py\n', '')
    const r = await scanFiles(files)
    expect(brief(r).filter((b) => b.startsWith('debug-enabled'))).toEqual([`debug-enabled@mysite/settings.py:${lineOf(DEV_SETTINGS, 'DEBUG = True')}`])
  })

  it('a scan of a git revision reads the .prod file and reports it', async () => {
    const repo = await makeRepo()
    try {
      const sha = await repo.commit(prodCopied(CLASSIC_SETTINGS.replace('ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = ["*"]')))
      const { files } = await gitRevisionFiles(repo.dir, sha, selectForScan)
      const r = redactForOutput(await scan(files, defaultConfig()))
      expect(brief(r).filter((b) => b.includes('settings.py'))).toEqual([`allowed-hosts-wildcard@mysite/settings.py.prod:${lineOf(CLASSIC_SETTINGS, 'ALLOWED_HOSTS')}`])
    } finally {
      repo.cleanup()
    }
  })

  it('a template rendered by the entrypoint that does not parse as Python: a coverage note at its line, the rest is still read', async () => {
    const template = `${CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True')}{% if sentry_dsn %}\nSENTRY_DSN = "{{ sentry_dsn }}"\n{% endif %}\n`
    const files = {
      ...classic(),
      'mysite/settings.py': DEV_SETTINGS,
      'deploy/settings.py.j2': template,
      'deploy/entrypoint.sh': '#!/bin/sh\nset -e\nj2 /app/deploy/settings.py.j2 > /app/mysite/settings.py\nexec "$@"\n',
      Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/app/deploy/entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi:application"]\n'
    }
    const r = await scanFiles(files)
    expect(brief(r).filter((b) => b.startsWith('debug-enabled'))).toEqual([`debug-enabled@deploy/settings.py.j2:${lineOf(template, 'DEBUG = True')}`])
    expect(only(r, 'debug-enabled').notes.join(' ')).toContain('deploy/entrypoint.sh line 3 renders deploy/settings.py.j2 into mysite/settings.py')
    expect(r.notices).toContainEqual(expect.objectContaining({ path: 'deploy/settings.py.j2', line: lineOf(template, '{% if') }))
  })

  it('an example file the Dockerfile copies is production: its committed secret key is listed, not set aside as a template', async () => {
    const example = CLASSIC_SETTINGS.replace('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'SECRET_KEY = "k3v#9x!q2m@7z$w1p&e5r^t8y*u4i(o6a)s0d-f_g+h=j"')
    const files = { ...classic(), 'mysite/settings.py.example': example, Dockerfile: DOCKERFILE.replace('mysite/settings.py.prod', 'mysite/settings.py.example') }
    const r = await scanFiles(files)
    expect(r.findings.filter((f) => f.path === 'mysite/settings.py.example').map((f) => f.ruleId)).toContain('secret-key-hardcoded')
  })

  it('a lone settings.py.example no deploy step copies is left to the template rules: the tracked settings.py stays production', async () => {
    const files = { ...classic(), 'mysite/settings.py.example': CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True') }
    const r = await scanFiles(files)
    expect(r.findings.filter((f) => f.ruleId === 'debug-enabled')).toEqual([])
    expect(r.entries.map((e) => [e.path, e.production])).toEqual([['mysite/settings.py', true]])
  })

  it('a pull request that only opens ALLOWED_HOSTS in settings.py.prod gets a new finding there', async () => {
    const base = prodCopied()
    const weakened = CLASSIC_SETTINGS.replace('ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = ["*"]')
    const r = await diffFiles(base, { 'mysite/settings.py.prod': weakened })
    expect(worsened(r)).toEqual([`allowed-hosts-wildcard@mysite/settings.py.prod:${lineOf(weakened, 'ALLOWED_HOSTS')}`])
  })

  it('a pull request that starts copying a .prod file with DEBUG on over the hardened settings.py: new in the .prod file', async () => {
    const base = { ...classic(), Dockerfile: DOCKERFILE.replace('COPY mysite/settings.py.prod mysite/settings.py\n', '') }
    const prod = CLASSIC_SETTINGS.replace('DEBUG = False', 'DEBUG = True')
    const r = await diffFiles(base, { 'mysite/settings.py.prod': prod, Dockerfile: DOCKERFILE })
    expect(worsened(r)).toEqual([`debug-enabled@mysite/settings.py.prod:${lineOf(prod, 'DEBUG = True')}`])
  })
})

describe('a configuration module the production compose service mounts (netbox 24e361dc50)', () => {
  const KEY = 'r8OwDznj!!dci#P9ghmRfdu1Ysxm0AiPeDCQhKE+N_rClfWNj'
  const SETTINGS = [
    'try:',
    '    import configuration',
    'except ImportError:',
    '    raise ImproperlyConfigured("define configuration.py")',
    "for setting in ['ALLOWED_HOSTS', 'SECRET_KEY']:",
    '    try:',
    '        globals()[setting] = getattr(configuration, setting)',
    '    except AttributeError:',
    '        raise ImproperlyConfigured(setting)',
    "DEBUG = getattr(configuration, 'DEBUG', False)",
    'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]',
    ''
  ].join('\n')
  const base = {
    'netbox/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbox.settings")\n',
    'netbox/netbox/__init__.py': '',
    'netbox/netbox/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbox.settings")\n',
    'netbox/netbox/settings.py': `from django.core.exceptions import ImproperlyConfigured\n${SETTINGS}`,
    'netbox/netbox/configuration.example.py': "ALLOWED_HOSTS = []\nSECRET_KEY = ''\n"
  }
  const docker = {
    'netbox/netbox/configuration.docker.py': "import os\nALLOWED_HOSTS = [os.environ.get('ALLOWED_HOSTS', '')]\nSECRET_KEY = os.environ.get('SECRET_KEY', '')\n",
    Dockerfile: 'FROM python:3.12\nRUN git clone https://example.org/netbox.git /opt/netbox && pip install -r /opt/netbox/requirements.txt\nCMD ["gunicorn", "netbox.wsgi"]\n',
    'docker-compose.yml': `services:\n  netbox:\n    build: .\n    environment:\n      ALLOWED_HOSTS: localhost\n      SECRET_KEY: ${KEY}\n    volumes:\n      - $PWD/netbox/netbox/configuration.docker.py:/opt/netbox/netbox/netbox/configuration.py:ro\n`
  }

  it("a change adding the compose deployment: the key it commits reaches SECRET_KEY through `import configuration`; the mounted module is read through settings.py, not judged alone", async () => {
    const r = await diffFiles(base, docker)
    const worse = worsened(r)
    expect(worse).toContain('secret-key-hardcoded@docker-compose.yml:6')
    expect(worse.filter((w) => w.includes('configuration.docker.py'))).toEqual([])
    expect(r.entries.map((e) => e.path)).not.toContain('netbox/netbox/configuration.docker.py')
    expect(only(r, 'secret-key-hardcoded').message).toContain('netbox/netbox/configuration.docker.py:3 reads it, and netbox/netbox/settings.py:8 takes it')
    expect(JSON.stringify(r)).not.toContain(KEY)
  })
})
