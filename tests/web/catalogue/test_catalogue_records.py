"""Normative documents, business-figure imports and table2_for: 表二 from the records."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.db import connection
from openpyxl import Workbook
from web_builders import Staff

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.catalogue.normative import DocumentKind
from gongkai.core.report import labels as L
from gongkai.core.report.model import empty_table2
from gongkai.web.applications.transitions import GuardFailed
from gongkai.web.catalogue import records
from gongkai.web.catalogue.models import BusinessImport, CatalogueAudit
from gongkai.web.catalogue.statistics import catalogue_figures, table2_for

pytestmark = pytest.mark.django_db

HEADER = "年度,类别,处理决定数量,收费金额（元）,来源系统\n"


def issue(staff: Staff, number: str, on: date, kind: DocumentKind = DocumentKind.NORMATIVE):
    return records.issue_document(
        staff[Role.HANDLER], staff.agency, kind=kind, title=f"文件{number}",
        document_number=number, issued_on=on,
    )  # fmt: skip


def imported(staff: Staff, text: str, year: int = 2025, name: str = "figures.csv") -> None:
    batch, check = records.stage_import(
        staff[Role.HANDLER], staff.agency, year=year, filename=name, data=text.encode("utf-8")
    )
    assert batch is not None, [str(e) for e in check.errors]
    records.commit_import(staff[Role.HANDLER], batch.pk)


def test_table2_for_has_the_report_shape_and_counts_the_life_cycle(staff: Staff) -> None:
    old = issue(staff, "清公规〔2023〕1号", date(2023, 5, 1))
    issue(staff, "清公规〔2025〕1号", date(2025, 2, 1))
    issue(staff, "清公规〔2025〕2号", date(2025, 6, 1))
    records.repeal_document(
        staff[Role.REVIEWER], old.pk, on=date(2025, 7, 1), note="清公〔2025〕9号废止"
    )
    table = table2_for(staff.agency, 2025)
    assert set(table) == set(empty_table2()) == {r.key for r in L.T2_ROWS}
    assert table["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert table["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert table["administrative_license"] is None  # never imported: blank, not 0
    assert table2_for(staff.agency.pk, 2024)["normative_documents"] == {
        "issued": 0, "repealed": 0, "in_force": 1,
    }  # fmt: skip


def test_repeal_and_amend_are_guarded_and_audited(staff: Staff) -> None:
    doc = issue(staff, "清公规〔2024〕3号", date(2024, 3, 1))
    with pytest.raises(GuardFailed, match="早于制发日期"):
        records.repeal_document(staff[Role.HANDLER], doc.pk, on=date(2024, 1, 1), note="x")
    records.amend_document(staff[Role.HANDLER], doc.pk, on=date(2024, 9, 1), note="修订第三条")
    records.repeal_document(staff[Role.HANDLER], doc.pk, on=date(2025, 1, 2), note="废止")
    with pytest.raises(GuardFailed, match="已于2025-01-02废止"):
        records.repeal_document(staff[Role.HANDLER], doc.pk, on=date(2025, 1, 3), note="再废止")
    with pytest.raises(GuardFailed, match="已登记"):
        issue(staff, "清公规〔2024〕3号", date(2024, 3, 1))
    with pytest.raises(PermissionDenied):
        records.amend_document(staff[Role.REGISTRAR], doc.pk, on=date(2024, 9, 1), note="x")
    actions = list(
        CatalogueAudit.objects.filter(subject_id=doc.pk).values_list("action", flat=True)
    )
    assert actions == ["制发", "修订", "废止"]


def test_import_fills_table2_and_a_later_file_replaces_only_its_kinds(staff: Staff) -> None:
    imported(
        staff,
        HEADER
        + "2025,行政许可,9000,,户籍系统\n2025,行政许可,375,,出入境系统\n"
        + "2025,行政处罚,1236,,执法办案系统\n2025,行政强制,382,,\n"
        + "2025,行政事业性收费,,642623.40,非税收入系统\n",
    )
    table = table2_for(staff.agency, 2025)
    assert table["administrative_license"] == 9375
    assert table["administrative_penalty"] == 1236 and table["administrative_coercion"] == 382
    assert table["administrative_fees"] == "64.2623"
    imported(staff, HEADER + "2025,行政处罚,1240,,执法办案系统（更正）\n", name="fix.csv")
    table = table2_for(staff.agency, 2025)
    assert table["administrative_penalty"] == 1240 and table["administrative_license"] == 9375
    assert table2_for(staff.agency, 2024)["administrative_penalty"] is None


def test_uncommitted_upload_changes_nothing_and_commits_once(staff: Staff) -> None:
    batch, check = records.stage_import(
        staff[Role.HANDLER], staff.agency, year=2025, filename="a.csv",
        data=(HEADER + "2025,行政许可,5,,\n").encode(),
    )  # fmt: skip
    assert batch is not None and check.ok
    assert table2_for(staff.agency, 2025)["administrative_license"] is None
    records.commit_import(staff[Role.HANDLER], batch.pk)
    with pytest.raises(GuardFailed, match="不能重复确认"):
        records.commit_import(staff[Role.HANDLER], batch.pk)
    with pytest.raises(PermissionDenied):
        records.stage_import(
            staff[Role.REVIEWER], staff.agency, year=2025, filename="a.csv", data=b""
        )


def test_bad_files_report_every_problem_by_row_and_column(staff: Staff) -> None:
    text = "年度,类别,处理决定数量,收费金额(元),颜色\n"  # half-width brackets are fine, 颜色 is not
    batch, check = records.stage_import(
        staff[Role.HANDLER], staff.agency, year=2025, filename="a.csv", data=text.encode()
    )
    assert batch is None and str(check.errors[0]).startswith("表头“颜色”列")
    bad = (
        HEADER
        + "2025,行政许可,abc,,\n"
        + "2025,行政处罚,-3,,\n"
        + "2024,行政强制,1,,\n"
        + "2025,行政许可,4,,\n2025,行政许可,5,,\n"
        + "2025,行政事业性收费,,12.345,\n"
    )
    batch, check = records.stage_import(
        staff[Role.HANDLER], staff.agency, year=2025, filename="b.csv", data=bad.encode("gb18030")
    )
    messages = [str(e) for e in check.errors]
    assert batch is None and BusinessImport.objects.count() == 0
    assert "第2行“处理决定数量”列：“abc”不是整数" in messages
    assert any(m.startswith("第3行") and "负数" in m for m in messages)
    assert any(m.startswith("第4行“年度”列") and "2024" in m for m in messages)
    assert any(m.startswith("第6行") and "与第5行重复" in m for m in messages)
    assert any(m.startswith("第7行“收费金额（元）”列") and "两位小数" in m for m in messages)


def test_xlsx_upload(staff: Staff) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["年度", "类别", "处理决定数量", "收费金额（元）"])
    sheet.append([2025, "行政处罚", 12, None])
    sheet.append([2025, "行政事业性收费", None, 1500.5])
    buffer = io.BytesIO()
    book.save(buffer)
    batch, check = records.stage_import(
        staff[Role.HANDLER], staff.agency, year=2025, filename="数据.xlsx", data=buffer.getvalue()
    )
    assert batch is not None, [str(e) for e in check.errors]
    records.commit_import(staff[Role.HANDLER], batch.pk)
    table = table2_for(staff.agency, 2025)
    assert table["administrative_penalty"] == 12 and table["administrative_fees"] == "0.1501"


def test_new_media_and_catalogue_figures(staff: Staff) -> None:
    from builders_catalogue import published

    account = records.save_account(
        staff[Role.HANDLER], staff.agency,
        {"platform": "wechat", "name": "清河公安", "operator": "县公安局政治处", "state": "active"},
    )  # fmt: skip
    records.set_posts(staff[Role.HANDLER], account.pk, year=2025, posts=320)
    records.set_posts(staff[Role.HANDLER], account.pk, year=2025, posts=321)  # corrected
    with pytest.raises(GuardFailed, match="同名账号"):
        records.save_account(
            staff[Role.HANDLER], staff.agency,
            {"platform": "wechat", "name": "清河公安", "operator": "x"},
        )  # fmt: skip
    published(staff, channels=("website", "new_media"))
    figures = catalogue_figures(staff.agency, 2025)
    assert figures["published_total"] == 1
    assert figures["published_by_channel"] == {"政府网站": 1, "政务新媒体": 1}
    assert figures["new_media_posts_by_platform"] == {"微信公众号": 321}
    assert figures["secrecy_reviews"] == 1 and figures["review_steps"] == 4
    assert any("政务新媒体账号1个" in s for s in figures["sentences"])
    assert connection.vendor in ("sqlite", "postgresql")


def test_guide_is_saved_with_audit(staff: Staff) -> None:
    guide = records.save_guide(staff[Role.OFFICE_HEAD], staff.agency, {"fees": "不收费。"})
    assert guide.fees == "不收费。"
    with pytest.raises(PermissionDenied):
        records.save_guide(staff[Role.HANDLER], staff.agency, {"fees": "x"})
    with pytest.raises(GuardFailed, match="未知的指南栏目"):
        records.save_guide(staff[Role.OFFICE_HEAD], staff.agency, {"colour": "x"})


def test_catalogue_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.core.errors import GongkaiError
    from gongkai.web.catalogue.config import catalogue_rules

    monkeypatch.setenv("GONGKAI_CATALOGUE", '{"fee_decimals": 2}')
    assert catalogue_rules().fee_decimals == 2
    monkeypatch.setenv("GONGKAI_CATALOGUE", "{not json")
    with pytest.raises(GongkaiError, match="不是有效的 JSON"):
        catalogue_rules()
    monkeypatch.setenv("GONGKAI_CATALOGUE", '{"colour": 1}')
    with pytest.raises(GongkaiError, match="未知的主动公开设置：colour"):
        catalogue_rules()
