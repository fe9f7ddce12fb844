"""Two people act on one case at once: the second must see the first one's result and be
refused, never overwrite it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction
from web_builders import make_staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import InvalidTransition, Status
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
