import { describe, expect, it } from '@jest/globals'
import { djangoVulnerableVersion } from '../../src/rules/django-vulnerable-version.js'
import { scanFiles } from '../helpers/project.js'
import { ruleTester } from '../helpers/rule-tester.js'

const req = (text: string): Record<string, string> => ({ 'requirements.txt': text })

ruleTester(djangoVulnerableVersion, {
  valid: [
    { name: 'a fixed 4.2 release pinned', code: req('Django==4.2.16\n') },
    { name: 'Django[argon2]==5.0.9, with an extra', code: req('Django[argon2]==5.0.9\n') },
    { name: 'a range whose lower bound is fixed', code: req('Django>=4.2.16,<5\n') },
    { name: 'no lower bound: Django<5 says nothing about what is installed', code: req('Django<5\n') },
    { name: 'unpinned', code: req('django\n') },
    { name: 'another package with django in its name', code: req('django-environ==0.4.0\ndjangorestframework==3.9.0\n') },
    { name: 'an editable checkout and a URL are not versions', code: req('-e git+https://github.com/django/django.git@3.2.4#egg=django\ndjango @ https://example.com/Django-3.2.4.tar.gz\n') },
    { name: 'a commented-out old pin', code: req('# Django==3.2.4\nDjango==4.2.16\n') },
    { name: 'development requirements', code: { 'requirements-dev.txt': 'Django==3.2.4\n' } },
    { name: 'docs requirements', code: { 'docs/requirements.txt': 'Django==3.2.4\n' } },
    { name: 'the lock decides over its pyproject', code: { 'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["Django>=4.2,<5"]\n', 'uv.lock': 'version = 1\n\n[[package]]\nname = "django"\nversion = "4.2.16"\n' } },
    { name: 'an optional extra of a library', code: { 'pyproject.toml': '[project]\nname = "lib"\n[project.optional-dependencies]\nlegacy = ["Django==3.2.4"]\n' } },
    { name: 'a Poetry dev group', code: { 'pyproject.toml': '[tool.poetry.group.dev.dependencies]\ndjango = "3.2.4"\n' } },
    { name: "pip-compile's source, next to its compiled output", code: { 'requirements.in': 'Django>=3.2,<4\n', 'requirements.txt': 'django==4.2.16\n    # via -r requirements.in\n' } },
    {
      name: 'a second compiled file no production image installs',
      code: {
        'Dockerfile': 'FROM python:3.12 AS dev\nCOPY requirements/ ./requirements\nRUN pip install -r requirements/dev.txt\nFROM python:3.12\nCOPY requirements/ ./requirements\nRUN PIP_CONSTRAINT=/tmp/c.txt pip install --no-cache-dir \\\n    -r ./requirements/production.txt && rm -rf /root/.cache\nCMD ["gunicorn", "shop.wsgi"]\n',
        'requirements/production.txt': '-r base.txt\ngunicorn==22.0.0\n',
        'requirements/base.txt': 'django==4.2.16\n',
        'requirements/git.txt': 'django==3.2.4\n'
      }
    },
    { name: 'a pin with an invalid specifier (noted, not judged)', code: req('Django==four\n') }
  ],
  invalid: [
    {
      name: 'what the production image installs, through its includes; a buildpack deploy adds the root requirements.txt',
      code: {
        'Dockerfile': 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements/production.txt\nCMD ["gunicorn", "shop.wsgi"]\n',
        'Procfile': 'web: gunicorn shop.wsgi\n',
        'requirements.txt': 'Django==4.2.0\n',
        'requirements/production.txt': '-r base.txt\n',
        'requirements/base.txt': 'Django==3.2.4\n',
        'requirements/legacy.txt': 'Django==2.2.0\n'
      },
      findings: [{ path: 'requirements.txt', line: 1 }, { path: 'requirements/base.txt', line: 1 }]
    },
    { name: 'Django==3.2.4', code: req('Django==3.2.4\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'high', message: ['installs Django 3.2.4', 'CVE-', 'PYSEC-', 'The first 3.2 release that fixes them all is 3.2.25', 'days old'] }] },
    { name: 'DJANGO, upper case, after other lines', code: req('requests==2.32.0\n\nDJANGO==4.2.0\n'), findings: [{ path: 'requirements.txt', line: 3, severity: 'high', message: ['4.2.16'] }] },
    { name: 'Django[argon2]==5.0.1 with an extra', code: req('Django[argon2]==5.0.1\n'), findings: [{ path: 'requirements.txt', line: 1, message: ['5.0.9'] }] },
    { name: 'a marker', code: req('Django==4.2.0; python_version >= "3.10"\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'high' }] },
    { name: 'Django>=4.2,<5 admits 4.2.0: medium, raise the lower bound', code: req('Django>=4.2,<5\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'medium', message: ['admits Django 4.2, the oldest release it allows', 'raise the lower bound'] }] },
    { name: 'django~=3.2.0', code: req('django~=3.2.0\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'medium', message: ['3.2.0'] }] },
    { name: 'Django==4.2.*', code: req('Django==4.2.*\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'medium' }] },
    { name: 'an included file, hashes on a continuation line', code: { 'requirements.txt': '-r requirements/base.txt\n', 'requirements/base.txt': 'gunicorn==22.0.0\nDjango==3.2.4 \\\n    --hash=sha256:0000\n' }, findings: [{ path: 'requirements/base.txt', line: 2 }] },
    { name: 'a lock installs an old release although the manifest is fixed', code: { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^4.2.16"\n', 'poetry.lock': '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "django"\nversion = "4.2.1"\ndescription = "x"\n' }, findings: [{ path: 'poetry.lock', line: 7, severity: 'high', message: ['poetry.lock installs Django 4.2.1'] }] },
    { name: 'Pipfile.lock', code: { 'Pipfile.lock': '{\n  "_meta": {},\n  "default": {\n    "django": {\n      "hashes": [],\n      "version": "==3.2.4"\n    }\n  },\n  "develop": {}\n}\n' }, findings: [{ path: 'Pipfile.lock', line: 6 }] },
    { name: 'Pipfile', code: { Pipfile: '[packages]\nrequests = "*"\nDjango = "==3.2.4"\n' }, findings: [{ path: 'Pipfile', line: 3 }] },
    { name: 'PEP 621 dependencies', code: { 'pyproject.toml': '[project]\nname = "shop"\ndependencies = [\n  "gunicorn",\n  "Django==4.2.0",\n]\n' }, findings: [{ path: 'pyproject.toml', line: 5 }] },
    { name: 'setup.cfg install_requires', code: { 'setup.cfg': '[metadata]\nname = shop\n\n[options]\ninstall_requires =\n    requests\n    Django==3.2.4\n' }, findings: [{ path: 'setup.cfg', line: 7 }] },
    { name: 'setup.py install_requires through a name', code: { 'setup.py': 'from setuptools import setup\n\nREQUIRES = [\n    "requests",\n    "Django==3.2.4",\n]\n\nsetup(name="shop", install_requires=REQUIRES)\n' }, findings: [{ path: 'setup.py', line: 5 }] }
  ]
})

describe('django-vulnerable-version messages and fixes', () => {
  it('two pins of one file (markers) are two findings with distinct fingerprints', async () => {
    const r = await scanFiles(req('Django==3.2.4; python_version < "3.8"\nDjango==4.2.0; python_version >= "3.8"\n'))
    const found = r.findings.filter((x) => x.ruleId === 'django-vulnerable-version')
    expect(found.map((f) => f.line)).toEqual([1, 2])
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2)
    expect(found[0].notes[0]).toBe('The pin applies where `python_version < "3.8"`.')
  })

  it('an exact pin gets a mechanical fix to the first fixed release of its series', async () => {
    const r = await scanFiles(req('Django==3.2.4  # web\n'))
    const f = r.findings.find((x) => x.ruleId === 'django-vulnerable-version')
    expect(f?.fix?.replacement).toBe('Django==3.2.25  # web')
    expect(f?.notes.join('\n')).toContain('Advisory data: pypa/advisory-database')
  })

  it('a range gets its lower bound raised', async () => {
    const r = await scanFiles(req('Django>=4.2,<5\n'))
    expect(r.findings.find((x) => x.ruleId === 'django-vulnerable-version')?.fix?.replacement).toBe('Django>=4.2.16,<5')
  })
})
