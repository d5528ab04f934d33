"""Newsroom settings: one module, configured by environment variables.

Settings fail closed: without any environment the site runs with DEBUG off and
refuses to start without a SECRET_KEY. `make run` and `make test` set what
development needs (DEBUG=1, DEMO=1); production sets the variables documented
in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


# Off unless asked for: a production start that forgets it never shows debug pages.
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required: set it in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"

# The demo newspaper and its commands (development only): `make run` sets DEMO=1.
DEMO = env_bool("DEMO")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used for absolute links in feeds, sitemaps
# and share previews. Empty means "the host of the current request".
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "")

INSTALLED_APPS = [
    # Ours first, each with one job; dependencies point one way (docs/architecture.md).
    # First also means their Arabic catalogues and templates win over the libraries'.
    "images",
    "articles",
    "search",
    "distribution",
    "newsdesk",
    "comments",
    "wordpress",
    "staff",
    "pagecache",
    *(["demo"] if DEMO else []),
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "newsroom",  # the project's own system checks (newsroom/checks.py)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.ImportMapHashMiddleware",
    "newsroom.middleware.DeskStylesMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "newsroom.middleware.RefuseNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that sets cookies, Vary or Cache-Control (see pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "comments.middleware.PrivateOwnCommentsMiddleware",
    "newsroom.middleware.ReaderDigitsMiddleware",
    "newsdesk.middleware.BannerExpiryMiddleware",
    # Last: sees the 404 of every other answer, then looks for an old WordPress address.
    "wordpress.middleware.OldAddressMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL only: a server that stops answering (frozen, its host gone) is given
# up on after this many seconds per round trip (newsroom/database_wait.py); 0 = never.
DB_WAIT_SECONDS = float(os.environ.get("DB_WAIT_SECONDS", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down or stalled answers within seconds, never hangs a worker.
    # The statement timeout and the wait deadline are set for web processes
    # (serving/gunicorn.conf.py), not commands.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DB_CONNECT_TIMEOUT", 3
    )
    if env_int("DB_STATEMENT_TIMEOUT_MS", 0):
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', 0)}"
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (runserver, tests, management commands) may write at
    # once; wait for a lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# An optional read replica: readers' page views read from it (newsroom/replica.py).
ADMIN_URL_PREFIX = "/admin/"
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 15)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests give the replica the primary's test database (no replication there).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("newsroom.middleware.RefuseNullCharactersMiddleware") + 1,
        "newsroom.replica.ReplicaReadsMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) in production so that rate limits and page caches hold
# across app processes; local memory in development.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            # A stalled Redis costs a reader half a second, never a hung worker.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("CACHE_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("CACHE_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The page cache (pagecache/, README "Page cache"): reader pages kept whole in
# the cache above, purged by tag when what they show changes.
PAGECACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
PAGECACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGECACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
PAGECACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 300)
PAGECACHE_NEXT_CHANGE = "articles.models.next_publication_time"
PAGECACHE_BYPASS_COOKIES = ["sessionid", "newsroom_own_comments"]
CACHE_PURGE_URL = os.environ.get("CACHE_PURGE_URL", "")
PAGECACHE_PURGERS = ["pagecache.purgers.VarnishPurger"] if CACHE_PURGE_URL else []

# Staff sign-in (see README, "Staff sign-in"): django-axes counts failed
# passwords per account and per address in the shared cache and locks out at
# the limit; Editors and superusers confirm with a TOTP code when STAFF_2FA is on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STAFF_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_LOCKOUT_CALLABLE = "staff.lockout.lockout_response"
# The same reading of X-Forwarded-For as the comment limits (COMMENTS_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "comments.visitors.client_ip"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
STAFF_2FA = env_bool("STAFF_2FA", default=not DEBUG)
STAFF_2FA_GROUPS = env_list("STAFF_2FA_GROUPS", "Editors")
OTP_TOTP_ISSUER = SITE_NAME or "Newsroom"
# Checks a deployment has judged not to apply to it (README, "Deployment checks").
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")
if DEBUG and not CACHE_URL:
    # Development's local-memory cache is per process; production uses Redis.
    SILENCED_SYSTEM_CHECKS.append("axes.W001")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats first (newsroom/formats/ar): day, month, year, then a 24-hour time.
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Riyadh")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded media: local files by default; MEDIA_STORAGE=s3 keeps them in an
# S3-compatible bucket, so that every app server sees every image.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")


def media_storage():
    if MEDIA_STORAGE == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if MEDIA_STORAGE != "s3":
        raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            # e.g. public-read, for a bucket without a policy that lets readers in.
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            # Public images under stable addresses a CDN can keep; never replace a
            # stored file that has the same name (two uploads of «photo.jpg»).
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background work (newsroom/background.py): stored in the database and run by
# `manage.py db_worker`; TASKS_BACKEND=immediate runs it inside the request instead
# (development and tests, where no worker runs).
TASK_BACKENDS = {
    "database": "django_tasks_db.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
TASK_ATTEMPTS = env_int("TASK_ATTEMPTS", 3)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 30)

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tags.parse_tags"

# Readers' pages.
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 12)
# The masthead's logo: a static file path (img/masthead.svg) or an address;
# empty shows the newspaper's name in the headline typeface.
SITE_LOGO = os.environ.get("SITE_LOGO", "")
# The digits readers see: "latin" (0123) or "arabic-indic" (٠١٢٣). Input takes both.
DIGITS = os.environ.get("DIGITS", "latin")
if DIGITS not in ("latin", "arabic-indic"):
    raise ImproperlyConfigured('DIGITS must be "latin" or "arabic-indic".')

# Telling the world at publish time (newsdesk/pings.py); off unless set, and
# both need SITE_URL.
WEBSUB_HUB = os.environ.get("WEBSUB_HUB", "")
INDEXNOW_KEY = os.environ.get("INDEXNOW_KEY", "")
INDEXNOW_ENDPOINT = os.environ.get("INDEXNOW_ENDPOINT", "https://api.indexnow.org/indexnow")

# Most read (newsdesk/readers.py): the same reader's views of an article within
# this many seconds count once; an address sending more beacons a minute than
# this is not counted.
MOST_READ_REPEAT_SECONDS = env_int("MOST_READ_REPEAT_SECONDS", 600)
MOST_READ_BEACONS_PER_MINUTE = env_int("MOST_READ_BEACONS_PER_MINUTE", 30)

# Readers' comments (see README, "Moderation").
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)  # 0: never close by age
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)  # threads a page, replies under them
COMMENTS_FLOOD_SECONDS = env_int("COMMENTS_FLOOD_SECONDS", 15)
COMMENTS_HOURLY_LIMIT_PER_IP = env_int("COMMENTS_HOURLY_LIMIT_PER_IP", 20)
COMMENTS_MIN_SUBMIT_SECONDS = env_int("COMMENTS_MIN_SUBMIT_SECONDS", 3)
# A comment form is good for this long after the page was made, once per commenter.
COMMENTS_FORM_MAX_AGE = env_int("COMMENTS_FORM_MAX_AGE", 24 * 3600)
# Readers' IP addresses are stored as a keyed hash only; N > 0 keeps the clear
# address N days for abuse reports (cleared by `manage.py purge_comment_ips`).
COMMENTS_KEEP_IP_DAYS = env_int("COMMENTS_KEEP_IP_DAYS", 0)
# The pipeline (comments/pipeline.py): more links than this flag a comment;
# N > 0 approves at once a commenter with N approved comments and no spam.
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_TRUSTED_AFTER = env_int("COMMENTS_TRUSTED_AFTER", 0)
# A classifier of the newsroom's own (comments/toxicity.py); the default scores nothing.
COMMENTS_TOXICITY_SCORER = os.environ.get(
    "COMMENTS_TOXICITY_SCORER", "comments.toxicity.score_nothing"
)
COMMENTS_TOXICITY_THRESHOLD = float(os.environ.get("COMMENTS_TOXICITY_THRESHOLD", "0.8"))
# How long the moderation queue lets a decision be undone.
COMMENTS_UNDO_SECONDS = env_int("COMMENTS_UNDO_SECONDS", 30)
COMMENTS_NOTIFY_EMAILS = env_list("COMMENTS_NOTIFY_EMAILS")
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of
# the app; 0 trusts no header and uses the connection's address.
COMMENTS_TRUSTED_PROXIES = env_int("COMMENTS_TRUSTED_PROXIES", 0)
# The image library: uploads beyond these are refused; renditions are cut at
# these widths (WebP and JPEG each) when an image is uploaded.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 24_000_000)
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 25 * 1024 * 1024)
IMAGE_RENDITION_WIDTHS = [320, 640, 960, 1280, 1920]


# The body editor's extensions of our own (photos from the library, uploads by
# drop and paste, the Arabic toolbar), loaded by django-prose-editor on the desk.
# What they produce is declared here; articles.body keeps only the image id and
# the caption of a figure (its <img> is the library's).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/body-editor.js")],
        "extensions": {
            "LibraryFigure": html_tags(
                ["figure", "figcaption", "img"], {"figure": ["data-image"], "img": ["src", "alt"]}
            ),
            "LibraryUploads": html_tags([]),
            "EmbedHints": html_tags([]),
            "DeskToolbar": html_tags([]),
        },
    }
]

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers ask for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy on every page, reader and admin alike: our
# own scripts, styles, images and fonts only, no inline script, no framing.
# Uploaded images may live on a media host of our own (an absolute MEDIA_URL).
_MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/")[:3]) if "://" in MEDIA_URL else None
# The body editor (Tiptap inside django-prose-editor 0.28.0) adds its own base
# stylesheet as a <style> element: allowed by the hash of that exact text. When
# the library changes it, the browser journeys fail and print the new hash.
BODY_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", BODY_EDITOR_STYLE_HASH],
        "img-src": ["'self'", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Embeds (articles/embeds.py) are frames made only after the reader's click.
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://platform.twitter.com",
            "https://www.instagram.com",
            "https://www.facebook.com",
        ],
    }
}
# Features no page of ours uses, refused for every page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Expected client errors (400, 403, 404, 405, 429) are one line each, never
        # a traceback: a bot must not be able to flood the logs.
        "client_errors": {"()": "newsroom.request_log.OneLineClientErrors"},
        # A cache outage is said once a minute, not once per comment.
        "once_a_minute": {"()": "pagecache.logfilters.OncePerInterval", "seconds": 60},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"comments.flood": {"filters": ["once_a_minute"]}},
}
