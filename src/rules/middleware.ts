// Shared logic for rules about a middleware that must be in MIDDLEWARE.
import type { SettingsView } from '../settings/view.js'
import { readsMiddlewareClasses } from '../settings/versioned-defaults.js'
import { findItem, hasEntry, locOf, origin } from './helpers.js'
import type { RuleContext, RuleFinding } from './types.js'

/** The effective middleware list: MIDDLEWARE, or before Django 2.0 MIDDLEWARE_CLASSES when only that is set. */
export function middlewareSetting(view: SettingsView) {
  const mw = view.get('MIDDLEWARE')
  if (mw.isDefault && readsMiddlewareClasses(view.django)) {
    const legacy = view.get('MIDDLEWARE_CLASSES')
    if (!legacy.isDefault && legacy.binding) return { ...legacy, name: 'MIDDLEWARE_CLASSES' }
  }
  return mw
}

/** true / false / undefined when the middleware list cannot be known. */
export function hasMiddleware(view: SettingsView, dotted: string): boolean | undefined {
  return hasEntry(middlewareSetting(view), dotted)
}

/** A finding when `dotted` is missing from the effective MIDDLEWARE, pointing at what removed it. */
export function missingMiddleware(ctx: RuleContext, dotted: string, subject: string, djangoCheck: string, consequence: string): RuleFinding | undefined {
  const { settings, base } = ctx
  if (hasMiddleware(settings, dotted) !== false) return undefined
  const mw = middlewareSetting(settings)
  const short = dotted.split('.').pop() as string
  let removed: RuleFinding['removed']
  if (base) {
    const before = middlewareSetting(base)
    const item = findItem(before.value, dotted)
    if (item?.loc) removed = { loc: item.loc, text: `'${dotted}'` }
  }
  const ignored = mw.isDefault && settings.get('MIDDLEWARE_CLASSES').binding ? `; the MIDDLEWARE_CLASSES it sets is ignored since Django 2.0, and this project runs ${settings.django.why}` : ''
  const where = mw.isDefault ? `${settings.path} does not set MIDDLEWARE${ignored}` : `${mw.name} ${origin(mw, settings).replace(/^it /, '')}`
  return {
    subject,
    djangoCheck,
    loc: locOf(mw, settings),
    message: `${short} is not in ${mw.name} for production (${where}): ${consequence}`,
    removed,
    fix: { description: `Add '${dotted}' to ${mw.name}${removed ? ' again' : ''}.` }
  }
}
