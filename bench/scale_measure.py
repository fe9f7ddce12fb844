"""The measurements of bench/scale.py, each through the same code a user's request takes."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse

from gongkai.core.checks.engine import run_checks
from gongkai.core.report.labels import T3_ROWS
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.statistics import annual_report

Timed = Callable[[Callable[[], Any], int], list[float]]
Report = Callable[..., None]


def _get(client: Client, url: str, **headers: str) -> Callable[[], None]:
    def fetch() -> None:
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{url} 返回 {response.status_code}")

    return fetch


def _queue(agency: Agency, repeat: int, timed: Timed, report: Report) -> None:
    from bench.scale_data import HANDLER

    client = Client()
    client.force_login(get_user_model().objects.get(username=HANDLER))
    url = reverse("applications:queue")
    report("staff queue page", timed(_get(client, url), repeat), 200)
    report("staff queue page, overdue only", timed(_get(client, url + "?due=overdue"), repeat))


def _api(agency: Agency, repeat: int, timed: Timed, report: Report) -> None:
    try:
        from gongkai.web.api.models import ApiToken  # noqa: F401
        from gongkai.web.api.tokens import issue_token
    except ImportError:
        print("API list endpoint: not measured (the API app has no token issuing yet)")
        return
    from bench.scale_data import HANDLER

    user = get_user_model().objects.get(username=HANDLER)
    secret = issue_token(user, name="bench")
    client = Client()
    try:
        url = reverse("api-1.0.0:list_applications")
    except NoReverseMatch:
        url = "/api/v1/applications"
    fetch = _get(client, url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    report("API application list", timed(fetch, repeat))


def _table3(agency: Agency, year: int) -> None:
    start = time.perf_counter()
    report = annual_report(agency, year)
    elapsed = time.perf_counter() - start
    errors = [f for f in run_checks(report) if f.severity == "error"]
    received = report.table3.get(T3_ROWS[0]) or {}
    total = received.get("total", "?")
    verdict = "达到" if elapsed < 1 else "未达到"
    print(
        f"表三 for {agency.name} {year}: {elapsed * 1000:.0f} ms "
        f"(目标 < 1 s：{verdict}); 本年新收 {total}; check errors: {len(errors)}"
    )


def _submissions(agency: Agency, count: int = 50) -> None:
    """Online applications through the portal's service function, one after another."""
    import secrets

    from gongkai.core.applications.applicants import ApplicantType
    from gongkai.web.portal.models import OnlineIntake
    from gongkai.web.portal.services import OnlineApplication, submit_online

    OnlineIntake.objects.update_or_create(agency=agency, defaults={"accepts": True})
    content = OnlineApplication(
        applicant_type=ApplicantType.NATURAL_PERSON,
        applicant_name="基准申请人",
        description="2025年度行政处罚案件数量统计",
        requested_form="electronic",
        delivery="email",
        contact_email="bench@example.cn",
    )
    start = time.perf_counter()
    for _ in range(count):
        submit_online(agency, content, [], idempotency_key=secrets.token_urlsafe(16))
    elapsed = time.perf_counter() - start
    print(f"public submissions: {count / elapsed:.1f} per second (one process, {count} in a row)")


def measure(agency_name: str, year: int, repeat: int, timed: Timed, report: Report) -> None:
    from gongkai.web.applications.models import Application

    agency = Agency.objects.get(name=agency_name)
    total = Application.objects.count()
    mine = Application.objects.filter(agency=agency).count()
    print(f"database: {total} applications; {agency.name}: {mine}; today {date.today()}")
    _queue(agency, repeat, timed, report)
    _api(agency, repeat, timed, report)
    _table3(agency, year)
    _submissions(agency)
