"""The fee steps of a case: assessment, notice, receipt, payment and the （六）2 lapse."""

from __future__ import annotations

from datetime import date

import pytest
from builders_fees import FREQUENT_ID, frequent_applications, notified_case, per_page_case
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.applications.statuses import InvalidTransition, Status
from gongkai.core.checks import run_checks
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.schedules import FeeMethod
from gongkai.core.report.model import Severity
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application, CaseEvent, Letter
from gongkai.web.applications.statistics import annual_report
from gongkai.web.fees import services
from gongkai.web.fees.clock import due_date_with_fee_pause, fee_pauses
from gongkai.web.fees.models import FeeCharge

pytestmark = pytest.mark.django_db
MARCH = [date(2025, 3, d) for d in (3, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17)]


def test_per_application_ordinal_counts_the_applicants_month(staff: Staff) -> None:
    apps = frequent_applications(staff, MARCH)
    registered(staff, date(2025, 3, 4), applicant_name="别人", id_document="X1")
    frequent_applications(staff, [date(2025, 2, 28), date(2025, 4, 1)])
    # the same person, the number written with spaces and lower case x
    spaced = registered(staff, date(2025, 3, 18), id_document=" ".join(FREQUENT_ID))
    handler = staff[Role.HANDLER]
    charge = services.assess_fee(
        handler, apps[-1].pk, on=date(2025, 3, 18), method=FeeMethod.PER_APPLICATION
    )
    assert (charge.ordinal, charge.amount, charge.pages) == (12, 100, None)
    assert "第12件" in charge.explanation
    first = services.assess_fee(
        handler, apps[0].pk, on=date(2025, 3, 18), method=FeeMethod.PER_APPLICATION
    )
    assert (first.ordinal, first.amount) == (1, 0)
    last = services.assess_fee(
        handler, spaced.pk, on=date(2025, 3, 18), method=FeeMethod.PER_APPLICATION
    )
    assert last.ordinal == 13
    event = CaseEvent.objects.filter(application=apps[-1], action="assess_fee").get()
    assert event.data["ordinal"] == 12 and event.actor == handler


def test_per_application_needs_an_identity(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    # A case registered before §29's identity proof was required (registration now asks for
    # it with a 补正): the per-application count cannot tell whose application it is.
    Application.objects.filter(pk=app.pk).update(id_document="", credit_code="")
    with pytest.raises(GongkaiError, match="身份证明号码或统一社会信用代码"):
        services.assess_fee(
            staff[Role.HANDLER], app.pk, on=date(2025, 3, 4), method=FeeMethod.PER_APPLICATION
        )
    assert not FeeCharge.objects.exists()
    assert not CaseEvent.objects.filter(action="assess_fee").exists()


def test_per_page_assessment_and_reassessment_until_the_notice(staff: Staff) -> None:
    app = per_page_case(staff, date(2025, 3, 3), pages=101)
    assert FeeCharge.objects.get(application=app).amount == 720
    charge = services.assess_fee(
        staff[Role.HANDLER], app.pk, on=date(2025, 3, 4), method=FeeMethod.PER_PAGE, pages=250
    )
    assert charge.amount == 4700 and FeeCharge.objects.count() == 1
    handler = staff[Role.HANDLER]
    services.issue_fee_notice(handler, app.pk, on=date(2025, 3, 5), received_on=date(2025, 3, 5))
    with pytest.raises(InvalidTransition, match="不能核定信息处理费"):
        services.assess_fee(
            handler, app.pk, on=date(2025, 3, 6), method=FeeMethod.PER_PAGE, pages=4
        )
    services.record_fee_payment(handler, app.pk, on=date(2025, 3, 6), amount=4700)
    with pytest.raises(GongkaiError, match="收费通知已发出"):
        services.assess_fee(
            handler, app.pk, on=date(2025, 3, 7), method=FeeMethod.PER_PAGE, pages=4
        )


def test_only_the_handler_assesses(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    for role in (Role.REGISTRAR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied, match="承办"):
            services.assess_fee(
                staff[role], app.pk, on=date(2025, 3, 4), method=FeeMethod.PER_PAGE, pages=40
            )


def test_paid_notice_returns_the_case_to_work_and_pauses_the_clock(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 6))
    assert app.status == Status.FEE_PENDING
    charge = FeeCharge.objects.get(application=app)
    calendar = work_calendar()
    assert charge.payment_due == calendar.add_working_days(date(2025, 3, 6), 20)
    # The notice is a letter of the case: numbered, issued on the day it was sent, in the trail.
    notice = Letter.objects.get(application=app, kind="fee_notice")
    assert notice.content["number"] == f"收费〔2025〕{app.number.split('-')[1]}号"
    assert notice.issued_on == date(2025, 3, 5)
    assert "人民币720元" in "".join(notice.content["paragraphs"])
    sent = CaseEvent.objects.get(application=app, action="issue_fee_notice")
    assert sent.data["letter"] == notice.pk

    services.record_fee_payment(
        staff[Role.REGISTRAR], app.pk, on=date(2025, 3, 14), amount=720, receipt_number="A001"
    )
    app.refresh_from_db()
    assert app.status == Status.RECEIVED
    event = CaseEvent.objects.get(application=app, action="record_fee_payment")
    assert event.data["fee_pause"] == ["2025-03-07", "2025-03-14"]
    # 2025-03-07 … 03-14 holds six working days: the fee-aware due date moves by six.
    (pause,) = fee_pauses(app)
    assert calendar.working_days_between(pause.first_day, pause.last_day) == 6
    assert due_date_with_fee_pause(app) == calendar.add_working_days(date(2025, 3, 3), 26)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": 700}, "与收费通知的应缴金额720元不符"),
        ({"on": date(2025, 3, 4)}, "不能早于2025年03月05日"),
    ],
)
def test_payment_guards(staff: Staff, kwargs: dict[str, object], message: str) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    values: dict[str, object] = {"on": date(2025, 3, 10), "amount": 720}
    values.update(kwargs)
    with pytest.raises(GongkaiError, match=message):
        services.record_fee_payment(staff[Role.REGISTRAR], app.pk, **values)  # type: ignore[arg-type]
    app.refresh_from_db()
    assert app.status == Status.FEE_PENDING


