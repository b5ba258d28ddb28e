import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Import every view now, then take what start-up loaded (modules, classes, URL patterns) out of
# the garbage collector's full sweeps: it lives as long as the process, and sweeping it again
# and again stalls a request for tens of milliseconds now and then.
get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and the views
gc.freeze()
