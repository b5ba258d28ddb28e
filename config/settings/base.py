"""Settings shared by every environment. Environment-specific files override these.

Every value that comes from the environment is read here, or in dev/production/test, through one
`environ.Env` (django-environ), typed and with its default beside it."""

from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A value that starts with `$` names another variable (django-environ's proxy); `\$` is a literal.
env.escape_proxy = True

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", cast=str.strip, default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "axes",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "frameworks",
    "assessments",
    "accounts",
]

MIDDLEWARE = [
    "config.middleware.RequestIdMiddleware",
    "config.middleware.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.UploadRefusalMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context.contact",
            ],
        },
    },
]

DATABASES = {
    "default": {
        **env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        "CONN_MAX_AGE": env.int("DJANGO_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": env.bool("DJANGO_CONN_HEALTH_CHECKS", default=False),
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compresses large values (saved results, kept renderings) as it stores them.
    # lz4 (PostgreSQL 14+, which Django 5.2 needs anyway) is about five times faster than the
    # default pglz at the same size; an empty value leaves the server's default.
    toast = env.str("DJANGO_PG_TOAST_COMPRESSION", default="lz4").strip()
    if toast:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c default_toast_compression={toast}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]

# Files the app writes (rendered PDFs). Local disk by default; any S3-compatible store when a
# bucket is named, with credentials from the standard AWS_* variables that boto3 reads.
MEDIA_ROOT = Path(env.path("CERTPATH_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# The bucket that holds them; empty keeps them under MEDIA_ROOT.
CERTPATH_S3_BUCKET = env.str("CERTPATH_S3_BUCKET", default="")
# The store's address, for S3-compatible services other than AWS (MinIO, R2, ...).
CERTPATH_S3_ENDPOINT_URL = env.str("CERTPATH_S3_ENDPOINT_URL", default="")
# The bucket's region; empty leaves it to boto3 (AWS_DEFAULT_REGION).
CERTPATH_S3_REGION = env.str("CERTPATH_S3_REGION", default="")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if CERTPATH_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": CERTPATH_S3_BUCKET,
            "endpoint_url": CERTPATH_S3_ENDPOINT_URL or None,
            "region_name": CERTPATH_S3_REGION or None,
            "default_acl": None,  # the bucket's own policy: private unless made public
            "querystring_auth": True,  # any URL handed out is signed and expires
            "file_overwrite": False,
        },
    }

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline or third-party script anywhere; styles may be inline (the admin uses them).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Sign-in throttling: five failures at any door (the admin's or the site's) lock that account
# from that address for an hour. allauth throttles the site's own form besides
# (ACCOUNT_RATE_LIMITS).
AXES_USERNAME_CALLABLE = "config.admin_lockout.account_of"
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# Where users can write to the people running this instance; shown on error pages and in the
# footer when set.
CERTPATH_CONTACT_EMAIL = env.str("CERTPATH_CONTACT_EMAIL", default="")
# The public address the board pack's links point to (the report and its spreadsheets).
CERTPATH_SITE_URL = env.str("CERTPATH_SITE_URL", default="http://127.0.0.1:8000/")
# Render each new assessment's PDF in a background task right after it is saved.
CERTPATH_PDF_AFTER_SAVE = True
# Seconds a PDF render may take before it is given up.
CERTPATH_PDF_TIMEOUT = 20
# Assessments one client may create per hour; 0 turns the limit off.
CERTPATH_ASSESSMENTS_PER_HOUR = env.int("CERTPATH_ASSESSMENTS_PER_HOUR", default=30)
# How many proxies we trust in front of the app. With n, the client is the n-th
# X-Forwarded-For entry from the right and X-Forwarded-Proto is believed; with 0 both are ignored.
CERTPATH_TRUSTED_PROXIES = env.int("CERTPATH_TRUSTED_PROXIES", default=0)
if CERTPATH_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(
        f"CERTPATH_TRUSTED_PROXIES must be 0 or more, not {CERTPATH_TRUSTED_PROXIES}"
    )
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if CERTPATH_TRUSTED_PROXIES > 0 else None
)

# No form takes a file; bodies beyond this are refused (the admin's largest forms are ~100 kB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Accounts (django-allauth): email and password, a verified address before the first sign-in.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.display.email_of"  # "Signed in as cto@…", not a made-up username
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # the link opens a page whose button confirms
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True  # a reset for an unknown address still sends a mail
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Certpath: "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "assessments:workspace"
ACCOUNT_LOGOUT_REDIRECT_URL = "assessments:landing"

# Mail: printed to the console unless an environment configures SMTP (production does).
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Certpath <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# The shared cache: the kept report sections, sessions in front of their table and the sign-in
# limits' counters. The database by default (no other server to run); CACHE_URL=redis://host:6379/1
# takes Django's own RedisCache instead.
cache_url = env.str("CACHE_URL", default="")
if cache_url:
    # django-environ would pick django-redis's backend when that is installed; we use Django's.
    redis = "django.core.cache.backends.redis.RedisCache" if cache_url.startswith("redis") else None
    default_cache = env.cache_url_config(cache_url, backend=redis)
else:
    default_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "certpath_cache",
        # Django's default of 300 rows would soon evict kept reports.
        "OPTIONS": {"MAX_ENTRIES": env.int("CERTPATH_CACHE_MAX_ENTRIES", default=20000)},
    }
CACHES = {
    "default": default_cache,
    # Per process: the wizard's blank forms, the same for every visitor (crispy-forms takes about
    # two thirds of a step's time to draw one; see README, Performance).
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Sessions live in the database, so any app container can serve any request. With a cache
# server they are read through it (Django's cached_db); on the embedded default the cache is
# the same database, and reading a session through it would only double every write (about
# nine queries a save instead of one), so they are read from their table directly (Django's db).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    else "django.contrib.sessions.backends.cached_db"
)

# Background tasks (the PDF rendered after each save) wait in the database for `manage.py
# db_worker`: no other server on the embedded default, and Django 6's built-in Tasks ahead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="plain")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
