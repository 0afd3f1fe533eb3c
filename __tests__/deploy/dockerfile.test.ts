// Dockerfiles: the final image's environment and role, and RUN steps that load a settings module.
import { describe, expect, it } from '@jest/globals'
import { dockerfileDeployments, isDockerfile } from '../../src/deploy/dockerfile.js'
import { deploymentsOf } from '../../src/deploy/index.js'
import { envLines, envValues, fileSet } from './helpers.js'

const image = (text: string, path = 'Dockerfile') => {
  const found = dockerfileDeployments(path, text)
  expect(found.length).toBeGreaterThan(0)
  return found[0]
}

describe('isDockerfile', () => {
  it.each(['Dockerfile', 'dockerfile', 'Dockerfile.prod', 'docker/Dockerfile-web', 'compose/production/django/Dockerfile', 'web.Dockerfile', 'Containerfile'])('%s is a Dockerfile', (path) => {
    expect(isDockerfile(path)).toBe(true)
  })

  it.each(['.dockerignore', 'docker-compose.yml', 'docker/entrypoint.sh', 'requirements/docker.txt', 'dockerfiles/README'])('%s is not', (path) => {
    expect(isDockerfile(path)).toBe(false)
  })
})

describe('dockerfileDeployments: environment', () => {
  it('reads ENV in both forms, with its line', () => {
    const d = image(`FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
ENV DJANGO_SETTINGS_MODULE config.settings.production
ENV DJANGO_DEBUG="False" \\
    APP_HOME=/app
WORKDIR /app
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
`)
    expect(envValues(d)).toEqual({ PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', DJANGO_SETTINGS_MODULE: 'config.settings.production', DJANGO_DEBUG: 'False', APP_HOME: '/app' })
    expect(envLines(d)).toMatchObject({ PYTHONUNBUFFERED: 'Dockerfile:2', DJANGO_SETTINGS_MODULE: 'Dockerfile:3', DJANGO_DEBUG: 'Dockerfile:4' })
    expect(d).toMatchObject({ path: 'Dockerfile', line: 1, name: 'Dockerfile', role: 'serving' })
    expect(d.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: 'Dockerfile', line: 3 })
  })

  it('the legacy `ENV A b c` form takes the rest of the line as the value', () => {
    expect(envValues(image('FROM python:3.12\nENV DJANGO_ALLOWED_HOSTS example.com www.example.com\n'))).toEqual({ DJANGO_ALLOWED_HOSTS: 'example.com www.example.com' })
  })

  it('substitutes ARG defaults and earlier ENV values; an ARG without a default is unknown', () => {
    const d = image(`FROM python:3.12-slim
ARG DJANGO_ENV=production
ARG SECRET_KEY
ENV DJANGO_SETTINGS_MODULE=config.settings.\${DJANGO_ENV}
ENV APP_HOME=/srv/app
ENV STATIC_ROOT=$APP_HOME/staticfiles
ENV DJANGO_SECRET_KEY=\${SECRET_KEY}
ENV DJANGO_DEBUG=\${DEBUG:-False}
`)
    expect(envValues(d)).toEqual({
      DJANGO_SETTINGS_MODULE: 'config.settings.production',
      APP_HOME: '/srv/app',
      STATIC_ROOT: '/srv/app/staticfiles',
      DJANGO_SECRET_KEY: undefined,
      DJANGO_DEBUG: 'False'
    })
    expect(d.settings?.value).toBe('config.settings.production')
  })

  it('multi-stage: only the final stage’s environment counts', () => {
    const d = image(`FROM python:3.12 AS builder
ENV DJANGO_SETTINGS_MODULE=config.settings.build DEBUG=1
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
COPY --from=builder /wheels /wheels
ENV DJANGO_SETTINGS_MODULE=config.settings.production
CMD ["gunicorn", "config.wsgi"]
`)
    expect(envValues(d)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production' })
    expect(d.line).toBe(5)
    expect(d.settings?.line).toBe(7)

    const noEnv = image('FROM node:20 AS assets\nENV NODE_ENV=production DEBUG=1\nRUN npm run build\n\nFROM python:3.12-slim\nCMD gunicorn shop.wsgi\n')
    expect(envValues(noEnv)).toEqual({})
  })

  it('a stage built FROM an earlier stage inherits its environment and command', () => {
    const d = image(`FROM python:3.12-slim AS base
ENV DJANGO_SETTINGS_MODULE=config.settings.production
ARG RELEASE=1.0
CMD ["gunicorn", "config.wsgi:application"]

FROM base AS production
ENV APP_VERSION=\${RELEASE}
`)
    expect(envValues(d)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production', APP_VERSION: '1.0' })
    expect(d.settings).toMatchObject({ value: 'config.settings.production', line: 2 })
    expect(d.role).toBe('serving')

    const dev = image(`FROM python:3.12-slim AS base
ENV DJANGO_SETTINGS_MODULE=config.settings.production

FROM base AS runner
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
`)
    expect(dev.role).toBe('development')
    expect(dev.settings?.value).toBe('config.settings.production')
  })
})

describe('dockerfileDeployments: roles', () => {
  it.each([
    ['gunicorn, exec form', 'CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]', 'serving'],
    ['gunicorn, shell form', 'CMD gunicorn config.wsgi:application --bind 0.0.0.0:$PORT', 'serving'],
    ['uwsgi', 'CMD ["uwsgi", "--ini", "/app/uwsgi.ini"]', 'serving'],
    ['daphne', 'CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]', 'serving'],
    ['celery as ENTRYPOINT', 'ENTRYPOINT ["celery", "-A", "config", "worker", "-l", "info"]', 'worker'],
    ['celery through python -m', 'CMD python -m celery -A config beat', 'worker'],
    ['runserver', 'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]', 'development'],
    ['runserver behind sh -c', 'CMD ["sh", "-c", "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]', 'development'],
    ['an entrypoint script, then gunicorn', 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "config.wsgi"]', 'serving'],
    ['collectstatic then gunicorn', 'CMD python manage.py collectstatic --noinput && gunicorn config.wsgi', 'serving'],
    ['no command at all over a language image', 'WORKDIR /app', 'build']
  ])('%s', (_, command, role) => {
    expect(image(`FROM python:3.12-slim\nCOPY . /app\n${command}\n`).role).toBe(role)
  })

  it('a header comment that says the image is for development makes it development; one that only points elsewhere does not', () => {
    const misago = image('# This Dockerfile is intended solely for local development of Misago\n# For production, use misago-docker\nFROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n')
    expect(misago).toMatchObject({ role: 'development', why: 'the comment at its top says it is for development' })
    expect(image('# Development only: do not deploy\nFROM python:3.12\nCMD ["gunicorn", "shop.wsgi"]\n').role).toBe('development')
    expect(image('# The production image. For development, see docker-compose.dev.yml\nFROM python:3.12\nCMD ["gunicorn", "shop.wsgi"]\n').role).toBe('serving')
    // a comment after the first instruction is not the file's header
    expect(image('FROM python:3.12\n# not for production\nCMD ["gunicorn", "shop.wsgi"]\n').role).toBe('serving')
  })

  it('without CMD or ENTRYPOINT over a language image it serves nothing itself (a build image); over another image it serves', () => {
    expect(image('FROM python:3.7-stretch\nWORKDIR /app\nCOPY . /app\nRUN pip install poetry && poetry install\n')).toMatchObject({ role: 'build' })
    expect(image('FROM tiangolo/uwsgi-nginx:python3.8\nCOPY . /app\n')).toMatchObject({ role: 'serving' })
    expect(image('FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "shop.wsgi"]\n')).toMatchObject({ role: 'serving' })
  })

  it('a --settings or inline DJANGO_SETTINGS_MODULE in CMD is the settings, at the CMD line', () => {
    const flag = image('FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=shop.settings.base\nCMD ["python", "manage.py", "runserver", "--settings=shop.settings.local"]\n')
    expect(flag.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.local', path: 'Dockerfile', line: 3 })
    const inline = image('FROM python:3.12\n\nCMD DJANGO_SETTINGS_MODULE=shop.settings.prod gunicorn shop.wsgi\n')
    expect(inline.settings).toMatchObject({ value: 'shop.settings.prod', line: 3 })
    const gunicornEnv = image('FROM python:3.12\nCMD ["gunicorn", "--env", "DJANGO_SETTINGS_MODULE=shop.settings.prod", "shop.wsgi"]\n')
    expect(gunicornEnv.settings?.value).toBe('shop.settings.prod')
  })

  it('a CMD variable the image does not define is unknown, one it defines is substituted', () => {
    const d = image('FROM python:3.12\nENV SETTINGS=shop.settings.prod\nCMD DJANGO_SETTINGS_MODULE=$SETTINGS DJANGO_SECRET_KEY=$SECRET gunicorn shop.wsgi\n')
    expect(envValues(d)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'shop.settings.prod', DJANGO_SECRET_KEY: undefined })
  })

  it.each([
    ['the final stage is named dev', 'FROM python:3.12 AS base\nCMD gunicorn shop.wsgi\nFROM base AS dev\n', 'Dockerfile', 'its final stage is named dev'],
    ['the file is named for development', 'FROM python:3.12\nCMD gunicorn shop.wsgi\n', 'Dockerfile.dev', 'Dockerfile.dev is named for development or tests'],
    ['the file is in a development folder', 'FROM python:3.12\nCMD gunicorn shop.wsgi\n', '.devcontainer/Dockerfile', 'it is in a development-only folder (.devcontainer/)'],
    ['the file is in test code', 'FROM python:3.12\nCMD gunicorn shop.wsgi\n', 'tests/docker/Dockerfile', 'it is in test code (tests/)']
  ])('development when %s', (_, text, path, why) => {
    expect(image(text, path)).toMatchObject({ role: 'development', why })
  })
})

describe('dockerfileDeployments: RUN steps', () => {
  it('a RUN that gives manage.py a settings module is a build step referencing it', () => {
    const found = dockerfileDeployments(
      'compose/production/django/Dockerfile',
      `FROM python:3.12-slim
ENV DJANGO_SETTINGS_MODULE=config.settings.production
RUN DJANGO_SETTINGS_MODULE=config.settings.build DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN python manage.py compilemessages --settings=config.settings.build_i18n
RUN pip install -r requirements/production.txt
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "config.wsgi"]
`
    )
    expect(found.map((d) => [d.name, d.role, d.line, d.settings?.value])).toEqual([
      ['compose/production/django/Dockerfile', 'serving', 1, 'config.settings.production'],
      ['compose/production/django/Dockerfile RUN at line 3', 'build', 3, 'config.settings.build'],
      ['compose/production/django/Dockerfile RUN at line 4', 'build', 4, 'config.settings.build_i18n']
    ])
    expect(found[1]).toMatchObject({ why: 'it is a RUN step of the image build', settings: { name: 'DJANGO_SETTINGS_MODULE', path: 'compose/production/django/Dockerfile', line: 3 } })
    expect(found[1].env.size).toBe(0)
  })

  it('a RUN in exec form is read too', () => {
    const found = dockerfileDeployments('Dockerfile', 'FROM python:3.12\nRUN ["python", "manage.py", "collectstatic", "--noinput", "--settings=shop.settings.build"]\n')
    expect(found.map((d) => [d.role, d.settings?.value])).toEqual([
      ['build', undefined],
      ['build', 'shop.settings.build']
    ])
  })
})

describe('dockerfileDeployments: hostile or odd input', () => {
  it.each([
    ['an empty file', ''],
    ['no FROM', 'ENV DJANGO_SETTINGS_MODULE=x\nCMD gunicorn x.wsgi\n'],
    ['binary garbage', '\u0000\u0001\u0002\uFFFD\n\u001b[31m']
  ])('%s gives no deployment', (_, text) => {
    expect(dockerfileDeployments('Dockerfile', text)).toEqual([])
  })

  it('broken instructions do not throw', () => {
    const text = 'FROM\nENV\nENV =\nARG\nCMD ["gunicorn",\nENTRYPOINT [\nRUN "unterminated\nFROM base AS\nENV A=${B\n'
    expect(() => dockerfileDeployments('Dockerfile', text)).not.toThrow()
    expect(() => deploymentsOf('Dockerfile', text, fileSet())).not.toThrow()
  })

  it('a huge Dockerfile is read without trouble', () => {
    const text = `FROM python:3.12\n${Array.from({ length: 20_000 }, (_, i) => `ENV VAR_${i}=${i}\n`).join('')}ENV DJANGO_SETTINGS_MODULE=shop.settings\n`
    const d = image(text)
    expect(d.env.size).toBe(20_001)
    expect(d.settings?.line).toBe(20_002)
    const stages = Array.from({ length: 2000 }, (_, i) => `FROM python:3.12 AS s${i}\nENV S=${i}\n`).join('')
    expect(envValues(image(stages))).toEqual({ S: '1999' })
  })
})

describe('dockerfileDeployments: steps that put files in the image', () => {
  it('records COPY, ADD, RUN, CMD and ENTRYPOINT with the WORKDIR in force, not a COPY --from another stage', () => {
    const d = image(`FROM python:3.12 AS build
WORKDIR /src
RUN pip wheel -r requirements.txt
FROM python:3.12
ARG APP=/app
WORKDIR $APP
COPY . .
COPY --from=build /src/wheels /wheels
WORKDIR proj
ADD ["settings.py.prod", "settings.py"]
RUN cp a.prod a.py
ENTRYPOINT ["/entrypoint.sh"]
CMD gunicorn proj.wsgi
`)
    expect(d.steps).toEqual([
      { line: 3, workdir: '/src', command: 'pip wheel -r requirements.txt' },
      { line: 7, workdir: '/app', copy: { sources: ['.'], destination: '.' } },
      { line: 10, workdir: '/app/proj', copy: { sources: ['settings.py.prod'], destination: 'settings.py' } },
      { line: 11, workdir: '/app/proj', command: 'cp a.prod a.py' },
      { line: 12, workdir: '/app/proj', command: '/entrypoint.sh' },
      { line: 13, workdir: '/app/proj', command: 'gunicorn proj.wsgi' }
    ])
  })
})
