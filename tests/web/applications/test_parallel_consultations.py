"""Several consultees at once (条例 §32 third parties, §34 co-making agencies), and the
third-party refusal that must follow a consultation (§32).

§32: "可能损害第三方合法权益的，行政机关应当书面征求第三方的意见"; the third party has 15
working days to reply (T2). §34: the lead agency may consult the co-makers, 15 working days.
§33 ¶3: "征求意见…所需时间不计算在前款规定的期限内" — a day on which two consultations are
open is one day not counted, not two, and each consultation stops the clock for at most its
own 15 working days (domain.md T6; docs/calendar-and-deadlines.md).
"""

from __future__ import annotations

from datetime import date

import pytest
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import InvalidTransition, Status
from gongkai.web.applications import services
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.kernel.guards import GuardFailed

pytestmark = pytest.mark.django_db
DAY0 = date(2025, 3, 3)  # Monday; March 2025 has no holiday


def d(month: int, day: int) -> date:
    return date(2025, month, day)


def start(staff: Staff, app: Application, on: date, party: str, name: str) -> None:
    services.start_consultation(staff[Role.HANDLER], app.pk, on=on, party=party, party_name=name)


def test_two_consultations_open_at_once_and_the_case_waits_for_the_last(staff: Staff) -> None:
    app = registered(staff, DAY0)
    start(staff, app, d(3, 4), "third_party", "某建设公司")
    start(staff, app, d(3, 6), "other_agency", "清河县住房和城乡建设局")
    app.refresh_from_db()
    assert app.status == Status.CONSULTING.value
    assert app.consultations.filter(ended_on__isnull=True).count() == 2

    handler = staff[Role.HANDLER]
    with pytest.raises(GuardFailed, match="请选择要结束的征求意见"):
        services.finish_consultation(handler, app.pk, on=d(3, 14), reply="不同意")
    first, second = app.consultations.order_by("sent_on")
    services.finish_consultation(
        handler,
        app.pk,
        on=d(3, 14),
        delivered_on=d(3, 4),
        reply="不同意公开",
        result="objection",
        consultation_id=first.pk,
    )
    app.refresh_from_db()
    assert app.status == Status.CONSULTING.value  # the agency has not answered yet
    with pytest.raises(InvalidTransition, match="征求意见中"):
        services.decide(staff[Role.REVIEWER], app.pk, on=d(3, 17), outcome=Outcome.NOT_EXIST)
    services.finish_consultation(
        handler,
        app.pk,
        on=d(3, 18),
        delivered_on=d(3, 6),
        reply="同意公开",
        result="consent",
        consultation_id=second.pk,
    )
    app.refresh_from_db()
    assert app.status == Status.RECEIVED.value
    trail = CaseEvent.objects.filter(application=app, action="finish_consultation")
    assert [e.to_status for e in trail.order_by("pk")] == ["consulting", "received"]
    assert [e.data["party_name"] for e in trail.order_by("pk")] == [
        "某建设公司",
        "清河县住房和城乡建设局",
    ]

    # Paused from the day after each party's receipt to its end: 3/5–3/14 and 3/7–3/18,
    # which overlap; the clock stops on their union, each working day once.
    calendar = work_calendar()
    base_due = calendar.add_working_days(DAY0, 20)
    union = calendar.working_days_between(d(3, 5), d(3, 18))
    counted_twice = union + calendar.working_days_between(d(3, 7), d(3, 14))
    assert app.due_date == calendar.add_working_days(base_due, union)
    assert app.due_date != calendar.add_working_days(base_due, counted_twice)


def test_each_overlapping_consultation_stops_the_clock_at_most_15_working_days(
    staff: Staff,
) -> None:
    app = registered(staff, DAY0)
    handler = staff[Role.HANDLER]
    start(staff, app, d(3, 4), "third_party", "某公司")
    start(staff, app, d(3, 20), "third_party", "某个人")
    first, second = app.consultations.order_by("sent_on")
    # The first party answers late (4/30): its pause ends after its 15 working days, 3/25.
    services.finish_consultation(
        handler, app.pk, on=d(4, 30), delivered_on=d(3, 4), reply="迟复", consultation_id=first.pk
    )
    services.finish_consultation(
        handler, app.pk, on=d(4, 2), delivered_on=d(3, 20), reply="同意", consultation_id=second.pk
    )
    app.refresh_from_db()
    calendar = work_calendar()
    capped_end = calendar.add_working_days(d(3, 4), 15)
    assert capped_end == d(3, 25)
    # 3/5–3/25 (capped) and 3/21–4/2 merge into 3/5–4/2.
    paused = calendar.working_days_between(d(3, 5), d(4, 2))
    assert app.due_date == calendar.add_working_days(calendar.add_working_days(DAY0, 20), paused)


def test_a_third_party_refusal_needs_a_recorded_third_party_consultation(staff: Staff) -> None:
    reviewer, handler = staff[Role.REVIEWER], staff[Role.HANDLER]
    app = registered(staff, DAY0)
    with pytest.raises(GuardFailed, match=r"须先书面征求第三方意见.*第三十二条"):
        services.decide(
            reviewer, app.pk, on=d(3, 10), outcome=Outcome.DENIED_THIRD_PARTY, reasons="商业秘密"
        )
    # Another agency's opinion (§34) is not the third party's (§32).
    start(staff, app, d(3, 4), "other_agency", "某局")
    services.finish_consultation(handler, app.pk, on=d(3, 10), reply="同意")
    with pytest.raises(GuardFailed, match="第三十二条"):
        services.decide(
            reviewer, app.pk, on=d(3, 11), outcome=Outcome.DENIED_THIRD_PARTY, reasons="商业秘密"
        )
    assert Application.objects.get(pk=app.pk).outcome == ""
    start(staff, app, d(3, 11), "third_party", "某公司")
    services.finish_consultation(
        handler, app.pk, on=d(3, 14), reply="不同意公开，涉及报价", result="objection"
    )
    decided = services.decide(
        reviewer, app.pk, on=d(3, 17), outcome=Outcome.DENIED_THIRD_PARTY, reasons="商业秘密"
    )
    assert decided.outcome == Outcome.DENIED_THIRD_PARTY.value
