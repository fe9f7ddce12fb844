"""Layouts and text defects seen in the wild, read back to the same cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.parsing.read import report_from_text
from gongkai.core.rendering.text import LAYOUTS, render_text
from gongkai.core.report.model import AnnualReport, CellState

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"


def _seed(prefix: str) -> AnnualReport:
    path = next(SEED_DIR.glob(f"{prefix}_*.txt"))
    return report_from_text(path.read_text("utf-8"))


@pytest.mark.parametrize("layout", [x for x in LAYOUTS if x != "plain"])
@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_every_layout_reads_back_the_same_cells(prefix: str, layout: str) -> None:
    original = _seed(prefix)
    again = report_from_text(render_text(original, layout))
    assert again.table2 == original.table2
    assert again.table3 == original.table3
    assert again.table4 == original.table4
    assert (again.agency, again.year) == (original.agency, original.year)
    assert {f.rule for f in again.errors()} == {f.rule for f in original.errors()}


def test_run_together_digits_are_split_by_the_tables_arithmetic() -> None:
    original = _seed("004")  # 表四 6/0/1/4/11, 5/0/1/2/8, 1/0/0/0/1
    again = report_from_text(render_text(original, "plain"))
    assert again.table4 == original.table4
    assert again.table3 == original.table3


def test_an_ambiguous_split_is_reported_not_guessed() -> None:
    text = render_text(_seed("002"), "plain")
    assert "行政规范性文件6026" in text  # 6 / 0 / 26, or 60 / 2 / 6, or …
    again = report_from_text(text)
    assert again.table2["normative_documents"] == {
        "issued": None,
        "repealed": None,
        "in_force": None,
    }
    assert again.state("table2.normative_documents.issued") == CellState.AMBIGUOUS
    assert any(f.rule == "VALUE-AMBIGUOUS" for f in again.errors())
    # the crawler's 表三 rows are still split uniquely: each row's total is the sum
    assert again.table3["new_received"]["total"] == 19


def test_traditional_script_full_width_digits_and_thousands_separators() -> None:
    text = (SEED_DIR / "002_609754103a67afab.txt").read_text("utf-8")
    text = text.replace("335873 |", "335,873 |").replace("19 |", "１９ |")
    import opencc

    traditional = opencc.OpenCC("s2t").convert(text)
    assert "報告" in traditional
    report = report_from_text(traditional)
    assert report.agency == "莆田市公安局"
    assert report.table2["administrative_license"] == 335873
    assert report.table3["new_received"]["total"] == 19
    assert not report.errors()


def test_page_header_and_footer_inside_a_table_are_ignored() -> None:
    text = (SEED_DIR / "003_f723fcd44f42a3fe.txt").read_text("utf-8")
    broken = text.replace(
        "\t\t4.保护第三方合法权益",
        "- 3 -\n三门峡市陕州区公安局2023年政府信息公开工作年度报告\n第 4 页\n"
        "\t\t4.保护第三方合法权益",
    )
    assert broken != text
    report = report_from_text(broken)
    assert report.table3 == report_from_text(text).table3
    assert not report.errors()


def test_editor_artifacts_are_dropped() -> None:
    report = _seed("004")  # its 表四 has "[bookmark: _GoBack]8"
    assert report.table4["suit_direct_total"] == 8


def test_label_variants_are_accepted() -> None:
    report = _seed("001")  # "1. 本单位不掌握相关政府信息"
    assert report.table3["unable_not_held"]["natural_person"] == 6
    report = _seed("004")  # "2.申请人逾期未按通知要求缴纳费用…" (drops 收费)
    assert report.table3["other_fee_unpaid"] is not None
    assert "table3.other_fee_unpaid" not in report.provenance


def test_text_without_any_table_says_so() -> None:
    report = report_from_text("某县公安局2023年政府信息公开工作年度报告\n一、总体情况\n无。\n")
    rules = {f.rule for f in report.findings}
    assert "PARSE-TABLE-NOT-FOUND" in rules
    assert report.agency == "某县公安局" and report.year == 2023


def test_a_paragraph_keeps_the_spaces_before_its_figures_and_its_indent() -> None:
    from gongkai.core.parsing.text_reader import read_text

    lines = read_text("  0  0007\n总计 0  1**2**\n政府  信息\u3000 公开 \n").lines
    # the spaces before a figure may be empty cells: kept, as many as printed
    assert [(ln.text, ln.indent) for ln in lines] == [
        ("0  0007", 2),
        ("总计 0  12", 0),
        ("政府 信息 公开", 0),  # elsewhere a run of spaces is one, as in a cell
    ]
