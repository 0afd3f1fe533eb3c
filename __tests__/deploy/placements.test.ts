// Files a production deploy puts in place of a Python module, from Dockerfiles and deploy scripts.
import { describe, expect, it } from '@jest/globals'
import { findDeployments } from '../../src/deploy/index.js'
import { describePlacement, findPlacements } from '../../src/deploy/placements.js'
import { fileSet } from './helpers.js'

const placed = (files: Record<string, string>) => {
  const set = fileSet(files)
  return findPlacements(set, findDeployments(set)).map((p) => `${p.source} -> ${p.destination} (${p.path}:${p.line} ${p.kind})`)
}

const TREE = { 'manage.py': '', 'mysite/__init__.py': '', 'mysite/settings.py': 'DEBUG = True\n', 'mysite/settings.py.prod': 'DEBUG = False\n', 'config/production.py.tpl': 'DEBUG = {{ debug }}\n' }

describe('findPlacements: Dockerfiles', () => {
  it('a COPY of the .prod file over the module, laid out by COPY . . under the WORKDIR', () => {
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY mysite/settings.py.prod mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (Dockerfile:4 copy)'])
  })

  it('a template copied to a module the repository does not track (local_settings.py)', () => {
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nCOPY . /app/\nCOPY config/production.py.tpl /app/mysite/local_settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['config/production.py.tpl -> mysite/local_settings.py (Dockerfile:3 copy)'])
  })

  it('without a copied folder to map the destination back: the same name next to the source, when that file exists', () => {
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nCOPY mysite/settings.py.prod /srv/site/mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (Dockerfile:2 copy)'])
    // or when the source is named <module>.py.<suffix>
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nCOPY mysite/settings.py.prod /srv/site/local_settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['mysite/settings.py.prod -> mysite/local_settings.py (Dockerfile:2 copy)'])
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nCOPY config/production.py.tpl /srv/site/local_settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['config/production.py.tpl -> config/local_settings.py (Dockerfile:2 copy)'])
    // neither: where it lands cannot be told
    expect(placed({ ...TREE, 'config/settings.tpl': '', Dockerfile: 'FROM python:3.12\nCOPY config/settings.tpl /srv/site/local_settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual([])
  })

  it('a RUN cp or mv in the image, relative to the WORKDIR', () => {
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . /app\nWORKDIR mysite\nRUN cp settings.py.prod settings.py && pip install gunicorn\nCMD gunicorn mysite.wsgi\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (Dockerfile:5 copy)'])
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN mv /app/mysite/settings.py.prod /app/mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (Dockerfile:4 move)'])
  })

  it('a template rendered by the entrypoint script the image runs, at the script line', () => {
    const files = {
      ...TREE,
      'docker/entrypoint.sh': '#!/bin/sh\nset -e\nenvsubst < /app/config/production.py.tpl > /app/mysite/local_settings.py\nexec "$@"\n',
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi"]\n'
    }
    expect(placed(files)).toEqual(['config/production.py.tpl -> mysite/local_settings.py (docker/entrypoint.sh:3 render)'])
  })

  it('a Python module linked where the repository has no module (a git-ignored local.py) is that module', () => {
    const files = { ...TREE, 'mysite/docker.py': 'DEBUG = False\n', Dockerfile: 'FROM python:3.12\nCOPY . /home/app/django\nRUN ln -s /home/app/django/mysite/docker.py /home/app/django/mysite/local.py\nCMD gunicorn mysite.wsgi\n' }
    expect(placed(files)).toEqual(['mysite/docker.py -> mysite/local.py (Dockerfile:3 link)'])
  })

  it('a development image, a Python module copied over a tracked one, and a source the repository lacks place nothing', () => {
    expect(placed({ ...TREE, 'Dockerfile.dev': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY mysite/settings.py.prod mysite/settings.py\nCMD python manage.py runserver\n' })).toEqual([])
    expect(placed({ ...TREE, 'mysite/prod.py': '', Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN cp mysite/prod.py mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual([])
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN cp mysite/settings.py.live mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual([])
  })

  it('a COPY --from another stage is not a file of the repository', () => {
    expect(placed({ ...TREE, Dockerfile: 'FROM python:3.12 AS build\nFROM python:3.12\nWORKDIR /app\nCOPY --from=build /src/settings.py.prod mysite/settings.py\nCMD gunicorn mysite.wsgi\n' })).toEqual([])
  })
})

describe('findPlacements: deploy scripts', () => {
  it('a deploy script found by its name, with paths from its folder or the repository root', () => {
    expect(placed({ ...TREE, 'deploy.sh': '#!/bin/bash\ngit pull\ncp mysite/settings.py.prod mysite/settings.py\nsystemctl restart gunicorn\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (deploy.sh:3 copy)'])
    expect(placed({ ...TREE, 'scripts/deploy.sh': 'cd ..\nln -sf ../mysite/settings.py.prod ../mysite/settings.py\n' })).toEqual(['mysite/settings.py.prod -> mysite/settings.py (scripts/deploy.sh:2 link)'])
  })

  it('a script of a development folder, or a script not named for deploying, places nothing', () => {
    expect(placed({ ...TREE, 'dev/deploy.sh': 'cp mysite/settings.py.prod mysite/settings.py\n' })).toEqual([])
    expect(placed({ ...TREE, 'scripts/reset.sh': 'cp mysite/settings.py.prod mysite/settings.py\n' })).toEqual([])
    expect(placed({ ...TREE, 'start-dev.sh': 'cp mysite/settings.py.prod mysite/settings.py\n' })).toEqual([])
  })
})

describe('describePlacement', () => {
  it('says what the step does to the module', () => {
    const p = { source: 'mysite/settings.py.prod', destination: 'mysite/settings.py', path: 'Dockerfile', line: 4, kind: 'copy' as const }
    expect(describePlacement(p, true)).toBe('Dockerfile line 4 copies mysite/settings.py.prod over mysite/settings.py')
    expect(describePlacement({ ...p, destination: 'mysite/local_settings.py' }, false)).toBe('Dockerfile line 4 copies mysite/settings.py.prod to mysite/local_settings.py')
    expect(describePlacement({ ...p, kind: 'render' }, true)).toBe('Dockerfile line 4 renders mysite/settings.py.prod into mysite/settings.py')
  })
})

describe('findPlacements: scripts a production compose service runs', () => {
  it('the script named by command or entrypoint, its absolute paths read as the checkout laid out in the container', () => {
    const files = {
      ...TREE,
      'docker/start-web': '#!/bin/sh\ncp /code/mysite/settings.py.prod /code/mysite/settings.py\nexec gunicorn mysite.wsgi\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    command: /code/docker/start-web\n'
    }
    expect(placed(files)).toEqual(['mysite/settings.py.prod -> mysite/settings.py (docker/start-web:2 copy)'])
  })

  it('not the script of a development service', () => {
    const files = {
      ...TREE,
      'docker/start-web': 'cp /code/mysite/settings.py.prod /code/mysite/settings.py\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: /code/docker/start-web runserver\n    volumes:\n      - .:/code\n'
    }
    expect(placed(files)).toEqual([])
  })
})

describe('findPlacements: files a production compose service mounts', () => {
  const NETBOX = { 'netbox/manage.py': '', 'netbox/netbox/__init__.py': '', 'netbox/netbox/settings.py': 'import configuration\n', 'netbox/netbox/configuration.docker.py': 'SECRET_KEY = ""\n' }
  const compose = (volumes: string) => `services:\n  netbox:\n    build: .\n    command: gunicorn netbox.wsgi\n    volumes:\n${volumes}`

  it('a file bind-mounted at a module path: the longest tail of the container path whose folder the repository holds', () => {
    const files = { ...NETBOX, 'docker-compose.yml': compose('      - $PWD/netbox/netbox/configuration.docker.py:/opt/netbox/netbox/netbox/configuration.py:ro\n      - static:/opt/netbox/static\n') }
    expect(placed(files)).toEqual(['netbox/netbox/configuration.docker.py -> netbox/netbox/configuration.py (docker-compose.yml:6 mount)'])
    // ./ and the long form count the same
    const long = { ...NETBOX, 'docker-compose.yml': compose('      - type: bind\n        source: ./netbox/netbox/configuration.docker.py\n        target: /opt/netbox/netbox/netbox/configuration.py\n') }
    expect(placed(long)).toEqual(['netbox/netbox/configuration.docker.py -> netbox/netbox/configuration.py (docker-compose.yml:6 mount)'])
  })

  it('not for a development service, a module mounted over one the repository tracks, or a target no folder of the repository matches', () => {
    const dev = { ...NETBOX, 'docker-compose.dev.yml': compose('      - ./netbox/netbox/configuration.docker.py:/opt/netbox/netbox/netbox/configuration.py\n') }
    expect(placed(dev)).toEqual([])
    const tracked = { ...NETBOX, 'netbox/netbox/configuration.py': 'SECRET_KEY = "x"\n', 'docker-compose.yml': compose('      - ./netbox/netbox/configuration.docker.py:/opt/netbox/netbox/netbox/configuration.py\n') }
    expect(placed(tracked)).toEqual([])
    const elsewhere = { ...NETBOX, 'docker-compose.yml': compose('      - ./netbox/netbox/configuration.docker.py:/etc/app/configuration.py\n') }
    expect(placed(elsewhere)).toEqual([])
  })
})
