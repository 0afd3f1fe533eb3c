// PaaS descriptions: Heroku Procfile + app.json, Render, Fly.io, DigitalOcean, App Engine, Railway.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf } from '../../src/deploy/index.js'
import { isPaasFile, paasDeployments } from '../../src/deploy/paas.js'
import { envLines, envValues, fileSet, named, roles } from './helpers.js'

const paas = (path: string, text: string, siblings: Record<string, string> = {}) => paasDeployments(path, text, (p) => (p === path ? text : siblings[p]))

const APP_JSON = `{
  "name": "shop",
  "env": {
    "DJANGO_SETTINGS_MODULE": { "value": "config.settings.heroku" },
    "DJANGO_SECRET_KEY": { "generator": "secret" },
    "DJANGO_ALLOWED_HOSTS": { "description": "Hosts to serve", "required": true },
    "DJANGO_DEBUG": "False",
    "WEB_CONCURRENCY": { "value": "3", "required": false }
  },
  "addons": ["heroku-postgresql"]
}
`

describe('isPaasFile', () => {
  it.each(['Procfile', 'Procfile.dev', 'backend/Procfile', 'app.json', 'render.yaml', 'fly.toml', '.do/app.yaml', 'app.yaml', 'gae/app.yml', 'railway.json', 'railway.toml'])('%s is a PaaS file', (path) => {
    expect(isPaasFile(path)).toBe(true)
  })

  it.each(['package.json', 'render.yml.bak', 'fly.io.md', 'apps.yaml', 'railway.md'])('%s is not', (path) => {
    expect(isPaasFile(path)).toBe(false)
  })
})

describe('Heroku: Procfile and app.json', () => {
  it('each Procfile line is a process with its role, given the env of app.json', () => {
    const text = 'release: python manage.py migrate --noinput\nweb: gunicorn config.wsgi:application --log-file -\nworker: celery -A config worker --loglevel=info\nclock: python manage.py run_scheduler\n'
    const found = paas('Procfile', text, { 'app.json': APP_JSON })
    expect(roles(found)).toEqual({ 'Procfile release': 'release', 'Procfile web': 'serving', 'Procfile worker': 'worker', 'Procfile clock': 'worker' })
    expect(found.map((d) => d.line)).toEqual([1, 2, 3, 4])
    const web = named(found, 'web')
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.heroku', DJANGO_SECRET_KEY: undefined, DJANGO_ALLOWED_HOSTS: undefined, DJANGO_DEBUG: 'False', WEB_CONCURRENCY: '3' })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.heroku', path: 'app.json', line: 4 })
    expect(envLines(web)).toMatchObject({ DJANGO_SECRET_KEY: 'app.json:5', DJANGO_DEBUG: 'app.json:7' })
  })

  it('a DJANGO_SETTINGS_MODULE= prefix or --settings on a line is that process’s settings', () => {
    const text = 'web: DJANGO_SETTINGS_MODULE=config.settings.production gunicorn config.wsgi\nrelease: python manage.py migrate --settings=config.settings.release\nworker: celery -A config worker\n'
    const found = paas('Procfile', text, { 'app.json': APP_JSON })
    expect(named(found, 'web').settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: 'Procfile', line: 1 })
    expect(named(found, 'release').settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.release', path: 'Procfile', line: 2 })
    expect(named(found, 'worker').settings?.value).toBe('config.settings.heroku')
    // each process has its own environment
    expect(envValues(named(found, 'worker')).DJANGO_SETTINGS_MODULE).toBe('config.settings.heroku')
  })

  it('a $VAR in a line is the process environment’s value, or unknown', () => {
    const found = paas('Procfile', 'web: DJANGO_SETTINGS_MODULE=$DJANGO_SETTINGS_MODULE gunicorn shop.wsgi\nworker: DJANGO_SETTINGS_MODULE=$CELERY_SETTINGS celery -A shop worker\n', { 'app.json': APP_JSON })
    expect(named(found, 'web').settings).toMatchObject({ value: 'config.settings.heroku', path: 'Procfile', line: 1 })
    expect(named(found, 'worker').env.has('DJANGO_SETTINGS_MODULE')).toBe(true)
    expect(named(found, 'worker').settings?.value).toBeUndefined()
  })

  it('a line that collects static files before serving is serving; runserver is development', () => {
    const found = paas('Procfile', 'web: python manage.py collectstatic --noinput && gunicorn shop.wsgi\ndev: python manage.py runserver 0.0.0.0:$PORT\n')
    expect(roles(found)).toEqual({ 'Procfile web': 'serving', 'Procfile dev': 'development' })
  })

  it('comments, blank lines, Windows line endings and non-process lines are skipped', () => {
    const found = paas('Procfile', '# processes\r\n\r\nweb: gunicorn shop.wsgi\r\nnot a process line\r\n  # worker: celery -A shop worker\r\n')
    expect(found.map((d) => [d.name, d.line, d.role])).toEqual([['Procfile web', 3, 'serving']])
  })

  it.each(['Procfile.dev', 'Procfile.test', 'examples/heroku/Procfile'])('every process of %s is not production', (path) => {
    const found = paas(path, 'web: gunicorn shop.wsgi\nworker: celery -A shop worker\n')
    expect(found).toHaveLength(2)
    for (const d of found) {
      expect(d.role).toBe('development')
      expect(d.why).toBeTruthy()
    }
  })

  it('app.json alone is one serving deployment; beside a Procfile it gives its env to the processes instead', () => {
    const alone = paas('app.json', APP_JSON)
    expect(alone).toHaveLength(1)
    expect(alone[0]).toMatchObject({ path: 'app.json', role: 'serving', settings: { value: 'config.settings.heroku', line: 4 } })
    expect(paas('app.json', APP_JSON, { Procfile: 'web: gunicorn shop.wsgi\n' })).toEqual([])
  })

  it('a Procfile in a subfolder reads the app.json beside it', () => {
    const found = paas('backend/Procfile', 'web: gunicorn shop.wsgi\n', { 'backend/app.json': APP_JSON, 'app.json': '{"env": {"DJANGO_SETTINGS_MODULE": "wrong.settings"}}' })
    expect(found[0].settings).toMatchObject({ value: 'config.settings.heroku', path: 'backend/app.json' })
  })

  it('a broken or odd app.json gives no env, without throwing', () => {
    for (const app of ['{ not json', '', 'null', '[]', '{"env": "text"}', '{"env": {"A": 1, "B": null, "C": ["x"]}}']) {
      const found = paas('Procfile', 'web: gunicorn shop.wsgi\n', { 'app.json': app })
      expect(found).toHaveLength(1)
      expect(found[0].settings).toBeUndefined()
    }
  })
})

