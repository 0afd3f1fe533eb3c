from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "local-development-only-not-a-secret"
ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]

try:
    from .local_overrides import *  # noqa: F401,F403
except ImportError:
    pass

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INSTALLED_APPS += ["django_extensions"]  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
CORS_ALLOW_ALL_ORIGINS = True
