// Docker Compose files: each Django service, with the environment compose gives it and its role.
import { describe, expect, it } from '@jest/globals'
import { composeDeployments, isComposeFile } from '../../src/deploy/compose.js'
import { deploymentsOf } from '../../src/deploy/index.js'
import { envLines, envValues, fileSet, named, roles } from './helpers.js'

const compose = (path: string, text: string, files: Record<string, string> = {}) => composeDeployments(path, text, fileSet({ [path]: text, ...files }))

describe('isComposeFile', () => {
  it.each(['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml', 'docker-compose.prod.yml', 'docker-compose-production.yml', 'deploy/docker-compose.prod.yaml', 'compose.override.yml', 'Docker-Compose.YML'])('%s is a compose file', (path) => {
    expect(isComposeFile(path)).toBe(true)
  })

  it.each(['composer.json', 'composer.yml', 'my-docker-compose.yml', 'docker-compose.yml.bak', 'docs/compose.md', 'compose/production/django/Dockerfile', 'k8s/deployment.yaml'])('%s is not', (path) => {
    expect(isComposeFile(path)).toBe(false)
  })
})

describe('composeDeployments: environment', () => {
  it('reads `environment:` as a map, with the line of each key', () => {
    const text = `services:
  web:
    image: shop:latest
    command: gunicorn config.wsgi:application --bind 0.0.0.0:8000
    environment:
      DJANGO_SETTINGS_MODULE: config.settings.production
      DJANGO_DEBUG: "False"
      WORKERS: 4
      DJANGO_ALLOWED_HOSTS:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: postgres
`
    const found = compose('docker-compose.yml', text)
    expect(found.map((d) => d.name)).toEqual(['docker-compose.yml service web'])
    const web = found[0]
    expect(web).toMatchObject({ path: 'docker-compose.yml', line: 2, role: 'serving' })
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production', DJANGO_DEBUG: 'False', WORKERS: '4', DJANGO_ALLOWED_HOSTS: undefined })
    expect(envLines(web)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'docker-compose.yml:6', DJANGO_DEBUG: 'docker-compose.yml:7' })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: 'docker-compose.yml', line: 6 })
  })

  it('reads `environment:` as a list of KEY=value, with the line of each item', () => {
    const text = `version: "3.8"
services:
  web:
    build: .
    environment:
      - DJANGO_SETTINGS_MODULE=shop.settings.prod
      - "SECRET_KEY=change-me"
      - DEBUG=0
      - DATABASE_URL=postgres://shop:shop@db:5432/shop?sslmode=disable
`
    const web = named(compose('docker-compose.prod.yml', text), 'web')
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.prod', SECRET_KEY: 'change-me', DEBUG: '0', DATABASE_URL: 'postgres://shop:shop@db:5432/shop?sslmode=disable' })
    expect(envLines(web)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'docker-compose.prod.yml:6', DEBUG: 'docker-compose.prod.yml:8' })
    expect(web.settings?.value).toBe('shop.settings.prod')
    expect(web.role).toBe('serving')
  })

  it('reads `env_file:` as a string and as a list, relative to the compose file, environment overriding it', () => {
    const files = {
      '.envs/.production/.django': 'DJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECRET_KEY=from-env-file\nDJANGO_DEBUG=False\n',
      '.envs/.production/.postgres': 'POSTGRES_HOST=postgres\nPOSTGRES_DB=shop\n',
      'deploy/web.env': 'DJANGO_SETTINGS_MODULE=shop.settings.deploy\n'
    }
    const list = `services:
  django:
    build: .
    env_file:
      - ./.envs/.production/.django
      - ./.envs/.production/.postgres
    environment:
      DJANGO_SECRET_KEY: overridden
    command: /start
`
    const django = named(compose('docker-compose.production.yml', list, files), 'django')
    expect(envValues(django)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production', DJANGO_SECRET_KEY: 'overridden', DJANGO_DEBUG: 'False', POSTGRES_HOST: 'postgres', POSTGRES_DB: 'shop' })
    expect(django.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: '.envs/.production/.django', line: 1 })
    expect(envLines(django)).toMatchObject({ POSTGRES_DB: '.envs/.production/.postgres:2', DJANGO_SECRET_KEY: 'docker-compose.production.yml:8' })

    const single = `services:
  web:
    image: shop
    env_file: web.env
    command: gunicorn shop.wsgi
`
    expect(named(compose('deploy/docker-compose.yml', single, files), 'web').settings).toMatchObject({ value: 'shop.settings.deploy', path: 'deploy/web.env', line: 1 })

    const parent = `services:
  web:
    image: shop
    env_file:
      - path: ../.envs/.production/.django
        required: true
      - path: ./missing.env
        required: false
`
    expect(named(compose('deploy/docker-compose.yml', parent, files), 'web').settings?.value).toBe('config.settings.production')
  })

  it('interpolates ${VAR:-default} from the .env next to the compose file', () => {
    const text = `services:
  web:
    build: .
    command: gunicorn config.wsgi
    environment:
      DJANGO_SETTINGS_MODULE: \${DJANGO_SETTINGS_MODULE:-config.settings.production}
      DJANGO_DEBUG: \${DJANGO_DEBUG:-False}
      DATABASE_URL: postgres://\${POSTGRES_USER}:\${POSTGRES_PASSWORD}@db/shop
      SITE_NAME: \${SITE_NAME}
      PRICE: "5$$"
`
    const withDotenv = named(compose('docker/docker-compose.yml', text, { 'docker/.env': 'DJANGO_SETTINGS_MODULE=config.settings.staging\nPOSTGRES_USER=shop\nPOSTGRES_PASSWORD=secret\n' }), 'web')
    expect(envValues(withDotenv)).toEqual({
      DJANGO_SETTINGS_MODULE: 'config.settings.staging',
      DJANGO_DEBUG: 'False',
      DATABASE_URL: 'postgres://shop:secret@db/shop',
      SITE_NAME: undefined,
      PRICE: '5$'
    })
    expect(withDotenv.settings?.value).toBe('config.settings.staging')

    // a .env elsewhere in the tree is not the project directory's
    const elsewhere = named(compose('docker/docker-compose.yml', text, { '.env': 'DJANGO_SETTINGS_MODULE=config.settings.staging\n' }), 'web')
    expect(elsewhere.settings?.value).toBe('config.settings.production')
    expect(envValues(elsewhere).DATABASE_URL).toBeUndefined()
  })

  it('a variable named without a value is passed through from the .env', () => {
    const text = `services:
  web:
    image: shop
    command: gunicorn shop.wsgi
    environment:
      - DJANGO_SETTINGS_MODULE
      - SECRET_KEY
  worker:
    image: shop
    command: celery -A shop worker
    environment:
      DJANGO_SETTINGS_MODULE:
`
    const found = compose('compose.yaml', text, { '.env': 'DJANGO_SETTINGS_MODULE=shop.settings.production\n' })
    expect(envValues(named(found, 'web'))).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', SECRET_KEY: undefined })
    expect(named(found, 'worker').settings).toMatchObject({ value: 'shop.settings.production', path: 'compose.yaml', line: 12 })
  })

  it('reads --settings and inline variables of the command', () => {
    const text = `services:
  web:
    image: shop
    command: ["sh", "-c", "python manage.py migrate --settings=shop.settings.prod && gunicorn shop.wsgi"]
  asgi:
    image: shop
    command: DJANGO_SETTINGS_MODULE=\${SETTINGS:-shop.settings.asgi} daphne shop.asgi:application
`
    const found = compose('docker-compose.yml', text)
    expect(named(found, 'web').settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.prod', path: 'docker-compose.yml', line: 2 })
    expect(named(found, 'asgi').settings?.value).toBe('shop.settings.asgi')
    expect(roles(found)).toEqual({ 'docker-compose.yml service web': 'serving', 'docker-compose.yml service asgi': 'serving' })
  })

  it('a --settings that uses a compose variable is interpolated', () => {
    const text = `services:
  web:
    image: shop
    command: python manage.py runserver 0.0.0.0:8000 --settings=\${SETTINGS:-shop.settings.local}
`
    expect(named(compose('docker-compose.yml', text), 'web').settings?.value).toBe('shop.settings.local')
    expect(named(compose('docker-compose.yml', text, { '.env': 'SETTINGS=shop.settings.dev\n' }), 'web').settings?.value).toBe('shop.settings.dev')
  })

  it('services that do not run Django are skipped', () => {
    const text = `services:
  db:
    image: postgres:16
  redis:
    image: redis:7
    command: redis-server --appendonly yes
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
`
    expect(compose('docker-compose.yml', text)).toEqual([])
  })
})

