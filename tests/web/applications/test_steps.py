"""Every step through the case page: offered and taken when the status table and the role
allow it, refused (with the service's Chinese message, nothing changed) when they do not."""

from __future__ import annotations

from typing import Any

import pytest
from builders_applications import D, case_in, logged_in, unit_of
from web_builders import Staff

from gongkai.core.applications.roles import ACTION_ROLES, Action, Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import excessive
from gongkai.web.applications.forms import STEP_FORMS
from gongkai.web.applications.models import Application, CaseEvent

pytestmark = pytest.mark.django_db


def post_data(action: Action, staff: Staff, **fields: Any) -> dict[str, Any]:
    return {f"{action.value}-{name}": value for name, value in fields.items()}


# action → (status it starts from, the form's fields, the status after)
STEPS: dict[Action, tuple[Status, dict[str, Any], Status]] = {
    Action.CONFIRM_RECEIPT: (
        Status.AWAITING_CONFIRMATION,
        {"on": "2025-03-04", "method": "电话确认"},
        Status.RECEIVED,
    ),
    Action.REVIEW: (
        Status.RECEIVED,
        {"on": "2025-03-04", "conclusion": "clear", "note": "内容明确"},
        Status.RECEIVED,
    ),
    Action.REQUEST_SUPPLEMENT: (
        Status.RECEIVED,
        {"on": "2025-03-05", "items": "请写明文件名称", "period_wd": "10"},
        Status.SUPPLEMENT_REQUESTED,
    ),
    Action.RECEIVE_SUPPLEMENT: (
        Status.SUPPLEMENT_REQUESTED,
        {"on": "2025-03-10"},
        Status.RECEIVED,
    ),
    Action.LAPSE_SUPPLEMENT: (Status.SUPPLEMENT_REQUESTED, {"on": "2025-04-30"}, Status.LAPSED),
    Action.START_CONSULTATION: (
        Status.RECEIVED,
        {"on": "2025-03-05", "party": "other_agency", "party_name": "县交通局", "matter": ""},
        Status.CONSULTING,
    ),
    Action.FINISH_CONSULTATION: (
        Status.CONSULTING,
        {"on": "2025-03-12", "delivered_on": "2025-03-05", "result": "consent", "reply": "同意"},
        Status.RECEIVED,
    ),
    Action.ASSIGN: (
        Status.RECEIVED,
        {"on": "2025-03-05", "unit_id": "UNIT", "instructions": "请检索2024年统计"},
        Status.ASSIGNED,
    ),
    Action.RECORD_FEEDBACK: (
        Status.ASSIGNED,
        {"on": "2025-03-07", "result": "held", "feedback": "已找到，见附件"},
        Status.RECEIVED,
    ),
    Action.APPROVE_EXTENSION: (
        Status.RECEIVED,
        {"on": "2025-03-20", "days": "10", "reason": "涉及档案较多"},
        Status.RECEIVED,
    ),
    Action.DECIDE: (
        Status.RECEIVED,
        {"on": "2025-03-10", "outcome": "NOT_EXIST", "reasons": "", "legal_basis": ""},
        Status.DECIDED,
    ),
    Action.ISSUE: (Status.DECIDED, {"on": "2025-03-12"}, Status.ISSUED),
    Action.SERVE: (
        Status.ISSUED,
        {"on": "2025-03-13", "method": "direct", "proof": "申请人签收"},
        Status.SERVED,
    ),
    Action.ARCHIVE: (Status.SERVED, {"on": "2025-03-14", "reference": "A-1"}, Status.ARCHIVED),
    Action.WITHDRAW: (Status.RECEIVED, {"on": "2025-03-04", "note": "书面撤回"}, Status.WITHDRAWN),
    Action.CORRECT_APPLICANT_TYPE: (
        Status.RECEIVED,
        {"on": "2025-03-04", "applicant_type": "other_org", "reason": "申请人系村民委员会"},
        Status.RECEIVED,
    ),
    Action.REQUEST_REASONS: (
        Status.RECEIVED,
        {"on": "2025-03-05", "finding": "一周内申请60件"},
        Status.RECEIVED,
    ),
    Action.RECORD_REASONS: (
        Status.RECEIVED,
        {"on": "2025-03-07", "explanation": "研究需要", "judgement": "reasonable"},
        Status.RECEIVED,
    ),
    Action.SET_DELAYED_DEADLINE: (
        Status.RECEIVED,
        {"on": "2025-03-10", "deadline": "2025-06-30", "reason": "案卷三千余册"},
        Status.RECEIVED,
    ),
    Action.ORDER_REANSWER: (
        Status.SERVED,
        {
            "on": "2025-03-20",
            "source": "court",
            "order_document": "测试县人民法院行政判决书（〔2025〕测0101行初1号）",
            "set_due": "",
        },
        Status.REANSWER_ORDERED,
    ),
    Action.ISSUE_REANSWER: (
        Status.REANSWER_ORDERED,
        {"on": "2025-03-25", "outcome": "GRANTED", "reasons": "", "legal_basis": ""},
        Status.ISSUED,
    ),
}


