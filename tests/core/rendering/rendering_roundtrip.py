"""Shared by the renderer tests: the reports to render, and what "reads back the same" means."""

from __future__ import annotations

from pathlib import Path

from gongkai.core.parsing.read import report_from_text
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"
SEEDS = sorted(SEED_DIR.glob("0*.txt"))
TEMPLATE = (
    Path(__file__).parents[2] / "fixtures" / "documents" / "official-format-blank-template.docx"
)

TEXT_2019 = (Path(__file__).parent / "report_2019.txt").read_text("utf-8")


def seed(path: Path) -> AnnualReport:
    return report_from_text(path.read_text("utf-8"), path.name)


def report_2019() -> AnnualReport:
    report = report_from_text(TEXT_2019)
    assert report.format == L.FORMAT_2019 and not report.errors()
    return report


def assert_same_report(
    again: AnnualReport, original: AnnualReport, source: str, *, spaced_contact: bool = False
) -> None:
    """The tables cell for cell and the report's particulars, as a reader finds them.

    ``spaced_contact``: LibreOffice sets a gap between Chinese and digits ("东路 2006 号")
    that a PDF text layer cannot tell from a space, so the contact is compared without
    spaces for its PDFs.
    """
    assert again.source["format"] == source
    assert again.format == original.format
    assert again.table2 == original.table2
    for row in original.t3_rows:
        assert again.table3.get(row) == original.table3.get(row), row
    assert again.table3 == original.table3
    assert again.table4 == original.table4
    particulars = ("agency", "year", "title", "publication_date", "period")
    for name in particulars:
        assert getattr(again, name) == getattr(original, name), name
    if spaced_contact:
        unspaced = {k: v.replace(" ", "") for k, v in original.contact.to_json().items()}
        assert {k: v.replace(" ", "") for k, v in again.contact.to_json().items()} == unspaced
    else:
        assert again.contact == original.contact
    assert [s.key for s in again.sections] == list(L.SECTION_KEYS)
