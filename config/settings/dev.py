"""Local development: the defaults that `make run` needs on a fresh machine."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost", "[::1]"]
)
