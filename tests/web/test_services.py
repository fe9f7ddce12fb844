from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from web_builders import Staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.applications.statuses import InvalidTransition, Status
from gongkai.web.applications import services
from gongkai.web.applications.models import AppendOnly, Application, CaseEvent
from gongkai.web.applications.transitions import GuardFailed

pytestmark = pytest.mark.django_db
MON = date(2025, 3, 3)


def actions(app: Application) -> list[str]:
    return list(app.events.values_list("action", flat=True))


def test_in_person_registration_fixes_day0_and_due_date(staff: Staff) -> None:
    app = registered(staff, MON)
    assert app.status == Status.RECEIVED
    assert app.received_date == app.first_received_date == MON
    assert app.due_date == date(2025, 3, 31)
    assert app.number == "2025-0001"
    assert registered(staff, MON).number == "2025-0002"
    assert actions(app) == ["register"]


def test_online_application_waits_for_confirmation(staff: Staff) -> None:
    app = registered(staff, MON, Channel.ONLINE)
    assert (app.status, app.received_date, app.due_date) == (
        Status.AWAITING_CONFIRMATION,
        None,
        None,
    )
    app = services.confirm_receipt(
        staff[Role.REGISTRAR], app.pk, on=date(2025, 3, 4), method="平台回执"
    )
    assert app.received_date == date(2025, 3, 4)
    assert app.due_date == date(2025, 4, 1)
    with pytest.raises(InvalidTransition):
        services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=MON, method="电话")


def test_full_path_with_supplement_restarts_the_clock(staff: Staff) -> None:
    app = registered(staff, MON)
    handler = staff[Role.HANDLER]
    app = services.request_supplement(handler, app.pk, on=date(2025, 3, 5), items="时间范围")
    assert app.status == Status.SUPPLEMENT_REQUESTED
    assert app.supplement_due == date(2025, 3, 26)  # 15 working days, the UNVERIFIED default
    app = services.receive_supplement(handler, app.pk, on=date(2025, 3, 20))
    assert app.received_date == date(2025, 3, 20)
    assert app.first_received_date == MON
    assert app.due_date == date(2025, 4, 18)  # 20 wd after 20 Mar; 4 Apr is 清明
    with pytest.raises(GuardFailed, match="一次性"):
        services.request_supplement(handler, app.pk, on=date(2025, 3, 21), items="再补")
    app = services.decide(
        staff[Role.REVIEWER], app.pk, on=date(2025, 4, 1), outcome=Outcome.STILL_UNCLEAR
    )
    app = services.issue(handler, app.pk, on=date(2025, 4, 2))
    assert (app.status, app.concluded_on, app.outcome) == (
        Status.ISSUED,
        date(2025, 4, 2),
        "STILL_UNCLEAR",
    )
    assert actions(app) == [
        "register",
        "request_supplement",
        "receive_supplement",
        "decide",
        "issue",
    ]


def test_supplement_notice_after_seven_working_days_is_refused(staff: Staff) -> None:
    app = registered(staff, MON)
    with pytest.raises(GuardFailed, match="7个工作日"):
        services.request_supplement(staff[Role.HANDLER], app.pk, on=date(2025, 3, 13), items="x")
    assert Application.objects.get(pk=app.pk).status == Status.RECEIVED
    assert actions(app) == ["register"]


def test_lapse_only_after_the_supplement_period(staff: Staff) -> None:
    handler = staff[Role.HANDLER]
    app = registered(staff, MON)
    services.request_supplement(handler, app.pk, on=MON, items="文件名称", period_wd=5)
    with pytest.raises(GuardFailed, match="尚未届满"):
        services.lapse_supplement(handler, app.pk, on=date(2025, 3, 10))
    app = services.lapse_supplement(handler, app.pk, on=date(2025, 3, 11))
    assert (app.status, app.outcome) == (Status.LAPSED, "ABANDONED_NO_SUPPLEMENT")


def test_consultation_pauses_the_clock(staff: Staff) -> None:
    handler = staff[Role.HANDLER]
    app = registered(staff, MON)
    services.start_consultation(
        handler, app.pk, on=date(2025, 3, 4), party="third_party", party_name="某公司"
    )
    with pytest.raises(InvalidTransition):
        services.decide(staff[Role.REVIEWER], app.pk, on=date(2025, 3, 5), outcome=Outcome.GRANTED)
    app = services.finish_consultation(
        handler, app.pk, on=date(2025, 3, 12), delivered_on=date(2025, 3, 6), reply="不同意"
    )
    assert app.status == Status.RECEIVED
    assert app.due_date == date(2025, 4, 7)  # 31 Mar + 4 paused working days (4 Apr 清明)


def test_extension_once_by_office_head_only(staff: Staff) -> None:
    app = registered(staff, MON)
    with pytest.raises(PermissionDenied, match="负责人"):
        services.approve_extension(
            staff[Role.HANDLER], app.pk, on=date(2025, 3, 20), days=20, reason="量大"
        )
    with pytest.raises(GuardFailed, match="最多20"):
        services.approve_extension(
            staff[Role.OFFICE_HEAD], app.pk, on=date(2025, 3, 20), days=21, reason="量大"
        )
    app = services.approve_extension(
        staff[Role.OFFICE_HEAD], app.pk, on=date(2025, 3, 20), days=20, reason="量大"
    )
    assert app.extension_days == 20
    assert app.due_date == date(2025, 4, 28)  # Sunday 27 Apr is a 调休 working day
    with pytest.raises(GuardFailed, match="只能批准一次"):
        services.approve_extension(
            staff[Role.OFFICE_HEAD], app.pk, on=date(2025, 3, 21), days=5, reason="再延"
        )


