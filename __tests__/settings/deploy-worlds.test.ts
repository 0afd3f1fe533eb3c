// Deployment worlds: the environment a production deploy file gives its settings module is one more
// world, whose values are alternatives in production, pointed at the deploy-file line.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { show } from '../../src/python/values.js'
import { judge } from '../../src/rules/helpers.js'
import { analyzeSide } from '../../src/review.js'
import { MapFileSet } from '../../src/sources/changeset.js'
import { distinctDeployments, fromTemplate } from '../../src/settings/deploy-worlds.js'
import type { SettingsView } from '../../src/settings/view.js'
import type { Deployment } from '../../src/deploy/index.js'

beforeAll(() => initPython())

const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n'

function view(settings: string, files: Record<string, string>): SettingsView {
  const side = analyzeSide(new MapFileSet(new Map(Object.entries({ 'shop/settings.py': settings, 'shop/wsgi.py': WSGI, ...files }))))
  return side.views.get('shop/settings.py') as SettingsView
}

const service = (env: string[], command = 'gunicorn shop.wsgi', name = 'web'): string => [`  ${name}:`, '    image: shop', `    command: ${command}`, '    environment:', ...env.map((e) => `      - ${e}`)].join('\n')
const compose = (...services: string[]): string => ['services:', ...services, ''].join('\n')

