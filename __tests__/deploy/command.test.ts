// What a process's command line says: its role, settings module and inline variables.
import { describe, expect, it } from '@jest/globals'
import { commandFacts } from '../../src/deploy/command.js'

const env = (command: string | string[]) => Object.fromEntries(commandFacts(command).env)

describe('commandFacts', () => {
  it('a WSGI/ASGI server says nothing of its role: the caller decides (serving)', () => {
    for (const command of ['gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers 3', 'uwsgi --ini uwsgi.ini', 'daphne -b 0.0.0.0 -p 8000 config.asgi:application', 'uvicorn config.asgi:application --host 0.0.0.0']) {
      const facts = commandFacts(command)
      expect(facts.role).toBeUndefined()
      expect(facts.settings).toBeUndefined()
      expect(facts.env.size).toBe(0)
    }
  })

  it('runserver is development', () => {
    expect(commandFacts('python manage.py runserver 0.0.0.0:8000')).toMatchObject({ role: 'development', why: 'it runs manage.py runserver, the development server' })
    expect(commandFacts('python manage.py runserver_plus 0.0.0.0:8000 --cert-file cert.crt').role).toBe('development')
    expect(commandFacts(['python', 'manage.py', 'runserver', '0.0.0.0:8000']).role).toBe('development')
    expect(commandFacts('python manage.py migrate && python manage.py runserver 0.0.0.0:8000').role).toBe('development')
  })

  it('runserver inside sh -c / bash -c is development too', () => {
    expect(commandFacts('bash -c "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"').role).toBe('development')
    expect(commandFacts("sh -c 'python manage.py runserver 0.0.0.0:8000'").role).toBe('development')
    expect(commandFacts(['sh', '-c', 'python manage.py wait_for_db && python manage.py runserver 0.0.0.0:8000']).role).toBe('development')
  })

  it('running the tests is development', () => {
    expect(commandFacts('python manage.py test')).toMatchObject({ role: 'development', why: 'it runs the tests' })
    expect(commandFacts('./manage.py test shop --parallel').role).toBe('development')
    expect(commandFacts('pytest -x --ds=config.settings.test').role).toBe('development')
    expect(commandFacts('python -m pytest').role).toBe('development')
    expect(commandFacts('tox -e py312').role).toBe('development')
    // "test" as an argument of something else is not the test runner
    expect(commandFacts('gunicorn test.wsgi').role).toBeUndefined()
  })

  it('collectstatic and compilemessages are build steps; migrate is a release step', () => {
    expect(commandFacts('python manage.py collectstatic --noinput')).toMatchObject({ role: 'build', why: 'it runs manage.py collectstatic, a build step' })
    expect(commandFacts('django-admin compilemessages').role).toBe('build')
    expect(commandFacts('python manage.py migrate --noinput')).toMatchObject({ role: 'release', why: 'it runs manage.py migrate, a release step' })
    expect(commandFacts('python /app/manage.py createcachetable').role).toBe('release')
  })

  it('a step followed by the server is the server: it serves', () => {
    expect(commandFacts('python manage.py migrate --noinput && gunicorn config.wsgi').role).toBeUndefined()
    expect(commandFacts('python manage.py collectstatic --noinput && gunicorn config.wsgi:application').role).toBeUndefined()
    expect(commandFacts('cd tock && python manage.py migrate --settings=tock.settings.production && waitress-serve --port=$PORT tock.wsgi:application')).toEqual({ env: new Map(), settings: 'tock.settings.production' })
    expect(commandFacts('sh -c "python manage.py collectstatic --noinput && daphne config.asgi:application"').role).toBeUndefined()
    expect(commandFacts('python manage.py migrate && celery -A config worker').role).toBe('worker')
  })

  it('celery is a worker, however it is started', () => {
    expect(commandFacts('celery -A config worker -l info').role).toBe('worker')
    expect(commandFacts('celery -A config beat -l info').role).toBe('worker')
    expect(commandFacts('/usr/local/bin/celery -A config worker').role).toBe('worker')
    expect(commandFacts(['python', '-m', 'celery', '-A', 'config', 'worker']).role).toBe('worker')
  })

  it('reads --settings in both spellings', () => {
    expect(commandFacts('python manage.py migrate --settings config.settings.heroku').settings).toBe('config.settings.heroku')
    expect(commandFacts('python manage.py runserver --settings=config.settings.local').settings).toBe('config.settings.local')
    expect(commandFacts(['django-admin', 'migrate', '--settings=shop.settings.prod']).settings).toBe('shop.settings.prod')
  })

  it('reads inline assignments before the program, also after env and exec', () => {
    expect(env('DJANGO_SETTINGS_MODULE=config.settings.production gunicorn config.wsgi')).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production' })
    expect(env('env DJANGO_SETTINGS_MODULE=shop.settings DEBUG=0 gunicorn shop.wsgi')).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings', DEBUG: '0' })
    expect(env('exec DJANGO_DEBUG=False daphne shop.asgi:application')).toEqual({ DJANGO_DEBUG: 'False' })
    expect(env('/usr/bin/env DJANGO_SETTINGS_MODULE=shop.settings.prod /srv/venv/bin/gunicorn shop.wsgi')).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.prod' })
    // after the program, NAME=value is an argument
    expect(env('gunicorn shop.wsgi DEBUG=1')).toEqual({})
  })

  it('reads gunicorn and uwsgi --env / -e', () => {
    expect(env('gunicorn --env DJANGO_SETTINGS_MODULE=shop.settings.prod shop.wsgi')).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.prod' })
    expect(env('gunicorn -e DEBUG=0 --env=SECURE_SSL_REDIRECT=1 shop.wsgi')).toEqual({ DEBUG: '0', SECURE_SSL_REDIRECT: '1' })
    expect(env(['uwsgi', '--ini', 'uwsgi.ini', '--env', 'DJANGO_SETTINGS_MODULE=shop.settings'])).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings' })
    // --env with something that is not an assignment is skipped
    expect(env('gunicorn --env production shop.wsgi')).toEqual({})
  })

  it('does not silently turn a shell variable into an empty value', () => {
    const value = commandFacts('DJANGO_SETTINGS_MODULE=$SETTINGS gunicorn shop.wsgi').env.get('DJANGO_SETTINGS_MODULE')
    expect(value).toBeDefined()
    expect(value).not.toBe('')
    expect(value).toContain('SETTINGS')
    // single quotes keep a literal $
    expect(env("PASSWORD='pa$word' gunicorn shop.wsgi")).toEqual({ PASSWORD: 'pa$word' })
  })

  it('nothing to say about no command, an empty one, or garbage', () => {
    expect(commandFacts(undefined)).toEqual({ env: new Map() })
    expect(commandFacts('')).toEqual({ env: new Map() })
    expect(commandFacts([])).toEqual({ env: new Map() })
    expect(() => commandFacts('"python manage.py runserver')).not.toThrow()
    expect(() => commandFacts('$(( ${ `` \\')).not.toThrow()
  })

  it('a huge command line is read in bounded time, without throwing', () => {
    const huge = `DJANGO_SETTINGS_MODULE=shop.settings gunicorn ${'--workers 3 '.repeat(200_000)}`
    const facts = commandFacts(huge)
    expect(facts.env.get('DJANGO_SETTINGS_MODULE')).toBe('shop.settings')
    expect(() => commandFacts(Array.from({ length: 50_000 }, () => 'x'))).not.toThrow()
  })
})
