// The Django pins of every dependency file format, read from real file text through the real parsers.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { djangoPins } from '../../src/deps/pins.js'
import { initPython } from '../../src/python/parser.js'
import { MapFileSet } from '../../src/sources/changeset.js'

const pins = (files: Record<string, string>) => djangoPins(new MapFileSet(new Map(Object.entries(files))))
const brief = (files: Record<string, string>): string[] => pins(files).pins.map((p) => `${p.path}:${p.line} ${p.specifier}${p.locked ? ' locked' : ''}${p.group ? ` [${p.group}]` : ''}${p.marker ? ` ; ${p.marker}` : ''}`)

beforeAll(async () => {
  await initPython()
})

describe('requirements files', () => {
  it('reads names in any casing, extras, markers, comments, hashes and continuations', () => {
    const text = ['# web', 'requests==2.32.0', 'Django[argon2]==5.0.1', 'django>=4.2,<5 ; python_version >= "3.10"', 'DJANGO ~= 3.2.0  # old', 'Django==4.2.16 \\', '    --hash=sha256:00ff', 'Django.==4.2.16', 'django-environ==0.11.2', ''].join('\n')
    expect(brief({ 'requirements.txt': text })).toEqual(['requirements.txt:3 ==5.0.1', 'requirements.txt:4 >=4.2,<5 ; python_version >= "3.10"', 'requirements.txt:5 ~=3.2.0', 'requirements.txt:6 ==4.2.16', 'requirements.txt:8 .==4.2.16'])
  })

  it('notes a Django pin whose specifier is not PEP 440', () => {
    expect(pins({ 'requirements.txt': 'Django==four\n' }).notices).toEqual([{ path: 'requirements.txt', line: 1, message: 'not read for the Django version: "Django==four" is not a PEP 440 specifier' }])
  })

  it('ignores editables, URLs, options and commented-out pins', () => {
    const text = '-e git+https://github.com/django/django.git#egg=django\n-i https://pypi.example/simple\ndjango @ https://example.com/django.tar.gz\n# Django==3.2.4\n--only-binary=:all:\n'
    expect(brief({ 'requirements.txt': text })).toEqual([])
  })

  it('follows -r and -c includes, relative to the including file, once each', () => {
    const files = {
      'requirements/production.txt': '-r base.txt\n-c ../constraints/pins.txt\ngunicorn\n',
      'requirements/base.txt': '--requirement=common.in\n-r production.txt\n',
      'requirements/common.in': 'Django>=4.2\n',
      'constraints/pins.txt': 'Django==4.2.16\n'
    }
    expect(brief(files)).toEqual(['requirements/common.in:1 >=4.2', 'constraints/pins.txt:1 ==4.2.16'])
  })

  it('notes an include that is not there, naming the including file', () => {
    const r = pins({ 'requirements.txt': '-r missing.txt\n' })
    expect(r.notices).toEqual([{ path: 'requirements.txt', message: 'not read for the Django version: it includes missing.txt, which is not in the repository' }])
  })
})

describe('pyproject.toml', () => {
  it('reads PEP 621 dependencies, optional dependencies and dependency groups', () => {
    const text = '[project]\nname = "shop"\ndependencies = [\n  "gunicorn",\n  "Django>=4.2,<5",\n]\n\n[project.optional-dependencies]\nlegacy = ["django==3.2.25"]\n\n[dependency-groups]\ndev = ["Django==5.0.1"]\n'
    expect(brief({ 'pyproject.toml': text })).toEqual(['pyproject.toml:5 >=4.2,<5', 'pyproject.toml:9 ==3.2.25 [legacy]', 'pyproject.toml:12 ==5.0.1 [dev]'])
  })

  it('reads Poetry constraints as PEP 440 (^, ~, *, exact, tables, alternatives, groups)', () => {
    const text = ['[tool.poetry.dependencies]', 'python = "^3.11"', 'Django = { version = "^4.2", extras = ["argon2"], markers = "sys_platform == \'linux\'" }', '', '[tool.poetry.group.test.dependencies]', 'django = "~3.2.1"', '', '[tool.poetry.dev-dependencies]', 'django = "3.2.4 || 4.2.*"', ''].join('\n')
    expect(brief({ 'pyproject.toml': text })).toEqual(['pyproject.toml:3 >=4.2,<5 ; sys_platform == \'linux\'', 'pyproject.toml:9 ==3.2.4 [dev]', 'pyproject.toml:9 ==4.2.* [dev]', 'pyproject.toml:6 >=3.2.1,<3.3 [test]'])
  })

  it('Poetry\'s main group is what every install gets', () => {
    expect(brief({ 'pyproject.toml': '[tool.poetry.group.main.dependencies]\ndjango = "^4.2"\n' })).toEqual(['pyproject.toml:2 >=4.2,<5'])
  })

  it('an unparseable pyproject.toml is a one-line notice naming the file, not an error', () => {
    const r = pins({ 'pyproject.toml': '[project\ndependencies = ["Django==3.2.4"]\n' })
    expect(r.pins).toEqual([])
    expect(r.notices).toHaveLength(1)
    expect(r.notices[0].path).toBe('pyproject.toml')
    expect(r.notices[0].message).toMatch(/^not read for the Django version: invalid TOML \(.+\)$/)
    expect(r.notices[0].line).toBe(1)
    expect(r.notices[0].message).not.toContain('\n')
  })

  it('a Poetry constraint it does not understand is a notice', () => {
    const r = pins({ 'pyproject.toml': '[tool.poetry.dependencies]\ndjango = "^four"\n' })
    expect(r.notices.map((n) => `${n.path}:${n.line} ${n.message}`)).toEqual(['pyproject.toml:2 not read for the Django version: the Poetry constraint "^four" is not understood'])
  })
})

