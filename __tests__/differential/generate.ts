// Settings modules for the differential test against real Django: Django's own test rows and the
// edge cases of django-checks.md §6 (helpers/django-rows.ts), then seeded random combinations of
// every setting the security checks read. Every value is a plain literal, so Django's answer is
// well defined and static: nothing reads the environment, nothing branches.
import { mulberry32 } from '../secrets/corpus/generate.js'
import { edgeCases, rows, rows32, type Case } from '../helpers/django-rows.js'
import { CSRFM, INSEC, K49, K50, LOW, SESSM, SM, XFM } from '../rules/fixtures.js'

export interface Module {
  /** Where it comes from: `row 4`, `edge DEBUG = 0`, `random 17`. */
  name: string
  /** The settings lines (ROOT_URLCONF is added by the writer). */
  lines: string[]
  /**
   * Lines of a base module the settings star-import first (`from .base import *`), when split: for
   * Django the same as the base lines followed by these, since every name is a literal setting.
   */
  base?: string[]
  /** Other files of the project, by path (`mysite/views.py`): Django imports them, our scan reads them. */
  files?: Record<string, string>
}

/**
 * The views module a random CSRF_FAILURE_VIEW names: a function for each way `view(request, reason=None)`
 * binds or not (E101), a constant, a class-based view, a decorated view; the names are its own.
 */
export const VIEWS = `from django.views import View
from django.views.decorators.csrf import requires_csrf_token


def good(request, reason=""):
    pass


def plain(request, reason):
    pass


def no_reason(request):
    pass


def no_args():
    pass


def splats(*args, **kwargs):
    pass


def keyword_only(request, *, reason):
    pass


def positional_only(request, reason, /):
    pass


def positional_only_kwargs(request, reason, /, **kwargs):
    pass


def reason_first(reason, request=None):
    pass


def extra(request, reason, extra):
    pass


def extra_default(request, reason="", template_name="403_csrf.html"):
    pass


def kwargs_only(request, **kwargs):
    pass


def args_reason(*args, reason=None):
    pass


def typed(request: "HttpRequest", reason: str = "") -> "HttpResponse":
    pass


@requires_csrf_token
def decorated(request, reason=""):
    pass


@requires_csrf_token
def decorated_no_reason(request):
    pass


class Failure(View):
    pass


class_based = Failure.as_view()
constant = 1
nothing = None
`

/** A package beside the settings with its own errors module: `mysite.handlers.errors.*` imports. */
export const HANDLERS = { 'mysite/handlers/__init__.py': '', 'mysite/handlers/errors.py': 'def csrf(request, reason=""):\n    pass\n\n\ndef broken():\n    pass\n' }

const VIEW_NAMES = [...VIEWS.matchAll(/^(?:def |class )?(\w+)(?:\(| = )/gm)].map((m) => m[1]).filter((n) => n !== 'Failure' && n !== 'from')

/** CSRF_FAILURE_VIEW values: the views above, names they lack, modules and packages that are missing, Django's own. */
const FAILURE_VIEWS = [
  ...VIEW_NAMES.map((n) => `mysite.views.${n}`),
  'mysite.views.missing', 'mysite.nomodule.view', 'mysite.nomodule.sub.view', 'mysite.handlers.errors.csrf', 'mysite.handlers.errors.broken',
  'mysite.handlers.errors.missing', 'mysite.handlers.nomodule.view', 'mysite.handlers.csrf', 'mysite.view', 'django.views.csrf.csrf_failure',
  '', 'csrf_failure', 'mysite.views.', 'nopackage.views.csrf_failure'
]

const HASHING = ['"sha1"', '"sha256"', '"md5"', '"sha512"', 'None', '256', '"SHA256"', '""', '"invalid"', 'True']

/**
 * The settings of the always-run checks (E100, E101/E102) for a random module, from their own stream so
 * the other settings stay as they were: DEFAULT_HASHING_ALGORITHM, and CSRF_FAILURE_VIEW with the views
 * module and package it may name (sometimes left out, so that the names point at nothing).
 */
function alwaysRun(rnd: () => number): { lines: string[]; files?: Record<string, string> } {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
  const lines: string[] = []
  let files: Record<string, string> | undefined
  if (rnd() < 0.15) lines.push(`DEFAULT_HASHING_ALGORITHM = ${pick(HASHING)}`)
  if (rnd() < 0.3) {
    lines.push(`CSRF_FAILURE_VIEW = ${s(pick(FAILURE_VIEWS))}`)
    files = { ...(rnd() < 0.85 ? { 'mysite/views.py': VIEWS } : {}), ...(rnd() < 0.7 ? HANDLERS : {}) }
  }
  return { lines, files }
}

const s = (v: string): string => JSON.stringify(v)

/** A random 50-character key from get_random_secret_key()'s alphabet. */
function randomKey(rnd: () => number, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)'): string {
  return Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('')
}

