// The deploy analysis as a whole: which files are deploy files, and every deployment a tree describes.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf, findDeployments, isDeployFile, isProductionRole } from '../../src/deploy/index.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import { envValues, fileSet, named, roles } from './helpers.js'

describe('isDeployFile', () => {
  it.each([
    'docker-compose.yml',
    'deploy/docker-compose.prod.yaml',
    'Dockerfile',
    'compose/production/django/Dockerfile',
    'Procfile',
    'app.json',
    'render.yaml',
    'fly.toml',
    '.do/app.yaml',
    'app.yaml',
    'railway.json',
    'k8s/deployment.yaml',
    'deploy/web.yml',
    'charts/shop/templates/deployment.yaml',
    'infra/kubernetes/web.yaml',
    'uwsgi.ini',
    'gunicorn.conf.py',
    'deploy/gunicorn.service',
    'supervisord.conf'
  ])('%s is a deploy file', (path) => {
    expect(isDeployFile(path)).toBe(true)
  })

  it.each(['pytest.ini', 'tox.ini', 'backend/pytest.ini', 'mypy.ini', 'setup.cfg', 'shop/settings.py', 'manage.py', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'mkdocs.yml', '.pre-commit-config.yaml', 'README.md', 'requirements.txt', 'package.json', 'config/deployment.yaml.md', 'shop/fixtures/deploy.yaml'])('%s is not', (path) => {
    expect(isDeployFile(path)).toBe(false)
  })
})

describe('isProductionRole', () => {
  it('serving and worker are production; release, build and development are not', () => {
    expect((['serving', 'worker', 'release', 'build', 'development'] as const).map(isProductionRole)).toEqual([true, true, false, false, false])
  })
})

describe('deploymentsOf', () => {
  it('dispatches each kind of file to its parser', () => {
    const files = fileSet()
    expect(deploymentsOf('docker-compose.yml', 'services:\n  web:\n    build: .\n    command: gunicorn shop.wsgi\n', files).map((d) => d.name)).toEqual(['docker-compose.yml service web'])
    expect(deploymentsOf('Dockerfile', 'FROM python:3.12\nCMD gunicorn shop.wsgi\n', files).map((d) => d.name)).toEqual(['Dockerfile'])
    expect(deploymentsOf('Procfile', 'web: gunicorn shop.wsgi\n', files).map((d) => d.name)).toEqual(['Procfile web'])
    expect(deploymentsOf('uwsgi.ini', '[uwsgi]\nenv = DJANGO_SETTINGS_MODULE=shop.settings\n', files).map((d) => d.name)).toEqual(['uwsgi.ini'])
    expect(deploymentsOf('k8s/web.yaml', 'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: shop\n', files).map((d) => d.name)).toEqual(['k8s/web.yaml container web'])
  })

  it('a Kubernetes manifest named app.yaml is read as Kubernetes, not lost as a non-App-Engine app.yaml', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop\n          env:\n            - name: DJANGO_SETTINGS_MODULE\n              value: shop.settings.k8s\n'
    const found = deploymentsOf('k8s/app.yaml', text, fileSet())
    expect(found.map((d) => [d.name, d.settings?.value])).toEqual([['k8s/app.yaml container web', 'shop.settings.k8s']])
    // an App Engine app.yaml is still App Engine's
    expect(deploymentsOf('app.yaml', 'runtime: python312\nenv_variables:\n  DJANGO_SETTINGS_MODULE: shop.settings.gae\n', fileSet()).map((d) => [d.name, d.settings?.value])).toEqual([['app.yaml', 'shop.settings.gae']])
  })

  it('files that are not deploy files describe nothing', () => {
    expect(deploymentsOf('pytest.ini', '[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.test\n', fileSet())).toEqual([])
    expect(deploymentsOf('tox.ini', '[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = shop.settings.test\n[uwsgi]\nenv = DJANGO_SETTINGS_MODULE=x\n', fileSet())).toEqual([])
    expect(deploymentsOf('shop/settings.py', 'DEBUG = True\n', fileSet())).toEqual([])
  })

  it.each(['docker-compose.yml', 'Dockerfile', 'Procfile', 'app.json', 'render.yaml', 'fly.toml', '.do/app.yaml', 'app.yaml', 'railway.json', 'railway.toml', 'k8s/web.yaml', 'uwsgi.ini', 'gunicorn.conf.py', 'deploy/web.service', 'supervisord.conf', 'vercel.json', 'service.yaml', 'cloudbuild.yaml', 'azure.yaml', '.github/workflows/deploy.yml'])('%s: hostile content never throws', (path) => {
    const hostile = [
      '',
      '\u0000\u0001\u0002\uFFFD\u001b[0m',
      '{[(<"\'`'.repeat(10_000),
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      `${'{'.repeat(10_000)}${'}'.repeat(10_000)}`,
      `${'  '.repeat(2000)}kind: Pod\ncontainers:\n`,
      'a: &a [x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nkind: Pod\nspec:\n  containers: *c\n',
      '[uwsgi]\nenv = ${A:-\nExecStart=${\ncommand=$(\n',
      'x'.repeat(1_000_000)
    ]
    for (const text of hostile) {
      let found: unknown
      expect(() => (found = deploymentsOf(path, text, fileSet({ [path]: text, '.env': text, 'app.json': text })))).not.toThrow()
      expect(Array.isArray(found)).toBe(true)
    }
  })
})

