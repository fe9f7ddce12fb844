"""Settings, read from the environment so the same code runs on a laptop and a server.

Environment variables (all optional):

* ``DATABASE_URL``: ``postgres://…`` or ``sqlite:///…``; default ``./var/gongkai.sqlite3``.
* ``GONGKAI_VAR_DIR``: where the SQLite file and the generated secret key live (``./var``).
* ``GONGKAI_SECRET_KEY``, ``GONGKAI_DEBUG`` (``1``), ``GONGKAI_ALLOWED_HOSTS`` (comma list).
* ``GONGKAI_PROCEDURE``: JSON object of procedural rules that override the defaults of
  :class:`gongkai.core.applications.rules.ProcedureRules` (the UNVERIFIED rules; see
  docs/platform.md), e.g. ``{"supplement_period_wd": 10}``.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from gongkai.core.applications.rules import ProcedureRules
from gongkai.web.dburl import parse_database_url

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
DATABASES = {"default": _default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "gongkai.web.tasks",
    "gongkai.web.portal",
    "gongkai.web.catalogue",
    "gongkai.web.reports",
    "gongkai.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "applications:queue"
LOGOUT_REDIRECT_URL = "login"

GONGKAI_PROCEDURE = ProcedureRules.from_mapping(
    json.loads(os.environ.get("GONGKAI_PROCEDURE", "{}") or "{}")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"gongkai": {"handlers": ["console"], "level": "INFO"}},
}

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
