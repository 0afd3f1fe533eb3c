// Realistic Django project trees for the change scenarios, and small helpers to edit them the way a
// pull request would. Every tree starts clean (no production findings) unless a scenario says so.
import { expect } from '@jest/globals'
import type { Finding } from '../../src/findings.js'
import type { Output } from '../../src/redact.js'
import type { Files } from '../helpers/project.js'

// ------------------------------------------------------------------ cookiecutter-django style

export const CC_BASE = `"""
Base settings to build other settings files upon.
"""
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent
APPS_DIR = BASE_DIR / "shop"
env = environ.Env()

READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)
if READ_DOT_ENV_FILE:
    # OS environment variables take precedence over variables from .env
    env.read_env(str(BASE_DIR / ".env"))

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", False)
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
SITE_ID = 1
USE_I18N = True
USE_TZ = True

# DATABASES
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# URLS
# ------------------------------------------------------------------------------
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "allauth",
    "allauth.account",
]
LOCAL_APPS = [
    "shop.users",
    "shop.orders",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(APPS_DIR / "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# STATIC
# ------------------------------------------------------------------------------
STATIC_ROOT = str(BASE_DIR / "staticfiles")
STATIC_URL = "/static/"

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = 5
`

export const CC_PRODUCTION = `# ruff: noqa: E501
from .base import *  # noqa: F403
from .base import DATABASES
from .base import env

# GENERAL
# ------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["shop.example.com"])

# DATABASES
# ------------------------------------------------------------------------------
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# SECURITY
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Secure-csrftoken"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = env.bool("DJANGO_SECURE_CONTENT_TYPE_NOSNIFF", default=True)

# STORAGES
# ------------------------------------------------------------------------------
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ADMIN
# ------------------------------------------------------------------------------
ADMIN_URL = env("DJANGO_ADMIN_URL")
`

export const CC_LOCAL = `from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .base import MIDDLEWARE
from .base import env

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = True
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="Yz0yq8oLZ8mHfZrYbB9HqW3m2T6vN1kPcXeRfGs4DjA7uQiO5wEtKlMnBvCxZ1a2",
)
ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]

# CACHES
# ------------------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "",
    },
}

# django-debug-toolbar
# ------------------------------------------------------------------------------
INSTALLED_APPS += ["debug_toolbar"]
MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
INTERNAL_IPS = ["127.0.0.1", "10.0.2.2"]
`

export const CC_TEST = `"""
With these settings, tests run faster.
"""
from .base import *  # noqa: F403
from .base import TEMPLATES
from .base import env

SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="gT1sQw4dVb7nHj0kLz3xCv6bNm9aSd2fGh5jKl8pOi1uYt4rEw7qAz0xSc3dFv6b",
)
TEST_RUNNER = "django.test.runner.DiscoverRunner"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
`

export const CC_WSGI = `"""
WSGI config for shop project.
"""
import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

BASE_DIR = Path(__file__).resolve(strict=True).parent.parent
sys.path.append(str(BASE_DIR / "shop"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
`

export const CC_MANAGE = `#!/usr/bin/env python
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

    try:
        from django.core.management import execute_from_command_line
    except ImportError:
        raise

    current_path = Path(__file__).parent.resolve()
    sys.path.append(str(current_path / "shop"))

    execute_from_command_line(sys.argv)
`

export const VIEWS = `from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Order


@login_required
def order_detail(request, pk):
    order = get_object_or_404(Order, pk=pk, owner=request.user)
    return render(request, "orders/detail.html", {"order": order})
`

/** A cookiecutter-django project: config/settings/{base,local,production,test}.py, wsgi → production. */
export function cookiecutter(): Files {
  return {
    'config/__init__.py': '',
    'config/settings/__init__.py': '',
    'config/settings/base.py': CC_BASE,
    'config/settings/local.py': CC_LOCAL,
    'config/settings/production.py': CC_PRODUCTION,
    'config/settings/test.py': CC_TEST,
    'config/wsgi.py': CC_WSGI,
    'config/urls.py': 'from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [path("admin/", admin.site.urls)]\n',
    'manage.py': CC_MANAGE,
    'pytest.ini': '[pytest]\naddopts = --ds=config.settings.test --reuse-db\npython_files = tests.py test_*.py\n',
    'shop/__init__.py': '',
    'shop/orders/__init__.py': '',
    'shop/orders/views.py': VIEWS,
    'requirements/production.txt': 'Django==5.2.8\ngunicorn==23.0.0\ndjango-environ==0.12.0\n'
  }
}

