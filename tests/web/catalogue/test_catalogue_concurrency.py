"""Two reviewers act on one item at once, and two drafts are created at once: the row locks
serialise them (PostgreSQL), so a step is never taken twice and no 索引号 is shared."""

from __future__ import annotations

import threading

import pytest
from builders_catalogue import DAY, drafted, fields
from django.db import connection
from web_builders import make_staff

from gongkai.core.applications.roles import Role
from gongkai.core.errors import GongkaiError
from gongkai.web.catalogue import services
from gongkai.web.catalogue.models import CatalogueItem, ItemEvent

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
    ),
    pytest.mark.django_db(transaction=True),
]


def run_together(*steps: object) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(steps))

    def run(step: object) -> None:
        try:
            barrier.wait(10)
            step()  # type: ignore[operator]
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(s,)) for s in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    return errors


def test_concurrent_drafts_get_distinct_index_numbers() -> None:
    staff = make_staff()
    errors = run_together(
        *(
            lambda: services.draft_item(staff[Role.HANDLER], staff.agency, fields())
            for _ in range(4)
        )
    )
    assert errors == []
    seqs = sorted(CatalogueItem.objects.values_list("index_seq", flat=True))
    assert seqs == [1, 2, 3, 4]


def test_the_same_step_taken_twice_at_once_is_recorded_once() -> None:
    staff = make_staff()
    item = drafted(staff)
    services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    errors = run_together(
        lambda: services.review(staff[Role.HANDLER], item.pk, step="first", passed=True, on=DAY),
        lambda: services.review(staff[Role.REVIEWER], item.pk, step="first", passed=True, on=DAY),
    )
    assert len(errors) == 1 and isinstance(errors[0], GongkaiError)
    assert "已经通过" in str(errors[0])
    assert ItemEvent.objects.filter(item=item, step="first").count() == 1
