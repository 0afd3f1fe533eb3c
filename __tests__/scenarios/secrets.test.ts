// Change scenarios about SECRET_KEY: moved out of the code (a fix), literal fallbacks added (new),
// rotation through SECRET_KEY_FALLBACKS, development keys (silent). Values are always masked.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles } from '../helpers/project.js'
import { CC_PRODUCTION, CLASSIC_SETTINGS, classic, cookiecutter, edit, lineOf, only, settingsPackage, worsened } from './projects.js'

const ENV_READ = 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'
const INSECURE_KEY = 'django-insecure-5$+m1x#9(w@q8k^zv0b!t3r&h7y*u2e-l4n6p_j=o%c)d'
const OLD_KEY = 'q7@l0v!3x$e9m#2t^8k&1z*5w(4r)6y-b_n+c=j%u0h1g2f3d4s5a6'
const KEY_LINE = lineOf(CLASSIC_SETTINGS, ENV_READ)

/** The classic project as it was generated: the startproject key committed in settings.py. */
function classicWithKey(key: string): Record<string, string> {
  const files = classic()
  files['mysite/settings.py'] = edit(files, 'mysite/settings.py', ENV_READ, `SECRET_KEY = "${key}"`)
  return files
}

describe('SECRET_KEY moved out of the code', () => {
  it('literal → os.environ["..."] is a fix: the committed key is absent, nothing is new', async () => {
    const base = classicWithKey(INSECURE_KEY)
    const r = await diffFiles(base, { 'mysite/settings.py': CLASSIC_SETTINGS })
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${KEY_LINE}[absent]`, `secret-key-weak@mysite/settings.py:${KEY_LINE}[absent]`])
    expect(worsened(r)).toEqual([])
    for (const f of r.findings) {
      expect(f.message).not.toContain(INSECURE_KEY)
      expect(f.evidence).not.toContain(INSECURE_KEY)
    }
  })

  it('literal → a Docker secret file read at start-up is a fix (the new value is unknown, not reported)', async () => {
    const base = classicWithKey(OLD_KEY)
    const head = edit(classic(), 'mysite/settings.py', ENV_READ, 'SECRET_KEY = Path("/run/secrets/django_secret_key").read_text().strip()')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${KEY_LINE}[absent]`])
  })

  it('key rotation: the old literal kept in SECRET_KEY_FALLBACKS is still committed and still accepted', async () => {
    const base = classicWithKey(OLD_KEY)
    const head = edit(classic(), 'mysite/settings.py', ENV_READ, `${ENV_READ}\nSECRET_KEY_FALLBACKS = ["${OLD_KEY}"]`)
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${KEY_LINE}[absent]`, `secret-key-hardcoded@mysite/settings.py:${KEY_LINE + 1}[new]`])
    const fresh = r.findings.find((f) => f.baselineState === 'new')
    expect(fresh?.message).toContain('SECRET_KEY_FALLBACKS[0] is a literal')
    expect(fresh?.evidence).not.toContain(OLD_KEY)
  })
})

describe('a literal fallback added to an env read', () => {
  it('os.environ["SECRET_KEY"] → os.environ.get("SECRET_KEY", "<long literal>") is new and masked', async () => {
    const fallback = 'local-only-key-Jq3Zt9Lm2Rw8Xv4Nc6Bp1Hs7Kd5Fg0Ay3Ue'
    const head = edit(classic(), 'mysite/settings.py', ENV_READ, `SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${fallback}")`)
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${KEY_LINE}[new]`])
    const f = only(r, 'secret-key-hardcoded')
    expect(f.severity).toBe('critical')
    expect(f.message).toContain('falls back to a literal')
    expect(f.message).toContain('when DJANGO_SECRET_KEY is unset')
    expect(JSON.stringify(f)).not.toContain(fallback)
  })

  it('a short "dev" fallback is both hardcoded and weak', async () => {
    const head = edit(classic(), 'mysite/settings.py', ENV_READ, 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev")')
    const r = await diffFiles(classic(), { 'mysite/settings.py': head })
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${KEY_LINE}[new]`, `secret-key-weak@mysite/settings.py:${KEY_LINE}[new]`])
    expect(only(r, 'secret-key-weak').djangoCheck).toBe('security.W009')
    for (const f of r.findings) expect(f.evidence).not.toContain('"dev"')
  })

  it('cookiecutter production.py: env("DJANGO_SECRET_KEY") gains a django-insecure default', async () => {
    const base = cookiecutter()
    const read = 'SECRET_KEY = env("DJANGO_SECRET_KEY")'
    const head = edit(base, 'config/settings/production.py', read, `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${INSECURE_KEY}")`)
    const r = await diffFiles(base, { 'config/settings/production.py': head })
    const line = lineOf(CC_PRODUCTION, read)
    expect(brief(r)).toEqual([`secret-key-hardcoded@config/settings/production.py:${line}[new]`, `secret-key-weak@config/settings/production.py:${line}[new]`])
    expect(only(r, 'secret-key-weak').message).toContain('django-insecure-')
    expect(JSON.stringify(r.findings)).not.toContain(INSECURE_KEY)
  })

  it('python-decouple: config("DJANGO_SECRET_KEY") gains default="changeme"', async () => {
    const base = classic()
    base['mysite/settings.py'] = edit(base, 'mysite/settings.py', ENV_READ, 'SECRET_KEY = config("DJANGO_SECRET_KEY")').replace('from pathlib import Path\n', 'from pathlib import Path\n\nfrom decouple import config\n')
    const head = edit(base, 'mysite/settings.py', 'SECRET_KEY = config("DJANGO_SECRET_KEY")', 'SECRET_KEY = config("DJANGO_SECRET_KEY", default="changeme")')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    const line = lineOf(head, 'SECRET_KEY =')
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${line}[new]`, `secret-key-weak@mysite/settings.py:${line}[new]`])
    expect(only(r, 'secret-key-weak').message).toContain('well-known placeholder')
  })
})

describe('a literal default of a lookup in a configuration file', () => {
  it("a project helper over a YAML config gains 'CHANGEME' as the key's default (helfertool 19f8f0b560): new, explained, masked", async () => {
    const base = classic()
    const helper = [
      'import yaml',
      '',
      'def dict_get(data, default, *keys):',
      '    try:',
      '        for key in keys:',
      '            data = data[key]',
      '        return data',
      '    except (KeyError, TypeError):',
      '        return default',
      '',
      'with open(os.environ.get("APP_CONFIG", "/data/app.yaml")) as f:',
      '    config = yaml.safe_load(f)',
      'SECRET_KEY = dict_get(config, None, "security", "secret")'
    ].join('\n')
    base['mysite/settings.py'] = edit(base, 'mysite/settings.py', ENV_READ, helper)
    const head = edit(base, 'mysite/settings.py', 'dict_get(config, None, "security", "secret")', 'dict_get(config, "CHANGEME", "security", "secret")')
    const r = await diffFiles(base, { 'mysite/settings.py': head })
    const line = lineOf(head, 'SECRET_KEY =')
    expect(brief(r)).toEqual([`secret-key-hardcoded@mysite/settings.py:${line}[new]`, `secret-key-weak@mysite/settings.py:${line}[new]`])
    expect(only(r, 'secret-key-hardcoded').message).toContain('when the lookup at mysite/settings.py:' + line + ' finds no key')
    expect(only(r, 'secret-key-weak').message).toContain('falls back to when its lookup')
    expect(JSON.stringify(r.findings)).not.toContain('CHANGEME')
  })
})

describe('development keys', () => {
  it('changing the literal key of dev.py stays silent', async () => {
    const base = settingsPackage()
    const head = edit(base, 'blogsite/settings/dev.py', 'dev-only-7q0v#x@1^k2n$b4m&c6z*e8r!t3y%u5w', 'insecure')
    const r = await diffFiles(base, { 'blogsite/settings/dev.py': head })
    expect(brief(r)).toEqual([])
  })
})
