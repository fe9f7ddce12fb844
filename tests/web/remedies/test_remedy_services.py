"""复议/诉讼 cases: filing, linking, results, edits, the trail, and 表四 from the database."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from web_builders import Staff, make_staff, registered

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.checks import run_checks
from gongkai.core.errors import GongkaiError
from gongkai.core.remedies.kinds import CaseKind, InvalidRemedyCase, ResultKind
from gongkai.core.report.model import AnnualReport, Severity
from gongkai.web.applications.models import AppendOnly
from gongkai.web.remedies import services
from gongkai.web.remedies.models import RemedyCase, RemedyEvent
from gongkai.web.remedies.statistics import table4_for

pytestmark = pytest.mark.django_db


def review(staff: Staff, filed: date, **kwargs: object) -> RemedyCase:
    values: dict[str, object] = {
        "kind": CaseKind.REVIEW,
        "filed_on": filed,
        "claimant": "周某",
        "forum": "测试县人民政府",
        "case_number": f"复{filed:%m%d}",
        "concerned_act": "不予公开答复",
    }
    values.update(kwargs)
    return services.file_case(staff[Role.REVIEWER], staff.agency, **values)  # type: ignore[arg-type]


def test_filing_links_the_application_and_writes_the_trail(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    case = review(staff, date(2025, 4, 1), application_id=app.pk, concerned_act="")
    assert case.application == app and case.kind == CaseKind.REVIEW
    event = RemedyEvent.objects.get(case=case)
    assert event.action == "file" and event.actor == staff[Role.REVIEWER]
    assert event.data == {"kind": "review", "application": app.number}
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"concerned_act": ""}, "请关联所涉申请，或写明"),
        ({"claimant": " "}, "请填写复议申请人或原告"),
        ({"forum": ""}, "请填写复议机关或受理法院"),
        ({"filed_on": date(2099, 1, 1)}, "不能晚于今天"),
        ({"kind": CaseKind.SUIT_AFTER_REVIEW}, "须关联此前的行政复议案件"),
    ],
)
def test_filing_guards(staff: Staff, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(GongkaiError, match=message):
        review(staff, date(2025, 4, 1), **kwargs)
    assert not RemedyCase.objects.exists() and not RemedyEvent.objects.exists()


def test_links_must_stay_within_the_agency_and_the_dates(staff: Staff) -> None:
    other = make_staff("另一县公安局", prefix="other-")
    foreign = registered(other, date(2025, 3, 3))
    with pytest.raises(GongkaiError, match="不是本机关的申请"):
        review(staff, date(2025, 4, 1), application_id=foreign.pk)
    app = registered(staff, date(2025, 3, 3))
    with pytest.raises(GongkaiError, match="不能早于申请送达日期"):
        review(staff, date(2025, 3, 1), application_id=app.pk)
    first = review(staff, date(2025, 4, 1), application_id=app.pk)
    with pytest.raises(GongkaiError, match="只有复议后起诉"):
        review(staff, date(2025, 4, 2), kind=CaseKind.SUIT_DIRECT, review_case_id=first.pk)
    suit_of_suit = review(staff, date(2025, 4, 2), kind=CaseKind.SUIT_DIRECT)
    with pytest.raises(GongkaiError, match="不是本机关的行政复议案件"):
        review(
            staff, date(2025, 4, 3), kind=CaseKind.SUIT_AFTER_REVIEW, review_case_id=suit_of_suit.pk
        )
    with pytest.raises(GongkaiError, match="不能早于行政复议申请日期"):
        review(staff, date(2025, 3, 20), kind=CaseKind.SUIT_AFTER_REVIEW, review_case_id=first.pk)
    suit = review(
        staff,
        date(2025, 6, 1),
        kind=CaseKind.SUIT_AFTER_REVIEW,
        review_case_id=first.pk,
        concerned_act="",
    )
    assert suit.application == app and suit.review_case == first


def test_who_may_file(staff: Staff) -> None:
    for role in (Role.REGISTRAR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied, match="登记复议、诉讼案件"):
            services.file_case(
                staff[role],
                staff.agency,
                kind=CaseKind.REVIEW,
                filed_on=date(2025, 4, 1),
                claimant="周某",
                forum="政府",
                concerned_act="x",
            )
    for role in (Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD):
        services.file_case(
            staff[role],
            staff.agency,
            kind=CaseKind.REVIEW,
            filed_on=date(2025, 4, 1),
            claimant="周某",
            forum="政府",
            concerned_act="x",
        )


def test_results_fit_the_kind_and_corrections_keep_the_old_result(staff: Staff) -> None:
    case = review(staff, date(2025, 4, 1))
    head = staff[Role.OFFICE_HEAD]
    with pytest.raises(GongkaiError, match="不是行政复议案件的结果"):
        services.record_result(
            head, case.pk, result=ResultKind.SUIT_WITHDRAWN, result_on=date(2025, 5, 1)
        )
    with pytest.raises(GongkaiError, match="不能早于2025年04月01日"):
        services.record_result(
            head, case.pk, result=ResultKind.REVIEW_UPHELD, result_on=date(2025, 3, 1)
        )
    services.record_result(
        head, case.pk, result=ResultKind.REVIEW_UPHELD, result_on=date(2025, 5, 1)
    )
    services.record_result(
        head, case.pk, result=ResultKind.REVIEW_REVOKED, result_on=date(2025, 5, 2), note="更正"
    )
    case.refresh_from_db()
    assert case.result == ResultKind.REVIEW_REVOKED and case.result_note == "更正"
    last = RemedyEvent.objects.filter(case=case).order_by("pk").last()
    assert last is not None
    assert last.data["previous"] == {"result": "review_upheld", "result_on": "2025-05-01"}


def test_details_edit_records_what_changed(staff: Staff) -> None:
    case = review(staff, date(2025, 4, 1))
    services.update_details(
        staff[Role.HANDLER], case.pk, on=date(2025, 4, 2), forum="某市人民政府", claimant="周某"
    )
    event = RemedyEvent.objects.filter(case=case, action="edit").get()
    assert event.data == {"changed": {"forum": ["测试县人民政府", "某市人民政府"]}}
    with pytest.raises(GongkaiError, match="没有修改任何内容"):
        services.update_details(
            staff[Role.HANDLER], case.pk, on=date(2025, 4, 2), forum="某市人民政府"
        )
    with pytest.raises(GongkaiError, match="须写明被申请复议"):
        services.update_details(staff[Role.HANDLER], case.pk, on=date(2025, 4, 2), concerned_act="")
    with pytest.raises(GongkaiError, match="不能在此修改"):
        services.update_details(staff[Role.HANDLER], case.pk, on=date(2025, 4, 2), kind="x")


def test_table4_for_an_agency_year_and_its_settings(staff: Staff) -> None:
    head = staff[Role.OFFICE_HEAD]
    upheld = review(staff, date(2025, 2, 1))
    services.record_result(
        head, upheld.pk, result=ResultKind.REVIEW_UPHELD, result_on=date(2025, 3, 1)
    )
    ended = review(staff, date(2025, 2, 2))
    services.record_result(
        head, ended.pk, result=ResultKind.REVIEW_TERMINATED, result_on=date(2025, 3, 1)
    )
    review(staff, date(2024, 12, 1))  # last year's, still pending
    suit = review(
        staff, date(2025, 5, 1), kind=CaseKind.SUIT_AFTER_REVIEW, review_case_id=upheld.pk
    )
    services.record_result(
        head, suit.pk, result=ResultKind.SUIT_ORDERED_PERFORMANCE, result_on=date(2026, 1, 5)
    )
    other = make_staff("另一县公安局", prefix="other-")
    review(other, date(2025, 2, 1))
    table = table4_for(staff.agency, 2025)
    assert (table["review_upheld"], table["review_other"], table["review_total"]) == (1, 1, 2)
    assert (table["suit_after_review_pending"], table["suit_after_review_total"]) == (1, 1)
    assert table["suit_direct_total"] == 0
    report = AnnualReport(agency=staff.agency.name, year=2025, table4=dict(table))
    assert not [
        f for f in run_checks(report) if f.severity is Severity.ERROR and f.rule.startswith("T4")
    ]
    with override_settings(
        GONGKAI_REMEDIES={
            "year_rule": "open_in_year",
            "result_columns": {"review_terminated": "upheld"},
        }
    ):
        table = table4_for(staff.agency, 2025)
        assert (table["review_upheld"], table["review_pending"], table["review_total"]) == (2, 1, 3)
    with (
        override_settings(GONGKAI_REMEDIES={"year": 2025}),
        pytest.raises(InvalidRemedyCase, match="未知的复议、诉讼统计设置"),
    ):
        table4_for(staff.agency, 2025)
