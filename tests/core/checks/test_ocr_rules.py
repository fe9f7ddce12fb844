"""OCR-LOW-CONFIDENCE and OCR-CORRECTION: doubtful cells are reported, and a one-digit
correction is proposed only when it alone makes every equation hold; values never change."""

from __future__ import annotations

import copy

import pytest

from bench.corpus import seed_reports
from gongkai.core.checks.engine import check_report
from gongkai.core.checks.ocr_rules import one_digit_variants
from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.interpret import interpret
from gongkai.core.parsing.ocr_reader import mark_low_confidence
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Finding


@pytest.fixture(scope="module")
def base() -> AnnualReport:
    report = seed_reports()[4]  # 表四 复议: 6 + 0 + 1 + 4 = 11
    assert report.table4["review_total"] == 11
    return report


def _checked(report: AnnualReport, low: dict[str, float]) -> AnnualReport:
    report = copy.deepcopy(report)
    report.source["low_confidence"] = low
    return check_report(report)


def _rule(report: AnnualReport, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def test_one_digit_variants() -> None:
    assert sorted(one_digit_variants(7)) == [0, 1, 2, 3, 4, 5, 6, 8, 9]
    variants = set(one_digit_variants(18))
    assert {13, 10, 28, 98} <= variants
    assert 8 not in variants and 18 not in variants  # no leading zero, no change
    assert len(variants) == 17


def test_low_confidence_cells_are_reported_with_their_score(base: AnnualReport) -> None:
    report = _checked(base, {"table4.review_other": 0.71})
    (finding,) = _rule(report, "OCR-LOW-CONFIDENCE")
    assert finding.where == ["table4.review_other"]
    assert "0.71" in finding.message and "「1」" in finding.message
    assert _rule(report, "OCR-CORRECTION") == []  # the tables add up: nothing to correct


def test_a_misread_digit_gets_a_proposed_correction_and_keeps_its_value(
    base: AnnualReport,
) -> None:
    report = copy.deepcopy(base)
    report.table4["review_total"] = 17  # the scan's "11" read as "17"
    report = _checked(report, {"table4.review_total": 0.58})
    (finding,) = _rule(report, "OCR-CORRECTION")
    assert finding.suggestion == {"path": "table4.review_total", "from": 17, "to": 11}
    assert "未作改动" in finding.message
    assert report.table4["review_total"] == 17
    assert [f.rule for f in report.errors()].count("T4-BLOCK-TOTAL") == 1


def test_no_correction_when_the_doubtful_cell_is_outside_the_failure(
    base: AnnualReport,
) -> None:
    report = copy.deepcopy(base)
    report.table4["review_total"] = 17  # read confidently: only the 行政诉讼 cell is doubtful
    report = _checked(report, {"table4.suit_direct_upheld": 0.6})
    assert _rule(report, "OCR-CORRECTION") == []


def test_no_correction_when_another_equation_also_fails(base: AnnualReport) -> None:
    report = copy.deepcopy(base)
    report.table4["review_total"] = 17
    report.table4["suit_direct_total"] = 9  # 5 + 0 + 1 + 2 = 8: a second, unrelated failure
    report = _checked(report, {"table4.review_total": 0.58})
    assert _rule(report, "OCR-CORRECTION") == []


def test_several_possible_corrections_are_listed_not_chosen(base: AnnualReport) -> None:
    report = copy.deepcopy(base)
    report.table4["review_upheld"] = 8  # 8 + 0 + 1 + 4 = 13 ≠ 11
    report = _checked(report, {"table4.review_upheld": 0.6, "table4.review_total": 0.7})
    (finding,) = _rule(report, "OCR-CORRECTION")
    assert finding.suggestion is not None
    candidates = finding.suggestion["candidates"]
    assert {"path": "table4.review_upheld", "from": 8, "to": 6} in candidates
    assert {"path": "table4.review_total", "from": 11, "to": 13} in candidates
    assert report.table4["review_upheld"] == 8


def test_table3_correction_must_satisfy_row_column_and_balance(base: AnnualReport) -> None:
    report = copy.deepcopy(base)
    row = report.table3["granted"]
    assert row is not None and row["natural_person"] == 0
    # A "0" read as "8" breaks the row total, the results column and the balance at once.
    row["natural_person"] = 8
    report = _checked(report, {"table3.granted.natural_person": 0.52})
    (finding,) = _rule(report, "OCR-CORRECTION")
    assert finding.suggestion == {"path": "table3.granted.natural_person", "from": 8, "to": 0}


def test_reports_without_ocr_get_no_ocr_findings(base: AnnualReport) -> None:
    report = check_report(copy.deepcopy(base))
    assert not [f for f in report.findings if f.rule.startswith("OCR-")]


def test_from_ocr_cells_to_proposed_correction() -> None:
    """The path a scan takes: cells with confidences → interpret → marks → checks."""
    rows: list[list[Cell] | str] = ["四、政府信息公开行政复议、行政诉讼情况"]
    rows.append([Cell(L.T4_LEAF_LABELS[k]) for k in (*L.T4_LEAVES, "total")] * 3)
    printed = ["1", "0", "0", "0", "1", "7", "0", "0", "0", "2", "0", "0", "0", "0", "0"]
    rows.append([Cell(t, confidence=0.61 if i == 5 else 0.99) for i, t in enumerate(printed)])
    doc = SourceDocument.from_rows(rows, "image")
    report = check_report(mark_low_confidence(interpret(doc), doc))
    assert report.source["low_confidence"] == {"table4.suit_direct_upheld": 0.61}
    (finding,) = _rule(report, "OCR-CORRECTION")
    assert finding.suggestion == {"path": "table4.suit_direct_upheld", "from": 7, "to": 2}
    assert finding.line == 3
    assert report.table4["suit_direct_upheld"] == 7