const BOOLISH = ['True', 'False', '1', '0', '"1"', '""', 'None', '"True"', '"False"', '"0"', '[]', '[0]', '0.0']
const OTHER_MIDDLEWARE = ['django.middleware.common.CommonMiddleware', 'django.contrib.auth.middleware.AuthenticationMiddleware', 'django.contrib.messages.middleware.MessageMiddleware']
/** Entries Django does not count as the real ones: a project subclass, a trailing space. */
const LOOKALIKES = ['myproject.middleware.SecurityMiddleware', `${CSRFM} `, 'myproject.middleware.XFrameOptionsMiddleware']

/** Each setting's candidate values as Python literals, and how often a module sets it at all. */
function settingValues(rnd: () => number): Record<string, { p: number; values: (string | (() => string))[] }> {
  const list = (items: string[], tuple: boolean): string => (tuple ? `(${items.map(s).join(', ')}${items.length === 1 ? ',' : ''})` : `[${items.map(s).join(', ')}]`)
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
  return {
    DEBUG: { p: 0.8, values: ['True', 'False', '0', '1', '"False"', '""', 'None', '"0"', '[]', '0.0'] },
    SECRET_KEY: {
      p: 0.85,
      values: [
        '""', 'None', s(K50), s(K49), s(LOW), s(INSEC), s('abcde'.repeat(10)), s('abcd'.repeat(12) + 'ab'), s(`Django-Insecure-${K50}`),
        () => s(randomKey(rnd, 50)), () => s(randomKey(rnd, 50 + Math.floor(rnd() * 20))), () => s(randomKey(rnd, 10 + Math.floor(rnd() * 39))),
        () => s(`django-insecure-${randomKey(rnd, 50)}`), () => s(randomKey(rnd, 60, 'abcd')),
        // code points, not UTF-16 units: 4 distinct astral characters are 5 distinct units; 49 of them are 98 units
        s('\u{1F600}\u{1F601}\u{1F602}\u{1F603}'.repeat(13)), () => s(randomKey(rnd, 49, [...'\u{1F600}\u{1F601}\u{1F602}\u{1F603}\u{1F604}\u{1F605}\u{1F606}'].join(''))),
        s('é'.repeat(10) + K50.slice(10))
      ]
    },
    SECRET_KEY_FALLBACKS: { p: 0.15, values: ['[]', '[""]', `[${s(K49)}]`, `[${s(K50)}, "badkey"]`] },
    ALLOWED_HOSTS: { p: 0.8, values: ['[]', '()', '""', '["*"]', '["www.example.com"]', '[".example.com"]', '("example.com",)', '["localhost", "127.0.0.1"]', '[""]', '"example.com"'] },
    MIDDLEWARE: {
      p: 0.9,
      values: [
        () => {
          const chosen = [SM, SESSM, ...OTHER_MIDDLEWARE, CSRFM, XFM].filter(() => rnd() < 0.6)
          if (rnd() < 0.15) chosen.splice(Math.floor(rnd() * (chosen.length + 1)), 0, pick(LOOKALIKES))
          return list(chosen, rnd() < 0.2)
        }
      ]
    },
    MIDDLEWARE_CLASSES: { p: 0.05, values: [list([SM, SESSM, CSRFM, XFM], false)] },
    INSTALLED_APPS: {
      p: 0.8,
      values: [
        () => {
          const apps = ['django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.messages'].filter(() => rnd() < 0.7)
          const sessions = rnd()
          if (sessions < 0.55) apps.splice(Math.floor(rnd() * (apps.length + 1)), 0, 'django.contrib.sessions')
          else if (sessions < 0.65) apps.push('django.contrib.sessions.apps.SessionsConfig')
          return list(apps, rnd() < 0.15)
        }
      ]
    },
    SESSION_COOKIE_SECURE: { p: 0.6, values: BOOLISH },
    SESSION_COOKIE_HTTPONLY: { p: 0.4, values: BOOLISH },
    CSRF_COOKIE_SECURE: { p: 0.6, values: BOOLISH },
    CSRF_COOKIE_HTTPONLY: { p: 0.2, values: ['True', 'False'] },
    CSRF_USE_SESSIONS: { p: 0.25, values: ['True', 'False', '1', '0', '""', '"yes"', '"False"', '[]'] },
    SECURE_HSTS_SECONDS: { p: 0.6, values: ['0', 'None', '3600', '31536000', '-1', '1', '"0"', '""', '60', '0.0', '3600.0', 'True', 'False'] },
    SECURE_HSTS_INCLUDE_SUBDOMAINS: { p: 0.5, values: ['True', 'False', '1', '"True"', 'None'] },
    SECURE_HSTS_PRELOAD: { p: 0.5, values: ['True', 'False', '1', '"True"', 'None'] },
    SECURE_CONTENT_TYPE_NOSNIFF: { p: 0.4, values: ['True', 'False', '1', 'None', '"True"'] },
    SECURE_SSL_REDIRECT: { p: 0.6, values: ['True', 'False', '1', '"True"', 'None'] },
    SECURE_BROWSER_XSS_FILTER: { p: 0.15, values: ['True', 'False'] },
    X_FRAME_OPTIONS: { p: 0.4, values: ['"DENY"', '"SAMEORIGIN"', '"deny"', '"ALLOW-FROM https://example.com"', '""', 'None', '"DENY "'] },
    SECURE_REFERRER_POLICY: {
      p: 0.5,
      values: [
        'None', '"same-origin"', '"strict-origin,origin"', '"strict-origin, origin"', '["strict-origin", "origin"]', '("no-referrer",)', '[]', '""',
        '"invalid-value"', '"Same-Origin"', '"unsafe-url"', '"no-referrer-when-downgrade"', '["same-origin", "bogus"]', '"origin,,same-origin"',
        '{"same-origin"}', '" same-origin "', '"same-origin,"', '[" same-origin"]', '()', '"strict-origin-when-cross-origin"'
      ]
    },
    SECURE_CROSS_ORIGIN_OPENER_POLICY: { p: 0.15, values: ['"same-origin"', '"unsafe-none"', '"bogus"', 'None'] },
    SESSION_COOKIE_SAMESITE: { p: 0.1, values: ['"Lax"', '"Strict"', 'None', '"None"'] },
    // Django's check functions report silenced ids all the same (check --deploy filters them); so does this review, which also reports the silencing
    SILENCED_SYSTEM_CHECKS: { p: 0.08, values: ['[]', '["security.W004"]', '["security.W001", "security.W018"]', '("security.W012",)'] }
  }
}

