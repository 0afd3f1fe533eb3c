// Django's own security-check tests (shared/reference/django-checks.md §4, newest Django semantics) and
// the edge cases of §6, as settings lines: the peer suite (django-parity.test.ts) checks our ids against
// the expectations written here; the differential test (differential/) runs the same lines through
// real Django as well.
import { CSRFM, INSEC, K49, K50, LOW, SESSM, SM, XFM } from '../rules/fixtures.js'

export const SESSAPP = 'django.contrib.sessions'

/** The ids each Django check function can return. */
export const FAMILIES = {
  check_session_cookie_secure: ['security.W010', 'security.W011', 'security.W012'],
  check_session_cookie_httponly: ['security.W013', 'security.W014', 'security.W015'],
  check_csrf_middleware: ['security.W003'],
  check_csrf_cookie_secure: ['security.W016'],
  check_security_middleware: ['security.W001'],
  check_sts: ['security.W004'],
  check_sts_include_subdomains: ['security.W005'],
  check_sts_preload: ['security.W021'],
  check_xframe_options_middleware: ['security.W002'],
  check_xframe_deny: ['security.W019'],
  check_content_type_nosniff: ['security.W006'],
  check_ssl_redirect: ['security.W008'],
  check_referrer_policy: ['security.W022', 'security.E023'],
  check_cross_origin_opener_policy: ['security.E024'],
  check_secret_key: ['security.W009'],
  check_secret_key_fallbacks: ['security.W025'],
  check_debug: ['security.W018'],
  check_allowed_hosts: ['security.W020'],
  check_csrf_failure_view: ['security.E101', 'security.E102'],
  check_default_hashing_algorithm: ['security.E100'],
  check_csp_settings: ['security.E026']
} as const
export type Check = keyof typeof FAMILIES

export interface Case {
  check: Check
  /** Python lines of the settings module; several lists when Django's test runs subtests. */
  settings: string[] | string[][]
  /** Django's result: ids, with the entry named for W025 (`security.W025 SECRET_KEY_FALLBACKS[1]`). */
  expected: string[]
  /** Other files of the project beside `mysite/settings.py` (the views module a CSRF_FAILURE_VIEW names), by path. */
  files?: Record<string, string>
}

export const s = (v: string): string => JSON.stringify(v)
export const MW = (...entries: string[]): string => `MIDDLEWARE = [${entries.map(s).join(', ')}]`
export const APPS = (...entries: string[]): string => `INSTALLED_APPS = [${entries.map(s).join(', ')}]`
export const W025 = (i: number): string => `security.W025 SECRET_KEY_FALLBACKS[${i}]`

/** §4 rows 1–72: every row Django's test_security.py has that a static settings file can express. */
/** Django 6.0's CSP test values (rows 71–72): what passes, and what is neither None nor a dict. */
const CSP_OK = ['None', '{}', '{"key": "value"}']
const CSP_NOT_DICT = ['False', 'True', '0', '42', '""', '"not-a-dict"', 'set()', '{"a", "b"}', '[]', '[1, 2, 3, 4]']