describe('Pipenv, Poetry and uv locks', () => {
  it('reads Pipfile packages and dev-packages', () => {
    expect(brief({ Pipfile: '[packages]\ndjango = "*"\n\n[dev-packages]\nDjango = {version = "==3.2.4", markers = "python_version < \'3.8\'"}\n' })).toEqual(['Pipfile:2 ', "Pipfile:5 ==3.2.4 [dev-packages] ; python_version < '3.8'"])
  })

  it('reads Pipfile.lock default and develop', () => {
    const lock = JSON.stringify({ _meta: {}, default: { django: { hashes: ['sha256:00'], version: '==4.2.16' } }, develop: { Django: { version: '==3.2.4' } } }, null, 4)
    expect(brief({ 'Pipfile.lock': lock })).toEqual(['Pipfile.lock:8 ==4.2.16 locked', 'Pipfile.lock:13 ==3.2.4 locked [develop]'])
  })

  it('an unparseable Pipfile.lock is a notice', () => {
    expect(pins({ 'Pipfile.lock': '{"default": ' }).notices[0].message).toMatch(/^not read for the Django version: invalid JSON/)
  })

  it('reads poetry.lock and uv.lock packages, on their version lines', () => {
    const poetry = '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "Django"\nversion = "4.2.1"\ncategory = "main"\n'
    const uv = 'version = 1\n\n[[package]]\nname = "django"\nversion = "5.0.1"\nsource = { registry = "https://pypi.org/simple" }\n'
    expect(brief({ 'poetry.lock': poetry, 'uv.lock': uv })).toEqual(['poetry.lock:7 ==4.2.1 locked', 'uv.lock:5 ==5.0.1 locked'])
  })
})

describe('setuptools', () => {
  it('reads setup.cfg install_requires and extras_require', () => {
    const cfg = '[metadata]\nname = shop\n\n[options]\npackages = find:\ninstall_requires =\n    requests\n    Django>=4.2  # web\n\n[options.extras_require]\nold = Django==3.2.4\n'
    expect(brief({ 'setup.cfg': cfg })).toEqual(['setup.cfg:8 >=4.2', 'setup.cfg:11 ==3.2.4 [old]'])
  })

  it('reads setup.py with the Python parser, without running it', () => {
    const py = 'import os\nfrom setuptools import setup\n\nos.system("echo never run")\nREQS = ["Django>=4.2,<5"]\n\nif __name__ == "__main__":\n    setup(\n        name="shop",\n        install_requires=REQS,\n        extras_require={"old": [\n            "Django==3.2.4",\n        ]},\n    )\n'
    expect(brief({ 'setup.py': py })).toEqual(['setup.py:5 >=4.2,<5', 'setup.py:12 ==3.2.4 [old]'])
  })

  it('a setup.py that does not parse is a notice', () => {
    const r = pins({ 'setup.py': 'from setuptools import setup\nsetup(install_requires=["Django>=4.2", f(\n' })
    expect(r.notices.map((n) => n.path)).toEqual(['setup.py'])
  })
})

describe('hostile dependency files stay linear', () => {
  it('long whitespace runs, bracket runs and thousands of continuation lines', () => {
    const spaces = ' '.repeat(200_000)
    const started = Date.now()
    expect(brief({ 'requirements.txt': `Django==3.2.4${spaces}--hash=sha256:00\n`, 'constraints.txt': 'Django==1 \\\n'.repeat(50_000) })).toHaveLength(2)
    expect(brief({ 'pyproject.toml': `[${']'.repeat(100_000)}x\n` })).toEqual([])
    expect(brief({ 'pyproject.toml': `[tool.poetry.dependencies]\ndjango = ">=4.2${spaces}<5"\n` })).toEqual(['pyproject.toml:2 >=4.2,<5'])
    // quadratic versions of these took tens of seconds
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
