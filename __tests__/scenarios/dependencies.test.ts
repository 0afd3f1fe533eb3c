// Change scenarios about the Django pins: real git repositories, the whole review pipeline, the CLI.
import { describe, expect, it } from '@jest/globals'
import { runCli } from '../../src/cli-run.js'
import { brief, diffFiles, makeRepo, scanFiles } from '../helpers/project.js'
import { classic, only } from './projects.js'

const REQS = 'gunicorn==22.0.0\nDjango==4.2.16\npsycopg[binary]==3.2.1\n'

describe('Django pins in a change', () => {
  it('Django==3.2.4 pinned in requirements.txt is new, on the pin line, with advisories and the fix', async () => {
    const base = { ...classic(), 'requirements.txt': REQS }
    const r = await diffFiles(base, { 'requirements.txt': REQS.replace('Django==4.2.16', 'Django==3.2.4') })
    expect(brief(r)).toEqual(['django-unsupported-version@requirements.txt:2[new]', 'django-vulnerable-version@requirements.txt:2[new]'])
    const f = only(r, 'django-vulnerable-version')
    expect(f.severity).toBe('high')
    expect(f.evidence).toBe('Django==3.2.4')
    expect(f.message).toMatch(/installs Django 3\.2\.4, which has \d+ published security advisories: PYSEC-/)
    expect(f.message).toContain('CVE-2024-')
    expect(f.message).toContain('The first 3.2 release that fixes them all is 3.2.25')
    expect(f.fix?.replacement).toBe('Django==3.2.25')
    expect(only(r, 'django-unsupported-version').severity).toBe('medium')
  })

  it('an upgrade that fixes the pin reports the old findings as absent', async () => {
    const base = { ...classic(), 'requirements.txt': 'Django==5.1\n' }
    const r = await diffFiles(base, { 'requirements.txt': 'Django==5.2.1\n' })
    expect(brief(r)).toEqual(['django-unsupported-version@requirements.txt:1[absent]', 'django-vulnerable-version@requirements.txt:1[absent]'])
  })

  it('a widened range that newly admits vulnerable releases is new; keeping the same advisories is unchanged', async () => {
    const base = { ...classic(), 'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["Django>=5.1.1,<6"]\n' }
    const widened = await diffFiles(base, { 'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["Django>=5.1,<6"]\n' })
    expect(brief(widened)).toEqual(['django-vulnerable-version@pyproject.toml:3[new]'])
    expect(only(widened, 'django-vulnerable-version').severity).toBe('medium')

    const old = { ...classic(), 'requirements.txt': 'Django==3.2.4\n' }
    const same = await diffFiles(old, { 'requirements.txt': '# web\nDjango==3.2.4\n' })
    expect(brief(same)).toEqual(['django-unsupported-version@requirements.txt:2[unchanged]', 'django-vulnerable-version@requirements.txt:2[unchanged]'])
    // an untouched old pin says nothing in a change to other files
    const elsewhere = await diffFiles(old, { 'README.md': '# shop\n' })
    expect(brief(elsewhere)).toEqual([])
  })

  it('a downgrade within the vulnerable releases is new: it admits advisories the old pin did not', async () => {
    const base = { ...classic(), 'requirements.txt': 'Django==4.2.14\n' }
    const r = await diffFiles(base, { 'requirements.txt': 'Django==4.2.0\n' })
    // 4.2 support ended in April 2026: that finding is as it was
    expect(brief(r)).toEqual(['django-unsupported-version@requirements.txt:1[unchanged]', 'django-vulnerable-version@requirements.txt:1[new]'])
    expect(only(r, 'django-vulnerable-version').notes[0]).toContain('the change newly admits')
  })

  it('a lock file decides: pyproject widened but poetry.lock keeps a fixed release is silent', async () => {
    const lock = (v: string): string => `[[package]]\nname = "django"\nversion = "${v}"\n`
    const base = { ...classic(), 'pyproject.toml': '[tool.poetry.dependencies]\ndjango = "^4.2.16"\n', 'poetry.lock': lock('4.2.16') }
    const r = await diffFiles(base, { 'pyproject.toml': '[tool.poetry.dependencies]\ndjango = "^4.2"\n' })
    expect(brief(r)).toEqual([])
    const relocked = await diffFiles(base, { 'poetry.lock': lock('4.2.3') })
    expect(brief(relocked)).toEqual(['django-unsupported-version@poetry.lock:3[unchanged]', 'django-vulnerable-version@poetry.lock:3[new]'])
  })

  it('a change that includes an unchanged file under a name no source reads by itself follows it', async () => {
    const base = { ...classic(), 'requirements.txt': 'gunicorn==22.0.0\n', 'pins/web.list': 'Django==3.2.4\n' }
    const r = await diffFiles(base, { 'requirements.txt': 'gunicorn==22.0.0\n-r pins/web.list\n' })
    expect(brief(r)).toEqual(['django-unsupported-version@pins/web.list:1[new]', 'django-vulnerable-version@pins/web.list:1[new]'])
    expect(r.notices.filter((n) => n.message.includes('pins/web.list'))).toEqual([])
  })

  it('a suppression with a reason on the pin line silences the finding', async () => {
    const base = { ...classic(), 'requirements.txt': 'Django==5.2.1\n' }
    const r = await diffFiles(base, { 'requirements.txt': 'Django==4.2.0  # django-security: ignore[django-vulnerable-version] -- air-gapped kiosk, upgrade planned in JIRA-12\n' })
    expect(brief(r)).toEqual(['django-unsupported-version@requirements.txt:1[new]'])
  })

  it('an unparseable pyproject.toml in the change is one notice, and the review goes on', async () => {
    const r = await diffFiles(classic(), { 'pyproject.toml': '[project\n', 'requirements.txt': 'Django==3.2.4\n' })
    expect(r.notices.filter((n) => n.path === 'pyproject.toml').map((n) => n.message)).toEqual([expect.stringMatching(/^not read for the Django version: invalid TOML/)])
    expect(brief(r)).toContain('django-vulnerable-version@requirements.txt:1[new]')
  })

  it('a broken pyproject.toml among test fixtures is no notice in a scan', async () => {
    const r = await scanFiles({ ...classic(), 'tests/fixtures/broken/pyproject.toml': '[project\n', 'pyproject.toml': '[project\n' })
    expect(r.notices.filter((n) => n.message.includes('Django version')).map((n) => n.path)).toEqual(['pyproject.toml'])
  })
})

describe('the CLI on a real repository', () => {
  it('scan reports the pin, and a config can turn the rule off', async () => {
    const repo = await makeRepo()
    try {
      await repo.commit({ ...classic(), 'requirements/base.txt': 'Django==3.2.4\n', 'requirements.txt': '-r requirements/base.txt\n' })
      const out: string[] = []
      const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), isTTY: false, cwd: repo.dir }
      expect(await runCli(['scan', '.', '--format', 'json'], io)).toBe(1)
      const json = JSON.parse(out.join('')) as { findings: { ruleId: string; path: string; line: number }[] }
      expect(json.findings.filter((f) => f.ruleId.startsWith('django-')).map((f) => `${f.ruleId}@${f.path}:${f.line}`)).toEqual(['django-unsupported-version@requirements/base.txt:1', 'django-vulnerable-version@requirements/base.txt:1'])

      await repo.commit({ '.github/django-security.yml': 'rules:\n  django-vulnerable-version: off\n  django-unsupported-version: off\n' })
      out.length = 0
      expect(await runCli(['scan', '.', '--format', 'json'], io)).toBe(0)
      expect((JSON.parse(out.join('')) as { findings: unknown[] }).findings).toEqual([])
    } finally {
      repo.cleanup()
    }
  })
})
