"""Two people act on one case at once: the second must see the first one's result and be
refused, never overwrite it. Many people write at once, through the real server, on SQLite
and PostgreSQL: every write is stored, answered and audited, none fails."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from django.db import OperationalError, connection, transaction
from web_builders import make_staff, registered

from bench import concurrency as bench
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import InvalidTransition, Status
from gongkai.web import dbretry
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, CaseEvent

MON = date(2025, 3, 3)


@pytest.mark.django_db
def test_a_step_taken_on_a_stale_view_is_refused() -> None:
    staff = make_staff()
    app = registered(staff, MON)
    seen_by_second = Application.objects.get(pk=app.pk)  # loaded before the first acts
    services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
    assert seen_by_second.status == Status.RECEIVED
    with pytest.raises(InvalidTransition):
        services.decide(
            staff[Role.OFFICE_HEAD], seen_by_second.pk, on=MON, outcome=Outcome.NOT_EXIST
        )
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.outcome == "GRANTED"
    assert CaseEvent.objects.filter(application=app, action="decide").count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_on_postgresql_serialise_on_the_row_lock() -> None:
    staff = make_staff()
    app = registered(staff, MON)
    first_holds_lock = threading.Event()
    release_first = threading.Event()
    second_done = threading.Event()
    errors: dict[str, BaseException] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
                first_holds_lock.set()
                release_first.wait(10)
        finally:
            connection.close()

    def second() -> None:
        first_holds_lock.wait(10)
        try:
            services.decide(staff[Role.OFFICE_HEAD], app.pk, on=MON, outcome=Outcome.NOT_EXIST)
        except BaseException as exc:
            errors["second"] = exc
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_holds_lock.wait(10)
    # The second transition must be waiting on the lock, not running on the old state.
    assert not second_done.wait(0.5)
    release_first.set()
    for t in threads:
        t.join(10)
    assert isinstance(errors.get("second"), InvalidTransition)
    fresh = Application.objects.get(pk=app.pk)
    assert (fresh.status, fresh.outcome) == (Status.DECIDED, "GRANTED")
    assert CaseEvent.objects.filter(application=app, action="decide").count() == 1


# -- many people at once, through the real server (issue 12 item 1) ------------------------------
#
# The server is started the way `gongkai serve` starts it (bench/concurrency.py: migrate, then
# `gongkai serve --no-demo` on a free loopback port) on SQLite in a temporary folder, and on a
# throwaway PostgreSQL database when DATABASE_URL names one. It runs with the portal's limit per
# client address raised (GONGKAI_PORTAL_SUBMIT_RATE=100000/hour) and the least fill-in time at
# 0 s (GONGKAI_PORTAL_MIN_FILL_SECONDS=0): all requests come from 127.0.0.1, at once.

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))


@contextmanager
def server_target(kind: str, tmp_path: Path) -> Iterator[bench.Target]:
    if kind == "sqlite":
        with bench.sqlite_target(tmp_path) as target:
            yield target
    else:
        with bench.postgres_target(DATABASE_URL, tmp_path) as target:
            yield target


@pytest.mark.parametrize(
    "kind",
    [
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="set DATABASE_URL=postgres://…"),
        ),
    ],
)
def test_simultaneous_applications_and_staff_steps_are_all_stored(
    kind: str, tmp_path: Path
) -> None:
    """20 applicants post the online form at the same moment, then 20 确认收到 and 10
    registrations are posted at the same moment: every one is stored, answered and audited."""
    with server_target(kind, tmp_path) as target:
        portal, staff = bench.measure(target, submissions=20, confirms=20, registrations=10, runs=1)
        held = bench.inspect(target)
    for result, sent in ((portal, 20), (staff, 30)):
        assert result.failures == [], result.failures[:3]
        assert dict(result.statuses) == {302: sent}
        assert result.sent == result.stored == result.acknowledged == result.audited == sent
        assert max(result.seconds) < 30
    assert held["online"] == 20 and held["staff_registered"] == 10
    assert held["confirm_events"] == 20
    assert held["without_register_event"] == 0 and held["events_twice"] == 0
    assert held["unique_numbers"] and held["unique_tracking"]


def test_a_write_that_outwaits_the_busy_timeout_is_run_again(tmp_path: Path) -> None:
    """SQLite's write lock held longer than the busy timeout: the submissions' transactions
    fail with "database is locked", are run again after a pause, and all succeed."""
    with bench.sqlite_target(tmp_path) as target:
        target.env["GONGKAI_SQLITE_TIMEOUT"] = "0.5"
        with bench.running_server(target) as server:
            url = bench.apply_url(server)
            openers = [bench.browser() for _ in range(3)]
            forms = [(o, bench.filled_form(o, url, i)) for i, o in enumerate(openers)]
            answers: list[bench.Answer] = []
            holder = sqlite3.connect(target.workdir / "gongkai.sqlite3", isolation_level=None)
            try:
                holder.execute("BEGIN IMMEDIATE")  # another writer, holding the lock for 1.2 s
                threads = [
                    threading.Thread(
                        target=lambda o=o, f=f: answers.append(
                            bench.request(o, url, f, multipart=True)
                        )
                    )
                    for o, f in forms
                ]
                for thread in threads:
                    thread.start()
                time.sleep(1.2)
                holder.execute("COMMIT")
                for thread in threads:
                    thread.join(30)
            finally:
                holder.close()
            log = server.log.read_text(encoding="utf-8")
        held = bench.inspect(target)
    assert [a.status for a in answers] == [302, 302, 302], log[-3000:]
    assert "数据库忙" in log  # the retry's warning: the first attempts did fail
    assert held["online"] == 3 and held["without_register_event"] == 0
    assert held["events_twice"] == 0


class _Locked:
    def __init__(self, failures: int, message: str = "database is locked") -> None:
        self.calls = 0
        self.failures = failures
        self.message = message

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise OperationalError(self.message)
        return "done"


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dbretry, "FIRST_PAUSE_SECONDS", 0.0)


def test_locked_is_retried_a_bounded_number_of_times(no_pause: None) -> None:
    twice = _Locked(2)
    assert dbretry.retry_when_locked(twice)() == "done" and twice.calls == 3
    always = _Locked(100)
    with pytest.raises(OperationalError):
        dbretry.retry_when_locked(always)()
    assert always.calls == dbretry.ATTEMPTS


def test_other_database_errors_are_not_retried(no_pause: None) -> None:
    other = _Locked(1, "no such table: x")
    with pytest.raises(OperationalError):
        dbretry.retry_when_locked(other)()
    assert other.calls == 1


@pytest.mark.django_db
def test_nothing_is_retried_inside_the_callers_transaction(no_pause: None) -> None:
    locked = _Locked(1)
    with pytest.raises(OperationalError), transaction.atomic():
        dbretry.retry_when_locked(locked)()
    assert locked.calls == 1


def test_sqlite_runs_in_wal_with_immediate_transactions_and_a_busy_timeout() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite settings")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
