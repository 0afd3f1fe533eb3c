// Whether sessions are in use, as Django's session cookie checks decide it (sessions.py).
import { SESSIONS_APP, SESSION_MIDDLEWARE } from '../settings/defaults.js'
import type { SettingsView } from '../settings/view.js'
import { hasEntry } from './helpers.js'
import { hasMiddleware } from './middleware.js'

/** Which Django check id applies: app only (W010-style), middleware only (W011), both (W012); undefined when sessions are off or unknown. */
export function sessionUse(view: SettingsView): 'app' | 'middleware' | 'both' | undefined {
  const app = hasEntry(view.get('INSTALLED_APPS'), SESSIONS_APP)
  const mw = hasMiddleware(view, SESSION_MIDDLEWARE)
  if (app === true && mw === true) return 'both'
  if (app === true && mw === false) return 'app'
  if (mw === true && app === false) return 'middleware'
  if (app === true || mw === true) return 'both'
  return undefined
}
