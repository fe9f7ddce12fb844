"""Round trip for the demo agency: gongkai's own readers read the HTML, DOCX and PDF it
publishes back to exactly the data they were made from (tables, title, sections)."""

from __future__ import annotations

import logging
from unicodedata import normalize

import pytest
from django.utils import timezone

from gongkai.core.parsing.read import read_report
from gongkai.core.report import jsonio
from gongkai.core.report.model import AnnualReport
from gongkai.core.reporting.formats import available_formats, render
from gongkai.web import demo
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.builder import assemble
from gongkai.web.reports.models import ReportDraft, ReportVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_bureau() -> Agency:
    logging.getLogger("gongkai.notices").setLevel(logging.WARNING)
    demo.load_demo(count=16)
    return Agency.objects.get(name=demo.BUREAU)


def assert_same_data(read: AnnualReport, made: AnnualReport, fmt: str) -> None:
    assert read.year == made.year, fmt
    assert read.agency == made.agency, fmt
    assert read.table2 == made.table2, fmt
    assert read.table3 == made.table3, fmt
    assert read.table4 == made.table4, fmt
    assert read.publication_date == made.publication_date, fmt
    # The readers normalise text (NFKC: full-width punctuation) and keep the signature
    # (agency, date) under the last section; the words are otherwise the same.
    signature = {made.agency, f"{made.publication_date:%Y年%-m月%-d日}"}
    made_texts = {s.key: normalize("NFKC", s.text) for s in made.sections}
    read_texts = {
        s.key: "\n".join(line for line in s.text.split("\n") if line not in signature)
        for s in read.sections
    }
    if fmt == "pdf":  # a PDF has printed lines, not paragraphs: compare the words
        made_texts = {k: v.replace("\n", "") for k, v in made_texts.items()}
        read_texts = {k: v.replace("\n", "") for k, v in read_texts.items()}
    assert read_texts == made_texts, fmt


def test_demo_reports_read_back_exactly(demo_bureau: Agency) -> None:
    today = timezone.localdate()
    reports = [assemble(demo_bureau, today.year, on=today).report]
    # The demo publishes last year's report and leaves this year's a draft.
    published = ReportVersion.objects.get(agency=demo_bureau, year=today.year - 1)
    assert not ReportVersion.objects.filter(agency=demo_bureau, year=today.year).exists()
    assert ReportDraft.objects.filter(agency=demo_bureau, year=today.year).exists()
    reports.append(jsonio.loads(published.json_text))
    # This year's draft is checked against last year's published report.
    assert "第1版" in assemble(demo_bureau, today.year).previous_origin
    for made in reports:
        for fmt in ("html", "docx", "pdf"):
            if fmt not in available_formats():
                continue
            read = read_report(render(made, fmt), f"demo.{fmt}")
            assert_same_data(read, made, fmt)
