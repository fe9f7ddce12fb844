"""Slow work (rendering letters and reports, reading uploaded documents) off the request.

Every job has a name in :data:`JOBS` that points at a plain function taking JSON-able keyword
arguments. ``enqueue`` is called inside the transaction that made the work necessary:

* ``GONGKAI_JOB_QUEUE = "procrastinate"``: the job row is written into PostgreSQL in that
  same transaction (procrastinate's queue lives in the database), so a job exists exactly when
  its data was committed; workers started with ``manage.py procrastinate worker`` run it, on
  as many machines as needed, with retries.
* ``"inline"`` (the default, and the only choice on SQLite): the job runs in this process
  right after the commit. A failure never undoes the committed work: it is kept in
  :class:`FailedJob` with its arguments, so an administrator can run it again.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.core.errors import GongkaiError

log = logging.getLogger("gongkai.jobs")

# name → dotted path of the function; the single table of background work.
JOBS: dict[str, str] = {}
PROCRASTINATE_TASK = "gongkai.run_job"


class UnknownJob(GongkaiError):
    """A job name nobody registered."""


def register_job(name: str, path: str) -> None:
    existing = JOBS.get(name)
    if existing is not None and existing != path:
        raise GongkaiError(f"后台任务名称重复：{name}（{existing} 与 {path}）")
    JOBS[name] = path


def _function(name: str) -> Callable[..., Any]:
    try:
        path = JOBS[name]
    except KeyError:
        raise UnknownJob(f"未登记的后台任务：{name}") from None
    module, _, attribute = path.rpartition(".")
    function: Callable[..., Any] = getattr(importlib.import_module(module), attribute)
    return function


def uses_worker_queue() -> bool:
    return getattr(settings, "GONGKAI_JOB_QUEUE", "inline") == "procrastinate"


_deferred: ContextVar[frozenset[str]] = ContextVar("deferred_jobs", default=frozenset())


@contextmanager
def deferred_jobs(*names: str) -> Iterator[None]:
    """Bulk work (the demo) leaves jobs ``names`` undone. Only for jobs whose result is
    made when first asked for (a letter's or a fee notice's files, rendered on download)."""
    token = _deferred.set(_deferred.get() | frozenset(names))
    try:
        yield
    finally:
        _deferred.reset(token)


def enqueue(name: str, **kwargs: Any) -> None:
    """Run job ``name`` once the current transaction commits (or now, outside one)."""
    _function(name)  # fail inside the caller's transaction if the job does not exist
    if name in _deferred.get():
        return
    if uses_worker_queue():
        from procrastinate.contrib.django import app

        app.configure_task(PROCRASTINATE_TASK).defer(name=name, kwargs=kwargs)
        return
    transaction.on_commit(lambda: run_inline(name, kwargs))


def run_job(name: str, kwargs: dict[str, Any]) -> Any:
    return _function(name)(**kwargs)


def run_inline(name: str, kwargs: dict[str, Any]) -> bool:
    """Run a job now; on failure keep it for a retry instead of raising into the request."""
    from gongkai.web.tasks.models import FailedJob

    try:
        run_job(name, kwargs)
    except Exception as exc:
        log.exception("后台任务 %s 失败", name)
        FailedJob.objects.create(
            name=name, kwargs=kwargs, error=f"{exc}\n\n{traceback.format_exc()}"[:20000]
        )
        return False
    return True


def retry_failed(job_id: int) -> bool:
    """Run a kept failure again; it is marked retried whatever the outcome (a new failure
    is kept as its own row)."""
    from django.utils import timezone

    from gongkai.web.tasks.models import FailedJob

    with transaction.atomic():
        job = FailedJob.objects.select_for_update().get(pk=job_id)
        if job.retried_at is not None:
            return False
        job.retried_at = timezone.now()
        job.save(update_fields=["retried_at"])
    return run_inline(job.name, job.kwargs)
