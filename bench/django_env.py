"""Django in this process, on a throwaway SQLite file that is migrated and seeded first."""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    # Debug off so templates, queries and errors cost what they cost in production.
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "DJANGO_LOG_LEVEL": "WARNING",
    "CERTPATH_ASSESSMENTS_PER_HOUR": "0",
}


@contextmanager
def django_on_sqlite():
    """Set Django up once on a fresh SQLite database; the file is removed afterwards."""
    import django
    from django.core.management import call_command

    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="certpath-bench-") as folder:
        os.environ.update(
            BENCH_ENV,
            DATABASE_URL=f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            CERTPATH_MEDIA_ROOT=str(Path(folder) / "media"),  # the rendered PDFs' files
        )
        try:
            django.setup()
        finally:
            # Settings are read by now; later subprocesses must not inherit these values.
            os.environ.clear()
            os.environ.update(saved)
        # WhiteNoise warns that collectstatic has not run; the benchmarks serve no static files.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        for command in ("migrate", "createcachetable", "load_reference_data"):
            call_command(command, verbosity=0, stdout=io.StringIO())
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
