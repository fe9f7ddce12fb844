"""Every surface shows the one answer clock's date, whatever the case went through.

Hypothesis draws case histories (补正 and its restart, several consultations ending early or
long after the consulted party's 15 working days, a fee paid after a wait, an extension,
calendar edits by an administrator) and takes them through the services; after each history
the stored date, the case page (summary and explanation), the work queue, the API, the
reminders, the fee panel's date and a fresh recomputation must all say the same date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from builders_api import api_client
from builders_applications import logged_in
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Group, group_of
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.schedules import FeeMethod
from gongkai.web.applications import services
from gongkai.web.applications.answer_clock import case_clock
from gongkai.web.applications.models import Application
from gongkai.web.applications.reminders import collect
from gongkai.web.fees import services as fees
from gongkai.web.fees.clock import due_date_with_fee_pause
from gongkai.web.fees.models import FeeCharge
from gongkai.web.workcalendar.models import CalendarDay
from gongkai.web.workcalendar.services import calendar_step

ONE = timedelta(days=1)


@dataclass(frozen=True)
class Step:
    kind: str
    gaps: tuple[int, ...]


STEPS = st.one_of(
    st.builds(Step, st.just("supplement"), st.tuples(st.integers(0, 5), st.integers(1, 20))),
    st.builds(
        Step,
        st.just("consult"),
        st.tuples(st.integers(0, 6), st.integers(0, 4), st.integers(0, 60), st.integers(0, 1)),
    ),
    st.builds(
        Step, st.just("fee"), st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(1, 20))
    ),
    st.builds(Step, st.just("extend"), st.tuples(st.integers(0, 10), st.integers(1, 20))),
    st.builds(Step, st.just("calendar"), st.tuples(st.integers(0, 40), st.integers(0, 1))),
)


def take(staff: Staff, app: Application, step: Step, t: date) -> date:
    """Apply one step from day ``t``; return the day the history has reached."""
    handler = staff[Role.HANDLER]
    if step.kind == "supplement":
        sent, back = t + ONE * step.gaps[0], t + ONE * (step.gaps[0] + step.gaps[1])
        services.request_supplement(handler, app.pk, on=sent, items="请写明文件名称")
        services.receive_supplement(handler, app.pk, on=back)
        return back
    if step.kind == "consult":
        start, transit, length, party = step.gaps
        sent = t + ONE * start
        delivered = sent + ONE * transit
        party_name = "某公司" if party == 0 else "某局"
        kind = "third_party" if party == 0 else "other_agency"
        services.start_consultation(handler, app.pk, on=sent, party=kind, party_name=party_name)
        ended = delivered + ONE * length
        services.finish_consultation(
            handler, app.pk, on=ended, delivered_on=delivered, reply="同意公开", result="consent"
        )
        return ended
    if step.kind == "fee":
        issue, receipt, wait = (t + ONE * sum(step.gaps[:i]) for i in (1, 2, 3))
        fees.assess_fee(handler, app.pk, on=t, method=FeeMethod.PER_PAGE, pages=150)
        fees.issue_fee_notice(handler, app.pk, on=issue, received_on=receipt)
        charge = FeeCharge.objects.get(application=app)
        fees.record_fee_payment(
            handler, app.pk, on=wait, amount=charge.amount, receipt_number=f"R{app.pk}"
        )
        return wait
    if step.kind == "extend":
        on = t + ONE * step.gaps[0]
        services.approve_extension(
            staff[Role.OFFICE_HEAD], app.pk, on=on, days=step.gaps[1], reason="需调取档案"
        )
        return on
    day = t + ONE * step.gaps[0]
    rest = step.gaps[1] == 0

    def write() -> None:
        CalendarDay.objects.update_or_create(
            day=day, defaults={"is_workday": not rest, "note": "测试：管理员更正"}
        )

    calendar_step(staff[Role.OFFICE_HEAD], f"测试更正{day}", write)
    return t


def shown_dates(staff: Staff, app: Application) -> dict[str, date | None]:
    """The due date as each surface shows it."""
    app.refresh_from_db()
    iso = r"(\d{4}-\d{2}-\d{2})"
    shown: dict[str, date | None] = {"stored": app.due_date}
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    summary = re.search(r"<dt>答复期限</dt><dd>" + iso, page)
    shown["case page"] = date.fromisoformat(summary.group(1)) if summary else None
    explained = re.findall(r"<li>答复期限：" + iso, page)
    shown["case page explanation"] = date.fromisoformat(explained[-1]) if explained else None
    queue = logged_in("handler").get(f"/applications/?group=all&q={app.number}")
    row = re.search(iso + r"</td>\s*<td class=", queue.content.decode())
    shown["queue"] = date.fromisoformat(row.group(1)) if row else None
    api = api_client(staff[Role.HANDLER]).get(f"/api/v1/applications/{app.pk}").json()
    shown["api"] = date.fromisoformat(api["due_date"]) if api.get("due_date") else None
    shown["recomputed"] = case_clock(app).due_date
    shown["fee panel"] = due_date_with_fee_pause(app)
    if group_of(app.status_enum) is Group.ACTIVE:
        texts = [r.text for r in collect(timezone.localdate()) if r.text.startswith(app.number)]
        found = re.search(r"答复期限" + iso, texts[0]) if texts else None
        shown["reminder"] = date.fromisoformat(found.group(1)) if found else None
    return shown


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    day0=st.dates(date(2025, 1, 6), date(2025, 6, 30)),
    steps=st.lists(STEPS, max_size=5),
)
def test_every_surface_shows_the_one_date(staff: Staff, day0: date, steps: list[Step]) -> None:
    app = registered(staff, day0)
    t = day0
    for step in steps:
        try:
            t = take(staff, app, step, t)
        except GongkaiError:
            event(f"refused: {step.kind}")
            continue  # the procedure refused this step here (e.g. a second 补正): skip it
        event(f"taken: {step.kind}")
    shown = shown_dates(staff, app)
    assert shown["stored"] is not None
    assert set(shown.values()) == {shown["stored"]}, shown
