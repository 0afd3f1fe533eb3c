"""Developer machines."""
from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "local-development-only"
ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = False
