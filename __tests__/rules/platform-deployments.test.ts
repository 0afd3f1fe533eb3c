// End to end: settings that switch on what Vercel, Cloud Run or Azure App Service set are judged
// with the variable set when the repository deploys there, and as before when it does not.
import { debugEnabled } from '../../src/rules/debug-enabled.js'
import { debugInDeployConfig } from '../../src/rules/debug-in-deploy-config.js'
import { sslRedirectDisabled } from '../../src/rules/ssl-redirect-disabled.js'
import { ruleTester } from '../helpers/rule-tester.js'

const py = (...lines: string[]): string => `${lines.join('\n')}\n`
const WSGI = py('import os', 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")', 'from django.core.wsgi import get_wsgi_application', 'app = application = get_wsgi_application()')
const VERCEL = '{\n  "builds": [{ "src": "mysite/wsgi.py", "use": "@vercel/python" }],\n  "routes": [{ "src": "/(.*)", "dest": "mysite/wsgi.py" }]\n}\n'
const DOCKERFILE = 'FROM python:3.12-slim\nCOPY . /app\nCMD exec gunicorn --bind :$PORT mysite.wsgi:application\n'
const KNATIVE = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: mysite\nspec:\n  template:\n    spec:\n      containers:\n        - image: gcr.io/acme/mysite\n'
const AZURE_WORKFLOW = 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/webapps-deploy@v3\n        with:\n          app-name: mysite\n'

const vercelDebug = py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'DEBUG = True', 'if os.environ.get("VERCEL_ENV") == "production":', '    DEBUG = False')
const MIDDLEWARE = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]'
const vercelSsl = py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'DEBUG = False', MIDDLEWARE, 'SECURE_SSL_REDIRECT = "VERCEL" in os.environ')
const cloudRunSsl = py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'DEBUG = False', MIDDLEWARE, 'SECURE_SSL_REDIRECT = False', 'if os.getenv("K_SERVICE"):', '    SECURE_SSL_REDIRECT = True')
const azureDebug = py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]', 'if "WEBSITE_HOSTNAME" in os.environ:', '    DEBUG = False', 'else:', '    DEBUG = True')

const tree = (settings: string, deploy: Record<string, string> = {}): Record<string, string> => ({ 'mysite/settings.py': settings, 'mysite/wsgi.py': WSGI, ...deploy })

ruleTester(debugEnabled, {
  valid: [
    { name: 'Vercel: VERCEL_ENV is production on a production deployment', code: tree(vercelDebug, { 'vercel.json': VERCEL }) },
    { name: 'Azure App Service (a webapps-deploy workflow): WEBSITE_HOSTNAME is set', code: tree(azureDebug, { '.github/workflows/main_mysite.yml': AZURE_WORKFLOW }) }
  ],
  invalid: [
    { name: 'the same settings without vercel.json: VERCEL_ENV may be unset', code: tree(vercelDebug), findings: [{ line: 3 }] },
    { name: 'a front end’s vercel.json deploys no Django', code: tree(vercelDebug, { 'frontend/vercel.json': '{"rewrites":[{"source":"/(.*)","destination":"/index.html"}]}' }), findings: [{ line: 3 }] },
    { name: 'the Azure settings deployed elsewhere (a Procfile)', code: tree(azureDebug, { Procfile: 'web: gunicorn mysite.wsgi\n' }), findings: [{ line: 6 }] }
  ]
})

ruleTester(sslRedirectDisabled, {
  valid: [
    { name: 'Vercel sets VERCEL', code: tree(vercelSsl, { 'vercel.json': VERCEL }) },
    { name: 'Cloud Run (a Knative service running the Dockerfile’s image) sets K_SERVICE', code: tree(cloudRunSsl, { Dockerfile: DOCKERFILE, 'service.yaml': KNATIVE }) }
  ],
  invalid: [
    { name: 'the Vercel settings without vercel.json: VERCEL may be unset', code: tree(vercelSsl), findings: [{ line: 5 }] },
    { name: 'the Cloud Run settings with only the Dockerfile: K_SERVICE is unset', code: tree(cloudRunSsl, { Dockerfile: DOCKERFILE }), findings: [{ line: 5 }] }
  ]
})

ruleTester(debugInDeployConfig, {
  valid: [{ name: 'a front end’s vercel.json env is no Django process’s', code: tree(vercelSsl, { 'frontend/vercel.json': '{"env":{"DEBUG":"true"}}' }) }],
  invalid: [
    {
      name: 'a Cloud Build step deploys production with DEBUG on (a CI file, but its deploy step is production)',
      code: tree(vercelSsl, { 'cloudbuild.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["build", "-t", "gcr.io/acme/mysite", "."]\n  - name: gcr.io/cloud-builders/gcloud\n    args: ["run", "deploy", "mysite", "--image", "gcr.io/acme/mysite", "--set-env-vars", "DJANGO_DEBUG=True"]\n' }),
      findings: [{ path: 'cloudbuild.yaml', line: 4, message: ['Cloud Run service mysite'] }]
    },
    { name: 'vercel.json env turns DEBUG on for the Vercel deployment', code: tree(vercelSsl, { 'vercel.json': '{\n  "builds": [{ "src": "mysite/wsgi.py", "use": "@vercel/python" }],\n  "env": {\n    "DJANGO_DEBUG": "True"\n  }\n}\n' }), findings: [{ path: 'vercel.json', line: 4, message: ['vercel.json'] }] }
  ]
})