def _prepared(staff: Staff, action: Action, source: Status) -> Application:
    """A case in ``source`` with the facts the step needs first (§35: asked, then judged)."""
    app = case_in(staff, source)
    if action in (Action.RECORD_REASONS, Action.SET_DELAYED_DEADLINE):
        excessive.request_reasons(staff[Role.HANDLER], app.pk, on=D[5], finding="一周内申请60件")
    if action is Action.SET_DELAYED_DEADLINE:
        excessive.record_reasons(
            staff[Role.REVIEWER], app.pk, on=D[7], judgement="reasonable", explanation="研究"
        )
    return Application.objects.get(pk=app.pk)


def test_every_form_has_a_step_here() -> None:
    assert set(STEPS) == set(STEP_FORMS)


def _fields(action: Action, staff: Staff) -> dict[str, Any]:
    fields = dict(STEPS[action][1])
    if fields.get("unit_id") == "UNIT":
        fields["unit_id"] = str(unit_of(staff).pk)
    return fields


def _actor(action: Action) -> str:
    allowed = ACTION_ROLES[action]
    return next(
        r for r in (Role.HANDLER, Role.REGISTRAR, Role.REVIEWER, Role.OFFICE_HEAD) if r in allowed
    ).value


@pytest.mark.parametrize("action", list(STEPS))
def test_each_step_is_offered_and_taken_by_an_allowed_role(staff: Staff, action: Action) -> None:
    source, _, target = STEPS[action]
    app = _prepared(staff, action, source)
    client = logged_in(_actor(action))
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f'id="step-{action.value}"' in page
    response = client.post(
        f"/applications/{app.pk}/steps/{action.value}/",
        post_data(action, staff, **_fields(action, staff)),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.status == target.value
    assert fresh.events.last().action == action.value


@pytest.mark.parametrize("action", list(STEPS))
def test_each_step_is_refused_to_a_role_without_it(staff: Staff, action: Action) -> None:
    source = STEPS[action][0]
    app = _prepared(staff, action, source)
    outsider = next(
        r
        for r in (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.REVIEWER, Role.REGISTRAR)
        if r not in ACTION_ROLES[action]
    )
    client = logged_in(outsider.value)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f'id="step-{action.value}"' not in page
    before = CaseEvent.objects.filter(application=app).count()
    response = client.post(
        f"/applications/{app.pk}/steps/{action.value}/",
        post_data(action, staff, **_fields(action, staff)),
    )
    assert response.status_code == 400
    assert "岗位人员办理" in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == source.value
    assert CaseEvent.objects.filter(application=app).count() == before


@pytest.mark.parametrize("action", list(STEPS))
def test_each_step_is_refused_in_a_status_that_does_not_allow_it(
    staff: Staff, action: Action
) -> None:
    # An archived file takes only a review body's or court's order to answer again, which
    # may also find an open case never answered, but never a withdrawn one (docs/remedies.md).
    if action is Action.ORDER_REANSWER:
        wrong = Status.WITHDRAWN
    else:
        wrong = Status.RECEIVED if action is Action.ARCHIVE else Status.ARCHIVED
    app = case_in(staff, wrong)
    client = logged_in(_actor(action))
    response = client.post(
        f"/applications/{app.pk}/steps/{action.value}/",
        post_data(action, staff, **_fields(action, staff)),
    )
    assert response.status_code == 400
    assert "不能" in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == wrong.value


def test_only_allowed_forms_are_shown(staff: Staff) -> None:
    app = case_in(staff, Status.RECEIVED)
    handler_page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    for shown in ("review", "request_supplement", "start_consultation", "assign", "withdraw"):
        assert f'id="step-{shown}"' in handler_page
    assert 'id="step-decide"' not in handler_page
    assert 'id="step-approve_extension"' not in handler_page
    head_page = logged_in("office_head").get(f"/applications/{app.pk}/").content.decode()
    assert 'id="step-approve_extension"' in head_page and 'id="step-decide"' in head_page
    supervisor_page = logged_in("supervisor").get(f"/applications/{app.pk}/").content.decode()
    assert "step-" not in supervisor_page and "只有查看权限" in supervisor_page


def test_once_only_steps_are_not_offered_again(staff: Staff) -> None:
    app = case_in(staff, Status.SUPPLEMENT_REQUESTED)
    client = logged_in("handler")
    client.post(
        f"/applications/{app.pk}/steps/receive_supplement/", {"receive_supplement-on": "2025-03-10"}
    )
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert 'id="step-request_supplement"' not in page


def test_a_refused_guard_shows_its_message_and_keeps_the_input(staff: Staff) -> None:
    app = case_in(staff, Status.RECEIVED)
    response = logged_in("reviewer").post(
        f"/applications/{app.pk}/steps/decide/",
        {"decide-on": "2025-03-10", "decide-outcome": "DENIED_PROCESS", "decide-reasons": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "须写明理由及法律依据" in page
    assert 'value="DENIED_PROCESS" selected' in page
    assert Application.objects.get(pk=app.pk).status == Status.RECEIVED.value


def test_bad_form_input_is_explained_not_a_traceback(staff: Staff) -> None:
    app = case_in(staff, Status.RECEIVED)
    client = logged_in("office_head")
    response = client.post(
        f"/applications/{app.pk}/steps/approve_extension/",
        {
            "approve_extension-on": "不是日期",
            "approve_extension-days": "25",
            "approve_extension-reason": "多",
        },
    )
    assert response.status_code == 400
    assert "有效的日期" in response.content.decode() or "输入" in response.content.decode()
    assert client.post(f"/applications/{app.pk}/steps/nonsense/").status_code == 404


def test_other_agencies_cannot_see_or_act(staff: Staff) -> None:
    from web_builders import make_staff

    app = case_in(staff, Status.RECEIVED)
    make_staff("另一县公安局", prefix="other-")
    client = logged_in("other-handler")
    assert client.get(f"/applications/{app.pk}/").status_code == 404
    assert (
        client.post(
            f"/applications/{app.pk}/steps/withdraw/", {"withdraw-on": "2025-03-04"}
        ).status_code
        == 404
    )


def test_feedback_of_a_unit_and_consultation_window(staff: Staff) -> None:
    from web_builders import make_staff

    from gongkai.web.applications import services
    from gongkai.web.applications.transitions import GuardFailed

    other = make_staff("另一县公安局", prefix="other-")
    foreign_unit = unit_of(other, "外局大队")
    app = case_in(staff, Status.RECEIVED)
    with pytest.raises(GuardFailed, match="本机关的内设机构"):
        services.assign(
            staff[Role.HANDLER], app.pk, on=D[4], unit_id=foreign_unit.pk, instructions="x"
        )
    consulting = case_in(staff, Status.CONSULTING)
    with pytest.raises(GuardFailed, match="尚未届满"):
        services.finish_consultation(
            staff[Role.HANDLER], consulting.pk, on=D[10], delivered_on=D[5], result="no_reply"
        )
    done = services.finish_consultation(
        staff[Role.HANDLER], consulting.pk, on=D[26], delivered_on=D[5], result="no_reply"
    )
    assert done.consultations.get().result == "no_reply"


def test_serve_keeps_a_proof_scan_and_refuses_a_file_that_is_not_one(staff: Staff) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(_actor(Action.SERVE))
    fields = _fields(Action.SERVE, staff)
    refused = case_in(staff, Status.ISSUED)
    page = SimpleUploadedFile("回执.pdf", b"<html><script>alert(1)</script></html>", "text/html")
    response = client.post(
        f"/applications/{refused.pk}/steps/serve/",
        {**post_data(Action.SERVE, staff, **fields), "serve-proof_file": page},
    )
    assert response.status_code == 400
    assert "PDF" in response.content.decode()  # the reason names the accepted types
    assert Application.objects.get(pk=refused.pk).status == Status.ISSUED.value

    kept = case_in(staff, Status.ISSUED)
    scan = SimpleUploadedFile("回执.pdf", b"%PDF-1.4\n%scan\n", "application/pdf")
    response = client.post(
        f"/applications/{kept.pk}/steps/serve/",
        {**post_data(Action.SERVE, staff, **fields), "serve-proof_file": scan},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Application.objects.get(pk=kept.pk).status == Status.SERVED.value


def test_a_failed_serve_leaves_no_proof_file_behind(
    staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import DatabaseError

    from gongkai.web.applications import handling
    from gongkai.web.applications.models import ServiceRecord

    def files() -> set[str]:
        root = default_storage.path("service-proofs")
        return {os.path.join(d, f) for d, _, names in os.walk(root) for f in names}

    app = case_in(staff, Status.ISSUED)
    before = files()

    def broken_save(self: ServiceRecord, *args: Any, **kwargs: Any) -> None:
        raise DatabaseError("磁盘已满")

    monkeypatch.setattr(ServiceRecord, "save", broken_save)
    scan = SimpleUploadedFile("回执.pdf", b"%PDF-1.4\n%scan\n", "application/pdf")
    with pytest.raises(DatabaseError):
        handling.serve(
            staff[Role.HANDLER], app.pk, on=D[13], method="direct", proof="签收", proof_file=scan
        )
    assert files() == before
    assert Application.objects.get(pk=app.pk).status == Status.ISSUED.value
