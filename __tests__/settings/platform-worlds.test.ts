// The variables Vercel, Cloud Run and Azure App Service set are set in production as deployed when
// every production deployment of the module runs there (see platformEnv), and only then.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { analyzeSide } from '../../src/review.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import type { SettingsView } from '../../src/settings/view.js'

beforeAll(() => initPython())

const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\nfrom django.core.wsgi import get_wsgi_application\napp = application = get_wsgi_application()\n'

function side(files: Record<string, string>) {
  return analyzeSide(new MapFileSet(new Map(Object.entries({ 'shop/wsgi.py': WSGI, ...files }))))
}
const view = (settings: string, files: Record<string, string>): SettingsView => side({ 'shop/settings.py': settings, ...files }).views.get('shop/settings.py') as SettingsView
const value = (v: SettingsView, name: string): string => show(v.get(name).value)

describe('Vercel', () => {
  const settings = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = True\nif os.environ.get("VERCEL_ENV") == "production":\n    DEBUG = False\nSECURE_SSL_REDIRECT = "VERCEL" in os.environ\n'
  const vercel = '{\n  "builds": [{ "src": "shop/wsgi.py", "use": "@vercel/python" }],\n  "routes": [{ "src": "/(.*)", "dest": "shop/wsgi.py" }]\n}\n'

  it('a project deployed on Vercel is judged with VERCEL and VERCEL_ENV=production set', () => {
    const v = view(settings, { 'vercel.json': vercel })
    expect(value(v, 'DEBUG')).toBe('False')
    expect(value(v, 'SECURE_SSL_REDIRECT')).toBe('True')
    expect(v.onPlatformWith('VERCEL_ENV')).toBe(true)
    expect(v.entry.deployments.map((d) => d.name)).toEqual(['vercel.json'])
  })

  it('without vercel.json, or with a front end’s, the settings are judged as before', () => {
    const frontend = '{"rewrites":[{"source":"/(.*)","destination":"/index.html"}]}'
    for (const files of [{}, { 'frontend/vercel.json': frontend }] as Record<string, string>[]) {
      const v = view(settings, files)
      expect(value(v, 'DEBUG')).toBe('True or False')
      expect(value(v, 'SECURE_SSL_REDIRECT')).toBe('False or True')
      expect(v.entry.deployments).toEqual([])
    }
  })
})

describe('Cloud Run', () => {
  const settings = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nSECURE_SSL_REDIRECT = False\nif os.getenv("K_SERVICE"):\n    SECURE_SSL_REDIRECT = True\n'
  const dockerfile = 'FROM python:3.12-slim\nCOPY . /app\nCMD exec gunicorn --bind :$PORT shop.wsgi:application\n'
  const service = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  template:\n    spec:\n      containers:\n        - image: gcr.io/acme/shop\n'
  const cloudbuild = 'steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ["run", "deploy", "shop", "--source", ".", "--set-env-vars", "DJANGO_DEBUG=False"]\n'

  it('the image a Cloud Run service runs is judged with K_SERVICE set', () => {
    for (const files of [{ 'service.yaml': service }, { 'cloudbuild.yaml': cloudbuild }] as Record<string, string>[]) {
      const v = view(settings, { Dockerfile: dockerfile, ...files })
      expect(value(v, 'SECURE_SSL_REDIRECT')).toBe('True')
      expect(v.onPlatformWith('K_SERVICE')).toBe(true)
    }
  })

  it('the Dockerfile alone runs anywhere: judged as before (K_SERVICE unset)', () => {
    const v = view(settings, { Dockerfile: dockerfile })
    expect(value(v, 'SECURE_SSL_REDIRECT')).toBe('False')
    expect(v.onPlatformWith('K_SERVICE')).toBe(false)
  })

  it('a variable the platform always sets is never empty, in production as deployed and in a deployment’s world', () => {
    // Cloud Run with a production compose file beside it: K_SERVICE is set in one deployment only
    const compose = 'services:\n  web:\n    build: .\n    command: gunicorn shop.wsgi\n'
    const v = view(settings, { Dockerfile: dockerfile, 'service.yaml': service, 'docker-compose.prod.yml': compose })
    expect(v.onPlatformWith('K_SERVICE')).toBe(false)
    expect(value(v, 'SECURE_SSL_REDIRECT')).toBe('False or True')
  })
})

