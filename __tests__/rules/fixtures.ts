// Settings snippets shared by the rule tables: the dotted paths Django's checks look for, and a
// production settings module that is clean for every settings rule, to which a case adds its change.

export const SM = 'django.middleware.security.SecurityMiddleware'
export const SESSM = 'django.contrib.sessions.middleware.SessionMiddleware'
export const CSRFM = 'django.middleware.csrf.CsrfViewMiddleware'
export const XFM = 'django.middleware.clickjacking.XFrameOptionsMiddleware'

/** `MIDDLEWARE = [...]` as `django-admin startproject` writes it (all four checked middleware). */
export const MIDDLEWARE = `MIDDLEWARE = [
    "${SM}",
    "${SESSM}",
    "django.middleware.common.CommonMiddleware",
    "${CSRFM}",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "${XFM}",
]
`

export const INSTALLED_APPS = `INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
`

/** Hardened production settings: no settings rule reports anything. Lines 1–13 before MIDDLEWARE. */
export const CLEAN = `import os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["shop.example.com"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
ROOT_URLCONF = "shop.urls"
${INSTALLED_APPS}${MIDDLEWARE}`

/** The number of lines of CLEAN, so a case appended to it can name its own line numbers. */
export const CLEAN_LINES = CLEAN.split('\n').length - 1

/** CLEAN followed by `extra`; `line(n)` is the line number of the n-th line (1-based) of `extra`. */
export function cleanWith(extra: string): string {
  return CLEAN + extra
}

export function line(n: number): number {
  return CLEAN_LINES + n
}

/** Python source from lines, so that a case's line numbers can be read off the array (index + 1). */
export function py(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** 50 characters, 24 distinct: passes Django's W009 (tests/check_framework/test_security.py). */
export const K50 = 'abcdefghijklmnopqrstuvwx'.repeat(2) + 'ab'
/** 49 characters: one short. */
export const K49 = 'abcdefghijklmnopqrstuvwx'.repeat(2) + 'a'
/** 80 characters, 4 distinct. */
export const LOW = 'abcd'.repeat(20)
/** A key as `startproject` writes it: `django-insecure-` + get_random_secret_key(). */
export const INSEC = 'django-insecure-' + 'x7#k2p!q9z@m4w$e8r%t6y^u1i&o3p(a5s)d0f-g_h=j+l*c9v'
