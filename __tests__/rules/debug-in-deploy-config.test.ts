import { describe, expect, it } from '@jest/globals'
import { debugInDeployConfig } from '../../src/rules/debug-in-deploy-config.js'
import { brief, scanFiles } from '../helpers/project.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV DJANGO_SETTINGS_MODULE=shop.settings \\
    PYTHONUNBUFFERED=1
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]
`
const COMPOSE = `services:
  web:
    build: .
    command: gunicorn shop.wsgi:application
    environment:
      - DJANGO_SETTINGS_MODULE=shop.settings
`
const debugDockerfile = (value: string): string => DOCKERFILE.replace('    PYTHONUNBUFFERED=1', `    DJANGO_DEBUG=${value}`)

treeRuleTester(debugInDeployConfig, {
  valid: [
    { name: 'DEBUG off in the Dockerfile', files: { Dockerfile: debugDockerfile('False') } },
    { name: 'DEBUG=0', files: { Dockerfile: debugDockerfile('0') } },
    { name: 'a development Dockerfile', files: { 'Dockerfile.dev': debugDockerfile('True') } },
    { name: 'a dev compose file', files: { 'docker-compose.dev.yml': COMPOSE.replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=1') } },
    { name: 'a plain compose service running runserver (a developer\'s)', files: { 'docker-compose.yml': COMPOSE.replace('gunicorn shop.wsgi:application', 'python manage.py runserver 0.0.0.0:8000').replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=1') } },
    { name: 'a compose service that mounts the source tree', files: { 'docker-compose.yml': COMPOSE.replace('    environment:', '    volumes:\n      - .:/app\n    environment:').replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=1') } },
    { name: 'a plain docker-compose.yml turning DEBUG on (the developer\'s, next to docker-compose.prod.yml)', files: { 'docker-compose.yml': COMPOSE.replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=1'), 'docker-compose.prod.yml': COMPOSE } },
    { name: 'a devcontainer', files: { '.devcontainer/docker-compose.yml': COMPOSE.replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=true') } },
    { name: 'another variable named like DEBUG', files: { Dockerfile: DOCKERFILE.replace('    PYTHONUNBUFFERED=1', '    SQL_DEBUG=1') } }
  ],
  invalid: [
    { name: 'Dockerfile ENV', files: { Dockerfile: debugDockerfile('True') }, findings: [{ path: 'Dockerfile', line: 4, severity: 'high', message: ['DJANGO_DEBUG=True is given to Dockerfile, a production process'], fix: ['DJANGO_DEBUG=False'] }] },
    { name: 'compose environment (on, yes, 1) in a compose file named for production', files: { 'docker-compose.prod.yml': COMPOSE.replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=on\n      - DJANGO_DEBUG=yes') }, findings: [{ path: 'docker-compose.prod.yml', line: 6, message: ['DEBUG=on', 'docker-compose.prod.yml service web'] }, { path: 'docker-compose.prod.yml', line: 7 }] },
    { name: 'a production compose file running runserver', files: { 'docker-compose.prod.yml': COMPOSE.replace('gunicorn shop.wsgi:application', 'python manage.py runserver 0.0.0.0:8000').replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DEBUG=True') }, findings: [{ path: 'docker-compose.prod.yml', line: 6 }] },
    { name: 'Kubernetes env', files: { 'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          env:\n            - name: DJANGO_DEBUG\n              value: "true"\n' }, findings: [{ path: 'k8s/deployment.yaml', line: 12 }] },
    { name: 'Procfile command line', files: { Procfile: 'web: DEBUG=True gunicorn shop.wsgi\n' }, findings: [{ path: 'Procfile', line: 1, message: ['Procfile web'] }] },
    { name: 'app.json beside a Procfile, named once for both processes', files: { Procfile: 'web: gunicorn shop.wsgi\nworker: celery -A shop worker\n', 'app.json': '{\n  "env": {\n    "DJANGO_DEBUG": "True"\n  }\n}\n' }, findings: [{ path: 'app.json', line: 3, message: ['Procfile web, Procfile worker'] }] },
    { name: 'render.yaml', files: { 'render.yaml': 'services:\n  - type: web\n    name: shop\n    startCommand: gunicorn shop.wsgi\n    envVars:\n      - key: DEBUG\n        value: "True"\n' }, findings: [{ path: 'render.yaml', line: 6 }] },
    { name: 'fly.toml', files: { 'fly.toml': 'app = "shop"\n\n[env]\n  DJANGO_DEBUG = "1"\n' }, findings: [{ path: 'fly.toml', line: 4 }] }
  ],
  diffValid: [{ name: 'a Dockerfile already with DEBUG on, another line edited', base: { Dockerfile: debugDockerfile('True') }, head: { Dockerfile: debugDockerfile('True').replace('WORKDIR /app', 'WORKDIR /srv') } }],
  diffInvalid: [
    { name: 'DEBUG turned on in the Dockerfile', base: { Dockerfile: DOCKERFILE }, head: { Dockerfile: debugDockerfile('1') }, findings: [{ path: 'Dockerfile', line: 4 }] },
    { name: 'DEBUG turned on in a plain docker-compose.yml service that served before', base: { 'docker-compose.yml': COMPOSE }, head: { 'docker-compose.yml': COMPOSE.replace('      - DJANGO_SETTINGS_MODULE=shop.settings', '      - DJANGO_SETTINGS_MODULE=shop.settings\n      - DEBUG=True') }, findings: [{ path: 'docker-compose.yml', line: 7 }] }
  ]
})

describe('debug-in-deploy-config next to debug-enabled', () => {
  it('a deploy line debug-enabled already reports (the production settings read it) gets one comment, from debug-enabled', async () => {
    const settings = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"\nALLOWED_HOSTS = ["shop.example.com"]\n'
    const r = await scanFiles({ 'shop/settings.py': settings, Dockerfile: debugDockerfile('True') })
    expect(brief(r).filter((b) => b.includes('Dockerfile'))).toEqual(['debug-enabled@Dockerfile:4'])
  })

  it('a deploy line the settings do not connect (they read another variable) is still reported by debug-in-deploy-config', async () => {
    const settings = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = os.environ.get("APP_DEBUG", "False") == "True"\nALLOWED_HOSTS = ["shop.example.com"]\n'
    const r = await scanFiles({ 'shop/settings.py': settings, Dockerfile: debugDockerfile('True') })
    expect(brief(r).filter((b) => b.includes('Dockerfile'))).toEqual(['debug-in-deploy-config@Dockerfile:4'])
  })
})
