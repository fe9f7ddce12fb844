"""§41 更正 requests on the platform, from the article's text (S1 §41, VERIFIED):

"公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求该行政
机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；不属于本行政机关职能范围的，
行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人向有权更正的行政机关提出。"

A request is registered with its evidence, decided with one of the four decisions, and the
decision's notice is a Letter of the one letter system citing 第四十一条. It is no
政府信息公开申请: 表三 does not count it and it has no clock.
"""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import MON, D, logged_in
from web_builders import Staff, make_staff

from gongkai.core.applications.record_corrections import CorrectionDecision, CorrectionStep
from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.web.applications.correcting import decide_correction, register_correction
from gongkai.web.applications.correction_requests import CorrectionEvent, CorrectionRequest
from gongkai.web.applications.letters import letter_text
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.statistics import annual_report
from gongkai.web.kernel.append_only import AppendOnly
from gongkai.web.kernel.audit import audit_entries
from gongkai.web.kernel.guards import GuardFailed

pytestmark = pytest.mark.django_db

FACTS = {
    "applicant_type": "natural_person",
    "applicant_name": "李某某",
    "contact": "13800000000",
    "record": "2024年度低保审批名单中本人的出生日期记为1980年1月1日",
    "requested": "出生日期为1981年1月1日",
    "evidence": "居民身份证复印件、户口簿复印件",
}


def _registered(staff: Staff, **changes: str) -> CorrectionRequest:
    return register_correction(
        staff[Role.REGISTRAR], staff.agency, arrived_on=MON, **{**FACTS, **changes}
    )


def _notice(request: CorrectionRequest) -> str:
    letter = Letter.objects.get(correction_request=request)
    text = letter_text(letter)
    return "\n".join((text.title, text.number, *text.paragraphs))


def test_registration_needs_the_evidence_the_article_requires(staff: Staff) -> None:
    with pytest.raises(GuardFailed, match="第四十一条：申请更正须有证据证明"):
        _registered(staff, evidence="  ")
    with pytest.raises(GuardFailed, match="联系方式"):
        _registered(staff, contact="")
    assert not CorrectionRequest.objects.exists()


def test_registration_is_numbered_and_audited_and_counts_in_no_table3(staff: Staff) -> None:
    first = _registered(staff)
    second = _registered(staff)
    assert (first.number, second.number) == ("2025-0001", "2025-0002")
    event = CorrectionEvent.objects.get(request=first)
    assert event.action == CorrectionStep.REGISTER.value
    assert event.actor == staff[Role.REGISTRAR]
    assert not Application.objects.exists()  # not a 政府信息公开申请
    table3 = annual_report(staff.agency, 2025).table3
    assert (table3["new_received"] or {}).get("total") == 0


def test_only_registrar_or_handler_registers(staff: Staff) -> None:
    with pytest.raises(PermissionDenied, match="登记、承办"):
        register_correction(staff[Role.REVIEWER], staff.agency, arrived_on=MON, **FACTS)


def test_corrected_states_the_corrected_record_and_cites_article_41(staff: Staff) -> None:
    request = _registered(staff)
    with pytest.raises(GuardFailed, match="更正后的内容"):
        decide_correction(staff[Role.HANDLER], request.pk, on=D[10], decision="corrected")
    decided = decide_correction(
        staff[Role.HANDLER],
        request.pk,
        on=D[10],
        decision=CorrectionDecision.CORRECTED,
        corrected_to="出生日期：1981年1月1日",
    )
    assert decided.decision == "corrected" and decided.decided_on == D[10]
    notice = _notice(request)
    assert "政府信息更正申请处理告知书" in notice
    assert "更正〔2025〕0001号" in notice
    assert "第四十一条" in notice and "已予以更正" in notice and "1981年1月1日" in notice
    letter = Letter.objects.get(correction_request=request)
    assert letter.application is None and letter.issued_on == D[10]
    event = CorrectionEvent.objects.filter(request=request).last()
    assert event is not None and event.action == CorrectionStep.DECIDE.value
    assert event.data == {"decision": "corrected", "letter": letter.pk}
    assert event.actor == staff[Role.HANDLER]


def test_not_verified_needs_reasons(staff: Staff) -> None:
    request = _registered(staff)
    with pytest.raises(GuardFailed, match="理由"):
        decide_correction(staff[Role.HANDLER], request.pk, on=D[10], decision="not_verified")
    decide_correction(
        staff[Role.HANDLER],
        request.pk,
        on=D[10],
        decision="not_verified",
        reasons="经核对原始档案，出生日期记载与户籍登记一致",
    )
    notice = _notice(request)
    assert "不予更正" in notice and "经核对原始档案" in notice


