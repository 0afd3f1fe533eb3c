// A wsgi.py that chooses the settings module by a variable the platform sets (Azure's samples).
import { describe, expect, it } from '@jest/globals'
import { platformSwitchReferences } from '../../src/settings/platform-switch.js'

const AZURE = new Map([['WEBSITE_HOSTNAME', undefined]])
const wsgi = (assignment: string, select = "os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)"): string => `import os\n${assignment}\n${select}\n`
const refs = (text: string, kind: 'default' | 'manage' = 'default', platform: ReadonlyMap<string, string | undefined> = AZURE) =>
  platformSwitchReferences('shop/wsgi.py', text, kind, platform).map((r) => `${r.module} ${r.kind} :${r.line}`)

describe('platformSwitchReferences', () => {
  it('on the platform, the module chosen there is given to production; the other is the developer’s', () => {
    expect(refs(wsgi("settings_module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'"))).toEqual(['shop.production deploy :2', 'shop.settings dev :2'])
    // manage.py's choice is manage.py's default
    expect(refs(wsgi('settings_module = "shop.production" if "WEBSITE_HOSTNAME" in os.environ else "shop.settings"'), 'manage')).toEqual(['shop.production manage :2', 'shop.settings dev :2'])
  })

  it('os.getenv / os.environ.get tests, negation, and os.environ[...] = assignment', () => {
    expect(refs(wsgi("m = 'shop.prod' if os.getenv('WEBSITE_HOSTNAME') else 'shop.dev'", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', m)"))).toEqual(['shop.prod deploy :2', 'shop.dev dev :2'])
    expect(refs(wsgi("m = 'shop.dev' if 'WEBSITE_HOSTNAME' not in os.environ else 'shop.prod'", "os.environ['DJANGO_SETTINGS_MODULE'] = m"))).toEqual(['shop.prod deploy :2', 'shop.dev dev :2'])
    expect(refs(wsgi("m = 'shop.dev' if not os.environ.get('WEBSITE_HOSTNAME') else 'shop.prod'", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', m)"))).toEqual(['shop.prod deploy :2', 'shop.dev dev :2'])
  })

  it('decides nothing off the platform, for another variable, or when the variable does not select the module', () => {
    const text = wsgi("settings_module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'")
    expect(refs(text, 'default', new Map())).toEqual([])
    expect(refs(text, 'default', new Map([['DYNO', undefined]]))).toEqual([])
    expect(refs(wsgi("settings_module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'", "print(settings_module)"))).toEqual([])
    expect(refs(wsgi("settings_module = 'shop.production' if DEBUG else 'shop.settings'"))).toEqual([])
    expect(refs(wsgi("settings_module = get() if 'WEBSITE_HOSTNAME' in os.environ else 'shop.settings'"))).toEqual([])
    expect(platformSwitchReferences('conftest.py', text, 'test', AZURE)).toEqual([])
  })
})
