// Change scenarios about DEBUG: real git repositories, real Python, the whole review pipeline.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CC_BASE, CC_LOCAL, CC_TEST, CLASSIC_SETTINGS, PKG_BASE, classic, cookiecutter, edit, lineOf, only, settingsPackage, worsened } from './projects.js'

const CC_DEBUG = 'DEBUG = env.bool("DJANGO_DEBUG", False)'

describe('DEBUG in split settings (cookiecutter-django)', () => {
  it('DEBUG turned on in base.py reaches production.py through `from .base import *`', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/settings/base.py', CC_DEBUG, 'DEBUG = True')
    const line = lineOf(CC_BASE, CC_DEBUG)
    const r = await diffFiles(base, { 'config/settings/base.py': head })

    expect(brief(r)).toEqual([`debug-enabled@config/settings/base.py:${line}[new]`])
    const f = only(r, 'debug-enabled')
    expect(f.severity).toBe('critical')
    expect(f.djangoCheck).toBe('security.W018')
    expect(f.affected).toEqual(['config/settings/production.py'])
    expect(f.evidence).toBe('DEBUG = True')
    expect(f.message).toContain('DEBUG is True in production')
    expect(f.message).toContain(`config/settings/base.py:${line}, imported by config/settings/production.py`)
    expect(f.notes).toContain('Affects config/settings/production.py, which imports config/settings/base.py.')
    expect(f.notes.join('\n')).toContain('config/wsgi.py:12 sets DJANGO_SETTINGS_MODULE to it')
    expect(f.fix?.replacement).toBe('DEBUG = False')
  })

  it('the env default flipped from False to True is new', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/settings/base.py', CC_DEBUG, 'DEBUG = env.bool("DJANGO_DEBUG", True)')
    const r = await diffFiles(base, { 'config/settings/base.py': head })

    expect(brief(r)).toEqual([`debug-enabled@config/settings/base.py:${lineOf(CC_BASE, CC_DEBUG)}[new]`])
    expect(only(r, 'debug-enabled').message).toContain('a server with DJANGO_DEBUG unset gets True')
  })

  it('DEBUG = True added to local.py (a new development module) stays silent', async () => {
    const base = cookiecutter()
    delete base['config/settings/local.py']
    const r = await diffFiles(base, { 'config/settings/local.py': CC_LOCAL })
    // no settings finding; the generated key committed in local.py is a low, masked secret finding
    expect(brief(r)).toEqual(['hardcoded-credential@config/settings/local.py:9[new]'])
    expect(r.findings[0].severity).toBe('low')
    expect(r.findings[0].message).toContain('development or test settings module')
    expect(r.entries.find((e) => e.path === 'config/settings/local.py')).toMatchObject({ production: false })
  })

  it('loosening test settings (DEBUG, middleware, cookies) stays silent', async () => {
    const base = cookiecutter()
    const head =
      CC_TEST +
      '\nDEBUG = True\nALLOWED_HOSTS = ["*"]\nMIDDLEWARE = [m for m in MIDDLEWARE if "csrf" not in m]  # noqa: F405\nSESSION_COOKIE_SECURE = False\nSECURE_SSL_REDIRECT = False\n'
    const r = await diffFiles(base, { 'config/settings/test.py': head })
    expect(brief(r)).toEqual([])
  })

  it('a template `debug` option added in base.py is new and names production.py', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/settings/base.py', '        "OPTIONS": {\n', '        "OPTIONS": {\n            "debug": True,\n')
    const r = await diffFiles(base, { 'config/settings/base.py': head })
    const line = lineOf(head, '"debug": True')
    expect(brief(r)).toEqual([`debug-enabled@config/settings/base.py:${line}[new]`])
    expect(only(r, 'debug-enabled').notes).toContain('Affects config/settings/production.py, which imports config/settings/base.py.')
  })
})

describe('values computed in base.py from base.py\'s own DEBUG', () => {
  it('TEMPLATES "debug": DEBUG in base.py takes base.py\'s DEBUG = True, not the later override in prod.py: new', async () => {
    const base = settingsPackage()
    const templates = 'TEMPLATES = [\n    {\n        "BACKEND": "django.template.backends.django.DjangoTemplates",\n        "APP_DIRS": True,\n        "OPTIONS": {"debug": DEBUG},\n    },\n]\n'
    const head = base['blogsite/settings/base.py'] + '\n' + templates
    const r = await diffFiles(base, { 'blogsite/settings/base.py': head })
    expect(brief(r)).toEqual([`debug-enabled@blogsite/settings/base.py:${lineOf(head, '"OPTIONS": {"debug": DEBUG}')}[new]`])
    expect(only(r, 'debug-enabled').notes).toContain('Affects blogsite/settings/prod.py, which imports blogsite/settings/base.py.')
  })

  it('ALLOWED_HOSTS = ["*"] if DEBUG else [...] in base.py, with the prod.py override deleted: new', async () => {
    const base = settingsPackage()
    const shared = edit(base, 'blogsite/settings/base.py', 'ALLOWED_HOSTS = []', 'ALLOWED_HOSTS = ["*"] if DEBUG else ["blog.example.com"]')
    const prod = edit(base, 'blogsite/settings/prod.py', 'ALLOWED_HOSTS = ["blog.example.com"]\n', '')
    const r = await diffFiles(base, { 'blogsite/settings/base.py': shared, 'blogsite/settings/prod.py': prod })
    expect(brief(r)).toEqual([`allowed-hosts-wildcard@blogsite/settings/base.py:${lineOf(shared, 'ALLOWED_HOSTS')}[new]`])
  })
})

