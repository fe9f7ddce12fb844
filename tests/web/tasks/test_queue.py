"""The job queue: inline after commit by default, failures kept for a retry, never lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import override_settings

from gongkai.web.tasks import queue
from gongkai.web.tasks.models import FailedJob
from tests.web.tasks import job_targets


@pytest.fixture(autouse=True)
def test_jobs() -> Iterator[None]:
    queue.register_job("test.record", "tests.web.tasks.job_targets.record")
    queue.register_job("test.explode", "tests.web.tasks.job_targets.explode")
    job_targets.CALLS.clear()
    yield
    for name in ("test.record", "test.explode"):
        queue.JOBS.pop(name, None)


@pytest.mark.django_db(transaction=True)
def test_an_inline_job_runs_only_after_its_transaction_commits() -> None:
    with transaction.atomic():
        queue.enqueue("test.record", number=1)
        assert job_targets.CALLS == []
    assert job_targets.CALLS == [{"number": 1}]


@pytest.mark.django_db(transaction=True)
def test_a_deferred_job_is_left_undone_inside_its_block_only() -> None:
    with queue.deferred_jobs("test.record"), transaction.atomic():
        queue.enqueue("test.record", number=5)
    assert job_targets.CALLS == []
    with pytest.raises(queue.UnknownJob), queue.deferred_jobs("test.nothing"):
        queue.enqueue("test.nothing")  # an unknown name is still refused
    queue.enqueue("test.record", number=6)
    assert job_targets.CALLS == [{"number": 6}]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_runs_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue("test.record", number=2)
        raise RuntimeError("回滚")
    assert job_targets.CALLS == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_kept_and_can_be_run_again() -> None:
    queue.enqueue("test.explode", case=7)
    failed = FailedJob.objects.get()
    assert failed.name == "test.explode" and failed.kwargs == {"case": 7}
    assert "模拟失败" in failed.error
    queue.register_job("test.explode", "tests.web.tasks.job_targets.explode")
    queue.JOBS["test.explode"] = "tests.web.tasks.job_targets.record"  # the bug got fixed
    assert queue.retry_failed(failed.pk) is True
    assert job_targets.CALLS == [{"case": 7}]
    assert queue.retry_failed(failed.pk) is False  # a retry happens once
    assert FailedJob.objects.count() == 1


def test_unknown_jobs_and_name_clashes_are_refused() -> None:
    with pytest.raises(queue.UnknownJob, match="未登记"):
        queue.enqueue("no.such.job")
    with pytest.raises(queue.GongkaiError, match="重复"):
        queue.register_job("test.record", "somewhere.else")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="procrastinate 需要 PostgreSQL")
def test_with_procrastinate_the_job_row_is_written_in_the_same_transaction() -> None:
    def queued() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM procrastinate_jobs WHERE task_name = %s",
                [queue.PROCRASTINATE_TASK],
            )
            return int(cursor.fetchone()[0])

    with override_settings(GONGKAI_JOB_QUEUE="procrastinate"):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue.enqueue("test.record", number=3)
            raise RuntimeError("回滚")
        assert queued() == 0
        with transaction.atomic():
            queue.enqueue("test.record", number=4)
        assert queued() == 1
    assert job_targets.CALLS == []  # a worker runs it, not the web process