/** `+=`, `.append()`, `.insert()` or `.remove()` of a middleware or app on a list (or `+=` of a tuple) just assigned. */
function changeList(rnd: () => number, name: string, assignment: string): string[] {
  const entries = [...assignment.matchAll(/"([^"]*)"/g)].map((m) => m[1])
  const tuple = assignment.startsWith(`${name} = (`)
  const candidates = name === 'MIDDLEWARE' ? [SM, SESSM, CSRFM, XFM, ...LOOKALIKES] : ['django.contrib.sessions', 'django.contrib.sessions.apps.SessionsConfig', 'django.contrib.sessions ']
  const add = candidates[Math.floor(rnd() * candidates.length)]
  const r = rnd()
  if (tuple) return [`${name} += (${s(add)},)`]
  if (r < 0.3) return [`${name} += [${s(add)}]`]
  if (r < 0.5) return [`${name}.append(${s(add)})`]
  if (r < 0.65) return [`${name}.insert(0, ${s(add)})`]
  const present = entries.filter((e) => candidates.includes(e))
  return present.length ? [`${name}.remove(${s(present[Math.floor(rnd() * present.length)])})`] : [`${name} = ${name} + [${s(add)}]`]
}

/** `count` random modules from `seed`: each setting set with its probability to one of its values. */
export function randomModules(seed: number, count: number): Module[] {
  const rnd = mulberry32(seed)
  const always = mulberry32(seed ^ 0x5eed)
  const out: Module[] = []
  for (let i = 0; i < count; i++) {
    const lines: string[] = []
    const settings = settingValues(rnd)
    const pickValue = (name: string): string => {
      const values = settings[name].values
      const v = values[Math.floor(rnd() * values.length)]
      return typeof v === 'function' ? v() : v
    }
    for (const [name, { p }] of Object.entries(settings)) {
      if (rnd() >= p) continue
      lines.push(`${name} = ${pickValue(name)}`)
      // later statements that change it, all on literals: a reassignment, or a list changed in place
      const r = rnd()
      if (r < 0.08) lines.push(`${name} = ${pickValue(name)}`)
      else if (r < 0.2 && (name === 'MIDDLEWARE' || name === 'INSTALLED_APPS')) lines.push(...changeList(rnd, name, lines[lines.length - 1]))
    }
    // a setting decided by the (literal) DEBUG of the module: `if DEBUG:` / `if not DEBUG:`, with or without else
    // (kept last, and whole: in the production module when the module is split)
    const guard: string[] = []
    if (lines.some((l) => l.startsWith('DEBUG = ')) && rnd() < 0.2) {
      const names = ['ALLOWED_HOSTS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'X_FRAME_OPTIONS']
      const name = names[Math.floor(rnd() * names.length)]
      guard.push(`if ${rnd() < 0.5 ? 'not ' : ''}DEBUG:`, `    ${name} = ${pickValue(name)}`)
      if (rnd() < 0.5) guard.push('else:', `    ${name} = ${pickValue(name)}`)
    }
    // a quarter split into base and production modules: production overrides what base says
    if (rnd() < 0.25 && lines.length > 1) {
      const cut = 1 + Math.floor(rnd() * (lines.length - 1))
      const base = lines.slice(0, cut)
      const own = lines.slice(cut)
      // production restates some base settings with another value, or changes a base list in place
      for (const line of base) {
        const name = /^(\w+) = /.exec(line)?.[1]
        if (!name || rnd() >= 0.2) continue
        // in place only on a list nothing else changes after its assignment
        const untouched = lines.filter((l) => new RegExp(`^${name}\\b(?!_)`).test(l)).length === 1
        own.push((name === 'MIDDLEWARE' || name === 'INSTALLED_APPS') && untouched ? changeList(rnd, name, line)[0] : `${name} = ${pickValue(name)}`)
      }
      out.push({ name: `random ${i} (seed ${seed}, split)`, base, lines: [...own, ...guard] })
    } else out.push({ name: `random ${i} (seed ${seed})`, lines: [...lines, ...guard] })
    const extra = alwaysRun(always)
    const m = out[out.length - 1]
    m.lines.push(...extra.lines)
    if (extra.files) m.files = extra.files
  }
  return out
}

function variants(c: Case): string[][] {
  return Array.isArray(c.settings[0]) ? (c.settings as string[][]) : [c.settings as string[]]
}

/** Django's test rows (3.2's DEFAULT_HASHING_ALGORITHM test too), the §6 edge cases, and each CSRF_FAILURE_VIEW value with the views module and package beside it: each variant a module. */
export function tableModules(): Module[] {
  const out: Module[] = []
  const add = (name: string, c: Case): void => variants(c).forEach((lines, i) => out.push({ name: `${name}${i ? ` (${i + 1})` : ''}`, lines, ...(c.files ? { files: c.files } : {}) }))
  for (const [key, c] of Object.entries(rows)) add(`row ${key}`, c)
  for (const [key, c] of Object.entries(rows32)) add(`row ${key}`, c)
  for (const [key, c] of Object.entries(edgeCases)) add(`edge ${key}`, c)
  for (const view of FAILURE_VIEWS) out.push({ name: `CSRF_FAILURE_VIEW ${s(view)}`, lines: [`CSRF_FAILURE_VIEW = ${s(view)}`], files: { 'mysite/views.py': VIEWS, ...HANDLERS } })
  return out
}
