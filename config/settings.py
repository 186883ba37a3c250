"""Settings for the repayment help site, read from the environment.

Production is the default: DEBUG is off and a secret key and allowed hosts
must be given. `make run` and `make test` set the few variables they need.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable; anything but a clear yes is no."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read a whole-number environment variable; anything else stops start-up, naming it."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str) -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set (comma-separated host names).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "formtools",
    "simple_history",
    "import_export",
    "axes",
    "providers",
    "wizard",
]

MIDDLEWARE = [
    # Outermost: a HEAD's body is dropped here, after every other middleware has answered.
    "config.middleware.HeadWithoutBody",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records which staff user made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refuses (413) a body over DATA_UPLOAD_MAX_MEMORY_SIZE before anything reads it, files
    # included (config/middleware.py). Nothing above reads a body: Django reads it only when
    # request.POST or .body is first touched, which CsrfViewMiddleware does in process_view,
    # after every middleware here has seen the request. Placed after the middleware that
    # dress a response, so the 413 page is in the person's language with the site's
    # security headers, and after authentication, to tell staff on an upload page.
    "config.middleware.RequestBodyLimit",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Zero configuration for `make run`: without DATABASE_URL an SQLite file under
# var/ is used (var/ is made here, so that `manage.py migrate` works on a fresh clone).
# Production and the test suite always give a PostgreSQL URL.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
try:
    DATABASES = {
        "default": dj_database_url.config(
            env="DATABASE_URL",
            default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError as error:  # an unknown scheme or a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not usable: {error}") from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With REDIS_URL every app server shares one cache, so any number of them can
# run side by side and keep no state of their own. Sessions stay in the database
# as well (config/sessions.py, cached_db): a Redis restart costs a cache miss,
# never a person's answers, and while Redis is down the site goes on without it.
# Without it (`make run`, one process) a local memory cache is enough.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "repayhelp"),
            "OPTIONS": {
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
                # While Redis is down the site serves without it (config/cache.py): each
                # process tries it again after this many seconds, and reports the outage
                # once per log interval.
                "retry_seconds": env_int("CACHE_RETRY_SECONDS", 5),
                "log_seconds": env_int("CACHE_LOG_SECONDS", 60),
            },
        }
    }
    SESSION_ENGINE = "config.sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "repayhelp",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A person's answers are kept this long after their last step (default 2 hours).
SESSION_COOKIE_AGE = env_int("WIZARD_SESSION_SECONDS", 2 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security. Production (debug off) assumes HTTPS; the test suite and `make run` speak
# plain HTTP to localhost and turn it off with DJANGO_HTTPS=0.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]  # load balancers probe over plain HTTP
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies whose X-Forwarded-For is believed (config/client_ip.py): addresses or networks,
# and `unix` for one on this machine's socket. Anyone else's is ignored: the connection's own
# address is the client's.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; no script needs the cookie
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "wizard.errors.csrf_failure"
# Every form here is a handful of radio buttons: anything bigger is not a person.
DATA_UPLOAD_MAX_MEMORY_SIZE = 32 * 1024
# The consumer's pages have a handful of fields; the provider page in the admin, with each
# fact's provenance and its inlines, has about a hundred and fifty.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 256
FILE_UPLOAD_MAX_MEMORY_SIZE = 32 * 1024
# DATA_UPLOAD_MAX_MEMORY_SIZE bounds the whole body, files included (config/middleware.py).
# Only these pages, by URL name, take more, and only from signed-in staff: the provider
# import uploads a CSV or JSON file (the shipped records come to about 25 KB).
STAFF_UPLOAD_LIMITS = {
    "admin:providers_provider_import": 2 * 1024 * 1024,
    # A provider's facts, sources and quotes, with its step wording, can pass 32 KB.
    "admin:providers_provider_add": 128 * 1024,
    "admin:providers_provider_change": 128 * 1024,
    "admin:providers_provider_preview": 128 * 1024,
    # The shipped message patterns export to about 400 KB; one pattern's form is small, but
    # a phrase pasted 10,000 characters long should meet the form's own message, not a 413.
    "admin:wizard_messagepattern_import": 2 * 1024 * 1024,
    "admin:wizard_messagepattern_add": 128 * 1024,
    "admin:wizard_messagepattern_change": 128 * 1024,
    "admin:wizard_messagepattern_preview": 128 * 1024,
    "admin:wizard_messagepattern_add_preview": 128 * 1024,
    "admin:wizard_messagepattern_simple_history": 128 * 1024,
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A request the client got wrong (a bad Host header, a body over the limit, too many
    # fields, any 4xx) is one WARNING line without traceback: anyone can send one, and it
    # must not look like, or page anyone as, a fault of the site. A 500 stays ERROR with
    # its traceback. Any handler added here should carry this filter too.
    "filters": {"client_faults": {"()": "config.logging.ClientFaults"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_faults"],
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "static/")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Outside development, file names carry a hash of their content so browsers and a
# CDN may keep them forever; `manage.py collectstatic` writes them (and their
# gzip copies) to STATIC_ROOT, where WhiteNoise serves them.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.storage.StaticFilesStorage"
        )
    },
}

# How many days a provider record may go unverified before staff are told to
# check it again.
PROVIDER_REVERIFY_DAYS = env_int("PROVIDER_REVERIFY_DAYS", 90)

# Cases (finished plans with a reference code) are deleted this long after they were made.
CASE_RETENTION_DAYS = env_int("CASE_RETENTION_DAYS", 180)
# The funnel counters (wizard/funnel.py) are aggregates with nothing about a person, so they
# may outlive cases; kept a little over a year so that this month compares with last year's.
FUNNEL_RETENTION_DAYS = env_int("FUNNEL_RETENTION_DAYS", 400)
# Wrong reference codes one browser session may try per hour before /plan/<code>/ says
# "wait" (wizard/cases/recording.py). Its own cases always open for the session that made them.
CASE_LOOKUP_MISSES_PER_HOUR = env_int("CASE_LOOKUP_MISSES_PER_HOUR", 10)
# The ceiling for one address, whatever its sessions: thousands of mobile users share one
# carrier-NAT address, so it is high, yet it still slows a script that drops its cookies.
CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR = env_int("CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR", 300)
# Reading a pasted message is CPU work (wizard/reading_limits.py): readings per browser session
# per minute (the page reads as the person types, at most one per 600 ms pause) ...
MESSAGE_READINGS_PER_SESSION_PER_MINUTE = env_int("MESSAGE_READINGS_PER_SESSION_PER_MINUTE", 30)
# ... and per address, a ceiling sized for a carrier-NAT address that thousands share. A
# session's first few readings of a minute are served even past it, so nobody behind a busy
# address is locked out.
MESSAGE_READINGS_PER_ADDRESS_PER_MINUTE = env_int("MESSAGE_READINGS_PER_ADDRESS_PER_MINUTE", 600)
# Unrecognised messages kept for staff (redacted): at most this many per session and per
# address an hour; the rest are read but not kept.
UNMATCHED_MESSAGES_PER_SESSION_PER_HOUR = env_int("UNMATCHED_MESSAGES_PER_SESSION_PER_HOUR", 20)
UNMATCHED_MESSAGES_PER_ADDRESS_PER_HOUR = env_int("UNMATCHED_MESSAGES_PER_ADDRESS_PER_HOUR", 300)
# An unrecognised message nobody has sent for this many days is deleted by purge_expired.
UNMATCHED_RETENTION_DAYS = env_int("UNMATCHED_RETENTION_DAYS", 90)

SITE_NAME = _("分期还款自助助手")

# Brute-force protection on the admin login (django-axes, config/staff_login.py). Failures
# are counted per user name and address together: behind a balancer or an office NAT every
# sign-in shares one address, and one person's typos must not lock out the others there, nor
# that person elsewhere. After AXES_FAILURE_LIMIT failures that pair is refused for the
# cool-off period; an address whose sign-ins fail AXES_ADDRESS_FAILURE_LIMIT times in an hour,
# across user names (password spraying), is refused as a whole. `manage.py axes_reset_username
# NAME`, `axes_reset_ip ADDRESS` or `axes_reset` lift a lockout early (docs/deploy.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 100)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "config.staff_login.StaffLoginHandler"
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
# A sign-in refused during a lockout is refused by the handler's verdict (both limits above),
# and does not start the cool-off again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"

# Bulk import of provider records (django-import-export): a file is checked in a dry run
# first, and imported in one transaction or not at all.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
