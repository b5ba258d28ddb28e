"""gunicorn in the container. Limits on the request line and headers refuse oversized requests
before Django sees them; Django caps the body (DATA_UPLOAD_MAX_MEMORY_SIZE) and refuses files."""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
accesslog = "-"

limit_request_line = 4094  # bytes in "GET /path?query HTTP/1.1"
limit_request_fields = 50  # headers per request
limit_request_field_size = 8190  # bytes per header

# The scheme and client address come from Django (CERTPATH_TRUSTED_PROXIES), in one place.
secure_scheme_headers: dict[str, str] = {}
