import { productionSettingsSwitched } from '../../src/rules/production-settings-switched.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const BASE = 'SECRET_KEY = "x"\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\n'
const PRODUCTION = 'from .base import *\nSECURE_SSL_REDIRECT = True\n'
const LOCAL = 'from .base import *\nDEBUG = True\n'
const wsgi = (module: string): string => `import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n\napplication = get_wsgi_application()\n`
const manage = (module: string): string => `#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n`
const tree = (wsgiModule: string, extra: Record<string, string> = {}) => ({
  'config/settings/base.py': BASE,
  'config/settings/production.py': PRODUCTION,
  'config/settings/local.py': LOCAL,
  'config/settings/test.py': LOCAL,
  'config/wsgi.py': wsgi(wsgiModule),
  ...extra
})
const DOCKERFILE = (module: string): string => `FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=${module}\nCMD ["gunicorn", "config.wsgi:application"]\n`

treeRuleTester(productionSettingsSwitched, {
  valid: [{ name: 'a scan never reports', files: tree('config.settings.local') }],
  diffValid: [
    { name: 'wsgi.py unchanged', base: tree('config.settings.production'), head: { 'config/settings/production.py': PRODUCTION + 'X = 1\n' } },
    { name: 'from one production module to another', base: tree('config.settings.production', { 'config/settings/live.py': PRODUCTION }), head: { 'config/wsgi.py': wsgi('config.settings.live') } },
    { name: 'from development to production', base: tree('config.settings.local'), head: { 'config/wsgi.py': wsgi('config.settings.production') } },
    { name: 'a development compose file switched', base: { ...tree('config.settings.production'), 'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    environment:\n      - DJANGO_SETTINGS_MODULE=config.settings.production\n' }, head: { 'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    environment:\n      - DJANGO_SETTINGS_MODULE=config.settings.local\n' } }
  ],
  diffInvalid: [
    { name: 'wsgi.py default moved to local settings', base: tree('config.settings.production'), head: { 'config/wsgi.py': wsgi('config.settings.local') }, findings: [{ path: 'config/wsgi.py', line: 5, severity: 'high', message: ['config/wsgi.py now sets DJANGO_SETTINGS_MODULE to config.settings.local instead of config.settings.production', 'local.py is named as a development or test module'], fix: ['config.settings.production'] }] },
    { name: 'the Dockerfile moved to test settings', base: { ...tree('config.settings.production'), Dockerfile: DOCKERFILE('config.settings.production') }, head: { Dockerfile: DOCKERFILE('config.settings.test') }, findings: [{ path: 'Dockerfile', line: 2, severity: 'high', message: ['Dockerfile now sets DJANGO_SETTINGS_MODULE to config.settings.test'] }] },
    { name: 'manage.py moved to local settings (medium)', base: tree('config.settings.production', { 'manage.py': manage('config.settings.production') }), head: { 'manage.py': manage('config.settings.local') }, findings: [{ path: 'manage.py', line: 6, severity: 'medium', message: ['management commands'] }] }
  ]
})
