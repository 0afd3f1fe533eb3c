// Django's defaults as they were in the release a project runs: the settings whose default changed
// (or that did not exist yet) between 2.0 and today. Everything else is the newest default.
import { atLeast, type DjangoVersion } from '../deps/django-version.js'
import { FALSE, NONE, str, type Value } from '../python/values.js'
import { DJANGO_DEFAULTS } from './defaults.js'

const bySeries = new Map<string, Record<string, Value>>()

/**
 * - `X_FRAME_OPTIONS` was `'SAMEORIGIN'` before 3.0 (`'DENY'` since);
 * - `SECURE_CONTENT_TYPE_NOSNIFF` was False before 3.0 (True since), so W006 fired by default;
 * - `SECURE_REFERRER_POLICY` was None in 3.0 (`'same-origin'` since 3.1) and did not exist before;
 * - `SECURE_CROSS_ORIGIN_OPENER_POLICY` exists from 4.0, `SECRET_KEY_FALLBACKS` from 4.1,
 *   `SESSION_COOKIE_SAMESITE`/`CSRF_COOKIE_SAMESITE` from 2.1: before, none is sent or used (the
 *   rules about them are silent there: see `existsIn`);
 * - `SECURE_BROWSER_XSS_FILTER` (default False) existed until 3.2, `DEFAULT_HASHING_ALGORITHM`
 *   (default `'sha256'`) only in 3.1 and 3.2.
 */
export function defaultsFor(v: DjangoVersion): Record<string, Value> {
  let d = bySeries.get(v.series)
  if (!d) {
    d = { ...DJANGO_DEFAULTS }
    if (!atLeast(v, '3.0')) d.X_FRAME_OPTIONS = str('SAMEORIGIN')
    if (!atLeast(v, '3.0')) d.SECURE_CONTENT_TYPE_NOSNIFF = FALSE
    if (!atLeast(v, '3.1')) d.SECURE_REFERRER_POLICY = NONE
    if (!atLeast(v, '4.0')) d.SECURE_CROSS_ORIGIN_OPENER_POLICY = NONE
    if (!atLeast(v, '2.1')) d.SESSION_COOKIE_SAMESITE = d.CSRF_COOKIE_SAMESITE = NONE
    if (!atLeast(v, '4.0')) d.SECURE_BROWSER_XSS_FILTER = FALSE
    if (atLeast(v, '3.1') && !atLeast(v, '4.0')) d.DEFAULT_HASHING_ALGORITHM = str('sha256')
    bySeries.set(v.series, d)
  }
  return d
}

/** The release a setting first took effect in; settings not listed exist in every release judged. */
const INTRODUCED: Record<string, string> = {
  SESSION_COOKIE_SAMESITE: '2.1',
  CSRF_COOKIE_SAMESITE: '2.1',
  SECURE_REFERRER_POLICY: '3.0',
  SECURE_CROSS_ORIGIN_OPENER_POLICY: '4.0',
  SECRET_KEY_FALLBACKS: '4.1',
  DEFAULT_HASHING_ALGORITHM: '3.1',
  SECURE_CSP: '6.0',
  SECURE_CSP_REPORT_ONLY: '6.0'
}

/** The release a setting was removed in (Django ignores it from then on). */
const REMOVED: Record<string, string> = {
  SECURE_BROWSER_XSS_FILTER: '4.0',
  DEFAULT_HASHING_ALGORITHM: '4.0'
}

/** Whether a setting does anything in the Django a project runs (a setting Django does not know is ignored). */
export function existsIn(v: DjangoVersion, setting: string): boolean {
  const since = INTRODUCED[setting]
  const until = REMOVED[setting]
  return (since === undefined || atLeast(v, since)) && (until === undefined || !atLeast(v, until))
}

/** `MIDDLEWARE_CLASSES` is read only before 2.0 (and only when `MIDDLEWARE` is not set). */
export const readsMiddlewareClasses = (v: DjangoVersion): boolean => !atLeast(v, '2.0')
