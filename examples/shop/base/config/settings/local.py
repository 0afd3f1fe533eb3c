"""Developer machines."""
from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "local-development-only"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
