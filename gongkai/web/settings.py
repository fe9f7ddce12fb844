"""Settings, read from the environment so the same code runs on a laptop and a server.

Environment variables (all optional):

* ``DATABASE_URL``: ``postgres://…`` or ``sqlite:///…``; default ``./var/gongkai.sqlite3``.
* ``GONGKAI_VAR_DIR``: where the SQLite file and the generated secret key live (``./var``).
* ``GONGKAI_SECRET_KEY``, ``GONGKAI_DEBUG`` (``1``), ``GONGKAI_ALLOWED_HOSTS`` (comma list).
* ``GONGKAI_PROCEDURE``: JSON object of procedural rules that override the defaults of
  :class:`gongkai.core.applications.rules.ProcedureRules` (the UNVERIFIED rules; see
  docs/platform.md), e.g. ``{"supplement_period_wd": 10}``.
* ``GONGKAI_LOG_FILE``: the log (``./var/log/gongkai.log``; empty: stderr only).
* ``GONGKAI_SQLITE_TIMEOUT`` (20): seconds a request waits for SQLite's write lock.
* ``GONGKAI_LOGIN_FAILURE_LIMIT`` (5), ``GONGKAI_LOGIN_COOLOFF_MINUTES`` (30): login lockout.
* ``GONGKAI_API_RATE_LIMIT`` (``600/min`` per token), ``GONGKAI_API_TOKEN_DAYS`` (365): the
  HTTP API (docs/api.md).
* ``GONGKAI_EXPLORE_DATASETS``: `gongkai ingest` output folders (``:``-separated) that the
  explorer page shows beside the platform's published reports (docs/explore.md).
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

from gongkai.core.applications.rules import ProcedureRules
from gongkai.web.dburl import parse_database_url
from gongkai.web.request_id import logging_config

WEB_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", "var")).resolve()


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    # A key generated once per installation keeps sessions valid across restarts without
    # shipping a shared default key that would let anyone forge a session.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("GONGKAI_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

if os.environ.get("DATABASE_URL"):
    _default_db = parse_database_url(os.environ["DATABASE_URL"], base_dir=Path.cwd())
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _default_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "gongkai.sqlite3")}
# SQLite (the embedded default) serves one writer at a time. So that simultaneous requests
# wait their turn instead of failing with "database is locked" (docs/platform.md, "Concurrent
# writes on SQLite"): WAL, so readers never block the writer nor it them; every transaction
# starts with BEGIN IMMEDIATE, so it takes the write lock at its start (waiting for it) rather
# than failing when it tries to upgrade a read lock mid-way; and a busy timeout, how long a
# request waits for that lock. synchronous=NORMAL is durable in WAL mode up to a power cut.
GONGKAI_SQLITE_TIMEOUT = float(os.environ.get("GONGKAI_SQLITE_TIMEOUT", "20"))
if _default_db["ENGINE"] == "django.db.backends.sqlite3":
    _default_db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": GONGKAI_SQLITE_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **_default_db.get("OPTIONS", {}),
    }
    # Each server thread keeps its SQLite connection between requests: opening one (Django's
    # functions registered, the PRAGMAs above run) cost about 1 ms of CPU per request. A
    # restore writes into the same file, which open connections then see (gongkai/web/backup.py).
    _default_db.setdefault("CONN_MAX_AGE", None)
DATABASES = {"default": _default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "gongkai.web.text_input.TextCheckedAdminConfig",  # django.contrib.admin, text checked
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "gongkai.web.agencies",
    "gongkai.web.applications",
    # Order matters for the demo: each app's ``demo.load_demo`` runs in this order.
    "gongkai.web.workcalendar",
    "gongkai.web.fees",
    "gongkai.web.remedies",
    "gongkai.web.tasks",
    "gongkai.web.portal",
    "gongkai.web.catalogue",
    "gongkai.web.reports",
    "gongkai.web.api",
]

MIDDLEWARE = [
    "gongkai.web.request_id.RequestIdMiddleware",  # first: every log line and error page has it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before anything else runs
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.site_context.site_header",
            ],
        },
    },
]

# Strong passwords (issue 4 item 2): at least 10 characters, not a common password, not all
# digits, not close to the username or name. Django checks these wherever a password is set
# through a form (admin, password change) or `manage.py changepassword`.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's MinimumLengthValidator with its message in Chinese.
        "NAME": "gongkai.web.api.login_security.MinimumLengthChinese",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Chinese for what Django's and django-axes' own catalogues leave in English (the admin).
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves the static files (admin, API docs) straight from the apps' folders, so
# `gongkai serve` needs no collectstatic step and never serves a stale copy after an upgrade.
WHITENOISE_USE_FINDERS = True
# The platform's own stylesheet (gongkai/web/static/gongkai/site.css): every page's look.
# The explorer's chart library and script (gongkai/explore/static: ECharts vendored, with its
# licence) under static/explore/, for the supervisors' explorer page (docs/explore.md).
STATICFILES_DIRS = [WEB_DIR / "static", ("explore", WEB_DIR.parent / "explore" / "static")]
# Datasets written by `gongkai ingest` that the explorer page shows beside the reports
# published on the platform: folders on the server, separated by os.pathsep (":" on Linux).
# Set by whoever runs the server; nothing is uploaded through the web (docs/explore.md).
GONGKAI_EXPLORE_DATASETS = [
    p for p in os.environ.get("GONGKAI_EXPLORE_DATASETS", "").split(os.pathsep) if p.strip()
]
# Every Django form renders through one template: label, help text and errors beside the
# field, in Chinese (gongkai/web/form_rendering.py).
FORM_RENDERER = "gongkai.web.form_rendering.FieldBesideHelpRenderer"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "applications:queue"
LOGOUT_REDIRECT_URL = "login"

GONGKAI_PROCEDURE = ProcedureRules.from_mapping(
    json.loads(os.environ.get("GONGKAI_PROCEDURE", "{}") or "{}")
)

# Every 500 is logged with its traceback and request id to stderr and GONGKAI_LOG_FILE (empty:
# stderr only); error pages are Chinese and show the id (gongkai/web/request_id.py, errors.py).
GONGKAI_LOG_FILE = os.environ.get("GONGKAI_LOG_FILE", str(VAR_DIR / "log" / "gongkai.log"))
LOGGING = logging_config(GONGKAI_LOG_FILE)
CSRF_FAILURE_VIEW = "gongkai.web.errors.csrf_failure"

# Uploaded documents are read in child processes, at most GONGKAI_SANDBOX_CHILDREN at once
# across all of the server's processes: each takes a lock file in this folder
# (gongkai/core/parsing/child_slots.py), so gunicorn's workers share one cap.
os.environ.setdefault("GONGKAI_SANDBOX_SLOT_DIR", str(VAR_DIR / "sandbox-slots"))

# -- background work and mail ----------------------------------------------------------
# GONGKAI_JOB_QUEUE: "inline" (default: slow work runs in the web process right after the
# transaction commits) or "procrastinate" (a job queue in PostgreSQL itself; run workers with
# `python -m gongkai.web.manage procrastinate worker`). See docs/jobs-and-reminders.md.
GONGKAI_JOB_QUEUE = os.environ.get("GONGKAI_JOB_QUEUE", "inline")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Its migrations are PostgreSQL functions, so the app exists only on PostgreSQL.
    INSTALLED_APPS.append("procrastinate.contrib.django")
    PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "jobs"
elif GONGKAI_JOB_QUEUE == "procrastinate":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "GONGKAI_JOB_QUEUE=procrastinate 需要 PostgreSQL 数据库（请设置 DATABASE_URL）"
    )

# Reminders: due-soon threshold in working days, and the sender of every mail.
GONGKAI_REMIND_DUE_SOON_DAYS = int(os.environ.get("GONGKAI_REMIND_DUE_SOON_DAYS", "3"))
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
# Mail goes to the console unless an SMTP server is configured.
if os.environ.get("GONGKAI_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["GONGKAI_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("GONGKAI_SMTP_PORT", "465"))
    EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
    EMAIL_USE_SSL = EMAIL_PORT == 465
    EMAIL_USE_TLS = not EMAIL_USE_SSL
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# -- login protection (django-axes) ----------------------------------------------------
# After GONGKAI_LOGIN_FAILURE_LIMIT failed logins for one username from one IP address, that
# pair is locked out for GONGKAI_LOGIN_COOLOFF_MINUTES (the lockout page says so in Chinese;
# registration/lockout.html). So that guesses spread over addresses or accounts are slowed
# too, one username from any address is locked after GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT
# failures and one address for any username after GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT
# (higher: an office shares one address); see gongkai/web/api/login_security.py. A successful
# login resets its own username-and-address count only. Admins unlock in 系统管理 → 访问尝试
# (the action is written to the admin log). The API's bearer tokens never go through a
# password login, so axes does not affect them. Behind a reverse proxy the client address
# comes from GONGKAI_CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP; docs/deploy.md).
INSTALLED_APPS.append("gongkai.web.axes_app.ChineseAxesConfig")  # axes, named in Chinese
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as axes requires
AUTHENTICATION_BACKENDS = [
    "gongkai.web.api.login_security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT = int(
    os.environ.get("GONGKAI_LOGIN_USERNAME_FAILURE_LIMIT", "20")
)
GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT", "50")
)
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "")
AXES_HANDLER = "gongkai.web.api.login_security.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "gongkai.web.client_address.lockout_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.web.api.login_security.lockout_response"
AXES_VERBOSE = False

# -- HTTP API (gongkai.web.api, docs/api.md) ---------------------------------------------
# "ninja" is installed so that its API docs page loads Swagger UI from the package's own
# static files (never from a CDN).
INSTALLED_APPS.append("ninja")
# Requests per token: "N/s", "N/min", "N/hour" or "N/day". Counted in Django's cache, i.e.
# per process with the default local-memory cache.
GONGKAI_API_RATE_LIMIT = os.environ.get("GONGKAI_API_RATE_LIMIT", "600/min")
# Default lifetime of a token made by `create_api_token` (days; 0 = no expiry).
GONGKAI_API_TOKEN_DAYS = int(os.environ.get("GONGKAI_API_TOKEN_DAYS", "365"))

# -- case handling (gongkai.web.applications; docs/platform.md) ----------------------------
# Generated letters and scanned proofs of service. Never served as static files: the case
# page and the applicant's tracking page hand them out after checking who asks.
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_DIR", str(VAR_DIR / "media"))).resolve()
# The work queue: cases due within this many working days are marked 即将到期; page size.
GONGKAI_DUE_SOON_WD = int(os.environ.get("GONGKAI_DUE_SOON_WD", str(GONGKAI_REMIND_DUE_SOON_DAYS)))
GONGKAI_QUEUE_PAGE_SIZE = int(os.environ.get("GONGKAI_QUEUE_PAGE_SIZE", "50"))
# Letters: JSON, see gongkai.web.applications.letters.LetterSettings (unknown keys refused),
# e.g. {"partial_requires_review_first": true, "review_bodies": {"某局": "某县人民政府"}}.
GONGKAI_LETTERS = json.loads(os.environ.get("GONGKAI_LETTERS", "{}") or "{}")

# -- fees and 复议/诉讼 (gongkai.web.fees, gongkai.web.remedies; docs/fees.md, docs/remedies.md)
# JSON objects; unknown keys are refused at first use. E.g. GONGKAI_FEES='{"pauses_clock": false,
# "payment_window_wd": 20}', GONGKAI_REMEDIES='{"year_rule": "open_in_year",
# "result_columns": {"review_terminated": "other"}}'.
GONGKAI_FEES = json.loads(os.environ.get("GONGKAI_FEES", "{}") or "{}")
GONGKAI_REMEDIES = json.loads(os.environ.get("GONGKAI_REMEDIES", "{}") or "{}")

# -- applicant portal (gongkai.web.portal; docs/portal.md) --------------------------------
# Attachments per application and size of each; rate limits ("N/min", "N/hour", "N/day"):
# accepted applications per client address (an allowance for shared addresses: offices,
# schools, carriers) and per applicant (identity number or credit code, phone, e-mail; refused
# posts never count), lookups per client address, failed lookups per tracking number;
# the least seconds between serving and submitting a form; the header that carries the
# client address behind a reverse proxy (e.g. HTTP_X_REAL_IP); the site's public base URL
# for links in mails (empty: taken from the request).
GONGKAI_PORTAL_MAX_FILES = int(os.environ.get("GONGKAI_PORTAL_MAX_FILES", "5"))
GONGKAI_PORTAL_MAX_FILE_MB = float(os.environ.get("GONGKAI_PORTAL_MAX_FILE_MB", "10"))
GONGKAI_PORTAL_SUBMIT_RATE = os.environ.get("GONGKAI_PORTAL_SUBMIT_RATE", "30/hour")
GONGKAI_PORTAL_APPLICANT_RATE = os.environ.get("GONGKAI_PORTAL_APPLICANT_RATE", "10/day")
GONGKAI_PORTAL_LOOKUP_RATE = os.environ.get("GONGKAI_PORTAL_LOOKUP_RATE", "10/hour")
GONGKAI_PORTAL_LOOKUP_NUMBER_RATE = os.environ.get("GONGKAI_PORTAL_LOOKUP_NUMBER_RATE", "10/day")
GONGKAI_PORTAL_MIN_FILL_SECONDS = float(os.environ.get("GONGKAI_PORTAL_MIN_FILL_SECONDS", "5"))
GONGKAI_PORTAL_FORM_MAX_AGE_HOURS = float(os.environ.get("GONGKAI_PORTAL_FORM_MAX_AGE_HOURS", "24"))
GONGKAI_PORTAL_CLIENT_IP_HEADER = os.environ.get("GONGKAI_PORTAL_CLIENT_IP_HEADER", "")
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "")


# -- deployment: HTTPS, reverse proxy, security headers (docs/deploy.md) -------------------
# All off by default, so `gongkai serve` on a laptop works over plain HTTP; a production
# installation behind an HTTPS reverse proxy sets them (docs/deploy.env.example, with which
# `python -m gongkai.web.manage check --deploy` reports no issue):
# GONGKAI_SSL_REDIRECT=1: redirect every http:// request to https://.
# GONGKAI_HSTS_SECONDS (0 = no HSTS), GONGKAI_HSTS_INCLUDE_SUBDOMAINS, GONGKAI_HSTS_PRELOAD.
# GONGKAI_SECURE_COOKIES=1: session and CSRF cookies only over HTTPS.
# GONGKAI_PROXY_SSL_HEADER: the header by which the proxy says the request came over HTTPS,
#   e.g. "X-Forwarded-Proto" (value "https"); only behind a proxy that always sets it.
# GONGKAI_USE_X_FORWARDED_HOST=1: trust the proxy's X-Forwarded-Host (opt-in, same caveat).
# GONGKAI_CSRF_TRUSTED_ORIGINS: comma list, e.g. "https://gk.example.gov.cn".
# GONGKAI_CSP: the Content-Security-Policy (default gongkai.web.security_headers.DEFAULT_CSP).
def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


SECURE_SSL_REDIRECT = _env_flag("GONGKAI_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "0") or "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("GONGKAI_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_flag("GONGKAI_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_flag("GONGKAI_SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
if os.environ.get("GONGKAI_PROXY_SSL_HEADER", "").strip():
    _proxy_header = os.environ["GONGKAI_PROXY_SSL_HEADER"].strip().upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (f"HTTP_{_proxy_header}", "https")
USE_X_FORWARDED_HOST = _env_flag("GONGKAI_USE_X_FORWARDED_HOST")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
GONGKAI_CSP = os.environ.get("GONGKAI_CSP", "")
# Content-Security-Policy on every response, no-store on every one with personal data;
# right after SecurityMiddleware so that it also sees WhiteNoise's and every error response.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "gongkai.web.security_headers.SecurityHeadersMiddleware",
)
