"""Test settings: fast hashing, in-memory cache, and nothing that reaches the network."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import env

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
# Files the tests write go to a directory of this test run, never into the checkout (nor to a
# bucket named in the shell). Processes the tests start inherit it through the environment.
MEDIA_ROOT = Path(
    env.path(
        "CERTPATH_TEST_MEDIA_ROOT",
        default=str(Path(tempfile.gettempdir()) / f"certpath-test-media-{os.getpid()}"),
    )
)
if "CERTPATH_TEST_MEDIA_ROOT" not in env:
    env.ENVIRON["CERTPATH_TEST_MEDIA_ROOT"] = str(MEDIA_ROOT)
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