describe('Render: render.yaml', () => {
  const RENDER = `databases:
  - name: shopdb
services:
  - type: web
    name: shop
    runtime: python
    buildCommand: ./build.sh
    startCommand: gunicorn shop.wsgi:application
    envVars:
      - key: DJANGO_SETTINGS_MODULE
        value: shop.settings.render
      - key: SECRET_KEY
        generateValue: true
      - key: DATABASE_URL
        fromDatabase:
          name: shopdb
          property: connectionString
      - key: ALLOWED_HOSTS
        sync: false
  - type: worker
    name: celery
    startCommand: celery -A shop worker
    envVars:
      - key: DJANGO_SETTINGS_MODULE
        value: shop.settings.worker
  - type: redis
    name: cache
    ipAllowList: []
`

  it('each service is a deployment with its envVars; generated, linked and unsynced values are unknown', () => {
    const found = paas('render.yaml', RENDER)
    expect(roles(found)).toEqual({ 'render.yaml service shop': 'serving', 'render.yaml service celery': 'worker' })
    const web = named(found, 'shop')
    expect(web.line).toBe(4)
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.render', SECRET_KEY: undefined, DATABASE_URL: undefined, ALLOWED_HOSTS: undefined })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.render', path: 'render.yaml', line: 10 })
    expect(named(found, 'celery').settings?.value).toBe('shop.settings.worker')
  })

  it('a start command with --settings gives the settings', () => {
    const found = paas('render.yaml', 'services:\n  - type: web\n    name: web\n    startCommand: python manage.py migrate --settings=shop.settings.render && gunicorn shop.wsgi\n')
    expect(found[0]).toMatchObject({ role: 'serving', settings: { value: 'shop.settings.render' } })
  })
})

