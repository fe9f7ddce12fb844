"""表三 printed in the other national format's shape: every row read, no false ROW-MISSING.

The 2019 format (国办公开办函〔2019〕60号) has one （六）其他处理 row where the 2021 format has
three. A report's format is its 表二's (and its year's); a 表三 printing the other shape is
read with the equations of the rows it prints, and T3-FORMAT-MIXED names the mix. In the
canonical JSON ``table3`` holds exactly the format's rows; the rows of the other shape are
kept beside it under ``table3_other_format_rows``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.core.parsing.read import read_report, report_from_text
from gongkai.core.rendering.html import render_html
from gongkai.core.report import labels as L
from gongkai.core.report.jsonio import report_from_json, report_to_json
from gongkai.core.report.model import AnnualReport, CellState
from tests.builders import consistent_report
from tests.core.parsing.test_format_2019 import TEXT_2019

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"
SEED_000 = (SEED_DIR / "000_460303fb8f890711.txt").read_text("utf-8")

TABLE2_2021 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t1\t15
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t5400
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t3100
行政强制\t25
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0
"""
SINGLE_ROW = "（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n"
THREE_ROWS = (
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    "\t1\t0\t0\t0\t0\t0\t1\n"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "3.其他\t0\t0\t0\t0\t0\t0\t0\n"
)


def _2021_with_single_row() -> str:
    """A 2022 report: 表二 in the 2021 format, 表三 with the 2019 single row."""
    start = TEXT_2019.index("二、主动公开")
    end = TEXT_2019.index("三、收到和处理")
    return (TEXT_2019[:start] + TABLE2_2021 + TEXT_2019[end:]).replace("2020", "2022")


def _2019_with_three_rows() -> str:
    assert SINGLE_ROW in TEXT_2019
    return TEXT_2019.replace(SINGLE_ROW, THREE_ROWS)


def _crawler(text: str) -> str:
    body = re.sub(r"[\s|]+", "", text)
    return (
        f"标题:{text.splitlines()[0]}\nURL:http://example.invalid/r.html\n==== 正文 ====\n{body}\n"
    )


def _rules(report: AnnualReport) -> list[str]:
    return [f.rule for f in report.findings]


@pytest.mark.parametrize("form", ["tabs", "crawler"])
def test_a_2021_report_with_the_2019_single_row(form: str) -> None:
    text = _2021_with_single_row()
    report = report_from_text(_crawler(text) if form == "crawler" else text)
    assert report.format == L.FORMAT_2021
    assert report.table3["other_processing"] == {
        **dict.fromkeys(L.T3_COLUMNS, 0),
        "natural_person": 1,
        "total": 1,
    }
    for row in L.T3_OTHER_ROWS_2021:
        assert report.table3[row] is None
        assert report.provenance[f"table3.{row}"] == CellState.ROW_MISSING
    assert report.table3["results_total"]["total"] == 4
    assert "ROW-MISSING" not in _rules(report)
    assert "PARSE-LABEL-ASSUMED" not in _rules(report)
    mixed = [f for f in report.findings if f.rule == "T3-FORMAT-MIXED"]
    assert len(mixed) == 1 and mixed[0].severity == "warning"
    assert "2021年格式" in mixed[0].message and "2019年格式" in mixed[0].message
    assert mixed[0].line is not None
    # (crawler text glues 表二's "2 1 15" into "2115", which no arithmetic splits: flagged)
    assert not [f for f in report.errors() if f.rule != "VALUE-AMBIGUOUS" or "table3" in f.where[0]]


def test_the_canonical_json_keeps_table3_to_the_format_and_the_single_row_beside_it() -> None:
    report = report_from_text(_2021_with_single_row())
    data = report_to_json(report)
    assert set(data["table3"]) == set(L.T3_ROWS)
    assert data["table3"]["other_other"] is None
    assert data[L.T3_OTHER_FORMAT_KEY] == {"other_processing": report.table3["other_processing"]}
    assert report_from_json(data) == report  # validates against the schema too


def test_a_2019_report_with_the_three_2021_rows() -> None:
    report = report_from_text(_2019_with_three_rows())
    assert report.format == L.FORMAT_2019
    assert report.table3["other_no_supplement"]["total"] == 1
    assert report.table3["other_other"]["total"] == 0
    # the 2019 row is their sum, inferred (not printed) and named as such
    assert report.table3["other_processing"]["total"] == 1
    assert "table3.other_processing.total" in report.inferred
    assert "T3-FORMAT-MIXED" in _rules(report)
    assert "ROW-MISSING" not in _rules(report)
    assert not report.errors()
    data = report_to_json(report)
    assert set(data["table3"]) == set(L.T3_ROWS_2019)
    assert set(data[L.T3_OTHER_FORMAT_KEY]) == set(L.T3_OTHER_ROWS_2021)
    assert report_from_json(data) == report


