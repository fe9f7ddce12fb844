"""Reports with holes: omitted rows stay omitted, blanks stay blank (or are inferred by the
reader, and said so), and an empty report still renders in every format."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai.core.parsing.read import read_report
from gongkai.core.rendering.docx import render_docx
from gongkai.core.rendering.html import render_html
from gongkai.core.rendering.layout import table3_layout
from gongkai.core.rendering.pdf import render_pdf
from gongkai.core.rendering.xlsx import render_xlsx
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState
from tests.builders import consistent_report

RENDERERS: dict[str, Callable[[AnnualReport], str | bytes]] = {
    "html": render_html,
    "docx": render_docx,
    "pdf": render_pdf,
}


def _with_holes() -> AnnualReport:
    report = consistent_report()
    for row in ("denied_state_secret", "unable_not_held", "other_other"):
        report.table3[row] = None
        report.provenance[f"table3.{row}"] = CellState.ROW_MISSING
    report.table2["administrative_license"] = None
    report.provenance["table2.administrative_license"] = CellState.ROW_MISSING
    report.table3["granted"]["natural_person"] = None  # blank; the row's total fixes it
    report.table4["review_total"] = None  # blank; the leaves fix it
    return report


@pytest.mark.parametrize("kind", list(RENDERERS))
def test_omitted_rows_stay_omitted_and_blanks_are_inferred_openly(kind: str) -> None:
    original = _with_holes()
    data = RENDERERS[kind](original)
    again = read_report(data.encode("utf-8") if isinstance(data, str) else data)
    for path in (
        "table3.denied_state_secret",
        "table3.other_other",
        "table2.administrative_license",
    ):
        assert again.provenance[path] == CellState.ROW_MISSING
        assert again.get(path) is None
    assert again.table4["review_total"] == 0
    assert "table4.review_total" in again.inferred
    # Printed blank, determined by the row's 总计 — in a PDF too: its tables are read from
    # their ruling lines as grids, where an empty cell after a row label is a cell.
    assert again.table3["granted"]["natural_person"] == 3
    assert "table3.granted.natural_person" in again.inferred
    for row in original.t3_rows:
        if row != "granted":
            assert again.table3[row] == original.table3[row], row


def test_group_labels_span_only_the_rows_present() -> None:
    layout = table3_layout(_with_holes())
    spans = {s.text: s.rowspan for row in layout.rows for s in row if s.rowspan > 1}
    assert spans["三、本年度办理结果"] == len(L.T3_OUTCOME_ROWS) + 1 - 3
    assert spans["（三）不予公开"] == 7 and spans["（四）无法提供"] == 2
    assert spans["（六）其他处理"] == 2


@pytest.mark.parametrize("render", [render_html, render_docx, render_xlsx, render_pdf])
@pytest.mark.parametrize("fmt", [L.FORMAT_2021, L.FORMAT_2019])
def test_an_empty_report_still_renders(
    render: Callable[[AnnualReport], str | bytes], fmt: str
) -> None:
    assert render(AnnualReport(format=fmt))
