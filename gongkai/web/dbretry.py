"""Run a whole write transaction again when SQLite still reports its database locked.

With WAL, ``BEGIN IMMEDIATE`` and a busy timeout (``settings.py``), a write waits for
SQLite's one write lock; ``database is locked`` reaches the code only when a request waited
longer than ``GONGKAI_SQLITE_TIMEOUT``. A service that owns its transaction, and whose work
before the transaction may be done twice, can then simply be run again after a short pause:
the failed attempt was rolled back, and its ``on_commit`` side effects were dropped with it.

Inside an outer ``transaction.atomic()`` nothing is retried: that transaction is the caller's
and must be rolled back by the caller, so the error goes up unchanged. PostgreSQL never
raises this error; there the decorator does nothing.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection

log = logging.getLogger("gongkai.db")

P = ParamSpec("P")
R = TypeVar("R")

ATTEMPTS = 4
FIRST_PAUSE_SECONDS = 0.05


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def retry_when_locked(func: Callable[P, R]) -> Callable[P, R]:
    """Call ``func`` up to :data:`ATTEMPTS` times while it fails with ``database is locked``,
    pausing 50 ms, 100 ms, 200 ms (± half, so that waiting requests spread out)."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 1
        while True:
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if attempt >= ATTEMPTS or not is_locked(exc) or connection.in_atomic_block:
                    raise
                pause = FIRST_PAUSE_SECONDS * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)
                log.warning(
                    "%s：数据库忙（%s），%.0f 毫秒后第%d次重试",
                    getattr(func, "__qualname__", func),
                    exc,
                    pause * 1000,
                    attempt,
                )
                time.sleep(pause)
                attempt += 1

    return wrapped
