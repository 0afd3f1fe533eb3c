"""Production: what runs behind shop.example.com."""
from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Payment provider webhooks post without a CSRF token.
MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")

SECURE_HSTS_SECONDS = 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
