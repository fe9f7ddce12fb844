"""Plain-text reports opened in LibreOffice Writer as UTF-8 text, saved as DOCX and that
exported to PDF, as offices do: each file reads exactly like the text it was made from
(the same tables, provenance, metadata and findings), whatever the text's row layout: the
five real seeds (tab-separated rows, one tab-indented cell a line, `` |`` cells closed by
``||``), and the first seed written in every layout ``render_text`` knows (markdown pipes,
one cell a line without separators, labels run into their figures…)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.sources import SOFFICE, libreoffice_text
from gongkai.core.parsing.read import read_report, report_from_text
from gongkai.core.rendering.text import LAYOUTS, render_text
from gongkai.core.report.jsonio import report_to_json

SEEDS = sorted((Path(__file__).parents[2] / "fixtures" / "seeds").glob("0*.txt"))
NAMES = [path.name[:3] for path in SEEDS] + [f"000-{layout}" for layout in LAYOUTS]
_SAME = (
    "agency",
    "year",
    "title",
    "period",
    "publication_date",
    "contact",
    "table2",
    "table3",
    "table4",
    "provenance",
    "inferred",
)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    seeds = [path.read_text("utf-8") for path in SEEDS]
    first = report_from_text(seeds[0])
    return seeds + [render_text(first, layout) for layout in LAYOUTS]


@pytest.fixture(scope="module")
def converted(texts: list[str]) -> dict[str, list[bytes]]:
    """Each text as LibreOffice makes it, converted once for the module (one batch a format:
    each start of LibreOffice costs seconds)."""
    if not Path(SOFFICE).exists():
        pytest.fail("LibreOffice is not installed: apt-get install -y libreoffice-writer")
    return {fmt: libreoffice_text(texts, fmt) for fmt in ("docx", "pdf")}


def _reading(report: Any) -> dict[str, Any]:
    data = report_to_json(report)
    found = {(f["rule"], tuple(f.get("where", [])), f["message"]) for f in data["findings"]}
    sections = [(s["number"], s["key"], s["title"]) for s in data["sections"]]
    return {**{key: data.get(key) for key in _SAME}, "findings": found, "sections": sections}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_converted_text_reads_like_the_text(
    texts: list[str], converted: dict[str, list[bytes]], fmt: str, index: int
) -> None:
    expected = _reading(report_from_text(texts[index], f"{NAMES[index]}.txt"))
    report = read_report(converted[fmt][index], f"{NAMES[index]}.{fmt}")
    assert report.source["format"] == fmt
    got = _reading(report)
    for key in (*_SAME, "sections"):
        assert got[key] == expected[key], key
    assert got["findings"] == expected["findings"]
