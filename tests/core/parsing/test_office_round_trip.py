"""Round trip: each seed report, turned into DOCX and PDF the way an office does it
(LibreOffice: HTML → DOCX → PDF), reads back to the same data."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import seed_reports
from bench.sources import SOFFICE, make
from gongkai.core.parsing.read import read_report
from gongkai.core.report.model import AnnualReport


@pytest.fixture(scope="module")
def seeds() -> list[AnnualReport]:
    if not Path(SOFFICE).exists():
        pytest.fail("LibreOffice is not installed: apt-get install -y libreoffice-writer")
    return seed_reports()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seeds_read_back_from_libreoffice_files(seeds: list[AnnualReport], fmt: str) -> None:
    for seed, data in zip(seeds, make(seeds, fmt, "libreoffice"), strict=True):
        got = read_report(data, f"seed.{fmt}")
        assert got.source["format"] == fmt
        assert (got.agency, got.year) == (seed.agency, seed.year)
        assert got.table2 == seed.table2
        assert got.table3 == seed.table3
        assert got.table4 == seed.table4
        # nothing beyond what the seed itself is found to lack (its own blanks and gaps)
        assert not {f.rule for f in got.errors()} - {f.rule for f in seed.errors()}