describe('deployment worlds', () => {
  it("a production service's value is an alternative, its binding at the compose line and naming the settings line", () => {
    const v = view('import os\nALLOWED_HOSTS = os.environ.get("HOSTS", "shop.example.com").split(",")\n', { 'docker-compose.yml': compose(service(['HOSTS=*'])) })
    const hosts = v.get('ALLOWED_HOSTS')
    expect(show(hosts.value)).toBe("['shop.example.com'] or ['*']")
    const supplied = hosts.binding?.alternatives?.find((b) => b.supplied)
    expect(supplied?.loc).toEqual({ path: 'docker-compose.yml', line: 6, endLine: 6 })
    expect(supplied?.supplied).toEqual({ variable: 'HOSTS', by: 'docker-compose.yml service web', read: { path: 'shop/settings.py', line: 2, endLine: 2 }, assigned: { path: 'shop/settings.py', line: 2, endLine: 2 } })
    // the probe worlds are left as they are
    expect(show(v.get('ALLOWED_HOSTS', 4).value)).toBe("['True']")
  })

  it('a required variable the deployment sets takes its value: production as deployed could not know it', () => {
    const v = view('import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n', { 'docker-compose.yml': compose(service(['SECRET_KEY=changeme'])) })
    expect(show(v.get('SECRET_KEY').value)).toBe("'changeme'")
    expect(v.get('SECRET_KEY').binding?.loc.path).toBe('docker-compose.yml')
  })

  it('variables the deployment does not set stay unset (defaults apply); one set to an unknown value adds nothing', () => {
    const settings = 'import os\nDEBUG = os.environ.get("DEBUG", "0") == "1"\nSECRET_KEY = os.environ.get("SECRET_KEY", "fallback-key")\n'
    const v = view(settings, { 'docker-compose.yml': compose(service(['OTHER=1', 'SECRET_KEY=${SECRET_KEY}'])) })
    expect(show(v.get('DEBUG').value)).toBe('False')
    expect(show(v.get('SECRET_KEY').value)).toBe("'fallback-key'")
    expect(v.get('SECRET_KEY').binding?.alternatives).toBeUndefined()
  })

  it("a deployment that leaves a setting unset gives Django's default, located at the module, where production as deployed cannot know it", () => {
    // split fragments: one deployment sets the cookie flag, the other never does (tabbycat's Heroku and Render)
    const settings = 'import os\nif os.environ.get("ON_HEROKU"):\n    CSRF_COOKIE_SECURE = True\nelif os.environ.get("ON_RENDER"):\n    pass\nelse:\n    from .local import *\n'
    const v = view(settings, {
      'Procfile': 'web: gunicorn shop.wsgi\n',
      'app.json': JSON.stringify({ env: { ON_HEROKU: '1' } }),
      'render.yaml': 'services:\n  - type: web\n    name: shop\n    startCommand: gunicorn shop.wsgi\n    envVars:\n      - key: ON_RENDER\n        value: "true"\n'
    })
    const flag = v.get('CSRF_COOKIE_SECURE')
    expect(show(flag.value)).toBe('True or False')
    expect(flag.defaultAmong).toBe(true)
    // a rule judging the False finds no assignment for it: Django's default, not the Heroku branch's line
    expect(judge(flag, (x) => x.kind === 'bool' && !x.value).binding).toBeNull()
  })

  it('a development service (runserver) gives no world', () => {
    const v = view('import os\nALLOWED_HOSTS = os.environ.get("HOSTS", "shop.example.com").split(",")\n', { 'docker-compose.yml': compose(service(['HOSTS=*'], 'python manage.py runserver')) })
    expect(show(v.get('ALLOWED_HOSTS').value)).toBe("['shop.example.com']")
  })

  it('a "X" in os.environ test sees the variables the deployment sets', () => {
    const v = view('import os\nDEBUG = "DEV_MODE" in os.environ\n', { 'docker-compose.yml': compose(service(['DEV_MODE'])) })
    expect(show(v.get('DEBUG').value)).toBe('False or True')
  })

  it("what the platform sets in every process is set in production as deployed, when every production deployment runs there", () => {
    const settings = 'import os\nSECURE_SSL_REDIRECT = False\nif "DYNO" in os.environ:\n    SECURE_SSL_REDIRECT = True\nHOST = os.environ.get("DYNO", "local")\n'
    const heroku = view(settings, { Procfile: 'web: gunicorn shop.wsgi\n' })
    expect(show(heroku.get('SECURE_SSL_REDIRECT').value)).toBe('True')
    // set, to a value the repository does not show: the default does not apply
    expect(heroku.get('HOST').value.kind).toBe('unknown')
    // a production image of its own runs elsewhere, where DYNO is unset
    const both = view(settings, { Procfile: 'web: gunicorn shop.wsgi\n', Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "shop.wsgi"]\n' })
    expect(show(both.get('SECURE_SSL_REDIRECT').value)).toBe('False or True')
    // no deployment described: unset, or set as any presence switch may be
    expect(show(view(settings, {}).get('SECURE_SSL_REDIRECT').value)).toBe('False or True')
    // an image with no command of its own serves nothing itself; a compose file named for production does,
    // even when its service looks like a developer's (DEBUG on, the checkout mounted)
    expect(show(view(settings, { Procfile: 'web: gunicorn shop.wsgi\n', Dockerfile: 'FROM python:3.12\nCOPY . /app\n' }).get('SECURE_SSL_REDIRECT').value)).toBe('True')
    const prodCompose = 'services:\n  web:\n    build: .\n    command: gunicorn shop.wsgi\n    environment:\n      - DEBUG=TRUE\n'
    expect(show(view(settings, { Procfile: 'web: gunicorn shop.wsgi\n', 'docker-compose.prod.yml': prodCompose }).get('SECURE_SSL_REDIRECT').value)).toBe('False or True')
  })

  it('the deployments a module is given: those naming it, and those naming none when it is production', () => {
    const files = { 'shop/settings_prod.py': 'from .settings import *\nDEBUG = False\n', 'docker-compose.yml': compose(service(['DJANGO_SETTINGS_MODULE=shop.settings_prod', 'A=1']), service(['B=2'], 'celery -A shop worker', 'worker')) }
    const side = analyzeSide(new MapFileSet(new Map(Object.entries({ 'shop/settings.py': 'SECRET_KEY = "x"\nDEBUG = True\n', 'shop/wsgi.py': WSGI, ...files }))))
    const names = (path: string): string[] => side.discovery.entries.find((e) => e.path === path)?.deployments.map((d) => d.name) ?? []
    expect(names('shop/settings_prod.py')).toEqual(['docker-compose.yml service web', 'docker-compose.yml service worker'])
  })
})

describe('distinctDeployments', () => {
  const d = (name: string, env: Record<string, string | undefined>): Deployment => ({
    path: 'docker-compose.yml',
    line: 1,
    name,
    role: 'serving',
    env: new Map(Object.entries(env).map(([k, value]) => [k, { name: k, value, path: 'docker-compose.yml', line: 1 }]))
  })
  it('one world per distinct environment, none for an empty one, at most eight', () => {
    expect(distinctDeployments([d('a', { X: '1' }), d('b', { X: '1' }), d('c', {}), d('e', { X: undefined })]).map((x) => x.name)).toEqual(['a', 'e'])
    expect(distinctDeployments(Array.from({ length: 12 }, (_, i) => d(`s${i}`, { X: String(i) })))).toHaveLength(8)
  })
})

describe('fromTemplate', () => {
  const raw = { subject: 'ALLOWED_HOSTS', message: 'm', loc: { path: '.env.example', line: 2, endLine: 2 } }
  it('a finding in an env template is medium at most, with a note', () => {
    expect(fromTemplate(raw, 'critical')).toMatchObject({ severity: 'medium', subject: 'ALLOWED_HOSTS' })
    expect(fromTemplate(raw, 'low').severity).toBe('low')
    expect(fromTemplate(raw, 'high').notes?.[0]).toContain('a template a user would copy')
  })
  it('one in a deploy file or a settings module is left as it is', () => {
    for (const path of ['docker.env', 'shop/settings.py']) {
      const other = { ...raw, loc: { path, line: 2, endLine: 2 } }
      expect(fromTemplate(other, 'high')).toBe(other)
    }
  })
})
