import { djangoUnsupportedVersion } from '../../src/rules/django-unsupported-version.js'
import { ruleTester } from '../helpers/rule-tester.js'

const req = (text: string): Record<string, string> => ({ 'requirements.txt': text })

// Dates: 3.2 support ended in April 2024, 2.2 in April 2022; 5.2 LTS lasts until April 2028.
ruleTester(djangoUnsupportedVersion, {
  valid: [
    { name: 'a 5.2 pin', code: req('Django==5.2.1\n') },
    { name: 'a range that also admits supported series', code: req('Django>=3.2\n') },
    { name: 'no lower bound, no upper bound', code: req('django\n') },
    { name: 'a series newer than the table', code: req('Django==9.1\n') },
    { name: 'test requirements', code: { 'requirements/test.txt': 'Django==2.2.28\n' } },
    { name: 'Django~=5.2.0', code: req('Django~=5.2.0\n') }
  ],
  invalid: [
    { name: 'Django==3.2.4', code: req('Django==3.2.4\n'), findings: [{ path: 'requirements.txt', line: 1, severity: 'medium', message: ['installs Django 3.2.4', 'the 3.2 series ended in April 2024', '5.2 LTS (supported until April 2028)'] }] },
    { name: 'django~=3.2.0', code: req('django~=3.2.0\n'), findings: [{ path: 'requirements.txt', line: 1, message: ['admits only the 3.2 series, whose security support ended in April 2024'] }] },
    { name: 'Django>=2.2,<4: every admitted series ended', code: req('Django>=2.2,<4\n'), findings: [{ path: 'requirements.txt', line: 1, message: ['(2.2, 3.0, 3.1, 3.2)', 'the newest, 3.2, ended in April 2024'] }] },
    { name: 'Django<2, with no lower bound, admits only ended series', code: req('Django<2\n'), findings: [{ path: 'requirements.txt', line: 1 }] },
    { name: 'a Poetry caret', code: { 'pyproject.toml': '[tool.poetry.dependencies]\nDjango = "^2.2"\n' }, findings: [{ path: 'pyproject.toml', line: 2 }] },
    { name: 'uv.lock', code: { 'uv.lock': 'version = 1\n\n[[package]]\nname = "django"\nversion = "1.11.29"\n' }, findings: [{ path: 'uv.lock', line: 5, message: ['1.11 series ended in April 2020'] }] }
  ]
})