describe('Fly.io: fly.toml', () => {
  it('[env] is every process’s environment; [processes] are the processes', () => {
    const text = `app = "shop"
primary_region = "ams"

[env]
  PORT = 8000
  DJANGO_SETTINGS_MODULE = "shop.settings.fly"
  DJANGO_DEBUG = "False"

[processes]
  app = "gunicorn shop.wsgi --bind :8000"
  worker = "celery -A shop worker"
`
    const found = paas('fly.toml', text)
    expect(roles(found)).toEqual({ 'fly.toml app': 'serving', 'fly.toml worker': 'worker' })
    for (const d of found) expect(envValues(d)).toEqual({ PORT: '8000', DJANGO_SETTINGS_MODULE: 'shop.settings.fly', DJANGO_DEBUG: 'False' })
    expect(named(found, 'app').settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.fly', path: 'fly.toml', line: 6 })
  })

  it('without [processes] the app is one serving process', () => {
    const found = paas('fly.toml', 'app = "shop"\n[env]\n  DJANGO_SETTINGS_MODULE = "shop.settings.fly"\n')
    expect(found.map((d) => [d.name, d.role, d.settings?.value])).toEqual([['fly.toml app', 'serving', 'shop.settings.fly']])
  })

  it('each variable is reported at its own line, not where its name first appears as text', () => {
    const text = `# DJANGO_SETTINGS_MODULE and DEBUG are set in [env] below
app = "shop"

[env]
  DJANGO_DEBUG = "False"
  DEBUG = "False"
  DJANGO_SETTINGS_MODULE = "shop.settings.fly"
`
    const app = named(paas('fly.toml', text), 'app')
    expect(envLines(app)).toEqual({ DJANGO_DEBUG: 'fly.toml:5', DEBUG: 'fly.toml:6', DJANGO_SETTINGS_MODULE: 'fly.toml:7' })
    expect(app.settings?.line).toBe(7)
  })

  it('a value that is not a plain string, number or boolean is not stringified', () => {
    const app = named(paas('fly.toml', '[env]\n  DJANGO_SETTINGS_MODULE = "shop.settings.fly"\n  NESTED = { a = 1 }\n  LIST = ["a", "b"]\n[processes]\n  app = ["gunicorn", "shop.wsgi"]\n'), 'app')
    for (const value of Object.values(envValues(app))) expect(value).not.toContain('[object')
    expect(envValues(app).DJANGO_SETTINGS_MODULE).toBe('shop.settings.fly')
  })

  it('an invalid or empty fly.toml does not throw', () => {
    expect(paas('fly.toml', '[env\nDJANGO_SETTINGS_MODULE = ')).toEqual([])
    expect(paas('fly.toml', '')).toEqual([expect.objectContaining({ name: 'fly.toml app', role: 'serving' })])
  })
})

describe('DigitalOcean App Platform: .do/app.yaml', () => {
  it('app-level envs are shared, a service’s own envs override them; workers are workers', () => {
    const text = `name: shop
envs:
  - key: DJANGO_SETTINGS_MODULE
    value: shop.settings.do
    scope: RUN_AND_BUILD_TIME
  - key: DJANGO_DEBUG
    value: "False"
services:
  - name: web
    run_command: gunicorn --worker-tmp-dir /dev/shm shop.wsgi
    envs:
      - key: DJANGO_SECRET_KEY
        type: SECRET
        value: EV[1:abc:def]
      - key: DJANGO_DEBUG
        value: "0"
workers:
  - name: celery
    run_command: celery -A shop worker
`
    const found = paas('.do/app.yaml', text)
    expect(roles(found)).toEqual({ '.do/app.yaml service web': 'serving', '.do/app.yaml worker celery': 'worker' })
    const web = named(found, 'web')
    expect(envValues(web)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'shop.settings.do', DJANGO_DEBUG: '0' })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.do', path: '.do/app.yaml', line: 3 })
    expect(envValues(named(found, 'celery')).DJANGO_DEBUG).toBe('False')
  })

  it('a SECRET env is set to a value the repository does not show (its value is ciphertext)', () => {
    const text = 'services:\n  - name: web\n    envs:\n      - key: DJANGO_SECRET_KEY\n        type: SECRET\n        value: EV[1:abc:def]\n'
    const web = named(paas('.do/app.yaml', text), 'web')
    expect(web.env.has('DJANGO_SECRET_KEY')).toBe(true)
    expect(envValues(web).DJANGO_SECRET_KEY).toBeUndefined()
  })
})

