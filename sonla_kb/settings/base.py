"""Settings shared by every mode. The environment is read here, through settings.env, only."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_choice, env_float, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "sonla_kb",
    "policies",
    "presentations",
    "simple_history",
    "import_export",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "sonla_kb.request_context.RequestContextMiddleware",
    # Outside WhiteNoise (production), so static files get the pages' security headers too.
    "sonla_kb.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sonla_kb.urls"
WSGI_APPLICATION = "sonla_kb.wsgi.application"

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
                # After Django's own csrf processor, which it overrides for cached pages.
                "sonla_kb.caching.placeholders.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one process writes; the timeout makes writers wait, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Date input per language: 01/12/2026 is 1 December in Vietnamese, refused in English.
FORMAT_MODULE_PATH = ["sonla_kb.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "var" / "media")

# The search index lives outside the database; every process of one site shares this folder.
SEARCH_INDEX_DIR = env_path("SEARCH_INDEX_DIR", BASE_DIR / "var" / "index")

# Attached slide decks and reports (PDF, PPTX, DOCX).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 50) * 1024 * 1024
# Reading a file's text happens in the background worker (`extract_files`), one child
# process per file within these limits; a claim on a file lapses after the lease, so a
# file whose worker died is taken again.
ATTACHMENT_EXTRACT_SECONDS = env_int("ATTACHMENT_EXTRACT_SECONDS", 60)
ATTACHMENT_LEASE_SECONDS = env_int("ATTACHMENT_LEASE_SECONDS", ATTACHMENT_EXTRACT_SECONDS + 60)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Theme names match case-insensitively ("gap" is the theme "GAP").
TAGGIT_CASE_INSENSITIVE = True

# The workshop dataset that `make run` loads.
WORKSHOP_DATASET = BASE_DIR / "data" / "workshop" / "kb.json"

# Behind a reverse proxy (BEHIND_PROXY=on in production): the client's address is the last
# X-Forwarded-For entry, the one the proxy added, but only when the request came from one of
# the proxy's addresses; anyone else's X-Forwarded-For is ignored
# (sonla_kb.request_context.client_ip). The same variable tells gunicorn whom to trust.
BEHIND_PROXY = False
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])

# Admin login lockout. Attempts are counted in the database, so every worker process
# sees them. Locked per user name *and* address: an office behind one NAT address is not
# locked out by one colleague, and nobody can lock the admin out from elsewhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sonla_kb.request_context.client_ip"

# Content-Security-Policy: the site's pages and the admin load scripts and styles from
# their own origin only; no inline script or style is needed anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Rendered pages, shared by every worker process (sonla_kb.caching). Redis when REDIS_URL
# is given; otherwise files under var/cache: nothing to create first (a database cache
# needs createcachetable everywhere), and no cache write ever queues behind SQLite's one
# writer. Pages are never stale whatever the timeout: every change starts a new generation.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_path("CACHE_DIR", BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = 24 * 3600

# The search index rebuilds itself in the background when a search finds it missing or
# unreadable (search/backends/whoosh/recovery.py); at most once per this many seconds per process.
SEARCH_AUTO_REBUILD = True
SEARCH_AUTO_REBUILD_INTERVAL = 60.0
# A search that runs longer than this stops and answers with what it has, with a notice
# (sonla_kb.search.limits): the answer then comes within about a second.
SEARCH_TIME_BUDGET = env_float("SEARCH_TIME_BUDGET", 0.8)
# Megabytes of decoded posting lists and field lengths each process keeps (Whoosh backend,
# search/backends/whoosh/vectors.py): the frequent words of the next searches are not
# decoded again.
SEARCH_POSTINGS_CACHE_MB = env_float("SEARCH_POSTINGS_CACHE_MB", 32)
# Where search runs: Whoosh in a local folder (the default, one machine), or PostgreSQL
# full-text search in the site's own database (several app servers share it).
SEARCH_BACKEND = env_choice("SEARCH_BACKEND", "whoosh", choices=("whoosh", "postgres"))
if SEARCH_BACKEND == "postgres" and DATABASES["default"]["ENGINE"] != (
    "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "SEARCH_BACKEND=postgres needs a PostgreSQL database: set DATABASE_URL to "
        "postgres://... or leave SEARCH_BACKEND unset (whoosh)."
    )

# The open data: the licence every download carries (shown in the footer and on /data/),
# and whom readers write to about the knowledge base (shown on /about/).
DATA_LICENCE = env_str("DATA_LICENCE", "CC BY 4.0")
DATA_LICENCE_URL = env_str("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "sonla_kb.request_context.RequestContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"}
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    # Repeated failures and lockouts are warnings; axes's start-up banner is not worth a line.
    "loggers": {"axes": {"level": "WARNING"}},
}
