// Process managers' configuration: uWSGI ini, gunicorn config, systemd units, supervisor programs.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf } from '../../src/deploy/index.js'
import { isProcessConfig, processConfigDeployments } from '../../src/deploy/process-config.js'
import { envLines, envValues, fileSet } from './helpers.js'

describe('isProcessConfig', () => {
  it.each(['uwsgi.ini', 'deploy/uwsgi/shop.ini', 'gunicorn.conf.py', 'config/gunicorn_config.py', 'gunicorn-prod.py', 'deploy/gunicorn.service', 'etc/systemd/system/celery.service', 'supervisord.conf', 'deploy/supervisor/celery.conf', 'deploy/shop.supervisor.conf'])('%s is one', (path) => {
    expect(isProcessConfig(path)).toBe(true)
  })

  it.each(['pytest.ini', 'tox.ini', 'mypy.ini', 'src/pytest.ini', 'setup.cfg', 'shop/settings.py', 'config/gunicorn/__init__.py', 'nginx.conf', 'Pytest.INI'])('%s is not', (path) => {
    expect(isProcessConfig(path)).toBe(false)
  })
})

describe('processConfigDeployments', () => {
  it('uWSGI: env = NAME=value lines, with comments skipped', () => {
    const text = `[uwsgi]
chdir = /srv/shop
module = shop.wsgi:application
env = DJANGO_SETTINGS_MODULE=shop.settings.production
env=DJANGO_DEBUG=False
; env = DJANGO_DEBUG=True
# env = SECRET_KEY=commented
master = true
processes = 4
`
    const found = processConfigDeployments('deploy/uwsgi.ini', text)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ path: 'deploy/uwsgi.ini', name: 'deploy/uwsgi.ini', line: 1, role: 'serving' })
    expect(envValues(found[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_DEBUG: 'False' })
    expect(envLines(found[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'deploy/uwsgi.ini:4', DJANGO_DEBUG: 'deploy/uwsgi.ini:5' })
    expect(found[0].settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.production', path: 'deploy/uwsgi.ini', line: 4 })
  })

  it('an .ini without a [uwsgi] section configures no process', () => {
    expect(processConfigDeployments('setup.ini', '[metadata]\nenv = DJANGO_SETTINGS_MODULE=shop.settings\n')).toEqual([])
    expect(processConfigDeployments('deploy/app.ini', '[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.test\n')).toEqual([])
  })

  it('gunicorn: raw_env as a list on one line, on several lines, or a string', () => {
    const oneLine = processConfigDeployments('gunicorn.conf.py', 'bind = "0.0.0.0:8000"\nworkers = 3\nraw_env = ["DJANGO_SETTINGS_MODULE=shop.settings.production", "DJANGO_DEBUG=0"]\n')
    expect(envValues(oneLine[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_DEBUG: '0' })
    expect(oneLine[0].settings).toMatchObject({ value: 'shop.settings.production', line: 3 })

    const multi = processConfigDeployments('config/gunicorn_config.py', '"""Gunicorn configuration."""\nimport multiprocessing\n\nworkers = multiprocessing.cpu_count() * 2 + 1\nraw_env = [\n    "DJANGO_SETTINGS_MODULE=shop.settings.production",\n    \'DJANGO_SECURE_SSL_REDIRECT=True\',\n]\naccesslog = "-"\n')
    expect(envValues(multi[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_SECURE_SSL_REDIRECT: 'True' })
    expect(envLines(multi[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'config/gunicorn_config.py:6', DJANGO_SECURE_SSL_REDIRECT: 'config/gunicorn_config.py:7' })

    const single = processConfigDeployments('gunicorn.conf.py', "raw_env = 'DJANGO_SETTINGS_MODULE=shop.settings.prod'\n")
    expect(single[0].settings?.value).toBe('shop.settings.prod')
  })

  it('a gunicorn config that sets no variable describes nothing to read', () => {
    expect(processConfigDeployments('gunicorn.conf.py', 'bind = "0.0.0.0:8000"\nworkers = 3\naccess_log_format = \'%(h)s %(l)s "%(r)s"\'\n')).toEqual([])
  })

  it('systemd: Environment= (quoted, several per line), ExecStart gives the role; EnvironmentFile is not a variable', () => {
    const text = `[Unit]
Description=gunicorn daemon for shop
After=network.target

[Service]
User=shop
WorkingDirectory=/srv/shop
EnvironmentFile=/etc/shop/env
Environment="DJANGO_SETTINGS_MODULE=shop.settings.production" "DJANGO_DEBUG=False"
Environment=PYTHONUNBUFFERED=1
ExecStart=/srv/shop/venv/bin/gunicorn --workers 3 --bind unix:/run/gunicorn.sock shop.wsgi:application

[Install]
WantedBy=multi-user.target
`
    const found = processConfigDeployments('deploy/gunicorn.service', text)
    expect(found).toHaveLength(1)
    expect(found[0].role).toBe('serving')
    expect(envValues(found[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', DJANGO_DEBUG: 'False', PYTHONUNBUFFERED: '1' })
    expect(found[0].settings).toMatchObject({ value: 'shop.settings.production', line: 9 })
  })

  it('systemd: a unit whose ExecStart runs celery is a worker, runserver is development, --settings is read', () => {
    const celery = processConfigDeployments('deploy/celery.service', '[Service]\nExecStart=/srv/venv/bin/celery -A shop worker --loglevel=INFO\n')
    expect(celery.map((d) => d.role)).toEqual(['worker'])
    const dev = processConfigDeployments('deploy/dev-server.service', '[Service]\nExecStart=/srv/venv/bin/python manage.py runserver 0.0.0.0:8000 --settings=shop.settings.local\n')
    expect(dev[0]).toMatchObject({ role: 'development', settings: { value: 'shop.settings.local' } })
  })

  it('systemd: ${VAR} in ExecStart is the unit’s Environment= value, or unknown', () => {
    const found = processConfigDeployments('deploy/shop.service', '[Service]\nEnvironment=SETTINGS=shop.settings.production\nExecStart=/srv/venv/bin/python manage.py migrate --settings=${SETTINGS}\n')
    expect(found[0]).toMatchObject({ role: 'release', settings: { value: 'shop.settings.production' } })
    const unknown = processConfigDeployments('deploy/shop.service', '[Service]\nExecStart=/usr/bin/env DJANGO_SETTINGS_MODULE=${SETTINGS} /srv/venv/bin/gunicorn shop.wsgi\n')
    expect(unknown[0].env.has('DJANGO_SETTINGS_MODULE')).toBe(true)
    expect(unknown[0].settings?.value).toBeUndefined()
  })

  it('supervisor: environment=A="b",C="d" and the program command', () => {
    const text = `[program:celery]
command=/srv/shop/venv/bin/celery -A shop worker -l info
directory=/srv/shop
environment=DJANGO_SETTINGS_MODULE="shop.settings.production",PATH="/srv/shop/venv/bin",DJANGO_DEBUG="False"
autostart=true
`
    const found = processConfigDeployments('deploy/supervisor/celery.conf', text)
    expect(found.map((d) => d.role)).toEqual(['worker'])
    expect(envValues(found[0])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.production', PATH: '/srv/shop/venv/bin', DJANGO_DEBUG: 'False' })
    expect(found[0].settings?.line).toBe(4)
  })

  it('supervisor: a program that only sets DJANGO_SETTINGS_MODULE inline in its command', () => {
    const found = processConfigDeployments('supervisord.conf', '[program:web]\ncommand=env DJANGO_SETTINGS_MODULE=shop.settings.prod /srv/venv/bin/gunicorn shop.wsgi\n')
    expect(found[0]).toMatchObject({ role: 'serving', settings: { value: 'shop.settings.prod' } })
  })

  it('a config in a development folder is development', () => {
    const found = processConfigDeployments('dev/uwsgi.ini', '[uwsgi]\nenv = DJANGO_SETTINGS_MODULE=shop.settings.dev\n')
    expect(found[0]).toMatchObject({ role: 'development', why: 'it is in a development-only folder (dev/)' })
  })

  it('hostile or odd input does not throw', () => {
    const odd = ['', '[uwsgi]\n', '[uwsgi]\nenv = "unterminated\nenv = =\nenv = 1=2\n', '[uwsgi]\n' + 'env = A=b\n'.repeat(20_000), `[uwsgi]\nenv = ${'x'.repeat(200_000)}=y\n`, '\u0000\u0001[uwsgi]\uFFFD']
    for (const text of odd) {
      expect(() => processConfigDeployments('uwsgi.ini', text)).not.toThrow()
      expect(() => deploymentsOf('uwsgi.ini', text, fileSet())).not.toThrow()
    }
    expect(processConfigDeployments('uwsgi.ini', '[uwsgi]\n')).toEqual([])
    expect(envValues(processConfigDeployments('uwsgi.ini', '[uwsgi]\n' + 'env = A=b\n'.repeat(20_000))[0])).toEqual({ A: 'b' })
    expect(() => processConfigDeployments('x.service', 'Environment="$(rm -rf /)" `x` ${A:-\nExecStart="unterminated')).not.toThrow()
  })

  it('one malformed line does not lose the rest of the file', () => {
    const found = processConfigDeployments('deploy/shop.service', '[Service]\nEnvironment=BROKEN=${A:-\nEnvironment=DJANGO_SETTINGS_MODULE=shop.settings.production\nExecStart=/srv/venv/bin/gunicorn shop.wsgi\n')
    expect(found.map((d) => [d.role, d.settings?.value])).toEqual([['serving', 'shop.settings.production']])
  })
})