describe('Azure App Service', () => {
  const workflow = 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/webapps-deploy@v3\n        with:\n          app-name: shop\n'

  it('a module that tests WEBSITE_HOSTNAME is judged with it set when the repository deploys to App Service', () => {
    const settings = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = True\nif "WEBSITE_HOSTNAME" in os.environ:\n    DEBUG = False\n    ALLOWED_HOSTS = [os.environ["WEBSITE_HOSTNAME"]]\n'
    for (const files of [{ '.github/workflows/main_shop.yml': workflow }, { 'azure.yaml': 'services:\n  web:\n    project: .\n    language: py\n    host: appservice\n' }] as Record<string, string>[]) {
      const v = view(settings, files)
      expect(value(v, 'DEBUG')).toBe('False')
      expect(v.onPlatformWith('WEBSITE_HOSTNAME')).toBe(true)
    }
    expect(value(view(settings, {}), 'DEBUG')).toBe('True or False')
  })

  it('Azure’s sample: wsgi.py selects production.py on WEBSITE_HOSTNAME; production.py is what production runs, with the variable set', () => {
    const wsgi = "import os\nfrom django.core.wsgi import get_wsgi_application\nsettings_module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)\napplication = get_wsgi_application()\n"
    const base = "import os\nSECRET_KEY = 'django-insecure-dev-only'\nDEBUG = True\nALLOWED_HOSTS = []\nINSTALLED_APPS = ['django.contrib.admin']\n"
    const production = "import os\nfrom .settings import *\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = [os.environ['WEBSITE_HOSTNAME']] if 'WEBSITE_HOSTNAME' in os.environ else []\nCSRF_TRUSTED_ORIGINS = ['https://' + os.environ['WEBSITE_HOSTNAME']] if 'WEBSITE_HOSTNAME' in os.environ else []\n"
    // asgi.py, which App Service does not run, defaults to the developer's settings
    const asgi = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
    const tree = { 'shop/wsgi.py': wsgi, 'shop/asgi.py': asgi, 'shop/settings.py': base, 'shop/production.py': production }
    const s = side({ ...tree, '.github/workflows/main_shop.yml': workflow })
    expect(s.discovery.entries.filter((e) => e.production).map((e) => e.path)).toEqual(['shop/production.py'])
    expect(s.discovery.entries.find((e) => e.path === 'shop/production.py')?.reason).toBe('shop/wsgi.py:3 sets DJANGO_SETTINGS_MODULE to it')
    // deployed nowhere the repository shows, the switch decides nothing: asgi.py's default is production too
    expect(side(tree).discovery.entries.filter((e) => e.production).map((e) => e.path)).toEqual(['shop/production.py', 'shop/settings.py'])
    // a production module with no production name is found by the switch alone
    const renamed = side({ 'shop/wsgi.py': wsgi.replace('shop.production', 'shop.cloud'), 'shop/asgi.py': asgi, 'shop/settings.py': base, 'shop/cloud.py': production, '.github/workflows/main_shop.yml': workflow })
    expect(renamed.discovery.entries.filter((e) => e.production).map((e) => e.path)).toEqual(['shop/cloud.py'])
    const v = s.views.get('shop/production.py') as SettingsView
    expect(v.onPlatformWith('WEBSITE_HOSTNAME')).toBe(true)
    expect(value(v, 'DEBUG')).toBe('False')
    // set, to the app's host name, which the repository does not show
    expect(v.get('ALLOWED_HOSTS').value.kind).toBe('seq')
    expect(value(v, 'CSRF_TRUSTED_ORIGINS')).not.toContain('[]')
  })
})