describe('a production override deleted', () => {
  it('removing `DEBUG = False` from prod.py while base.py has DEBUG = True is new, at the nearest remaining line', async () => {
    const base = settingsPackage()
    const prod = base['blogsite/settings/prod.py']
    const head = edit(base, 'blogsite/settings/prod.py', 'DEBUG = False\n', '')
    const removedAt = lineOf(prod, 'DEBUG = False')
    // The deleted line sat between the blank line after the import and SECRET_KEY; the line before the gap remains.
    const r = await diffFiles(base, { 'blogsite/settings/prod.py': head })

    expect(brief(r)).toEqual([`debug-enabled@blogsite/settings/prod.py:${removedAt - 1}[new]`])
    const f = only(r, 'debug-enabled')
    expect(f.notes).toContain(`This change removed \`DEBUG = False\` (line ${removedAt} of blogsite/settings/prod.py before the change).`)
    expect(f.message).toContain(`blogsite/settings/base.py:${lineOf(PKG_BASE, 'DEBUG = True')}, imported by blogsite/settings/prod.py`)
    expect(f.affected).toEqual(['blogsite/settings/prod.py'])
  })
})

describe('env-var refactors that keep the effective value stay silent', () => {
  // [name, imports to add, the refactored line, the same line with a default that turns DEBUG on]
  const refactors: [string, string, string, string][] = [
    ['django-environ env.bool with a False default', 'import environ\n', 'env = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=False)', 'env = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=True)'],
    ['django-environ scheme with a False default', 'import environ\n', 'env = environ.Env(DJANGO_DEBUG=(bool, False))\nDEBUG = env("DJANGO_DEBUG")', 'env = environ.Env(DJANGO_DEBUG=(bool, True))\nDEBUG = env("DJANGO_DEBUG")'],
    ['os.environ string compared to a word list', '', 'DEBUG = os.environ.get("DJANGO_DEBUG", "False").lower() in ("1", "true", "yes")', 'DEBUG = os.environ.get("DJANGO_DEBUG", "True").lower() in ("1", "true", "yes")'],
    ['python-decouple with cast=bool', 'from decouple import config\n', 'DEBUG = config("DJANGO_DEBUG", default=False, cast=bool)', 'DEBUG = config("DJANGO_DEBUG", default=True, cast=bool)'],
    ['required variable compared to "1"', '', 'DEBUG = os.environ["DJANGO_DEBUG"] == "1"', 'DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"']
  ]
  const change = (imports: string, replacement: string): Record<string, string> => {
    let head = edit(classic(), 'mysite/settings.py', 'DEBUG = False', replacement)
    if (imports) head = head.replace('from pathlib import Path\n', `from pathlib import Path\n\n${imports}`)
    return { 'mysite/settings.py': head }
  }
  it.each(refactors)('DEBUG = False → %s', async (_name, imports, same) => {
    const r = await diffFiles(classic(), change(imports, same))
    expect(brief(r)).toEqual([])
  })
  it.each(refactors)('DEBUG = False → %s, but with a default that turns it on: new', async (_name, imports, _same, flipped) => {
    const head = change(imports, flipped)
    const r = await diffFiles(classic(), head)
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head['mysite/settings.py'], 'DEBUG =')}[new]`])
  })

  it('DEBUG = False → bool(os.getenv(...)) is new: DJANGO_DEBUG=False in the environment turns debug on', async () => {
    const base = classic()
    const head = edit(base, 'mysite/settings.py', 'DEBUG = False', 'DEBUG = bool(os.getenv("DJANGO_DEBUG", False))')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(CLASSIC_SETTINGS, 'DEBUG = False')}[new]`])
    expect(only(r, 'debug-enabled').message).toContain('DJANGO_DEBUG="False"')
  })
})

