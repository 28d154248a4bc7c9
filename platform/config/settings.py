"""Settings come from the environment. With nothing set, the platform runs on embedded defaults:
SQLite, a filesystem Celery broker (no server) and the process grader backend."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from grader import config as grader_config

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_DIR = ROOT / "platform"
VAR_DIR = Path(os.environ.get("PLATFORM_VAR_DIR", ROOT / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use true or false")


def env_secret(name: str) -> str:
    """NAME from the environment, or the contents of the file that NAME_FILE names (Docker secrets)."""
    value, path = os.environ.get(name, ""), os.environ.get(f"{name}_FILE", "")
    if value and path:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as e:
            raise ImproperlyConfigured(f"{name}_FILE={path!r}: {e.strerror}") from None
    return value


# Production mode (DJANGO_DEBUG=false) refuses to start on a missing, short or example secret.
PLACEHOLDER_SECRETS = {"change-me", "changeme", "password", "secret", "postgres", "groundwork", "dev-only-insecure-key"}


def require_real_secret(name: str, value: str, min_length: int) -> None:
    if not value:
        raise ImproperlyConfigured(
            f"{name} (or {name}_FILE) must be set when DJANGO_DEBUG is false; "
            "docker/init-env.sh writes random ones into .env"
        )
    if value.lower() in PLACEHOLDER_SECRETS or len(value) < min_length or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"{name} is a placeholder or too weak (at least {min_length} characters) "
            "for DJANGO_DEBUG=false; generate one: python3 -c "
            "'import secrets; print(secrets.token_urlsafe(48))'"
        )


DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not DEBUG:
    require_real_secret("DJANGO_SECRET_KEY", SECRET_KEY, min_length=50)  # what check --deploy asks for
    if SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is Django's example key; generate a new one")
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# HTTPS. Production mode assumes TLS (usually ended at a reverse proxy): redirect to https,
# secure cookies, HSTS. DJANGO_HTTPS=false is for a plain-HTTP site on a closed network.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:  # the proxy sets X-Forwarded-Proto; only it can reach us
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "accounts",
    "curriculum",
    "learning",
    "cohorts",
    "ninja",
    "api",
    "axes",
    "csp",
    "lti.apps.ToolConfig",  # PyLTI1p3's models: LMS platforms and this tool's keys, in the admin
    "lti",
]

MIDDLEWARE = [
    "config.health.HealthMiddleware",  # /healthz, before host checks and the https redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.errors.BrandedNotFoundMiddleware",  # the site's own 404 page, even with DEBUG on
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cohorts.context.mentoring_notice",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,  # a connection Postgres dropped (a restart) is replaced, not a 500
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The password may come apart from the URL: POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE.
    DATABASES["default"]["PASSWORD"] = DATABASES["default"]["PASSWORD"] or env_secret("POSTGRES_PASSWORD")
    _host = str(DATABASES["default"]["HOST"] or "")
    if not DEBUG and _host and not _host.startswith("/"):  # over TCP; a local socket may use peer auth
        require_real_secret("POSTGRES_PASSWORD", DATABASES["default"]["PASSWORD"], min_length=12)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The worker and the web server write at the same time; wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Guessing passwords: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for LOGIN_LOCKOUT_MINUTES (a class behind one NAT is not locked out together).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.views.client_ip"
SIGNUPS_PER_HOUR = int(os.environ.get("SIGNUPS_PER_HOUR", "100"))  # per address: a whole class may share one

# Content-Security-Policy: scripts only from this site (the bundles, htmx) or with the page's nonce.
# Styles may be inline: CodeMirror, KaTeX and htmx set style attributes and elements at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PLATFORM_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"  # collectstatic fills it; config/wsgi.py makes it when missing

# Content: the curriculum folder, loaded by `manage.py content sync`.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", ROOT / "content"))

# Grading: every GRADER_* variable is read and checked once, by grader.config. The process backend is
# not a security boundary; deployments use docker (docs/grader-isolation.md).
try:
    _grader = grader_config.current()
except grader_config.ConfigError as e:
    raise ImproperlyConfigured(str(e)) from None
GRADER_BACKEND = _grader.backend
MAX_CODE_BYTES = 100_000
MAX_PENDING_SUBMISSIONS = 3  # per learner: queued or running at once
# A queued row the broker may have lost is sent again after this; a running row counts as stuck
# after its exercise's own wall time plus the sandbox's grace periods plus this.
STUCK_AFTER_S = _grader.stuck_after_s
GRADER_MAX_ATTEMPTS = _grader.max_attempts  # then a final "grader-failed" verdict

# Celery. With no broker configured, kombu's filesystem transport carries tasks between the
# web process and the worker on one machine, with no server to run.
# Celery reads the CELERY_BROKER_URL variable before this setting, so the password stays apart from
# the URL (like POSTGRES_PASSWORD): Celery passes CELERY_BROKER_PASSWORD to the connection, and
# learning.broker to its Redis client.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
_redis_password = env_secret("REDIS_PASSWORD")
_url_has_no_password = CELERY_BROKER_URL.startswith("redis://") and "@" not in CELERY_BROKER_URL
CELERY_BROKER_PASSWORD = _redis_password if _redis_password and _url_has_no_password else None
if CELERY_BROKER_URL == "filesystem://":  # config/celery.py makes these folders when Celery starts
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # else kombu writes it into the working directory
        "store_processed": False,
        "polling_interval": 0.05,  # kombu's default, 1 s, was most of a learner's wait for a verdict
    }
# The cache (rate limits) must be shared by every web process: CACHE_URL names a Redis database of its
# own (compose: the broker's Redis, database 1). Without it, each process counts for itself.
CACHE_URL = os.environ.get("CACHE_URL", "")
if _redis_password and CACHE_URL.startswith("redis://") and "@" not in CACHE_URL:
    CACHE_URL = f"redis://:{quote(_redis_password, safe='')}@{CACHE_URL[len('redis://') :]}"
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
CELERY_TASK_DEFAULT_QUEUE = "cpu"
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-job leaves the task for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "requeue-lost-submissions": {"task": "learning.tasks.sweep", "schedule": 30.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The learner's default goal: the tiny GPT-2 capstone; until that topic exists, the last topic.
DEFAULT_GOAL_TOPIC = os.environ.get("DEFAULT_GOAL_TOPIC", "TF8")

CLIENT_DIR = ROOT / "client"  # the `groundwork` client's source, served as a tarball that notebooks pip-install
API_RATE_PER_MINUTE = int(os.environ.get("API_RATE_PER_MINUTE", "120"))  # requests per token and minute

# Email, for password resets. Printed to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Groundwork <groundwork@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
