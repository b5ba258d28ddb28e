"""Test settings: fast hashing, in-memory cache, and nothing that reaches the network."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}
# Tasks run at once, in the test's own process. Rendering a PDF after every save would add
# over a second to each of hundreds of tests, so only the tests of that feature turn it on.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CERTPATH_PDF_AFTER_SAVE = False
# Each test starts with an empty cache, so a process must not trust the reference data token
# it read a moment ago (in another test) for its usual second.
CERTPATH_REFERENCE_TOKEN_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
