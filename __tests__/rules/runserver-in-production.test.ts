import { runserverInProduction } from '../../src/rules/runserver-in-production.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]
`
const RUNSERVER = DOCKERFILE.replace('CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]', 'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]')
const COMPOSE = 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n'

treeRuleTester(runserverInProduction, {
  valid: [
    { name: 'gunicorn', files: { Dockerfile: DOCKERFILE } },
    { name: 'Dockerfile.dev', files: { 'Dockerfile.dev': RUNSERVER } },
    { name: 'a dev build stage', files: { Dockerfile: RUNSERVER.replace('FROM python:3.12-slim', 'FROM python:3.12-slim AS dev') } },
    { name: 'a plain docker-compose.yml (a developer\'s setup)', files: { 'docker-compose.yml': COMPOSE } },
    { name: 'docker-compose.dev.yml', files: { 'docker-compose.dev.yml': COMPOSE } },
    { name: 'a devcontainer', files: { '.devcontainer/Dockerfile': RUNSERVER } },
    { name: 'Procfile.dev', files: { 'Procfile.dev': 'web: python manage.py runserver\n' } },
    { name: 'Procfile.windows (for heroku local)', files: { 'Procfile.windows': 'web: python manage.py runserver %PORT%\n' } },
    { name: 'a comment that mentions runserver', files: { Dockerfile: DOCKERFILE.replace('EXPOSE 8000', '# do not use runserver here\nEXPOSE 8000') } }
  ],
  invalid: [
    { name: 'the production Dockerfile', files: { Dockerfile: RUNSERVER }, findings: [{ path: 'Dockerfile', line: 6, severity: 'medium', message: ['Dockerfile runs `manage.py runserver`'], fix: ['gunicorn'] }] },
    { name: 'Procfile web', files: { Procfile: 'release: python manage.py migrate\nweb: python manage.py runserver 0.0.0.0:$PORT\n' }, findings: [{ path: 'Procfile', line: 2, message: ['Procfile web'] }] },
    { name: 'a compose file named for production', files: { 'docker-compose.prod.yml': COMPOSE }, findings: [{ path: 'docker-compose.prod.yml', line: 4 }] },
    { name: 'a Kubernetes container', files: { 'k8s/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          command: ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n' }, findings: [{ path: 'k8s/web.yaml', line: 9 }] },
    { name: 'render.yaml startCommand', files: { 'render.yaml': 'services:\n  - type: web\n    name: shop\n    startCommand: python manage.py runserver 0.0.0.0:$PORT\n' }, findings: [{ path: 'render.yaml', line: 4 }] }
  ],
  diffValid: [{ name: 'a Dockerfile that already ran runserver, another line edited', base: { Dockerfile: RUNSERVER }, head: { Dockerfile: RUNSERVER.replace('EXPOSE 8000', 'EXPOSE 8080') } }],
  diffInvalid: [{ name: 'runserver put into the production Dockerfile', base: { Dockerfile: DOCKERFILE }, head: { Dockerfile: RUNSERVER }, findings: [{ path: 'Dockerfile', line: 6 }] }]
})