export const rows: Record<number, Case> = {
  // sessions.py
  1: { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = False', APPS(SESSAPP), MW()], expected: ['security.W010'] },
  2: { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = "1"', APPS(SESSAPP), MW()], expected: ['security.W010'] },
  3: { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = False', APPS(), MW(SESSM)], expected: ['security.W011'] },
  4: { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = False', APPS(SESSAPP), MW(SESSM)], expected: ['security.W012'] },
  5: { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = True', APPS(SESSAPP), MW(SESSM)], expected: [] },
  6: { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = False', APPS(SESSAPP), MW()], expected: ['security.W013'] },
  7: { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = "1"', APPS(SESSAPP), MW()], expected: ['security.W013'] },
  8: { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = False', APPS(), MW(SESSM)], expected: ['security.W014'] },
  9: { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = False', APPS(SESSAPP), MW(SESSM)], expected: ['security.W015'] },
  10: { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = True', APPS(SESSAPP), MW(SESSM)], expected: [] },
  // csrf.py
  11: { check: 'check_csrf_middleware', settings: [MW()], expected: ['security.W003'] },
  12: { check: 'check_csrf_middleware', settings: [MW(CSRFM)], expected: [] },
  13: { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_COOKIE_SECURE = False'], expected: ['security.W016'] },
  14: { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_COOKIE_SECURE = "1"'], expected: ['security.W016'] },
  15: { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_USE_SESSIONS = True', 'CSRF_COOKIE_SECURE = False'], expected: [] },
  16: { check: 'check_csrf_cookie_secure', settings: [MW(), 'CSRF_COOKIE_SECURE = False'], expected: [] },
  17: { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_COOKIE_SECURE = True'], expected: [] },
  18: { check: 'check_csrf_failure_view', settings: ['CSRF_FAILURE_VIEW = ""'], expected: ['security.E102'] },
  19: {
    check: 'check_csrf_failure_view',
    settings: ['CSRF_FAILURE_VIEW = "mysite.views.failure_view_with_invalid_signature"'],
    files: { 'mysite/views.py': 'def failure_view_with_invalid_signature():\n    pass\n' },
    expected: ['security.E101']
  },
  20: {
    check: 'check_csrf_failure_view',
    settings: ['CSRF_FAILURE_VIEW = "mysite.views.failure_view"'],
    files: { 'mysite/views.py': 'from django.views import View\n\n\nclass FailureView(View):\n    pass\n\n\nfailure_view = FailureView.as_view()\n' },
    expected: []
  },
  // base.py: SecurityMiddleware and headers
  22: { check: 'check_security_middleware', settings: [MW()], expected: ['security.W001'] },
  23: { check: 'check_security_middleware', settings: [MW(SM)], expected: [] },
  24: { check: 'check_sts', settings: [MW(SM), 'SECURE_HSTS_SECONDS = 0'], expected: ['security.W004'] },
  25: { check: 'check_sts', settings: [MW(), 'SECURE_HSTS_SECONDS = 0'], expected: [] },
  26: { check: 'check_sts', settings: [MW(SM), 'SECURE_HSTS_SECONDS = 3600'], expected: [] },
  27: { check: 'check_sts_include_subdomains', settings: [MW(SM), 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False', 'SECURE_HSTS_SECONDS = 3600'], expected: ['security.W005'] },
  28: { check: 'check_sts_include_subdomains', settings: [MW(), 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False', 'SECURE_HSTS_SECONDS = 3600'], expected: [] },
  29: { check: 'check_sts_include_subdomains', settings: [MW(SM), 'SECURE_SSL_REDIRECT = False', 'SECURE_HSTS_SECONDS = None'], expected: [] },
  30: { check: 'check_sts_include_subdomains', settings: [MW(SM), 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_SECONDS = 3600'], expected: [] },
  31: { check: 'check_sts_preload', settings: [MW(SM), 'SECURE_HSTS_PRELOAD = False', 'SECURE_HSTS_SECONDS = 3600'], expected: ['security.W021'] },
  32: { check: 'check_sts_preload', settings: [MW(), 'SECURE_HSTS_PRELOAD = False', 'SECURE_HSTS_SECONDS = 3600'], expected: [] },
  33: { check: 'check_sts_preload', settings: [MW(SM), 'SECURE_SSL_REDIRECT = False', 'SECURE_HSTS_SECONDS = None'], expected: [] },
  34: { check: 'check_sts_preload', settings: [MW(SM), 'SECURE_HSTS_PRELOAD = True', 'SECURE_HSTS_SECONDS = 3600'], expected: [] },
  35: { check: 'check_xframe_options_middleware', settings: [MW()], expected: ['security.W002'] },
  36: { check: 'check_xframe_options_middleware', settings: [MW(XFM)], expected: [] },
  37: { check: 'check_xframe_deny', settings: [MW(XFM), 'X_FRAME_OPTIONS = "SAMEORIGIN"'], expected: ['security.W019'] },
  38: { check: 'check_xframe_deny', settings: [MW(), 'X_FRAME_OPTIONS = "SAMEORIGIN"'], expected: [] },
  39: { check: 'check_xframe_deny', settings: [MW(XFM), 'X_FRAME_OPTIONS = "DENY"'], expected: [] },
  40: { check: 'check_content_type_nosniff', settings: [MW(SM), 'SECURE_CONTENT_TYPE_NOSNIFF = False'], expected: ['security.W006'] },
  41: { check: 'check_content_type_nosniff', settings: [MW(), 'SECURE_CONTENT_TYPE_NOSNIFF = False'], expected: [] },
  42: { check: 'check_content_type_nosniff', settings: [MW(SM), 'SECURE_CONTENT_TYPE_NOSNIFF = True'], expected: [] },
  43: { check: 'check_ssl_redirect', settings: [MW(SM), 'SECURE_SSL_REDIRECT = False'], expected: ['security.W008'] },
  44: { check: 'check_ssl_redirect', settings: [MW(), 'SECURE_SSL_REDIRECT = False'], expected: [] },
  45: { check: 'check_ssl_redirect', settings: [MW(SM), 'SECURE_SSL_REDIRECT = True'], expected: [] },
  46: { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = None'], expected: ['security.W022'] },
  47: { check: 'check_referrer_policy', settings: [MW(), 'SECURE_REFERRER_POLICY = None'], expected: [] },
  48: {
    check: 'check_referrer_policy',
    settings: ['"strict-origin"', '"strict-origin,origin"', '"strict-origin, origin"', '["strict-origin", "origin"]', '("strict-origin", "origin")'].map((v) => [MW(SM), `SECURE_REFERRER_POLICY = ${v}`]),
    expected: []
  },
  49: { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = "invalid-value"'], expected: ['security.E023'] },
  50: { check: 'check_cross_origin_opener_policy', settings: [MW(SM), 'SECURE_CROSS_ORIGIN_OPENER_POLICY = None'], expected: [] },
  51: { check: 'check_cross_origin_opener_policy', settings: ['same-origin', 'same-origin-allow-popups', 'unsafe-none'].map((v) => [MW(SM), `SECURE_CROSS_ORIGIN_OPENER_POLICY = ${s(v)}`]), expected: [] },
  52: { check: 'check_cross_origin_opener_policy', settings: [MW(SM), 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "invalid-value"'], expected: ['security.E024'] },
  // base.py: secrets, DEBUG, hosts
  53: { check: 'check_secret_key', settings: [`SECRET_KEY = ${s(K50)}`], expected: [] },
  54: { check: 'check_secret_key', settings: ['SECRET_KEY = ""'], expected: ['security.W009'] },
  55: { check: 'check_secret_key', settings: ['# SECRET_KEY is not set: Django\'s default "" applies'], expected: ['security.W009'] },
  56: { check: 'check_secret_key', settings: ['SECRET_KEY = None'], expected: ['security.W009'] },
  57: { check: 'check_secret_key', settings: [`SECRET_KEY = ${s(INSEC)}`], expected: ['security.W009'] },
  58: { check: 'check_secret_key', settings: [`SECRET_KEY = ${s(K49)}`], expected: ['security.W009'] },
  59: { check: 'check_secret_key', settings: [`SECRET_KEY = ${s(LOW)}`], expected: ['security.W009'] },
  60: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(K50)}]`], expected: [] },
  62: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(INSEC)}]`], expected: [W025(0)] },
  63: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(K49)}]`], expected: [W025(0)] },
  64: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(LOW)}]`], expected: [W025(0)] },
  65: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(K50)}, "badkey"]`], expected: [W025(1)] },
  66: { check: 'check_secret_key_fallbacks', settings: [`SECRET_KEY_FALLBACKS = [${s(K50)}, "badkey1", "badkey2"]`], expected: [W025(1), W025(2)] },
  67: { check: 'check_debug', settings: ['DEBUG = True'], expected: ['security.W018'] },
  68: { check: 'check_debug', settings: ['DEBUG = False'], expected: [] },
  69: { check: 'check_allowed_hosts', settings: ['ALLOWED_HOSTS = []'], expected: ['security.W020'] },
  70: { check: 'check_allowed_hosts', settings: ['ALLOWED_HOSTS = [".example.com"]'], expected: [] },
  71: { check: 'check_csp_settings', settings: CSP_OK.flatMap((a) => CSP_OK.map((b) => [`SECURE_CSP = ${a}`, `SECURE_CSP_REPORT_ONLY = ${b}`])), expected: [] },
  72: {
    check: 'check_csp_settings',
    settings: CSP_NOT_DICT.flatMap((v) => [[`SECURE_CSP = ${v}`], [`SECURE_CSP_REPORT_ONLY = ${v}`]]),
    expected: ['security.E026']
  }
}

/** §4's 3.2-only test (tests/deprecation/test_default_hashing_algorithm.py): E100, under Django 3.1–3.2 only. */
export const rows32: Record<string, Case> = {
  '3.2-a': { check: 'check_default_hashing_algorithm', settings: ['None', '256', '"invalid"', '"md5"', '"sha512"'].map((v) => [`DEFAULT_HASHING_ALGORITHM = ${v}`]), expected: ['security.E100'] },
  '3.2-b': { check: 'check_default_hashing_algorithm', settings: ['"sha1"', '"sha256"'].map((v) => [`DEFAULT_HASHING_ALGORITHM = ${v}`]), expected: [] }
}

/** §4 rows that a static settings file cannot express, or whose check is not in our catalogue. */
export const skipped: Record<number, string> = {
  21: 'a view annotated with a name imported only under TYPE_CHECKING: Python 3.14 defers the annotation (Django: []), earlier Pythons raise NameError importing the module, so the row depends on the Python, not the settings (csrf-failure-view-broken reads parameters, not annotations: [])',
  61: 'SECRET_KEY_FALLBACKS deleted from settings: a settings file that does not set it gets the default [], so deletion cannot be written'
}

/** §6: the edge cases verified against Django that a settings file can state. */
export const edgeCases: Record<string, Case> = {
  'DEBUG = "False" (a non-empty string)': { check: 'check_debug', settings: ['DEBUG = "False"'], expected: ['security.W018'] },
  'DEBUG = 0': { check: 'check_debug', settings: ['DEBUG = 0'], expected: [] },
  'DEBUG = 1': { check: 'check_debug', settings: ['DEBUG = 1'], expected: ['security.W018'] },
  "ALLOWED_HOSTS = ['*']": { check: 'check_allowed_hosts', settings: ['ALLOWED_HOSTS = ["*"]'], expected: [] },
  'ALLOWED_HOSTS = ()': { check: 'check_allowed_hosts', settings: ['ALLOWED_HOSTS = ()'], expected: ['security.W020'] },
  'ALLOWED_HOSTS = ""': { check: 'check_allowed_hosts', settings: ['ALLOWED_HOSTS = ""'], expected: ['security.W020'] },
  'HSTS -1, 1, "0" are truthy': { check: 'check_sts', settings: ['-1', '1', '"0"'].map((v) => [MW(SM), `SECURE_HSTS_SECONDS = ${v}`]), expected: [] },
  'HSTS None': { check: 'check_sts', settings: [MW(SM), 'SECURE_HSTS_SECONDS = None'], expected: ['security.W004'] },
  'HSTS not set (default 0)': { check: 'check_sts', settings: [MW(SM)], expected: ['security.W004'] },
  'INCLUDE_SUBDOMAINS = 1 is not True': { check: 'check_sts_include_subdomains', settings: [MW(SM), 'SECURE_HSTS_SECONDS = 3600', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = 1'], expected: ['security.W005'] },
  'PRELOAD = "True" is not True': { check: 'check_sts_preload', settings: [MW(SM), 'SECURE_HSTS_SECONDS = 3600', 'SECURE_HSTS_PRELOAD = "True"'], expected: ['security.W021'] },
  'NOSNIFF not set (default True)': { check: 'check_content_type_nosniff', settings: [MW(SM)], expected: [] },
  'NOSNIFF = 1': { check: 'check_content_type_nosniff', settings: [MW(SM), 'SECURE_CONTENT_TYPE_NOSNIFF = 1'], expected: ['security.W006'] },
  'SSL_REDIRECT not set': { check: 'check_ssl_redirect', settings: [MW(SM)], expected: ['security.W008'] },
  'SSL_REDIRECT = 1': { check: 'check_ssl_redirect', settings: [MW(SM), 'SECURE_SSL_REDIRECT = 1'], expected: ['security.W008'] },
  'a SecurityMiddleware under another path': { check: 'check_security_middleware', settings: [MW('myapp.middleware.SecurityMiddleware')], expected: ['security.W001'] },
  'MIDDLEWARE as a tuple': { check: 'check_security_middleware', settings: [`MIDDLEWARE = (${s(SM)},)`], expected: [] },
  'X_FRAME_OPTIONS not set (default DENY)': { check: 'check_xframe_deny', settings: [MW(XFM)], expected: [] },
  'X_FRAME_OPTIONS = "deny" (exact comparison)': { check: 'check_xframe_deny', settings: [MW(XFM), 'X_FRAME_OPTIONS = "deny"'], expected: ['security.W019'] },
  'X_FRAME_OPTIONS = "SAMEORIGIN"': { check: 'check_xframe_deny', settings: [MW(XFM), 'X_FRAME_OPTIONS = "SAMEORIGIN"'], expected: ['security.W019'] },
  'referrer policy not set': { check: 'check_referrer_policy', settings: [MW(SM)], expected: [] },
  'referrer policy ""': { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = ""'], expected: ['security.E023'] },
  'referrer policy "unsafe-url" (valid for Django)': { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = "unsafe-url"'], expected: [] },
  'referrer policy "Same-Origin"': { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = "Same-Origin"'], expected: ['security.E023'] },
  'referrer policy []': { check: 'check_referrer_policy', settings: [MW(SM), 'SECURE_REFERRER_POLICY = []'], expected: [] },
  'COOP not set': { check: 'check_cross_origin_opener_policy', settings: [MW(SM)], expected: [] },
  'COOP "same-origin, unsafe-none"': { check: 'check_cross_origin_opener_policy', settings: [MW(SM), 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin, unsafe-none"'], expected: ['security.E024'] },
  'COOP "bogus" without SecurityMiddleware': { check: 'check_cross_origin_opener_policy', settings: [MW(), 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "bogus"'], expected: [] },
  'key "django-insecure-" + "x" * 60': { check: 'check_secret_key', settings: ['SECRET_KEY = "django-insecure-" + "x" * 60'], expected: ['security.W009'] },
  'key "Django-Insecure-" + K50 (prefix is case-sensitive)': { check: 'check_secret_key', settings: [`SECRET_KEY = "Django-Insecure-" + ${s(K50)}`], expected: [] },
  'key of 50 characters, 5 distinct': { check: 'check_secret_key', settings: ['SECRET_KEY = "abcde" * 10'], expected: [] },
  'key of 50 characters, 4 distinct': { check: 'check_secret_key', settings: ['SECRET_KEY = "abcd" * 12 + "ab"'], expected: ['security.W009'] },
  'SECRET_KEY_FALLBACKS = []': { check: 'check_secret_key_fallbacks', settings: ['SECRET_KEY_FALLBACKS = []'], expected: [] },
  'SECRET_KEY_FALLBACKS = [""]': { check: 'check_secret_key_fallbacks', settings: ['SECRET_KEY_FALLBACKS = [""]'], expected: [W025(0)] },
  'SESSION_COOKIE_SECURE = 1, app only (4.1+: W010)': { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = 1', APPS(SESSAPP), MW()], expected: ['security.W010'] },
  'sessions AppConfig path is not the app string': { check: 'check_session_cookie_secure', settings: ['SESSION_COOKIE_SECURE = False', APPS('django.contrib.sessions.apps.SessionsConfig'), MW()], expected: [] },
  'SESSION_COOKIE_HTTPONLY = 1 (4.1+: W015)': { check: 'check_session_cookie_httponly', settings: ['SESSION_COOKIE_HTTPONLY = 1', APPS(SESSAPP), MW(SESSM)], expected: ['security.W015'] },
  'CSRF_COOKIE_SECURE = 1 (4.1+: W016)': { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_COOKIE_SECURE = 1'], expected: ['security.W016'] },
  'CSRF_USE_SESSIONS = 1 is truthy': { check: 'check_csrf_cookie_secure', settings: [MW(CSRFM), 'CSRF_COOKIE_SECURE = False', 'CSRF_USE_SESSIONS = 1'], expected: [] },
  'CsrfViewMiddleware with a trailing space': { check: 'check_csrf_middleware', settings: [MW(`${CSRFM} `)], expected: ['security.W003'] },
  // row 72 (c): both settings not a dict, one E026 each (the parity row table holds one expectation per row)
  'row 72 (c): SECURE_CSP and SECURE_CSP_REPORT_ONLY both not a dict': { check: 'check_csp_settings', settings: CSP_NOT_DICT.map((v) => [`SECURE_CSP = ${v}`, `SECURE_CSP_REPORT_ONLY = ${v}`]), expected: ['security.E026', 'security.E026'] },
  'SECURE_CSP = None': { check: 'check_csp_settings', settings: ['SECURE_CSP = None'], expected: [] },
  'SECURE_CSP = "default-src \'self\'"': { check: 'check_csp_settings', settings: ['SECURE_CSP = "default-src \'self\'"'], expected: ['security.E026'] }
}
export const skippedEdgeCases: Record<string, string> = {}
