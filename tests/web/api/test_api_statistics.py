"""Agencies and statistics: 表三 as the canonical report JSON, and the narrative figures."""

from __future__ import annotations

from datetime import date

import pytest
from builders_api import API, TwoAgencies, json_of, two_agencies
from web_builders import registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.report.jsonio import report_from_json, report_to_json, validate
from gongkai.web.applications import services
from gongkai.web.applications.statistics import annual_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> TwoAgencies:
    w = two_agencies()
    a = w.a
    done = registered(a, date(2025, 3, 3))
    services.decide(a[Role.REVIEWER], done.pk, on=date(2025, 3, 10), outcome=Outcome.GRANTED)
    services.issue(a[Role.REGISTRAR], done.pk, on=date(2025, 3, 11))
    registered(a, date(2025, 4, 1))  # still open at the end of the year
    registered(w.b, date(2025, 4, 1))
    return w


def test_annual_report_is_the_canonical_json_of_the_computed_report(world: TwoAgencies) -> None:
    agency = world.a.agency
    response = world.client("a", Role.HANDLER).get(f"{API}/agencies/{agency.pk}/annual-report/2025")
    assert response.status_code == 200
    body = json_of(response)
    validate(body)  # the report-json schema
    assert body["format"] == "annual-report/2021" and body["year"] == 2025
    assert body["agency"] == "甲县公安局"
    table3 = body["table3"]
    assert table3["new_received"]["natural_person"] == 2 and table3["new_received"]["total"] == 2
    assert table3["granted"]["total"] == 1 and table3["carried_forward"]["total"] == 1
    assert body["findings"] == []  # every T3 check passes by construction
    expected = annual_report(agency, 2025)
    assert report_from_json(body).table3 == expected.table3
    assert body["table3"] == report_to_json(expected)["table3"]


def test_supervisor_reads_statistics_other_agencies_do_not(world: TwoAgencies) -> None:
    url = f"{API}/agencies/{world.a.agency.pk}/annual-report/2025"
    assert world.client("a", Role.SUPERVISOR).get(url).status_code == 200
    denied = world.client("b", Role.OFFICE_HEAD).get(url)
    assert denied.status_code == 404 and denied.json()["code"] == "not_found"
    figures = f"{API}/agencies/{world.a.agency.pk}/figures/2025"
    assert world.client("b", Role.SUPERVISOR).get(figures).status_code == 404


def test_years_the_report_cannot_have(world: TwoAgencies) -> None:
    client = world.client("a", Role.HANDLER)
    base = f"{API}/agencies/{world.a.agency.pk}"
    old = client.get(f"{base}/annual-report/2020")
    assert old.status_code == 409 and "2019年版格式" in old.json()["message"]
    future = client.get(f"{base}/annual-report/{date.today().year + 1}")
    assert future.status_code == 409 and "尚未开始" in future.json()["message"]
    assert client.get(f"{base}/annual-report/abc").status_code == 422


def test_figures(world: TwoAgencies) -> None:
    body = json_of(
        world.client("a", Role.HANDLER).get(f"{API}/agencies/{world.a.agency.pk}/figures/2025")
    )
    assert body["year"] == 2025 and body["new_total"] == 2
    in_person = next(c for c in body["new_by_channel"] if c["channel"] == "in_person")
    assert in_person["count"] == 2 and in_person["label"]
    assert body["concluded"] == 1 and body["timed"] == 1 and body["on_time"] == 1
    assert body["on_time_rate_percent"] == "100.00"
    granted = next(o for o in body["outcomes"] if o["row"] == "granted")
    assert granted == {
        "row": "granted",
        "label": granted["label"],
        "count": 1,
        "share_percent": "100.00",
    }
    assert len(body["outcomes"]) == 21
    assert body["sentences"][0].startswith("2025年共收到政府信息公开申请2件")


def test_agencies_and_me_list_what_the_caller_can_see(world: TwoAgencies) -> None:
    handler = json_of(world.client("a", Role.HANDLER).get(f"{API}/agencies"))
    assert [a["name"] for a in handler] == ["甲县公安局"]
    assert handler[0]["roles"] == ["handler"] and handler[0]["read_only"] is False
    supervisor = json_of(world.client("a", Role.SUPERVISOR).get(f"{API}/agencies"))
    names = {a["name"]: a for a in supervisor}
    assert set(names) == {"甲县公安局", "甲县公安局主管办公室"}
    assert names["甲县公安局"]["read_only"] is True and names["甲县公安局"]["roles"] == []
    me = json_of(world.client("b", Role.REGISTRAR).get(f"{API}/me"))
    assert me["username"] == "b-registrar" and [a["name"] for a in me["agencies"]] == ["乙县公安局"]