// ------------------------------------------------------------------ classic startproject layout

export const CLASSIC_SETTINGS = `"""
Django settings for mysite project.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

DEBUG = False

ALLOWED_HOSTS = ["mysite.example.org", "www.mysite.example.org"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "polls",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "mysite.urls"
WSGI_APPLICATION = "mysite.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("POSTGRES_DB", "mysite"),
        "USER": os.environ.get("POSTGRES_USER", "mysite"),
        "PASSWORD": os.environ["POSTGRES_PASSWORD"],
        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),
    }
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Security
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
`

export const CLASSIC_WSGI = `"""
WSGI config for mysite project.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

application = get_wsgi_application()
`

/** The `django-admin startproject mysite` layout, hardened, with settings read from os.environ. */
export function classic(): Files {
  return {
    'manage.py': '#!/usr/bin/env python\nimport os\nimport sys\n\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
    'mysite/__init__.py': '',
    'mysite/settings.py': CLASSIC_SETTINGS,
    'mysite/urls.py': 'from django.contrib import admin\nfrom django.urls import include, path\n\nurlpatterns = [path("polls/", include("polls.urls")), path("admin/", admin.site.urls)]\n',
    'mysite/wsgi.py': CLASSIC_WSGI,
    'polls/__init__.py': '',
    'polls/views.py': 'from django.http import HttpResponse\n\n\ndef index(request):\n    return HttpResponse("Hello, world. You\'re at the polls index.")\n'
  }
}

// ------------------------------------------------------------------ settings package, os.environ style

export const PKG_BASE = `import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = True

SECRET_KEY = os.environ.get("SECRET_KEY")

ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "blog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "blogsite.urls"
`

export const PKG_PROD = `from .base import *

DEBUG = False

SECRET_KEY = os.environ["SECRET_KEY"]

ALLOWED_HOSTS = ["blog.example.com"]

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
`

export const PKG_DEV = `from .base import *

SECRET_KEY = "dev-only-7q0v#x@1^k2n$b4m&c6z*e8r!t3y%u5w"
ALLOWED_HOSTS = ["*"]
`

/**
 * blogsite/settings/{__init__,base,dev,prod}.py: base is the development default (DEBUG = True) and
 * prod overrides it; the Dockerfile and wsgi.py load prod.
 */
export function settingsPackage(): Files {
  return {
    'blogsite/__init__.py': '',
    'blogsite/settings/__init__.py': '',
    'blogsite/settings/base.py': PKG_BASE,
    'blogsite/settings/dev.py': PKG_DEV,
    'blogsite/settings/prod.py': PKG_PROD,
    'blogsite/wsgi.py': 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "blogsite.settings.prod")\n\napplication = get_wsgi_application()\n',
    'manage.py': 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blogsite.settings.dev")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
    Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nENV DJANGO_SETTINGS_MODULE=blogsite.settings.prod\nCMD ["gunicorn", "blogsite.wsgi:application", "--bind", "0.0.0.0:8000"]\n',
    'blog/__init__.py': '',
    'blog/views.py': 'from django.views.generic import ListView\n\nfrom .models import Post\n\n\nclass PostList(ListView):\n    model = Post\n'
  }
}

// ------------------------------------------------------------------ helpers

/** Replaces exactly one occurrence of `from` in a file of the tree (fails loudly when it is not there once). */
export function edit(files: Files, path: string, from: string, to: string): string {
  const text = files[path]
  if (text === undefined) throw new Error(`no file ${path} in the fixture`)
  const at = text.indexOf(from)
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${path}: expected exactly one ${JSON.stringify(from)}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

/** The 1-based line of the only line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n')
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []))
  if (hits.length !== 1) throw new Error(`expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`)
  return hits[0]
}

/** The finding of a rule (exactly one), for message and notes assertions. */
export function only(result: Output, ruleId: string): Finding {
  const found = result.findings.filter((f) => f.ruleId === ruleId)
  expect(found).toHaveLength(1)
  return found[0]
}

/** Findings that would fail a required check (what the change made worse). */
export function worsened(result: Output): string[] {
  return result.findings.filter((f) => f.baselineState === 'new' || f.baselineState === 'updated').map((f) => `${f.ruleId}@${f.path}:${f.line}`)
}
