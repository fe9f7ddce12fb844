"""A real PDF with a text layer (淮安市人民政府 2024) reads cell for cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing.read import read_report

HUAIAN = Path(__file__).parents[2] / "fixtures" / "documents" / "huaian-2024-annual-report.pdf"


@pytest.fixture(scope="module")
def huaian():  # type: ignore[no-untyped-def]
    return read_report(HUAIAN.read_bytes(), HUAIAN.name)


def test_metadata(huaian) -> None:  # type: ignore[no-untyped-def]
    assert (huaian.agency, huaian.year, huaian.source["format"]) == ("淮安市人民政府", 2024, "pdf")


def test_table2(huaian) -> None:  # type: ignore[no-untyped-def]
    assert huaian.table2 == {
        "regulations": {"issued": 1, "repealed": 0, "in_force": 11},
        "normative_documents": {"issued": 8, "repealed": 26, "in_force": 66},
        "administrative_license": 447228,
        "administrative_penalty": 3985758,
        "administrative_coercion": 88283,
        "administrative_fees": "96171.6",
    }


@pytest.mark.parametrize(
    ("row", "values"),
    [
        ("new_received", [3001, 53, 0, 0, 61, 4, 3119]),
        ("carried_over", [34, 0, 0, 0, 0, 0, 34]),
        ("granted", [1288, 21, 0, 0, 50, 3, 1362]),
        ("partially_granted", [447, 7, 0, 0, 0, 0, 454]),
        ("denied_query_matter", [105, 0, 0, 0, 0, 0, 105]),
        # the label wraps over a page break: "（四）无" … "- 4 -" … "法提供"
        ("unable_not_held", [746, 12, 0, 0, 10, 1, 769]),
        ("unable_needs_creation", [11, 0, 0, 0, 0, 0, 11]),
        # the label wraps around its values: "5.要求行政机关确认或重新出" / values / "具已获取信息"
        ("not_processed_confirm_reissue", [1, 0, 0, 0, 0, 0, 1]),
        ("other_no_supplement", [67, 3, 0, 0, 1, 0, 71]),
        ("other_fee_unpaid", [6, 0, 0, 0, 0, 0, 6]),
        ("other_other", [108, 2, 0, 0, 0, 0, 110]),
        ("results_total", [2932, 53, 0, 0, 61, 4, 3050]),
        ("carried_forward", [103, 0, 0, 0, 0, 0, 103]),
    ],
)
def test_table3_rows(huaian, row: str, values: list[int]) -> None:  # type: ignore[no-untyped-def]
    assert list(huaian.table3[row].values()) == values


def test_table4(huaian) -> None:  # type: ignore[no-untyped-def]
    assert list(huaian.table4.values()) == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]


def test_no_findings(huaian) -> None:  # type: ignore[no-untyped-def]
    assert huaian.findings == []


def test_broken_and_image_only_pdfs_are_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="PDF"):
        read_report(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF")