def test_a_real_2021_report_with_its_other_rows_printed_as_one() -> None:
    rows = re.compile(r"\t\(六\) 其他处理\t1\.申请人.*?\n.*?\n\t\t3\.其他[^\n]*\n", re.S)
    text, n = rows.subn("\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\n", SEED_000)
    assert n == 1
    report = report_from_text(text)
    clean = report_from_text(SEED_000)
    assert report.table3["other_processing"] == dict.fromkeys(L.T3_COLUMNS, 0)
    for row in L.T3_ROWS:
        if row not in L.T3_OTHER_ROWS_2021:
            assert report.table3[row] == clean.table3[row], row
    assert "T3-FORMAT-MIXED" in _rules(report)
    assert [r for r in _rules(report) if r != "T3-FORMAT-MIXED"] == _rules(clean)


def test_the_single_row_is_checked_with_the_equations_it_belongs_to() -> None:
    text = _2021_with_single_row().replace(SINGLE_ROW, "（六）其他处理\t2\t0\t0\t0\t0\t0\t2\n")
    report = report_from_text(text)
    results = [f for f in report.findings if f.rule == "T3-COL-RESULTS"]
    assert results and any("table3.other_processing.total" in f.where for f in results)


def test_reports_of_one_format_name_no_mix() -> None:
    assert "T3-FORMAT-MIXED" not in _rules(report_from_text(TEXT_2019))
    assert "PARSE-LABEL-ASSUMED" not in _rules(report_from_text(TEXT_2019))
    for seed in sorted(SEED_DIR.glob("0*.txt")):
        rules = _rules(report_from_text(seed.read_text("utf-8")))
        assert "T3-FORMAT-MIXED" not in rules and "PARSE-LABEL-ASSUMED" not in rules


def test_json_with_a_malformed_other_format_key_is_refused() -> None:
    data = report_to_json(report_from_text(_2021_with_single_row()))
    data[L.T3_OTHER_FORMAT_KEY] = {"granted": dict.fromkeys(L.T3_COLUMNS, 0)}
    with pytest.raises(Exception, match="table3_other_format_rows"):
        report_from_json(data)


def _table2_spans(html: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in re.finditer(r"<table.*?</table>", html, re.S)]
    return [(s, e) for s, e in spans if not re.search("本年新收|行政复议", html[s:e])]


def test_a_mixed_report_as_an_html_grid() -> None:
    """The product's HTML of a 2019-format 表三 under a 2021 表二: merged cells, blank cells."""
    old = report_from_text(TEXT_2019.replace("2020", "2022"))
    new = consistent_report(year=2022)
    h19, h21 = render_html(old), render_html(new)

    a19, a21 = _table2_spans(h19), _table2_spans(h21)
    mixed = h19[: a19[0][0]] + "".join(h21[s:e] for s, e in a21) + h19[a19[-1][1] :]
    report = read_report(mixed.encode("utf-8"))
    assert report.format == L.FORMAT_2021
    assert report.table2 == new.table2
    assert report.table3["other_processing"] == old.table3["other_processing"]
    for row in L.T3_ROWS_2019:
        if row != "other_processing":
            assert report.table3[row] == old.table3[row], row
    assert _rules(report) == ["T3-FORMAT-MIXED"]


def test_a_blank_2019_single_row_in_a_grid_is_read_as_blank() -> None:
    """The single row is known by its exact words; its cells need not hold figures."""
    report = report_from_text(TEXT_2019)
    report.table3["other_processing"] = dict.fromkeys(L.T3_COLUMNS)
    got = read_report(render_html(report).encode("utf-8"))
    # printed blank, then determined by the table's arithmetic (one application: 1)
    assert got.provenance["table3.other_processing.total"] == CellState.BLANK
    assert got.table3["other_processing"]["total"] == 1
    assert "table3.other_processing.total" in got.inferred
    assert "ROW-MISSING" not in _rules(got)


def test_a_ruled_pdf_with_a_mixed_table3_and_a_misprinted_label() -> None:
    """As the WPS-made PDF of issue 11: a 2021 表二, the 2019 single row, one label misprinted.
    Printed by WeasyPrint with rulings, so the PDF reader reads its tables as grids."""
    from weasyprint import HTML

    from gongkai.core.rendering.html import html_page
    from gongkai.core.rendering.pdf import PRINT_STYLE

    old = report_from_text(TEXT_2019.replace("2020", "2022"))
    new = consistent_report(year=2022)
    h19, h21 = html_page(old, PRINT_STYLE), html_page(new, PRINT_STYLE)
    a19, a21 = _table2_spans(h19), _table2_spans(h21)
    mixed = h19[: a19[0][0]] + "".join(h21[s:e] for s, e in a21) + h19[a19[-1][1] :]
    mixed = mixed.replace("本机关不掌握相关政府信息", "本机关不掌握相关政府信", 1)
    report = read_report(HTML(string=mixed).write_pdf())
    assert report.format == L.FORMAT_2021
    for row in L.T3_ROWS_2019:
        assert report.table3[row] == old.table3[row], row
    assert sorted(_rules(report)) == ["PARSE-LABEL-ASSUMED", "T3-FORMAT-MIXED"]
