"""Two clicks of one form at the same moment, in two requests: one application."""

from __future__ import annotations

import threading

import pytest
from builders_portal import open_agency, person_post
from django.db import connection
from django.test import Client

from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.portal.models import OnlineSubmission


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submission_creates_one_application() -> None:
    agency = open_agency()
    data = person_post()
    start = threading.Barrier(3)
    locations: list[str] = []

    def click() -> None:
        try:
            start.wait(10)
            response = Client().post(f"/public/{agency.pk}/apply/", data)
            locations.append(response["Location"])
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(locations) == 3 and len(set(locations)) == 1
    assert Application.objects.count() == OnlineSubmission.objects.count() == 1
    assert CaseEvent.objects.count() == 1