def test_window_starts_only_once_the_receipt_is_recorded(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), None)
    with pytest.raises(GongkaiError, match="请先记录申请人收到收费通知的日期"):
        services.record_fee_payment(staff[Role.HANDLER], app.pk, on=date(2025, 3, 10), amount=720)
    with pytest.raises(GongkaiError, match="无从起算"):
        services.lapse_fee(staff[Role.HANDLER], app.pk, on=date(2025, 6, 1))
    charge = services.record_fee_notice_receipt(staff[Role.HANDLER], app.pk, on=date(2025, 3, 10))
    assert charge.payment_due == work_calendar().add_working_days(date(2025, 3, 10), 20)
    with pytest.raises(GongkaiError, match="已记录"):
        services.record_fee_notice_receipt(staff[Role.HANDLER], app.pk, on=date(2025, 3, 11))


def test_unpaid_after_the_window_closes_as_fee_unpaid(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    due = FeeCharge.objects.get(application=app).payment_due
    assert due is not None
    with pytest.raises(GongkaiError, match="尚未届满"):
        services.lapse_fee(staff[Role.HANDLER], app.pk, on=due)
    with pytest.raises(GongkaiError, match="缴费期限已于"):
        services.record_fee_payment(
            staff[Role.HANDLER], app.pk, on=work_calendar().add_working_days(due, 1), amount=720
        )
    closed = services.lapse_fee(staff[Role.HANDLER], app.pk, on=date(2025, 4, 30))
    assert closed.status == Status.FEE_LAPSED
    assert closed.outcome == Outcome.ABANDONED_FEE_UNPAID and closed.concluded_on == date(
        2025, 4, 30
    )
    table3 = annual_report(staff.agency, 2025)
    assert table3.table3["other_fee_unpaid"]["total"] == 1
    errors = [
        f for f in run_checks(table3) if f.severity is Severity.ERROR and f.rule.startswith("T3-")
    ]
    assert errors == []
    with pytest.raises(InvalidTransition):
        services.record_fee_payment(staff[Role.HANDLER], app.pk, on=date(2025, 5, 1), amount=720)


def test_notice_needs_a_chargeable_assessment_within_the_answer_period(staff: Staff) -> None:
    handler = staff[Role.HANDLER]
    bare = registered(staff, date(2025, 3, 3))
    with pytest.raises(GongkaiError, match="尚未核定"):
        services.issue_fee_notice(handler, bare.pk, on=date(2025, 3, 4))
    free = per_page_case(staff, date(2025, 3, 3), pages=30)
    with pytest.raises(GongkaiError, match="不收费"):
        services.issue_fee_notice(handler, free.pk, on=date(2025, 3, 4))
    late = per_page_case(staff, date(2025, 3, 3))
    late.refresh_from_db()
    assert late.due_date is not None
    with pytest.raises(GongkaiError, match="答复期限"):
        services.issue_fee_notice(
            handler, late.pk, on=work_calendar().add_working_days(late.due_date, 1)
        )
    assert not Letter.objects.filter(kind="fee_notice").exists()