def test_refusals_need_reasons_and_abandonment_is_not_decidable(staff: Staff) -> None:
    app = registered(staff, MON)
    reviewer = staff[Role.REVIEWER]
    with pytest.raises(GuardFailed, match="理由"):
        services.decide(reviewer, app.pk, on=MON, outcome=Outcome.DENIED_PROCESS)
    with pytest.raises(GuardFailed):
        services.decide(reviewer, app.pk, on=MON, outcome=Outcome.ABANDONED_NO_SUPPLEMENT)
    app = services.decide(
        reviewer, app.pk, on=MON, outcome=Outcome.DENIED_PROCESS, reasons="第十六条第二款"
    )
    assert app.decision_reasons == "第十六条第二款"


def test_roles_are_checked_per_agency(staff: Staff) -> None:
    from web_builders import make_staff

    other = make_staff("另一县公安局", prefix="other-")
    app = registered(staff, MON)
    with pytest.raises(PermissionDenied):
        services.withdraw(other[Role.HANDLER], app.pk, on=MON)
    with pytest.raises(PermissionDenied):
        services.withdraw(staff[Role.SUPERVISOR], app.pk, on=MON)


def test_dates_in_the_future_or_before_day0_are_refused(staff: Staff) -> None:
    app = registered(staff, MON)
    with pytest.raises(GuardFailed, match="不能早于"):
        services.decide(staff[Role.REVIEWER], app.pk, on=date(2025, 3, 1), outcome=Outcome.GRANTED)
    with pytest.raises(GuardFailed, match="晚于今天"):
        services.decide(staff[Role.REVIEWER], app.pk, on=date(2099, 1, 1), outcome=Outcome.GRANTED)


def test_withdrawal_concludes_with_other(staff: Staff) -> None:
    app = services.withdraw(staff[Role.REGISTRAR], registered(staff, MON).pk, on=date(2025, 3, 4))
    assert (app.status, app.outcome, app.concluded_on) == (
        Status.WITHDRAWN,
        "OTHER",
        date(2025, 3, 4),
    )
    with pytest.raises(InvalidTransition):
        services.withdraw(staff[Role.REGISTRAR], app.pk, on=date(2025, 3, 5))


def test_case_events_are_append_only(staff: Staff) -> None:
    event = CaseEvent.objects.get(application=registered(staff, MON))
    event.note = "改写"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()


def test_side_effects_run_only_after_commit(
    staff: Staff, django_capture_on_commit_callbacks, caplog: pytest.LogCaptureFixture
) -> None:
    app = registered(staff, MON)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.request_supplement(staff[Role.HANDLER], app.pk, on=MON, items="文件名称")
    assert len(callbacks) == 2  # the letter's files, then the notice
    assert "补正告知书" in caplog.text
    letter = Application.objects.get(pk=app.pk).letters.get()
    assert letter.docx.name.endswith(".docx") and letter.pdf.name.endswith(".pdf")


def test_a_failed_step_leaves_no_event_and_no_change(staff: Staff) -> None:
    app = registered(staff, MON)
    with pytest.raises(GuardFailed), transaction.atomic():
        services.approve_extension(
            staff[Role.OFFICE_HEAD], app.pk, on=date(2025, 4, 30), days=5, reason="太晚"
        )
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.extension_days == 0
    assert actions(fresh) == ["register"]


def test_still_unclear_only_after_a_supplement(staff: Staff) -> None:
    app = registered(staff, MON)
    with pytest.raises(GuardFailed, match="第三十条"):
        services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.STILL_UNCLEAR)


def test_review_names_the_handler_of_this_agency_only(staff: Staff) -> None:
    from web_builders import make_staff

    other = make_staff("另一县公安局", prefix="other-")
    app = registered(staff, MON)
    with pytest.raises(GuardFailed, match="承办岗位"):
        services.review(
            staff[Role.REVIEWER],
            app.pk,
            on=MON,
            conclusion="clear",
            handler_id=other[Role.HANDLER].pk,
        )
    app = services.review(staff[Role.HANDLER], app.pk, on=MON, conclusion="clear")
    assert app.handler_id == staff[Role.HANDLER].pk and app.reviewed_on == MON
    assert app.status == Status.RECEIVED
    assert actions(app) == ["register", "review"]


def test_service_and_archive_close_the_file(staff: Staff) -> None:
    handler = staff[Role.HANDLER]
    app = registered(staff, MON)
    services.decide(staff[Role.REVIEWER], app.pk, on=MON, outcome=Outcome.GRANTED)
    with pytest.raises(InvalidTransition):
        services.archive(handler, app.pk, on=date(2025, 3, 5))
    services.issue(handler, app.pk, on=date(2025, 3, 4))
    with pytest.raises(GuardFailed, match="不能早于"):
        services.serve(handler, app.pk, on=date(2025, 3, 3), method="mail", proof="EMS1")
    with pytest.raises(GuardFailed, match="送达凭证"):
        services.serve(handler, app.pk, on=date(2025, 3, 5), method="mail", proof=" ")
    app = services.serve(handler, app.pk, on=date(2025, 3, 5), method="mail", proof="EMS1")
    record = app.services.get()
    assert record.letter is not None and record.letter.kind == "reply"
    app = services.archive(handler, app.pk, on=date(2025, 3, 6), reference="卷1")
    assert (app.status, app.served_on, app.archived_on) == (
        Status.ARCHIVED,
        date(2025, 3, 5),
        date(2025, 3, 6),
    )
    assert app.concluded_on == date(2025, 3, 4)  # 表三 counts the issue date (K10)
