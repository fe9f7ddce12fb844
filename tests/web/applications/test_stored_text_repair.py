"""The data migration that removes unprintable characters from stored text (applications
0005): names, addresses, requests, consultations and letter texts are cleaned, line breaks of
multi-line texts kept, the audit trail untouched, and a taken unique name left alone."""

from __future__ import annotations

import importlib

import pytest
from builders_applications import case_in
from django.apps import apps
from web_builders import Staff

from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, CaseEvent, Letter

pytestmark = pytest.mark.django_db
migration = importlib.import_module("gongkai.web.applications.migrations.0005_clean_stored_text")


def test_stored_text_is_repaired(staff: Staff) -> None:
    app = case_in(staff, Status.ISSUED)
    Application.objects.filter(pk=app.pk).update(
        applicant_name="周\x01某\u202e",
        contact_address="人民路\t1号\u200b",
        description="第一行\r\n第二行\x08\u2028第三行",
    )
    letter = Letter.objects.get(application=app, kind="reply")
    content = dict(letter.content)
    content["addressee"] = "周\x01某\u202e："
    content["paragraphs"] = ["甲\n乙\x0b", *content["paragraphs"][1:]]
    Letter.objects.filter(pk=letter.pk).update(content=content)
    Agency.objects.filter(pk=staff.agency.pk).update(address="县\x7f城", name="X局\u200b")
    Agency.objects.create(name="X局", kind=Agency.Kind.DEPARTMENT)
    events = list(CaseEvent.objects.filter(application=app).values())

    migration.clean_stored_text(apps, None)
    migration.clean_stored_text(apps, None)  # a second run changes nothing

    app.refresh_from_db()
    assert app.applicant_name == "周某"
    assert app.contact_address == "人民路1号"
    assert app.description == "第一行\n第二行\n第三行"
    letter.refresh_from_db()
    assert letter.content["addressee"] == "周某："
    assert letter.content["paragraphs"][0] == "甲\n乙"
    agency = Agency.objects.get(pk=staff.agency.pk)
    assert agency.address == "县城"
    assert agency.name == "X局\u200b"  # "X局" is taken: left for an administrator
    assert list(CaseEvent.objects.filter(application=app).values()) == events