describe('composeDeployments: roles', () => {
  const base = (service: string) => `services:\n  web:\n    image: shop\n${service}`

  it('a service running manage.py runserver is development, saying why', () => {
    const web = named(compose('docker-compose.yml', base('    command: python manage.py runserver 0.0.0.0:8000\n')), 'web')
    expect(web).toMatchObject({ role: 'development', why: 'it runs manage.py runserver, the development server' })
  })

  it('runserver behind sh -c / bash -c is development', () => {
    const text = base('    command: >\n      bash -c "python manage.py migrate &&\n               python manage.py runserver 0.0.0.0:8000"\n')
    expect(named(compose('docker-compose.yml', text), 'web').role).toBe('development')
  })

  it.each([
    ['short syntax .:/app', '    command: gunicorn shop.wsgi --reload\n    volumes:\n      - .:/app\n', '.'],
    ['short syntax ./:/code with a mode', '    command: gunicorn shop.wsgi\n    volumes:\n      - "./:/code:cached"\n', './'],
    ['the parent folder', '    command: gunicorn shop.wsgi\n    volumes:\n      - ..:/workspace\n', '..'],
    ['long syntax bind', '    command: gunicorn shop.wsgi\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n', '.']
  ])('mounting the source tree (%s) is development', (_, service, source) => {
    const web = named(compose('docker-compose.yml', base(service)), 'web')
    expect(web.role).toBe('development')
    expect(web.why).toBe(`it mounts the source tree (${source}) into the container`)
  })

  it('mounting the source tree in a compose file named for production (a server deployed by git pull) still serves', () => {
    expect(named(compose('docker-compose.prod.yml', base('    command: gunicorn shop.wsgi\n    volumes:\n      - .:/code\n')), 'web').role).toBe('serving')
  })

  it('mounting data, config or named volumes is not development', () => {
    const text = base('    command: gunicorn shop.wsgi\n    volumes:\n      - static:/app/staticfiles\n      - ./nginx/conf.d:/etc/nginx/conf.d\n      - /var/run/docker.sock:/var/run/docker.sock\n')
    expect(named(compose('docker-compose.yml', text), 'web').role).toBe('serving')
  })

  it.each([
    ['DEBUG=1', '      - DEBUG=1\n'],
    ['DEBUG=True', '      - DEBUG=True\n'],
    ['DJANGO_DEBUG=true', '      - DJANGO_DEBUG=true\n'],
    ['DEBUG=on', '      - "DEBUG= on "\n']
  ])('%s in its environment is development', (_, entry) => {
    const web = named(compose('docker-compose.yml', base(`    command: gunicorn shop.wsgi\n    environment:\n${entry}`)), 'web')
    expect(web.role).toBe('development')
    expect(web.why).toMatch(/^its environment sets (DJANGO_)?DEBUG=/)
  })

  it('DEBUG turned on through the .env interpolation is development too; DEBUG off is not', () => {
    const text = base('    command: gunicorn shop.wsgi\n    environment:\n      DEBUG: ${DEBUG:-0}\n')
    expect(named(compose('docker-compose.yml', text), 'web').role).toBe('serving')
    expect(named(compose('docker-compose.yml', text, { '.env': 'DEBUG=1\n' }), 'web').role).toBe('development')
    expect(named(compose('docker-compose.yml', base('    command: gunicorn shop.wsgi\n    environment:\n      DEBUG: "False"\n')), 'web').role).toBe('serving')
  })

  it.each(['test', 'tests', 'pytest', 'ci'])('a service named %s is development', (name) => {
    const text = `services:\n  ${name}:\n    build: .\n    command: gunicorn shop.wsgi\n`
    const d = named(compose('docker-compose.yml', text), name)
    expect(d).toMatchObject({ role: 'development', why: `the service is named ${name}` })
  })

  it('a service running the tests is development', () => {
    const text = `services:
  web:
    build: .
    command: gunicorn shop.wsgi
  checks:
    build: .
    command: python manage.py test --settings=shop.settings.test
  unit:
    build: .
    command: ["pytest", "-x"]
`
    const found = compose('docker-compose.yml', text)
    expect(roles(found)).toEqual({ 'docker-compose.yml service web': 'serving', 'docker-compose.yml service checks': 'development', 'docker-compose.yml service unit': 'development' })
    expect(named(found, 'checks').settings?.value).toBe('shop.settings.test')
  })

  it.each(['docker-compose.dev.yml', 'docker-compose.override.yml', 'compose.local.yaml', 'docker-compose.test.yml', '.devcontainer/docker-compose.yml'])('every service of %s is development', (path) => {
    const text = `services:\n  web:\n    build: .\n    command: gunicorn shop.wsgi\n  worker:\n    build: .\n    command: celery -A shop worker\n`
    const found = compose(path, text)
    expect(found).toHaveLength(2)
    for (const d of found) {
      expect(d.role).toBe('development')
      expect(d.why).toBeTruthy()
    }
  })

  it('celery is a worker, migrate a release step, in a production compose file', () => {
    const text = `services:
  web:
    image: shop
    command: gunicorn shop.wsgi
  worker:
    image: shop
    command: celery -A shop worker -l info
  beat:
    image: shop
    command: ["celery", "-A", "shop", "beat"]
  migrate:
    image: shop
    command: python manage.py migrate --noinput
`
    expect(roles(compose('docker-compose.prod.yml', text))).toEqual({
      'docker-compose.prod.yml service web': 'serving',
      'docker-compose.prod.yml service worker': 'worker',
      'docker-compose.prod.yml service beat': 'worker',
      'docker-compose.prod.yml service migrate': 'release'
    })
  })

  it("a celery worker that mounts the source tree or turns DEBUG on is a developer's, not a production worker", () => {
    const text = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    volumes:
      - .:/app
  celery:
    build: .
    command: celery -A shop worker -l debug
    volumes:
      - .:/app
  beat:
    build: .
    command: celery -A shop beat
    environment:
      - DEBUG=1
`
    const found = compose('docker-compose.yml', text)
    expect(roles(found)).toEqual({ 'docker-compose.yml service web': 'development', 'docker-compose.yml service celery': 'development', 'docker-compose.yml service beat': 'development' })
    expect(named(found, 'celery').why).toBe('it mounts the source tree (.) into the container')
  })
})

describe('composeDeployments: YAML anchors and merge keys', () => {
  it('a service that merges another (cookiecutter-django) gets its env_file and build', () => {
    const text = `volumes:
  production_postgres_data: {}

services:
  django: &django
    build:
      context: .
      dockerfile: ./compose/production/django/Dockerfile
    image: shop_production_django
    env_file:
      - ./.envs/.production/.django
      - ./.envs/.production/.postgres
    command: /start

  postgres:
    image: postgres:16

  celeryworker:
    <<: *django
    image: shop_production_celeryworker
    command: /start-celeryworker
`
    const files = { '.envs/.production/.django': 'DJANGO_SETTINGS_MODULE=config.settings.production\n', '.envs/.production/.postgres': 'POSTGRES_DB=shop\n' }
    const found = compose('docker-compose.production.yml', text, files)
    expect(found.map((d) => d.name)).toEqual(['docker-compose.production.yml service django', 'docker-compose.production.yml service celeryworker'])
    const worker = named(found, 'celeryworker')
    expect(worker.settings).toMatchObject({ value: 'config.settings.production', path: '.envs/.production/.django' })
    expect(envValues(worker)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production', POSTGRES_DB: 'shop' })
  })

  it('an environment given by an alias, or merged from an x- extension field, is read', () => {
    const text = `x-django-env: &django-env
  DJANGO_SETTINGS_MODULE: shop.settings.production
  DJANGO_DEBUG: "False"

services:
  web:
    image: shop
    command: gunicorn shop.wsgi
    environment: *django-env
  worker:
    image: shop
    command: celery -A shop worker
    environment:
      <<: *django-env
      DJANGO_DEBUG: "True"
`
    const found = compose('docker-compose.yml', text)
    expect(envValues(named(found, 'web'))).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_DEBUG: 'False' })
    expect(envValues(named(found, 'worker'))).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_DEBUG: 'True' })
    expect(named(found, 'worker').role).toBe('development')
  })
})

describe('composeDeployments: hostile or odd input', () => {
  it.each([
    ['invalid YAML', 'services:\n  web:\n    image: [unclosed\n'],
    ['an empty file', ''],
    ['no services', 'version: "3"\n'],
    ['services as a list', 'services:\n  - web\n'],
    ['services as a string', 'services: web\n'],
    ['a scalar document', 'just text']
  ])('%s gives no deployment and does not throw', (_, text) => {
    expect(compose('docker-compose.yml', text)).toEqual([])
  })

  it('odd values inside a service do not throw', () => {
    const text = `services:
  web:
    build: .
    command: 42
    environment: "not a map"
    env_file: 7
    volumes: "nope"
  worker:
    build: .
    command: [1, null, {a: b}]
    environment:
      - 12
      - null
      - "=value without a name"
    env_file: [{}, {path: null}]
`
    const found = compose('docker-compose.yml', text)
    expect(found.map((d) => d.role)).toEqual(['serving', 'serving'])
  })

  it('deeply nested or huge input returns a sane result', () => {
    const deep = `services:\n  web: ${'['.repeat(5000)}${']'.repeat(5000)}\n`
    expect(() => deploymentsOf('docker-compose.yml', deep, fileSet())).not.toThrow()
    expect(deploymentsOf('docker-compose.yml', deep, fileSet())).toEqual([])

    const many = `services:\n  web:\n    build: .\n    environment:\n${Array.from({ length: 5000 }, (_, i) => `      VAR_${i}: "${i}"\n`).join('')}      DJANGO_SETTINGS_MODULE: shop.settings\n`
    const web = named(compose('docker-compose.yml', many), 'web')
    expect(web.env.size).toBe(5001)
    expect(web.settings?.line).toBe(5005)

    const laughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nservices:\n  web:\n    build: .\n    command: *d\n    environment: *d\n`
    expect(() => deploymentsOf('docker-compose.yml', laughs, fileSet())).not.toThrow()

    // merge keys fanning out exponentially, and a merge chain longer than any real file
    const levels = Array.from({ length: 12 }, (_, i) => (i === 0 ? 'm0: &m0 {A: "1"}' : `m${i}: &m${i} {<<: [${Array.from({ length: 9 }, () => `*m${i - 1}`).join(', ')}]}`))
    const fan = `${levels.join('\n')}\nservices:\n  web:\n    <<: *m11\n    build: .\n    environment:\n      <<: *m11\n`
    const started = Date.now()
    const fanned = deploymentsOf('docker-compose.yml', fan, fileSet())
    expect(Date.now() - started).toBeLessThan(5000)
    expect(fanned.map((d) => d.name)).toEqual(['docker-compose.yml service web'])
  })
})

