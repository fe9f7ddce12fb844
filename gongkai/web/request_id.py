"""A request id for every request: in the log lines it causes and on its error page.

:class:`RequestIdMiddleware` (first in ``MIDDLEWARE``) gives each request an id — the
``X-Request-ID`` a reverse proxy sent, when it looks like one, else a new random one — keeps it
as ``request.request_id`` and in a context variable for the log, and answers it in the
``X-Request-ID`` response header. :class:`RequestIdFilter` puts it on every log record
(``%(request_id)s``; ``-`` outside a request), so a 500's traceback in the log and the id the
user reads on the error page are the same.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path

from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
_current: ContextVar[str] = ContextVar("request_id", default="-")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


def current_request_id() -> str:
    return _current.get()


def new_request_id() -> str:
    return secrets.token_hex(8)


def request_id_of(request: HttpRequest) -> str:
    return getattr(request, "request_id", "") or current_request_id()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _ACCEPTED.fullmatch(offered) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (for the formatters)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs a 4xx/5xx answer after the middleware has returned: the request
            # it passes along still carries the id.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current_request_id()
        return True


def logging_config(log_file: str) -> dict[str, object]:
    """``LOGGING``: the platform's own messages (``gongkai.*``, INFO) and every server error
    (``django.request``, ERROR: each 500 with its traceback) to stderr and to ``log_file``
    (rotated at 10 MB, five kept), each line with its request id. ``log_file`` empty, or its
    folder cannot be made: stderr only."""
    if log_file:
        try:
            Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            log_file = ""
    handlers: dict[str, dict[str, object]] = {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        },
    }
    if log_file:
        handlers["file"] = {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": log_file,
            "maxBytes": 10 * 1024 * 1024,
            "backupCount": 5,
            "encoding": "utf-8",
            "delay": True,
            "filters": ["request_id"],
            "formatter": "plain",
        }
    names = list(handlers)
    errors = {f"{name}_errors": {**spec, "level": "ERROR"} for name, spec in handlers.items()}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "gongkai.web.request_id.RequestIdFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
        },
        "handlers": {**handlers, **errors},
        "loggers": {
            "gongkai": {"handlers": names, "level": "INFO"},
            "django.request": {"handlers": list(errors)},
        },
    }