@pytest.mark.parametrize(
    ("decision", "words"),
    [
        ("forwarded", "已将您的更正申请转送某市民政局处理"),
        ("referred", "请您向有权更正的行政机关某市民政局提出"),
    ],
)
def test_forwarded_and_referred_name_the_competent_agency(
    staff: Staff, decision: str, words: str
) -> None:
    request = _registered(staff)
    with pytest.raises(GuardFailed, match="有权更正的行政机关"):
        decide_correction(staff[Role.HANDLER], request.pk, on=D[10], decision=decision)
    assert not Letter.objects.exists() and CorrectionEvent.objects.count() == 1
    decide_correction(
        staff[Role.HANDLER],
        request.pk,
        on=D[10],
        decision=decision,
        competent_agency="某市民政局",
    )
    notice = _notice(request)
    assert words in notice and "第四十一条" in notice
    event = CorrectionEvent.objects.filter(request=request).last()
    assert event is not None and event.data["competent_agency"] == "某市民政局"


def test_a_decision_is_taken_once_by_the_roles_that_decide(staff: Staff) -> None:
    request = _registered(staff)
    with pytest.raises(PermissionDenied, match="承办、审核、负责人"):
        decide_correction(
            staff[Role.REGISTRAR],
            request.pk,
            on=D[10],
            decision="referred",
            competent_agency="某局",
        )
    with pytest.raises(GuardFailed, match="不能早于"):
        decide_correction(
            staff[Role.HANDLER],
            request.pk,
            on=date(2025, 3, 1),
            decision="referred",
            competent_agency="某局",
        )
    decide_correction(
        staff[Role.REVIEWER], request.pk, on=D[10], decision="referred", competent_agency="某局"
    )
    with pytest.raises(GuardFailed, match="已作出决定"):
        decide_correction(
            staff[Role.HANDLER], request.pk, on=D[11], decision="referred", competent_agency="某局"
        )
    assert Letter.objects.filter(correction_request=request).count() == 1


def test_trail_is_append_only_and_in_the_one_audit_view(staff: Staff) -> None:
    request = _registered(staff)
    event = CorrectionEvent.objects.get(request=request)
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    entries = [e for e in audit_entries([staff.agency.pk]) if e.trail == "更正申请办理记录"]
    assert [e.subject for e in entries] == ["更正申请 2025-0001"]
    assert entries[0].action == "登记更正申请"


def test_pages_register_decide_and_show_the_notice(staff: Staff) -> None:
    client = logged_in("registrar")
    assert "更正申请" in client.get("/applications/").content.decode()  # staff navigation
    response = client.post(
        "/applications/corrections/new/",
        {"agency": staff.agency.pk, "arrived_on": "2025-03-03", **FACTS},
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    request = CorrectionRequest.objects.get()
    listing = client.get("/applications/corrections/").content.decode()
    assert "2025-0001" in listing and "李某某" in listing
    page = client.get(f"/applications/corrections/{request.pk}/").content.decode()
    assert "作出更正决定" not in page  # the registrar does not decide
    handler = logged_in("handler")
    url = f"/applications/corrections/{request.pk}/decide/"
    refused = handler.post(url, {"on": "2025-03-10", "decision": "forwarded"})
    assert refused.status_code == 400
    assert "有权更正的行政机关" in refused.content.decode()
    done = handler.post(
        url, {"on": "2025-03-10", "decision": "forwarded", "competent_agency": "某市民政局"}
    )
    assert done.status_code == 302
    letter = Letter.objects.get(correction_request=request)
    preview = handler.get(f"/applications/letters/{letter.pk}/").content.decode()
    assert "政府信息更正申请处理告知书" in preview and "第四十一条" in preview
    download = handler.get(f"/applications/letters/{letter.pk}/docx/")
    assert download.status_code == 200 and download["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_another_agency_gets_404(staff: Staff) -> None:
    request = _registered(staff)
    decide_correction(
        staff[Role.HANDLER], request.pk, on=D[10], decision="referred", competent_agency="某局"
    )
    letter = Letter.objects.get(correction_request=request)
    other_staff = make_staff("另一县公安局", prefix="other-")
    other = logged_in("other-handler")
    for url in (
        f"/applications/corrections/{request.pk}/",
        f"/applications/letters/{letter.pk}/",
        f"/applications/letters/{letter.pk}/pdf/",
    ):
        assert other.get(url).status_code == 404, url
    response = other.post(
        f"/applications/corrections/{request.pk}/decide/",
        {"on": "2025-03-10", "decision": "referred", "competent_agency": "某局"},
    )
    assert response.status_code == 404
    assert "李某某" not in other.get("/applications/corrections/").content.decode()
    with pytest.raises(PermissionDenied):  # nor registers one for A
        register_correction(other_staff[Role.REGISTRAR], staff.agency, arrived_on=MON, **FACTS)