describe('env_file templates', () => {
  it('a git-ignored env_file is read from its committed template, each variable marked with the file it is copied to', () => {
    const text = 'services:\n  web:\n    image: shop\n    command: gunicorn shop.wsgi\n    env_file:\n      - .env/prod.env\n'
    const [web] = compose('docker/docker-compose.yml', text, { 'docker/.env/prod.env.example': '# copy me\nALLOWED_HOSTS=*\n' })
    expect(web.env.get('ALLOWED_HOSTS')).toEqual({ name: 'ALLOWED_HOSTS', value: '*', path: 'docker/.env/prod.env.example', line: 2, copiedTo: 'docker/.env/prod.env' })
  })

  it('a committed env_file is read as it is, its template ignored', () => {
    const text = 'services:\n  web:\n    image: shop\n    command: gunicorn shop.wsgi\n    env_file: prod.env\n'
    const [web] = compose('docker-compose.yml', text, { 'prod.env': 'ALLOWED_HOSTS=shop.example.com\n', 'prod.env.example': 'ALLOWED_HOSTS=*\n' })
    expect(envLines(web)).toEqual({ ALLOWED_HOSTS: 'prod.env:1' })
    expect(web.env.get('ALLOWED_HOSTS')?.copiedTo).toBeUndefined()
  })
})