describe('findDeployments', () => {
  it('collects every deployment of a Django project tree, and only from deploy files', () => {
    const tree = {
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
      'config/settings/production.py': 'from .base import *\nDEBUG = False\n',
      'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = config.settings.test\n',
      '.env': 'DJANGO_SETTINGS_MODULE=config.settings.production\nPOSTGRES_PASSWORD=secret\n',
      'docker-compose.yml': `services:
  web:
    build: .
    command: gunicorn config.wsgi
    environment:
      DJANGO_SETTINGS_MODULE: \${DJANGO_SETTINGS_MODULE:-config.settings.base}
  worker:
    build: .
    command: celery -A config worker
    env_file: .env
  db:
    image: postgres:16
`,
      'docker-compose.local.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n    volumes:\n      - .:/app\n',
      Dockerfile: 'FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=config.settings.production\nRUN DJANGO_SETTINGS_MODULE=config.settings.build python manage.py collectstatic --noinput\nCMD ["gunicorn", "config.wsgi"]\n',
      Procfile: 'release: python manage.py migrate\nweb: gunicorn config.wsgi\n',
      'app.json': '{"env": {"DJANGO_SETTINGS_MODULE": "config.settings.heroku"}}',
      'k8s/web.yaml': 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop\n          env:\n            - name: DJANGO_SETTINGS_MODULE\n              value: config.settings.k8s\n'
    }
    const found = findDeployments(fileSet(tree))
    expect(roles(found)).toEqual({
      'docker-compose.yml service web': 'serving',
      'docker-compose.yml service worker': 'worker',
      'docker-compose.local.yml service web': 'development',
      Dockerfile: 'serving',
      'Dockerfile RUN at line 3': 'build',
      'Procfile release': 'release',
      'Procfile web': 'serving',
      'k8s/web.yaml container web': 'serving'
    })
    const settings = Object.fromEntries(found.map((d) => [d.name, d.settings?.value]))
    expect(settings).toEqual({
      'docker-compose.yml service web': 'config.settings.production',
      'docker-compose.yml service worker': 'config.settings.production',
      'docker-compose.local.yml service web': undefined,
      Dockerfile: 'config.settings.production',
      'Dockerfile RUN at line 3': 'config.settings.build',
      'Procfile release': 'config.settings.heroku',
      'Procfile web': 'config.settings.heroku',
      'k8s/web.yaml container web': 'config.settings.k8s'
    })
    expect(envValues(named(found, 'worker')).POSTGRES_PASSWORD).toBe('secret')
  })

  it('a listed file the source did not read is skipped', () => {
    const files = new MapFileSet(new Map([['Procfile', 'web: gunicorn shop.wsgi\n']]), ['Procfile', 'Dockerfile', 'docker-compose.yml'])
    expect(findDeployments(files).map((d) => d.name)).toEqual(['Procfile web'])
  })

  it('an empty tree, or one without deploy files, has no deployments', () => {
    expect(findDeployments(fileSet())).toEqual([])
    expect(findDeployments(fileSet({ 'manage.py': '', 'shop/settings.py': 'DEBUG = False\n', 'tox.ini': '[uwsgi]\nenv = A=b\n' }))).toEqual([])
  })
})