describe('Google App Engine: app.yaml', () => {
  it('env_variables are the environment, entrypoint the command', () => {
    const text = `runtime: python312
entrypoint: gunicorn -b :$PORT mysite.wsgi

env_variables:
  DJANGO_SETTINGS_MODULE: "mysite.settings.gae"
  DJANGO_DEBUG: "False"

handlers:
  - url: /static
    static_dir: static/
`
    const found = paas('app.yaml', text)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ path: 'app.yaml', name: 'app.yaml', role: 'serving' })
    expect(envValues(found[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'mysite.settings.gae', DJANGO_DEBUG: 'False' })
    expect(found[0].settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'mysite.settings.gae', path: 'app.yaml', line: 5 })
  })

  it('an app.yaml without a runtime is not App Engine’s', () => {
    expect(paas('app.yaml', 'env_variables:\n  DJANGO_SETTINGS_MODULE: x.y\n')).toEqual([])
    expect(paas('app.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')).toEqual([])
  })
})

describe('Railway', () => {
  it('railway.json and railway.toml: the start command', () => {
    const json = paas('railway.json', '{\n  "build": {"builder": "NIXPACKS"},\n  "deploy": {\n    "startCommand": "python manage.py migrate && gunicorn shop.wsgi --settings-not-a-flag",\n    "restartPolicyType": "ON_FAILURE"\n  }\n}\n')
    expect(json.map((d) => [d.name, d.role, d.line])).toEqual([['railway.json', 'serving', 4]])
    const toml = paas('railway.toml', '[deploy]\nstartCommand = "DJANGO_SETTINGS_MODULE=shop.settings.railway gunicorn shop.wsgi"\n')
    expect(toml[0]).toMatchObject({ role: 'serving', line: 2, settings: { value: 'shop.settings.railway', path: 'railway.toml' } })
  })

  it('broken railway files give nothing; an odd start command is no command', () => {
    expect(paas('railway.json', '{ "deploy": ')).toEqual([])
    expect(paas('railway.toml', '[deploy\n')).toEqual([])
    expect(() => paas('railway.json', 'null')).not.toThrow()
    for (const odd of ['{"deploy": {"startCommand": {"a": 1}}}', '{"deploy": {"startCommand": ["gunicorn"]}}', '{"deploy": 3}']) {
      const found = paas('railway.json', odd)
      expect(found.map((d) => [d.role, d.settings])).toEqual([['serving', undefined]])
    }
  })
})

describe('PaaS files: hostile or odd input', () => {
  it.each([
    ['render.yaml', 'services: [unclosed\n'],
    ['render.yaml', ''],
    ['render.yaml', 'services: 42\n'],
    ['render.yaml', 'services:\n  - 1\n  - [a]\n  - type: static\n'],
    ['.do/app.yaml', 'services: {'],
    ['.do/app.yaml', 'services:\n  - nope\nworkers: 3\nenvs: text\n'],
    ['app.yaml', 'runtime: [\n'],
    ['Procfile', ''],
    ['Procfile', '\u0000\u0001:\uFFFD\n:::\n']
  ])('%s with odd content gives no deployment', (path, text) => {
    expect(paas(path, text)).toEqual([])
  })

  it('a huge Procfile and deeply nested YAML do not throw', () => {
    const procfile = Array.from({ length: 10_000 }, (_, i) => `p${i}: gunicorn shop.wsgi --workers ${i}`).join('\n')
    expect(paas('Procfile', procfile)).toHaveLength(10_000)
    const deep = `services: ${'['.repeat(5000)}${']'.repeat(5000)}\n`
    expect(() => deploymentsOf('render.yaml', deep, fileSet())).not.toThrow()
    expect(deploymentsOf('render.yaml', deep, fileSet())).toEqual([])
  })
})

describe('platform variables', () => {
  it('each platform sets the variables settings test to know they run there, unless the file sets them', () => {
    const [web] = paas('Procfile', 'web: gunicorn mysite.wsgi\n')
    expect(web.env.has('DYNO')).toBe(true)
    expect(web.env.get('DYNO')?.value).toBeUndefined()
    const [render] = paas('render.yaml', 'services:\n  - type: web\n    name: shop\n    startCommand: gunicorn shop.wsgi\n    envVars:\n      - key: RENDER\n        value: "no"\n')
    expect(render.env.get('RENDER')?.value).toBe('no')
    const [fly] = paas('fly.toml', 'app = "shop"\n[env]\n  DEBUG = "0"\n')
    expect([...fly.env.keys()].sort()).toEqual(['DEBUG', 'FLY_APP_NAME', 'FLY_REGION'])
  })
})