describe('string and cast traps', () => {
  it('DEBUG = "False" (a non-empty string) is new', async () => {
    const head = edit(classic(), 'mysite/settings.py', 'DEBUG = False', 'DEBUG = "False"')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(CLASSIC_SETTINGS, 'DEBUG = False')}[new]`])
  })

  it('python-decouple without cast: default="False" is a truthy string, new', async () => {
    const head = edit(classic(), 'mysite/settings.py', 'DEBUG = False', 'DEBUG = config("DJANGO_DEBUG", default="False")').replace('from pathlib import Path\n', 'from pathlib import Path\n\nfrom decouple import config\n')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head, 'DEBUG =')}[new]`])
  })

  it('an existing truthy env default reformatted across lines is unchanged, not new', async () => {
    const base = classic()
    base['mysite/settings.py'] = edit(base, 'mysite/settings.py', 'DEBUG = False', 'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"')
    const head = edit(base, 'mysite/settings.py', 'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"', 'DEBUG = (\n    os.environ.get("DJANGO_DEBUG", "True")\n    == "True"\n)')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head, 'DEBUG = (')}[unchanged]`])
    expect(worsened(r)).toEqual([])
  })
})

describe('if/else on an environment variable', () => {
  it('secure branch when the variable is unset: silent', async () => {
    const base = classic()
    const head = edit(base, 'mysite/settings.py', 'DEBUG = False', 'if os.environ.get("DJANGO_ENV", "production") == "development":\n    DEBUG = True\nelse:\n    DEBUG = False')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([])
  })

  it('debug branch when the variable is unset: new, pointing at the branch that turns it on', async () => {
    const base = classic()
    const head = edit(base, 'mysite/settings.py', 'DEBUG = False', 'if os.environ.get("DJANGO_ENV") == "production":\n    DEBUG = False\nelse:\n    DEBUG = True')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`debug-enabled@mysite/settings.py:${lineOf(head, 'DEBUG = True')}[new]`])
  })
})

describe('values that cannot be known', () => {
  it('settings computed by function calls are never reported as fact', async () => {
    const base = classic()
    let head = edit(base, 'mysite/settings.py', 'DEBUG = False', 'DEBUG = get_flag("DEBUG")')
    head = edit({ 'mysite/settings.py': head }, 'mysite/settings.py', 'ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]', 'ALLOWED_HOSTS = load_hosts(BASE_DIR / "hosts.txt")')
    head = edit({ 'mysite/settings.py': head }, 'mysite/settings.py', 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = parameter_store.get_int("/mysite/hsts-seconds")')
    head = head.replace('from pathlib import Path\n', 'from pathlib import Path\n\nfrom mysite.config_loader import get_flag, load_hosts, parameter_store\n')
    const loader = 'import json\n\n\ndef get_flag(name):\n    return json.load(open("/etc/mysite/flags.json"))[name]\n\n\ndef load_hosts(path):\n    return path.read_text().split()\n\n\nparameter_store = None\n'
    const r = await diffFiles(base, { 'mysite/settings.py': head, 'mysite/config_loader.py': loader })
    expect(brief(r)).toEqual([])
  })
})

describe('DEBUG inherited in a settings package', () => {
  it('a new staging module that star-imports the DEBUG = True base without overriding it: new, for staging.py only', async () => {
    const base = settingsPackage()
    const staging = 'from .base import *\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["staging.blog.example.com"]\n'
    const r = await diffFiles(base, { 'blogsite/settings/staging.py': staging })
    // staging.py is production by name; everything it does not set comes from base.py or Django's
    // defaults, so each weak value is new for it (prod.py, which overrides them, is not affected).
    expect(r.findings.map((f) => `${f.ruleId}[${f.baselineState}]`).sort()).toEqual(
      ['csrf-cookie-insecure[new]', 'debug-enabled[new]', 'hsts-weakened[new]', 'session-cookie-insecure[new]', 'ssl-redirect-disabled[new]']
    )
    for (const f of r.findings) expect(f.affected).toEqual(['blogsite/settings/staging.py'])
    expect(only(r, 'hsts-weakened')).toMatchObject({ path: 'blogsite/settings/staging.py', line: 1 })
    const debug = only(r, 'debug-enabled')
    expect(debug.message).toContain(`blogsite/settings/base.py:${lineOf(PKG_BASE, 'DEBUG = True')}, imported by blogsite/settings/staging.py`)
    expect(debug.notes.join('\n')).toContain('staging.py is named as a production module')
  })
})

describe('the bool() cast trap', () => {
  const TRAP = 'DEBUG = bool(os.environ.get("DJANGO_DEBUG", ""))'
  const withTrap = (): Record<string, string> => {
    const files = classic()
    files['mysite/settings.py'] = edit(files, 'mysite/settings.py', 'DEBUG = False', TRAP)
    return files
  }

  it('latent while no deploy file sets the variable: medium, saying so', async () => {
    const r = await diffFiles(classic(), { 'mysite/settings.py': withTrap()['mysite/settings.py'] })
    const f = only(r, 'debug-enabled')
    expect(f.severity).toBe('medium')
    expect(f.message).toContain('DJANGO_DEBUG="False"')
    expect(f.message).toContain('no deploy file of the repository sets it so today')
  })

  it('a production compose service setting DJANGO_DEBUG=False turns DEBUG on: critical, at the compose line', async () => {
    const base = withTrap()
    const compose = 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n    environment:\n      DJANGO_DEBUG: "False"\n'
    const r = await diffFiles(base, { 'docker-compose.yml': compose })
    const f = only(r, 'debug-enabled')
    expect(f.severity).toBe('critical')
    expect(f.path).toBe('docker-compose.yml')
    expect(f.message).toContain('docker-compose.yml:6 sets DJANGO_DEBUG for docker-compose.yml service web')
  })
})
